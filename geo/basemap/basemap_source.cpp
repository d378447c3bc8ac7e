// Adding a basemap: the file checked, its outline reprojected, then a row (and for --embed a
// GeoPackage tile table written through GDAL's GPKG driver) added to the workspace.
#include "geo/basemap/basemap_source.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>

#include "geo/basemap/basemap_gdal.hpp"
#include "geo/basemap/georef.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

std::string shortName(const std::string& path) { return fs::path(path).filename().string(); }

struct SrsOwner {
    OGRSpatialReferenceH srs = nullptr;
    ~SrsOwner() { if (srs) OSRDestroySpatialReference(srs); }
};

// The raster's CRS as WKT and as a short name; the override, when given, wins.
std::pair<std::string, std::string> rasterCrs(GDALDatasetH ds, const std::string& crsOverride, const std::string& shown) {
    SrsOwner owner;
    if (!crsOverride.empty()) {
        const int epsg = parseEpsg(crsOverride);
        owner.srs = OSRNewSpatialReference(nullptr);
        if (epsg <= 0 || OSRImportFromEPSG(owner.srs, epsg) != OGRERR_NONE)
            throw Error("--crs must be an EPSG code such as EPSG:4326, not '" + crsOverride + "'");
    } else if (OGRSpatialReferenceH own = GDALGetSpatialRef(ds)) {
        owner.srs = OSRClone(own);
    } else {
        throw Error(shown + ": has no CRS; give the one its coordinates are in with --crs EPSG:n");
    }
    OSRSetAxisMappingStrategy(owner.srs, OAMS_TRADITIONAL_GIS_ORDER);
    char* wkt = nullptr;
    OSRExportToWkt(owner.srs, &wkt);
    std::string wktText = wkt ? wkt : "";
    CPLFree(wkt);
    std::string name;
    OSRAutoIdentifyEPSG(owner.srs);
    const char* authority = OSRGetAuthorityName(owner.srs, nullptr);
    const char* code = OSRGetAuthorityCode(owner.srs, nullptr);
    if (authority && code) name = std::string(authority) + ":" + code;
    else if (const char* n = OSRGetName(owner.srs)) name = n;
    return {wktText, name};
}

// Reads a thumbnail so that a damaged file is refused now rather than when it is drawn.
void checkPixelsReadable(GDALDatasetH ds, const std::string& shown) {
    const int w = std::min(64, GDALGetRasterXSize(ds)), h = std::min(64, GDALGetRasterYSize(ds));
    std::vector<uint8_t> buffer(static_cast<size_t>(w) * static_cast<size_t>(h));
    for (int b = 1; b <= GDALGetRasterCount(ds); ++b) {
        CPLErrorReset();
        const CPLErr rc = GDALRasterIO(GDALGetRasterBand(ds, b), GF_Read, 0, 0, GDALGetRasterXSize(ds),
                                       GDALGetRasterYSize(ds), buffer.data(), w, h, GDT_Byte, 0, 0);
        if (rc != CE_None) throw Error(shown + ": is damaged (" + gdalLastError() + ")");
    }
}

void checkSameWorkspaceFile(const std::string& file, const std::string& workspacePath) {
    std::error_code ec;
    if (fs::equivalent(file, workspacePath, ec)) throw Error(shortName(file) + ": is the workspace itself");
}

// The reprojected raster written as a GeoPackage tile table with overviews down to one tile.
void writeEmbedded(const std::string& file, const std::string& crsOverride, const std::string& workspacePath,
                   const std::string& table, const std::string& identifier, int workingEpsg) {
    GdalRaster source = expandPalette(openRaster(file, shortName(file)));
    std::vector<std::string> args = {"-of", "VRT", "-t_srs", workingCrsArgument(workingEpsg), "-r", "bilinear", "-dstalpha"};
    if (!crsOverride.empty()) args.insert(args.end(), {"-s_srs", crsOverride});
    GdalRaster warped = warpRaster(source.get(), args, shortName(file));
    initGdal();
    GDALDriverH gpkg = GDALGetDriverByName("GPKG");
    if (!gpkg) throw Error("this GDAL has no GeoPackage driver");
    char** options = nullptr;
    options = CSLSetNameValue(options, "RASTER_TABLE", table.c_str());
    options = CSLSetNameValue(options, "APPEND_SUBDATASET", "YES");
    options = CSLSetNameValue(options, "TILE_FORMAT", "AUTO");
    options = CSLSetNameValue(options, "RASTER_IDENTIFIER", identifier.c_str());
    CPLErrorReset();
    GDALDatasetH written = GDALCreateCopy(gpkg, workspacePath.c_str(), warped.get(), FALSE, options, nullptr, nullptr);
    CSLDestroy(options);
    if (!written) throw Error(shortName(file) + ": cannot be embedded (" + gdalLastError() + ")");
    GDALClose(written);
    GdalRaster tiles(GDALOpenEx(("GPKG:" + workspacePath + ":" + table).c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE,
                                nullptr, nullptr, nullptr));
    if (!tiles) throw Error(shortName(file) + ": the embedded tiles cannot be read back (" + gdalLastError() + ")");
    std::vector<int> levels;
    const int side = std::max(GDALGetRasterXSize(tiles.get()), GDALGetRasterYSize(tiles.get()));
    for (int level = 2; side / level >= 256; level *= 2) levels.push_back(level);
    if (!levels.empty() &&
        GDALBuildOverviews(tiles.get(), "AVERAGE", static_cast<int>(levels.size()), levels.data(), 0, nullptr, nullptr,
                           nullptr) != CE_None)
        throw Error(shortName(file) + ": overviews cannot be built (" + gdalLastError() + ")");
}

// `base`, or base_2, base_3, ... : the first that `isTaken` does not refuse.
std::string firstFree(const std::string& base, const std::function<bool(const std::string&)>& isTaken) {
    std::string name = base;
    for (int i = 2; isTaken(name); ++i) name = base + "_" + std::to_string(i);
    return name;
}

// What GeoPackage readers name the workspace's contents by (identifier is UNIQUE there), and the tables.
std::set<std::string> contentIdentifiers(sqlite3* db) {
    std::set<std::string> out;
    Statement s(db, "SELECT identifier FROM gpkg_contents WHERE identifier IS NOT NULL UNION SELECT table_name FROM gpkg_contents");
    while (s.step()) out.insert(s.text(0));
    return out;
}

}  // namespace

RasterInfo inspectRaster(const std::string& file, int workingEpsg, const std::string& crsOverride) {
    const std::string shown = shortName(file);
    std::error_code ec;
    const std::string tableFile = gpkgTableFile(file);
    const std::string& onDisk = tableFile.empty() ? file : tableFile;
    if (!fs::exists(onDisk, ec)) throw Error(shown + ": no such file");
    if (fs::is_directory(onDisk, ec)) throw Error(shown + ": is a folder, not a raster");
    GdalRaster ds = openRaster(file, shown);
    RasterInfo info;
    info.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    info.width = GDALGetRasterXSize(ds.get());
    info.height = GDALGetRasterYSize(ds.get());
    info.bands = GDALGetRasterCount(ds.get());
    if (info.bands == 0) throw Error(shown + ": holds no single raster (several tile tables?); copy out the one to use with gdal_translate");
    if (info.bands > 4) throw Error(shown + ": has " + std::to_string(info.bands) + " bands; a basemap has 1 (grey), 3 (RGB) or 4 (RGBA)");
    for (int b = 1; b <= info.bands; ++b)
        if (GDALGetRasterDataType(GDALGetRasterBand(ds.get(), b)) != GDT_Byte)
            throw Error(shown + ": is not an 8-bit image (" +
                        GDALGetDataTypeName(GDALGetRasterDataType(GDALGetRasterBand(ds.get(), b))) +
                        " band); make a picture of it first, e.g. gdal_translate -scale -ot Byte");
    std::array<double, 6> gt{};
    if (GDALGetGeoTransform(ds.get(), gt.data()) != CE_None || (gt[1] == 0 && gt[2] == 0))
        throw Error(shown + ": is not georeferenced (no geotransform or world file)");
    auto [wkt, name] = rasterCrs(ds.get(), crsOverride, shown);
    info.crsWkt = wkt;
    info.crsName = name;
    checkPixelsReadable(ds.get(), shown);
    // The outline, 16 points a side, into the working CRS.
    std::vector<double> xy;
    constexpr int kSteps = 16;
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        for (auto [px, py] : {std::pair{t * info.width, 0.0}, {t * info.width, double(info.height)},
                              {0.0, t * info.height}, {double(info.width), t * info.height}}) {
            xy.push_back(gt[0] + px * gt[1] + py * gt[2]);
            xy.push_back(gt[3] + px * gt[4] + py * gt[5]);
        }
    }
    Transformer toWorking(wkt, workingCrsArgument(workingEpsg));
    toWorking.transform(xy.data(), xy.size() / 2);
    for (size_t i = 0; i + 1 < xy.size(); i += 2)
        if (std::isfinite(xy[i]) && std::isfinite(xy[i + 1])) info.extentWorking.add(xy[i], xy[i + 1]);
    if (info.extentWorking.isEmpty())
        throw Error(shown + ": its coordinates (" + name + ") cannot be reprojected into the workspace's CRS");
    return info;
}

Basemap addBasemap(const BasemapRequest& request) {
    const std::string shown = shortName(request.file);
    Basemap b;
    b.name = request.name.empty() ? fs::path(request.file).stem().string() : request.name;
    if (b.name.empty()) throw Error("a basemap needs a name (--name N)");
    std::string identifier;  // the tile table's in gpkg_contents
    b.origin = shown;
    b.crsOverride = request.crs;
    int workingEpsg = 0;
    RasterInfo info;
    {
        Workspace ws = Workspace::open(request.workspacePath);
        if (ws.isReadOnly()) throw Error(shortName(request.workspacePath) + ": read-only here; basemaps cannot be added");
        checkSameWorkspaceFile(request.file, request.workspacePath);
        // A name taken from the file gets a suffix when another basemap has it (a/map.tif and
        // b/map.tif); one given with --name is the planner's choice and is refused instead.
        std::set<std::string> names;
        for (const auto& other : listBasemaps(ws.db())) names.insert(other.name);
        if (!request.name.empty() && names.count(b.name))
            throw Error("a basemap named '" + b.name + "' exists already; give another --name, or remove it first (cordon basemap WS remove " +
                        b.name + ")");
        b.name = firstFree(b.name, [&](const std::string& n) { return names.count(n) > 0; });
        const std::set<std::string> identifiers = contentIdentifiers(ws.db());
        identifier = firstFree(b.name, [&](const std::string& n) { return identifiers.count(n) > 0; });
        workingEpsg = ws.workingEpsg();
        info = inspectRaster(request.file, workingEpsg, request.crs);
        Statement next(ws.db(), "SELECT coalesce(max(id), 0) + 1, coalesce(max(draw_order), 0) + 1 FROM cordon_basemaps");
        next.step();
        b.id = next.int64(0);
        b.order = next.integer(1);
        while (tableExists(ws.db(), ("basemap_" + std::to_string(b.id)).c_str())) ++b.id;
    }
    b.sourceCrs = info.crsName;
    b.extent = info.extentWorking;
    std::error_code ec;
    const std::string tableFile = gpkgTableFile(request.file);
    const uintmax_t bytes = fs::file_size(tableFile.empty() ? request.file : tableFile, ec);
    b.kind = request.kind.value_or(!ec && bytes <= kEmbedByDefaultBytes ? BasemapKind::Embed : BasemapKind::Link);
    if (b.kind == BasemapKind::Link && !tableFile.empty()) {
        b.source = "GPKG:" + fs::absolute(tableFile).lexically_normal().string() +
                   request.file.substr(request.file.rfind(':'));
    } else if (b.kind == BasemapKind::Link) {
        b.source = fs::absolute(request.file).lexically_normal().string();
    } else {
        b.source = "basemap_" + std::to_string(b.id);
    }
    auto undoTiles = [&] {
        if (b.kind != BasemapKind::Embed) return;
        try {
            SqliteDb db;
            if (openSqlite(request.workspacePath, SQLITE_OPEN_READWRITE, db) != SQLITE_OK) return;
            Basemap tiles;
            tiles.id = -1;
            tiles.kind = BasemapKind::Embed;
            tiles.source = b.source;
            removeBasemap(db.get(), tiles);
        } catch (const Error&) {
        }
    };
    try {
        if (b.kind == BasemapKind::Embed) writeEmbedded(request.file, request.crs, request.workspacePath, b.source, identifier, workingEpsg);
        Workspace ws = Workspace::open(request.workspacePath);  // again: GDAL's tables and triggers are now known
        Statement insert(ws.db(),
                         "INSERT INTO cordon_basemaps(id, name, kind, source, source_crs, crs_override, origin,"
                         " min_x, min_y, max_x, max_y, draw_order, opacity, brightness) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,0)");
        insert.bind(1, b.id).bind(2, b.name).bind(3, std::string_view(basemapKindName(b.kind))).bind(4, b.source);
        insert.bind(5, b.sourceCrs).bind(6, b.crsOverride).bind(7, b.origin);
        insert.bind(8, b.extent.minX).bind(9, b.extent.minY).bind(10, b.extent.maxX).bind(11, b.extent.maxY);
        insert.bind(12, b.order).run();
    } catch (...) {
        undoTiles();
        throw;
    }
    return b;
}

BasemapCarry carryBasemaps(const std::vector<Basemap>& basemaps, const std::string& fromPath, const std::string& toPath) {
    BasemapCarry carry;
    // A georeferenced scan keeps its GCPs, their map points put in the new working CRS.
    std::vector<std::optional<ScanControlPoints>> scans;
    int fromEpsg = 0;
    {
        Workspace from = Workspace::open(fromPath, Workspace::Mode::ReadOnly);
        fromEpsg = from.workingEpsg();
        for (const Basemap& old : basemaps) scans.push_back(basemapControlPoints(from.db(), old.id));
    }
    for (size_t i = 0; i < basemaps.size(); ++i) {
        const Basemap& old = basemaps[i];
        BasemapRequest request;
        request.workspacePath = toPath;
        request.file = basemapDatasetName(old, fromPath);
        request.name = old.name;
        request.kind = old.kind;
        request.crs = old.crsOverride;
        try {
            const Basemap added = addBasemap(request);
            Workspace ws = Workspace::open(toPath);
            setBasemapLook(ws.db(), added, old.opacity, old.brightness);
            Statement origin(ws.db(), "UPDATE cordon_basemaps SET origin = ? WHERE id = ?");
            origin.bind(1, old.origin).bind(2, added.id).run();
            if (std::optional<ScanControlPoints> scan = scans[i]) {
                Transformer toWorking(workingCrsArgument(fromEpsg), workingCrsArgument(ws.workingEpsg()));
                for (ControlPoint& p : scan->points) toWorking.transformPoint(p.x, p.y);
                Basemap kept = added;
                kept.name = old.name;
                keepControlPoints(ws.db(), kept, *scan);
            }
            ++carry.carried;
        } catch (const Error& e) {
            carry.lost.push_back(old.name + ": " + e.what());
        }
    }
    return carry;
}

}  // namespace geo
