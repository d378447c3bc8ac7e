// Output targets checked before writing, and the one way Cordon writes a new file beside its target.
#include "geo/io/output_file.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <fstream>
#include <random>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

std::string lowerExtension(const fs::path& p) {
    std::string e = p.extension().string();
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

std::vector<std::string> extensionsOf(OutputKind kind) {
    switch (kind) {
    case OutputKind::Png: return {".png"};
    case OutputKind::Csv: return {".csv", ".txt"};
    case OutputKind::GeoJson: return {".geojson", ".json"};
    case OutputKind::Kml: return {".kml"};
    case OutputKind::GeoPackage: return {".gpkg"};
    case OutputKind::Xlsx: return {".xlsx"};
    }
    return {};
}

// Extensions that name a format: one of these on a file of another kind is a mistake.
bool isKnownExtension(const std::string& e) {
    static const std::array<const char*, 24> known = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf", ".svg", ".csv",
                                                      ".tsv", ".txt", ".geojson", ".json", ".kml", ".kmz", ".gpkg", ".sqlite",
                                                      ".db", ".shp", ".dbf", ".shx", ".xlsx", ".xls", ".zip", ".pbf"};
    return std::find(known.begin(), known.end(), e) != known.end();
}

enum class Found { Empty, Workspace, SqliteFile, Png, Zip, Json, Xml, Text, Binary };

bool isCordonWorkspace(const fs::path& p) {
    SqliteDb db;
    if (openSqlite(p.string(), SQLITE_OPEN_READONLY, db) != SQLITE_OK) return false;
    try {
        return tableExists(db.get(), "cordon_meta");
    } catch (const Error&) {
        return false;
    }
}

Found sniff(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::array<char, 512> head{};
    in.read(head.data(), head.size());
    const size_t n = static_cast<size_t>(in.gcount());
    std::string_view b(head.data(), n);
    if (n == 0) return Found::Empty;
    if (b.substr(0, 16) == std::string_view("SQLite format 3\0", 16)) return isCordonWorkspace(p) ? Found::Workspace : Found::SqliteFile;
    if (b.substr(0, 8) == "\x89PNG\r\n\x1a\n") return Found::Png;
    if (b.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return Found::Zip;  // XLSX, ODS, KMZ, ZIP
    if (b.find('\0') != std::string_view::npos) return Found::Binary;
    size_t i = b.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < n && std::isspace(static_cast<unsigned char>(b[i]))) ++i;
    if (i < n && (b[i] == '{' || b[i] == '[')) return Found::Json;
    if (i < n && b[i] == '<') return Found::Xml;
    return Found::Text;
}

bool fits(Found found, OutputKind kind) {
    switch (found) {
    case Found::Empty: return true;
    case Found::SqliteFile: return kind == OutputKind::GeoPackage;
    case Found::Png: return kind == OutputKind::Png;
    case Found::Zip: return kind == OutputKind::Xlsx;
    case Found::Json: return kind == OutputKind::GeoJson || kind == OutputKind::Csv;
    case Found::Xml: return kind == OutputKind::Kml;
    case Found::Text: return kind == OutputKind::Csv;
    case Found::Workspace:
    case Found::Binary: return false;
    }
    return false;
}

const char* foundName(Found f) {
    switch (f) {
    case Found::SqliteFile: return "an SQLite database";
    case Found::Png: return "a PNG image";
    case Found::Zip: return "a ZIP archive (XLSX, ODS, KMZ)";
    case Found::Json: return "a JSON file";
    case Found::Xml: return "an XML file";
    case Found::Text: return "a text file";
    default: return "a file of another kind";
    }
}

std::string randomToken() {
    std::random_device device;
    uint64_t v = (uint64_t{device()} << 32) ^ device() ^
                 static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

bool isStagingName(const std::string& entry, const std::string& prefix) {
    constexpr size_t kToken = 16;
    static const std::string suffix = ".partial";
    if (entry.size() != prefix.size() + kToken + suffix.size() || entry.rfind(prefix, 0) != 0) return false;
    if (entry.compare(entry.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
    return std::all_of(entry.begin() + static_cast<std::ptrdiff_t>(prefix.size()),
                       entry.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// What writers killed mid-way left beside `target`: staging folders, and the fixed temporary
// names earlier versions used. Called under the writers' lock, so none of it is in use.
void removeLeftovers(const fs::path& dir, const fs::path& target) {
    std::error_code ec;
    const std::string name = target.filename().string(), stem = target.stem().string();
    for (const std::string& legacy : {"." + name + ".partial", "." + stem + ".importing.gpkg",
                                      "." + stem + ".exporting" + target.extension().string()})
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(dir / (legacy + suffix), ec);
    const std::string prefix = "." + name + ".";
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        if (!isStagingName(entry, prefix)) continue;
        std::error_code e;
        if (fs::symlink_status(it->path(), e).type() == fs::file_type::directory) fs::remove_all(it->path(), e);
        else fs::remove(it->path(), e);
    }
}

}  // namespace

const char* outputKindName(OutputKind kind) {
    switch (kind) {
    case OutputKind::Png: return "a PNG image";
    case OutputKind::Csv: return "a CSV file";
    case OutputKind::GeoJson: return "a GeoJSON file";
    case OutputKind::Kml: return "a KML file";
    case OutputKind::GeoPackage: return "a GeoPackage";
    case OutputKind::Xlsx: return "an XLSX workbook";
    }
    return "a file";
}

void checkOutputTarget(const fs::path& target, OutputKind kind, bool force, const fs::path& workspace) {
    const std::string shown = target.filename().string();
    const std::string ext = lowerExtension(target);
    std::vector<std::string> wanted = extensionsOf(kind);
    if (isKnownExtension(ext) && std::find(wanted.begin(), wanted.end(), ext) == wanted.end())
        throw Error(shown + ": the name says " + ext.substr(1) + " but the output is " + outputKindName(kind) +
                    " (name it " + wanted.front() + ")");
    std::error_code ec;
    if (!fs::exists(target, ec)) return;
    if (fs::is_directory(target, ec)) throw Error(shown + ": is a folder");
    if (!workspace.empty() && fs::equivalent(target, workspace, ec))
        throw Error(shown + ": is the workspace itself; write the output to another file");
    if (force) return;
    Found found = sniff(target);
    if (found == Found::Workspace)
        throw Error(shown + ": is a Cordon workspace; writing " + outputKindName(kind) +
                    " over it would destroy the plan (use --force to overwrite it)");
    if (!fits(found, kind))
        throw Error(shown + ": exists and is " + foundName(found) + ", not " + outputKindName(kind) +
                    " (use --force to overwrite it)");
}

StagedFile::StagedFile(const fs::path& target, const std::string& activity, const std::string& stagedName)
    : target_(target) {
    const std::string name = target.filename().string();
    if (name.empty()) throw Error(target.string() + ": not a file name");
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    lockPath_ = dir / ("." + name + ".lock");
    // SQLite's file lock (fcntl / LockFileEx) is released by the system when the holder dies,
    // so a killed writer never leaves the target locked. A planted link is not followed.
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(lockPath_.string().c_str(), &raw,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, nullptr);
    lock_.reset(raw);
    if (rc == SQLITE_OK) rc = sqlite3_exec(raw, "PRAGMA journal_mode=MEMORY", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_exec(raw, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        throw Error(name + ": another " + activity + " is running and writing this file; try again when it has finished");
    if (rc != SQLITE_OK)
        throw Error(name + ": cannot be written (" + lockPath_.filename().string() + ": " + sqlite3_errmsg(raw) + ")");
    removeLeftovers(dir, target);
    // A folder of our own: mkdir fails on anything already there, link or not.
    std::error_code ec;
    for (int attempt = 0; attempt < 16 && folder_.empty(); ++attempt) {
        fs::path candidate = dir / ("." + name + "." + randomToken() + ".partial");
        if (fs::create_directory(candidate, ec)) folder_ = candidate;
        else if (ec) break;
    }
    if (folder_.empty()) {
        std::error_code e;
        fs::remove(lockPath_, e);
        throw Error(name + ": cannot be written (" + (ec ? ec.message() : std::string("no temporary name")) + ")");
    }
    fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::replace, ec);
    staged_ = folder_ / (stagedName.empty() ? name : stagedName);
}

StagedFile::~StagedFile() {
    std::error_code ec;
    if (!folder_.empty()) fs::remove_all(folder_, ec);
    fs::remove(lockPath_, ec);
    lock_.reset();  // closing releases the lock
}

std::FILE* StagedFile::create() { return std::fopen(staged_.string().c_str(), "wbx"); }

void StagedFile::commit() {
    std::error_code ec;
    fs::rename(staged_, target_, ec);
    if (ec) throw Error(target_.filename().string() + ": cannot be written (" + ec.message() + ")");
}

}  // namespace geo
