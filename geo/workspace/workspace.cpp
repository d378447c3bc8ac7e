// Opening an existing workspace (through SQLite, which is faster than any generic reader): the
// checks that refuse damaged or foreign files, the authorizer, migrations, and its meta keys.
#include "geo/workspace/workspace.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "geo/core/error.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace_internal.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

// The header records the page size and, when valid, the page count: a file shorter than that
// lost its end (a copy cut short, a full disk), which SQLite would only notice page by page.
// Read under a read transaction so no writer is changing the file meanwhile; with a WAL that
// holds frames the header may lag behind, and SQLite checks those pages itself.
std::string cutShortReason(sqlite3* db, const std::string& path) {
    std::optional<Transaction> read;
    try {
        read.emplace(db, false);
        Statement s(db, "SELECT count(*) FROM sqlite_master");
        s.step();
    } catch (const Error&) {
        // Unreadable schema: the size check below still says why, when it is a short file.
    }
    std::error_code ec;
    if (fs::file_size(path + "-wal", ec) > 0 && !ec) return {};
    std::ifstream in(path, std::ios::binary);
    unsigned char header[100] = {};
    in.read(reinterpret_cast<char*>(header), 100);
    if (in.gcount() < 100) return "workspace is damaged (the file is cut short)";
    auto be32 = [&](size_t at) {
        return (uint32_t{header[at]} << 24) | (uint32_t{header[at + 1]} << 16) | (uint32_t{header[at + 2]} << 8) | header[at + 3];
    };
    uint32_t pageSize = (uint32_t{header[16]} << 8) | header[17];
    if (pageSize == 1) pageSize = 65536;
    uint32_t pages = be32(28);
    bool pageCountValid = pages > 0 && be32(24) == be32(92);
    uintmax_t size = fs::file_size(path, ec);
    if (ec || !pageCountValid || size >= uintmax_t{pageSize} * pages) return {};
    return "workspace is damaged (the file is cut short: " + std::to_string(size) + " of " +
           std::to_string(uintmax_t{pageSize} * pages) + " bytes)";
}

// SQLite's authorizer: an action done inside a trigger or view (`inner`) is allowed only for the
// GeoPackage triggers accepted when the workspace was opened.
int authorizeStoredCode(void* known, int, const char*, const char*, const char*, const char* inner) {
    if (!inner) return SQLITE_OK;
    const auto& names = *static_cast<const std::vector<std::string>*>(known);
    return std::find(names.begin(), names.end(), inner) != names.end() ? SQLITE_OK : SQLITE_DENY;
}

}  // namespace

Workspace Workspace::open(const std::string& path, Mode mode) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error(fileName(path) + ": no such file");
    if (fs::is_directory(path, ec)) throw Error(fileName(path) + ": is a folder, not a workspace");
    {
        std::ifstream in(path, std::ios::binary);
        unsigned char header[100] = {};
        in.read(reinterpret_cast<char*>(header), 100);
        if (in.gcount() < 16 || std::memcmp(header, "SQLite format 3", 16) != 0)
            throw Error(fileName(path) + ": not a Cordon workspace (not an SQLite/GeoPackage file)");
        if (in.gcount() < 100) throw Error(fileName(path) + ": workspace is damaged (the file is cut short)");
    }
    Workspace ws;
    ws.path_ = path;
    int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    int rc = openSqlite(path, flags, ws.db_);
    if (rc != SQLITE_OK && mode == Mode::ReadWrite) rc = openSqlite(path, SQLITE_OPEN_READONLY, ws.db_);
    sqlite3* raw = ws.db_.get();
    if (rc != SQLITE_OK) throw Error(fileName(path) + ": cannot open (" + sqlite3_errmsg(raw) + ")");
    sqlite3_busy_timeout(raw, 3000);
    sqlite3_extended_result_codes(raw, 1);
    if (std::string why = cutShortReason(raw, path); !why.empty()) throw Error(fileName(path) + ": " + why);
    ws.readOnly_ = mode == Mode::ReadOnly || sqlite3_db_readonly(raw, "main") == 1;
    try {
        if (!tableExists(raw, "gpkg_contents"))
            throw Error(fileName(path) + ": an SQLite file of another program, not a Cordon workspace");
        if (!tableExists(raw, "cordon_meta"))
            throw Error(fileName(path) + ": a GeoPackage but not a Cordon workspace (create one with `cordon import`)");
        Statement v(raw, "SELECT value FROM cordon_meta WHERE key = 'schema_version'");
        ws.schemaVersion_ = v.step() ? std::atoi(v.text(0).c_str()) : 0;
        ws.foreign_ = foreignSchemaObjects(raw);
        // Whatever a trigger or view added later (by another program, while this one is open)
        // would do is refused by SQLite's authorizer: only the triggers accepted now may act.
        auto known = std::make_shared<std::vector<std::string>>();
        ws.knownTriggers_ = known;
        ws.trustOwnTriggers();
        sqlite3_set_authorizer(raw, &authorizeStoredCode, ws.knownTriggers_.get());
    } catch (const Error& e) {
        std::string what = e.what();
        if (what.rfind("workspace is damaged", 0) == 0) throw Error(fileName(path) + ": " + what);
        throw;
    }
    if (ws.schemaVersion_ > kSchemaVersion)
        throw Error(fileName(path) + ": written by a newer Cordon (schema " + std::to_string(ws.schemaVersion_) +
                    ", this one reads up to " + std::to_string(kSchemaVersion) + "); update Cordon");
    if (ws.schemaVersion_ < 1) throw Error(fileName(path) + ": workspace has no schema version; it is damaged");
    if (!ws.foreign_.empty() && !ws.readOnly_)
        throw Error(fileName(path) + ": holds " + describeSchemaObjects(ws.foreign_) +
                    ", which Cordon did not create and which would run on every edit; list them with `cordon info " +
                    fileName(path) + "` and remove them with `cordon info " + fileName(path) + " --drop-foreign-triggers`");
    if (ws.schemaVersion_ < kSchemaVersion && !ws.readOnly_) {
        Transaction tx(raw);
        ensureCordonSchema(raw);
        tx.commit();
        ws.schemaVersion_ = kSchemaVersion;
    }
    // Returnee counts of older versions crossed a 100 m cell with date and origin: aggregated away.
    if (!ws.readOnly_) migrateReturneeCounts(raw);
    ws.workingEpsg_ = std::atoi(ws.meta("working_epsg").c_str());
    if (ws.workingEpsg_ <= 0) throw Error(fileName(path) + ": workspace has no working CRS; it is damaged");
    return ws;
}

void Workspace::trustOwnTriggers() {
    // The authorizer holds the vector's address: its contents change, never the vector itself.
    std::vector<std::string>& known = *knownTriggers_;
    known.clear();
    Statement t(db_.get(), "SELECT name FROM sqlite_master WHERE type = 'trigger'");
    while (t.step())
        if (std::none_of(foreign_.begin(), foreign_.end(), [&](const SchemaObject& o) { return o.name == t.text(0); }))
            known.push_back(t.text(0));
}

std::vector<SchemaObject> Workspace::dropForeignObjects(const std::string& path) {
    Workspace ws = open(path, Mode::ReadOnly);
    std::vector<SchemaObject> dropped = ws.foreign_;
    if (dropped.empty()) return dropped;
    SqliteDb db;
    if (openSqlite(path, SQLITE_OPEN_READWRITE, db) != SQLITE_OK)
        throw Error(fileName(path) + ": cannot be written (" + sqlite3_errmsg(db.get()) + ")");
    sqlite3_busy_timeout(db.get(), 3000);
    dropSchemaObjects(db.get(), dropped);
    return dropped;
}

std::string Workspace::meta(const std::string& key) const {
    Statement s(db_.get(), "SELECT value FROM cordon_meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

void Workspace::setMeta(const std::string& key, const std::string& value) {
    if (readOnly_) throw Error(fileName(path_) + ": workspace is read-only");
    Statement s(db_.get(), "INSERT OR REPLACE INTO cordon_meta(key, value) VALUES (?, ?)");
    s.bind(1, key).bind(2, value).run();
}

void Workspace::checkpointWal() {
    sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
}

}  // namespace geo
