// A georeferenced scan as a basemap: warped, added like any other basemap (embedded or linked), and
// its scan and GCPs kept in cordon_basemap_scans / cordon_basemap_gcps so that it can be warped again.
#include <algorithm>
#include <filesystem>
#include <random>

#include "geo/basemap/basemap_source.hpp"
#include "geo/basemap/georef.hpp"
#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

// A folder for the VRTs of a scan that is embedded (they are only read while its tiles are written).
class ScratchFolder {
public:
    ScratchFolder() {
        std::random_device rd;
        path_ = fs::temp_directory_path() / ("cordon-georef-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& path() const { return path_; }
private:
    fs::path path_;
};

// A file name from a basemap's name: path separators and the like become '_'.
std::string fileSafe(const std::string& name) {
    std::string out = name;
    for (char& c : out)
        if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') c = '_';
    return out;
}

void storeControlPoints(sqlite3* db, const Basemap& basemap, const std::string& scanFile, GeorefMethod method,
                        const std::vector<ControlPoint>& points) {
    ensureControlPointTables(db);
    const int64_t basemapId = basemap.id;
    Statement scan(db, "INSERT OR REPLACE INTO cordon_basemap_scans(basemap_id, name, scan, method) VALUES (?,?,?,?)");
    scan.bind(1, basemapId).bind(2, basemap.name).bind(3, scanFile).bind(4, std::string_view(georefMethodName(method))).run();
    Statement clear(db, "DELETE FROM cordon_basemap_gcps WHERE basemap_id = ?");
    clear.bind(1, basemapId).run();
    Statement gcp(db, "INSERT INTO cordon_basemap_gcps(basemap_id, n, pixel, line, x, y) VALUES (?,?,?,?,?,?)");
    for (size_t i = 0; i < points.size(); ++i) {
        const ControlPoint& p = points[i];
        gcp.bind(1, basemapId).bind(2, static_cast<int64_t>(i + 1)).bind(3, p.pixel).bind(4, p.line).bind(5, p.x).bind(6, p.y);
        gcp.run();
    }
}

}  // namespace

void ensureControlPointTables(sqlite3* db) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS cordon_basemap_scans("
         "  basemap_id INTEGER PRIMARY KEY, name TEXT NOT NULL, scan TEXT NOT NULL, method TEXT NOT NULL DEFAULT 'auto');"
         "CREATE TABLE IF NOT EXISTS cordon_basemap_gcps("
         "  basemap_id INTEGER NOT NULL, n INTEGER NOT NULL, pixel REAL NOT NULL, line REAL NOT NULL,"
         "  x REAL NOT NULL, y REAL NOT NULL, PRIMARY KEY(basemap_id, n))");
}

std::optional<ScanControlPoints> basemapControlPoints(sqlite3* db, int64_t basemapId) {
    if (!tableExists(db, "cordon_basemap_scans") || !tableExists(db, "cordon_basemap_gcps")) return std::nullopt;
    // The name too: a Cordon that predates these tables may have removed the basemap (leaving its rows)
    // and given its id to another.
    Statement scan(db,
                   "SELECT s.scan, s.method FROM cordon_basemap_scans s JOIN cordon_basemaps b ON b.id = s.basemap_id"
                   " AND b.name = s.name WHERE s.basemap_id = ?");
    scan.bind(1, basemapId);
    if (!scan.step()) return std::nullopt;
    ScanControlPoints out;
    out.scanFile = scan.text(0);
    try {
        out.method = parseGeorefMethod(scan.text(1));
    } catch (const Error&) {
        out.method = GeorefMethod::Auto;
    }
    Statement gcps(db, "SELECT pixel, line, x, y FROM cordon_basemap_gcps WHERE basemap_id = ? ORDER BY n");
    gcps.bind(1, basemapId);
    while (gcps.step()) out.points.push_back({gcps.real(0), gcps.real(1), gcps.real(2), gcps.real(3)});
    return out;
}

void keepControlPoints(sqlite3* db, const Basemap& basemap, const ScanControlPoints& scan) {
    storeControlPoints(db, basemap, scan.scanFile, scan.method, scan.points);
}

GeorefResult georeferenceScan(const GeorefRequest& request) {
    const std::string shown = fs::path(request.scanFile).filename().string();
    std::error_code ec;
    if (!fs::is_regular_file(request.scanFile, ec)) throw Error(shown + ": no such file");
    if (fs::equivalent(request.scanFile, request.workspacePath, ec)) throw Error(shown + ": is the workspace itself");
    const std::string scanPath = fs::absolute(request.scanFile).lexically_normal().string();
    const std::string name = request.name.empty() ? fs::path(request.scanFile).stem().string() : request.name;
    if (name.empty()) throw Error("a basemap needs a name (--name N)");
    GeorefResult result;
    std::optional<Basemap> old;
    int workingEpsg = 0;
    std::string temporaryName = name;
    {
        Workspace ws = Workspace::open(request.workspacePath);
        if (ws.isReadOnly()) throw Error(fs::path(request.workspacePath).filename().string() + ": read-only here; basemaps cannot be added");
        workingEpsg = ws.workingEpsg();
        const auto all = listBasemaps(ws.db());
        for (const auto& b : all)
            if (b.name == name) old = b;
        if (old && !basemapControlPoints(ws.db(), old->id))
            throw Error("a basemap named '" + name + "' exists already and is not a georeferenced scan (give another with --name)");
        // The new one is added beside the old under a name of its own, then takes its place.
        for (int i = 1; old && std::any_of(all.begin(), all.end(), [&](const Basemap& b) { return b.name == temporaryName; }); ++i)
            temporaryName = name + " (georeferenced " + std::to_string(i) + ")";
    }
    result.fit = fitControlPoints(request.points, request.method);
    const BasemapKind kind = request.kind.value_or(BasemapKind::Embed);
    std::optional<ScratchFolder> scratch;
    std::string filesStem;
    if (kind == BasemapKind::Link) {
        // Beside the scan, under a name no other basemap's files have: names that differ only by
        // characters fileSafe replaces ("a:b", "a_b") would otherwise share them.
        const std::string base = (fs::path(scanPath).parent_path() / fileSafe(name)).string();
        filesStem = base;
        for (int i = 2; fs::exists(filesStem + ".warped.vrt", ec) && !(old && old->source == filesStem + ".warped.vrt"); ++i)
            filesStem = base + "_" + std::to_string(i);
    } else {
        scratch.emplace();
        // Named after the basemap: the tile table's GeoPackage identifier (the file's name) must be unique.
        filesStem = (scratch->path() / fileSafe(temporaryName)).string();
    }
    std::string warpedPath;
    {
        WarpedScan warped = warpScan(scanPath, request.points, result.fit.method, workingEpsg, filesStem);
        warpedPath = warped.warpedPath;
    }  // closed: the VRT files are complete
    BasemapRequest add{request.workspacePath, warpedPath, temporaryName, kind, ""};
    Basemap added = addBasemap(add);
    try {
        Workspace ws = Workspace::open(request.workspacePath);
        Transaction tx(ws.db());
        if (old) {
            removeBasemapRows(ws.db(), *old);
            Statement keep(ws.db(), "UPDATE cordon_basemaps SET name = ?, draw_order = ?, opacity = ?, brightness = ? WHERE id = ?");
            keep.bind(1, name).bind(2, old->order).bind(3, old->opacity).bind(4, old->brightness).bind(5, added.id).run();
            added.name = name;
            added.order = old->order;
            added.opacity = old->opacity;
            added.brightness = old->brightness;
            result.replaced = true;
        }
        Statement origin(ws.db(), "UPDATE cordon_basemaps SET origin = ? WHERE id = ?");
        origin.bind(1, shown).bind(2, added.id).run();
        added.origin = shown;
        storeControlPoints(ws.db(), added, scanPath, request.method, request.points);
        tx.commit();
    } catch (...) {
        try {
            Workspace ws = Workspace::open(request.workspacePath);
            removeBasemap(ws.db(), added);
        } catch (const Error&) {
        }
        throw;
    }
    result.basemap = added;
    return result;
}

}  // namespace geo
