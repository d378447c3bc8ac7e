// Import into a new workspace, through GDAL so the GeoPackage is one GDAL wrote: the sources
// read and checked, the boundary chosen as the working CRS's reference, roads classed, layers and
// Cordon's tables written beside the target, then the plans of a replaced file carried over.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cpl_error.h>
#include <filesystem>
#include <gdal_priv.h>
#include <limits>
#include <map>
#include <new>
#include <optional>
#include <ogrsf_frmts.h>

#include "geo/analysis/network.hpp"
#include "geo/analysis/polygon_index.hpp"
#include "geo/basemap/basemap.hpp"
#include "geo/basemap/basemap_source.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/io/boundary_lines.hpp"
#include "geo/io/lines_as_areas.hpp"
#include "geo/io/gpkg_rtree.hpp"
#include "geo/io/output_file.hpp"
#include "geo/io/village_table.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "geo/workspace/workspace_internal.hpp"
#include "geo/workspace/workspace_write.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

constexpr size_t kImportGraphSegments = 2'000'000;

// Collects GDAL's messages while the new workspace is written.
struct WriteMessages {
    std::string first;
    bool diskFull = false;
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
        auto* self = static_cast<WriteMessages*>(CPLGetErrorHandlerUserData());
        if (!self || level < CE_Failure) return;
        std::string_view text(msg ? msg : "");
        if (isDiskFull(text)) self->diskFull = true;
        if (self->first.empty()) self->first = text;
    }
    static bool isDiskFull(std::string_view text) {
        return text.find("disk is full") != std::string_view::npos || text.find("No space left") != std::string_view::npos ||
               text.find("disk full") != std::string_view::npos;
    }
};

// One line for a failed write: a full disk said plainly, anything else with the file's name.
std::string writeFailure(const std::string& workspacePath, const std::string& what, const WriteMessages& messages) {
    std::string name = fileName(workspacePath);
    if (messages.diskFull || WriteMessages::isDiskFull(what))
        return name + ": disk full while writing the workspace; nothing was written (free some space and import again)";
    std::string line = what.rfind(workspacePath, 0) == 0 ? what : name + ": " + what;
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    return line;
}

// A layer that holds only geometries of another kind (polygons read as points): villages retry
// as the other kind on this error alone, so any other reason reaches the user as it is.
struct OtherKindError : Error {
    using Error::Error;
};

bool holdsOnlyOtherKind(const ReadReport& r) {
    return r.wrongTypeGeometries > 0 && r.wrongTypeGeometries + r.nullGeometries + r.emptyGeometries == r.featuresRead;
}

// Roads that never come within the township give no entry and an empty plan: refused, with how
// far the nearest road is (vertices sampled: this is a message, not a measurement).
void requireRoadsAtBoundary(const Layer& roads, const Layer& outline, const std::string& roadsPath, const std::string& boundaryPath) {
    const Bbox box = outline.bbox();
    const size_t stride = std::max<size_t>(1, roads.vertexCount() / 200000);  // a province's roads in a blink
    for (size_t v = 0; v < roads.vertexCount(); v += stride) {
        const double x = roads.xy[2 * v], y = roads.xy[2 * v + 1];
        if (x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY && featureContains(outline, 0, x, y)) return;
    }
    double nearest = std::numeric_limits<double>::infinity();
    const size_t step = std::max<size_t>(1, roads.vertexCount() / 2000);
    for (size_t v = 0; v < roads.vertexCount(); v += step)
        for (size_t r = 0; r < outline.ringCount(); ++r)
            for (uint32_t i = outline.ringStart[r]; i + 1 < outline.ringStart[r + 1]; ++i)
                nearest = std::min(nearest, pointSegmentDistance(roads.xy[2 * v], roads.xy[2 * v + 1], outline.xy[2 * i],
                                                                 outline.xy[2 * i + 1], outline.xy[2 * i + 2], outline.xy[2 * i + 3]));
    char km[32];
    std::snprintf(km, sizeof km, "%.1f km", nearest / 1000);
    throw Error(fileName(roadsPath) + ": no road reaches the township boundary of " + fileName(boundaryPath) +
                " (the nearest is about " + km + " outside it); is this the township's roads layer?");
}

// Why a layer gave no usable feature, with what was skipped and why.
std::string nothingUsable(const ReadReport& r, GeomKind kind, const LayerSource& src) {
    if (r.featuresRead == 0) return "no features" + std::string(src.where.empty() ? "" : " that match the filter");
    if (r.geometryType == "None")
        return "no geometries: " + std::to_string(r.featuresRead) + " rows of attributes only (is the .shp missing?)";
    if (holdsOnlyOtherKind(r))
        return std::string("no ") + geomKindName(kind) + " geometries (the layer holds " + r.geometryType +
               (kind == GeomKind::Polygon ? "; is this the roads layer?)" : "; is this the boundary layer?)");
    if (kind == GeomKind::Polygon && r.emptyGeometries == r.featuresRead && r.geometryType.find("Polygon") != std::string::npos)
        return "no area: every polygon is empty or collapses to a line or point";
    std::string why = "no usable geometries of " + std::to_string(r.featuresRead) + " features (";
    std::string parts;
    auto add = [&](int64_t n, const char* what) {
        if (n > 0) parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    add(r.malformedGeometries, "corrupt");
    add(r.nullGeometries, "without geometry");
    add(r.emptyGeometries, "empty");
    add(r.wrongTypeGeometries, "of another geometry type");
    add(r.unprojectable, "not projectable");
    return why + (parts.empty() ? "none kept" : parts) + ")";
}

struct Progress {
    const ImportRequest& request;
    double base = 0, span = 0;
    std::string stage;
    bool operator()(double f) const {
        return !request.progress || request.progress(base + span * f, stage);
    }
    std::function<bool(double)> fn() const { return [this](double f) { return (*this)(f); }; }
};

// The checks that need no source read: both required sources given, the target free (unless
// replaced), its folder there, the CRS known.
void checkImportRequest(const ImportRequest& req) {
    if (!req.boundary && !req.boundaryLines && !req.noBoundary) throw Error("import needs --boundary or --boundary-lines");
    if ((req.boundary || req.boundaryLines) && req.noBoundary)
        throw Error("--no-boundary excludes --boundary and --boundary-lines");
    if (req.boundaryLines && req.boundary && req.districts)
        throw Error("--boundary-lines make the districts: give --districts or --boundary-lines, not both with --boundary");
    if (!(req.snapLinesM >= 0) || req.snapLinesM > 10'000) throw Error("--snap-lines must be metres between 0 and 10000");
    if (!req.roads) throw Error("import needs --roads");
    fs::path target(req.workspacePath);
    std::error_code ec;
    if (fs::exists(target, ec) && !req.replace)
        throw Error(fileName(req.workspacePath) + ": already exists (use --replace to overwrite it)");
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) throw Error(req.workspacePath + ": folder does not exist");
    if (req.crsEpsg && !isKnownEpsg(req.crsEpsg)) throw Error("--crs: EPSG:" + std::to_string(req.crsEpsg) + " is unknown");
}

// What the file being replaced passes on: its plans (re-snapped to the new roads) unless dropped.
struct ReplacedFile {
    std::vector<Scenario> plans;
    std::vector<Basemap> basemaps;
    int epsg = 0;  // of the file being replaced, when it is a workspace
};

ReplacedFile readReplacedFile(const ImportRequest& req, ImportReport& report) {
    ReplacedFile old;
    std::error_code ec;
    if (!req.replace || !fs::exists(fs::path(req.workspacePath), ec)) return old;
    try {
        Workspace ws = Workspace::open(req.workspacePath, Workspace::Mode::ReadOnly);
        old.epsg = ws.workingEpsg();
        old.basemaps = listBasemaps(ws.db());
        if (!req.dropPlans) old.plans = readPlansLonLat(ws);
    } catch (const Error& e) {
        if (!req.dropPlans)
            throw Error(std::string(e.what()) + "; cannot keep its plans (--drop-plans replaces it without them)");
    }
    report.plans.dropped = req.dropPlans;
    return old;
}

void dropRole(ImportReport& report, const std::string& role) {
    report.layers.erase(std::remove_if(report.layers.begin(), report.layers.end(), [&](auto& p) { return p.first == role; }),
                        report.layers.end());
}

// Reads one source into the working CRS, its report into the import's; a source with no usable
// feature is refused, saying why.
struct SourceReader {
    const ImportRequest& req;
    ImportReport& report;
    Progress& progress;
    Layer operator()(const LayerSource& src, GeomKind kind, int epsg, const char* role, double base, double span) const {
        ReadOptions o;
        o.kind = kind;
        o.layerName = src.layer;
        o.where = src.where;
        o.encoding = req.encoding;
        o.coords = src.coords;
        o.targetEpsg = epsg;
        progress.base = base;
        progress.span = span;
        progress.stage = std::string("reading ") + role;
        o.progress = progress.fn();
        ReadReport r;
        Layer l = readLayer(src.path, o, r);
        if (l.featureCount() == 0) {
            std::string why = fileName(src.path) + ": " + role + " has " + nothingUsable(r, kind, src);
            if (holdsOnlyOtherKind(r)) throw OtherKindError(why);
            throw Error(why);
        }
        report.layers.emplace_back(role, r);
        return l;
    }
};

// The layers the new workspace is written from, all in the working CRS.
struct ImportLayers {
    Layer outline, roads;  // no outline (no feature) when the boundary is to be drawn by hand
    std::optional<Layer> districts, villages;
    bool districtsNeedNames = false;  // polygonised from lines: named once the villages are read
};

// The working CRS for a source read in lon/lat, and the source projected into it.
// `role` is the boundary's, or the roads' when there is no boundary yet.
void chooseWorkingCrs(Layer& lonLat, const ImportRequest& req, const std::string& path, ImportReport& report,
                      const std::string& role = "boundary") {
    Bbox ll = lonLat.bbox();
    double lon = 0.5 * (ll.minX + ll.maxX), lat = 0.5 * (ll.minY + ll.maxY);
    report.workingEpsg = req.crsEpsg ? req.crsEpsg : chooseWorkingEpsg(lon, lat);
    const std::string whose = role == "boundary" ? "the boundary's" : "the " + role + "'";
    report.workingCrsReason = req.crsEpsg ? "set by --crs"
                                          : "chosen for " + whose + " centre (" + std::to_string(lon).substr(0, 8) + "E, " +
                                                std::to_string(lat).substr(0, 7) + "N)" +
                                                (role == "boundary" ? "" : "; no boundary yet");
    Transformer("EPSG:4326", "EPSG:" + std::to_string(report.workingEpsg)).transform(lonLat.xy.data(), lonLat.vertexCount());
    lonLat.epsg = report.workingEpsg;
    for (double v : lonLat.xy)
        if (!std::isfinite(v))
            throw Error(fileName(path) + ": " + role + " cannot be projected to EPSG:" + std::to_string(report.workingEpsg));
}

// Lines (in the working CRS) polygonised into areas; the source's read report stands for each
// role the areas fill, with the areas as its features.
Layer polygonizeSource(const Layer& lines, const LayerSource& src, const ReadReport& read, const std::vector<std::string>& roles,
                       const std::string& whyNotAreas, const ImportRequest& req, ImportReport& report, Layer* outline = nullptr) {
    Layer areas = areasFromLines(lines, src.path, req.snapLinesM, whyNotAreas, report.polygonized, outline);
    report.snapLinesM = req.snapLinesM;
    report.polygonizedInto = roles.size() > 1 ? "boundary and districts" : roles.front();
    for (const auto& role : roles) {
        ReadReport r = read;
        r.featuresKept = report.polygonized.areas;
        r.geometryType += " (polygonised)";
        report.layers.emplace_back(role, r);
    }
    return areas;
}

// Reads a source that holds lines, in lon/lat (to choose the working CRS) or in the working CRS;
// its read report is taken out of the import's, where the areas will stand for it.
std::pair<Layer, ReadReport> readLines(const SourceReader& read, const LayerSource& src, int epsg, const char* role,
                                       ImportReport& report) {
    Layer lines = read(src, GeomKind::Line, epsg, role, 0.0, 0.05);
    ReadReport r = report.layers.back().second;
    dropRole(report, role);
    return {std::move(lines), std::move(r)};
}

// The boundary, read first and in lon/lat since it chooses the working CRS, then projected to
// that CRS and dissolved into one outline. Boundary lines (given as such, or a --boundary that
// holds lines) are polygonised first: the areas become the districts too when none are given.
Layer readBoundaryOutline(const SourceReader& read, const ImportRequest& req, ImportReport& report, ImportLayers& layers) {
    std::optional<Layer> boundary, linesOutline;
    const LayerSource& src = req.boundary ? *req.boundary : *req.boundaryLines;
    bool isLines = !req.boundary;
    std::string whyNotAreas;  // a --boundary of lines: why it is no boundary, should its lines look like roads
    if (req.boundary) {
        try {
            boundary = read(*req.boundary, GeomKind::Polygon, 4326, "boundary", 0.0, 0.05);
        } catch (const OtherKindError& e) {
            isLines = true;  // a boundary drawn as lines
            whyNotAreas = e.what();
        }
    }
    if (isLines) {
        auto [lines, linesRead] = readLines(read, src, 4326, "boundary lines", report);
        chooseWorkingCrs(lines, req, src.path, report);
        const bool makesDistricts = !req.districts && !(req.boundary && req.boundaryLines);
        std::vector<std::string> roles{"boundary"};
        if (makesDistricts) roles.push_back("districts");
        linesOutline.emplace();
        Layer areas = polygonizeSource(lines, src, linesRead, roles, whyNotAreas, req, report, &*linesOutline);
        if (makesDistricts) {
            layers.districts = areas;
            layers.districtsNeedNames = true;
        }
        boundary = std::move(areas);
    } else {
        chooseWorkingCrs(*boundary, req, src.path, report);
    }
    report.boundaryFeatures = static_cast<int64_t>(boundary->featureCount());
    Layer outline;
    try {
        outline = linesOutline ? std::move(*linesOutline) : dissolve(*boundary);
    } catch (const Error& e) {
        throw Error(fileName(src.path) + ": " + e.what());
    }
    report.boundaryAreaKm2 = featureArea(outline, 0) / 1e6;
    if (!(report.boundaryAreaKm2 > 1e-6))
        throw Error(fileName(src.path) + ": boundary has no area");
    return outline;
}

// Without a boundary the roads choose the working CRS: read in lon/lat, then projected.
Layer readRoadsChoosingCrs(const SourceReader& read, const ImportRequest& req, ImportReport& report) {
    Layer roads = read(*req.roads, GeomKind::Line, 4326, "roads", 0.05, 0.45);
    chooseWorkingCrs(roads, req, req.roads->path, report, "roads");
    return roads;
}

// Roads, districts and villages, each refused when it lies away from the boundary.
void readOtherLayers(const SourceReader& read, const ImportRequest& req, ImportReport& report, ImportLayers& layers) {
    // Without a boundary (to be drawn by hand) the roads are read already, and the other layers
    // are held against the roads' box instead.
    const bool hasBoundary = req.boundary || req.boundaryLines;
    if (hasBoundary) layers.roads = read(*req.roads, GeomKind::Line, report.workingEpsg, "roads", 0.05, 0.45);
    const Bbox outlineBox = hasBoundary ? layers.outline.bbox() : layers.roads.bbox();
    const std::string boundaryPath = req.boundary ? req.boundary->path : req.boundaryLines ? req.boundaryLines->path : "";
    const std::string boundaryName = hasBoundary ? fileName(boundaryPath) : "the roads, " + fileName(req.roads->path);
    if (hasBoundary) {
        checkNearBoundary(outlineBox, layers.roads, "roads", req.roads->path, boundaryName);
        requireRoadsAtBoundary(layers.roads, layers.outline, req.roads->path, boundaryPath);
    }
    // Districts drawn as lines: given as --districts, or as --boundary-lines beside a --boundary.
    const LayerSource* districtSource = req.districts ? &*req.districts : req.boundary && req.boundaryLines ? &*req.boundaryLines : nullptr;
    if (districtSource) {
        bool isLines = !req.districts;
        std::string whyNotAreas;
        if (req.districts) {
            try {
                layers.districts = read(*req.districts, GeomKind::Polygon, report.workingEpsg, "districts", 0.5, 0.05);
            } catch (const OtherKindError& e) {
                isLines = true;
                whyNotAreas = e.what();
            }
        }
        if (isLines) {
            auto [lines, linesRead] = readLines(read, *districtSource, report.workingEpsg, "district lines", report);
            layers.districts = polygonizeSource(lines, *districtSource, linesRead, {"districts"}, whyNotAreas, req, report);
            layers.districtsNeedNames = true;
        }
        checkNearBoundary(outlineBox, *layers.districts, "districts", districtSource->path, boundaryName);
    }
    if (req.villages) {
        if (isTableFile(req.villages->path)) {
            // A village list: rows with 经度/纬度 columns.
            if (!req.villages->where.empty())
                throw Error(fileName(req.villages->path) + ": --villages-where applies to GDAL layers, not to a CSV/XLSX village list");
            ReadReport r;
            layers.villages = readVillageTable(req.villages->path, {req.encoding, req.villages->layer, req.villages->coords, report.workingEpsg}, r);
            report.layers.emplace_back("villages", r);
        } else {
            // Villages may be points or polygons: take whichever the source holds.
            try {
                layers.villages = read(*req.villages, GeomKind::Point, report.workingEpsg, "villages", 0.55, 0.05);
            } catch (const OtherKindError&) {
                dropRole(report, "villages");
                layers.villages = read(*req.villages, GeomKind::Polygon, report.workingEpsg, "villages", 0.55, 0.05);
            }
        }
        checkNearBoundary(outlineBox, *layers.villages, "villages", req.villages->path, boundaryName);
    }
    if (layers.districts && layers.districtsNeedNames) {
        std::optional<Layer> labels;
        if (req.districtLabels) {
            labels = read(*req.districtLabels, GeomKind::Point, report.workingEpsg, "district labels", 0.6, 0.0);
            dropRole(report, "district labels");
        }
        std::vector<std::string> names = nameAreas(*layers.districts, labels ? &*labels : nullptr,
                                                   layers.villages ? &*layers.villages : nullptr, report.districtNaming);
        layers.districts = namedDistricts(std::move(*layers.districts), names);
    } else if (req.districtLabels) {
        throw Error("--district-labels name districts polygonised from lines; these districts are polygons already");
    }
}

// Each road's class from the class field, with the mapping of source values into the report.
std::vector<RoadClass> classifyRoads(const Layer& roads, const ImportRequest& req, ImportReport& report) {
    int classField = roadClassField(roads, req.roadClassField, req.roads->path);
    report.classField = classField >= 0 ? roads.fields[static_cast<size_t>(classField)].name : "";
    std::vector<RoadClass> classes(roads.featureCount(), RoadClass::Other);
    std::map<std::string, std::pair<RoadClass, int64_t>> mapping;
    for (size_t i = 0; i < roads.featureCount(); ++i) {
        std::string_view v = roads.attr(i, classField);
        auto it = mapping.find(std::string(v));
        if (it == mapping.end()) it = mapping.emplace(std::string(v), std::make_pair(classifyRoad(v), 0)).first;
        ++it->second.second;
        classes[i] = it->second.first;
        ++report.classCounts[static_cast<size_t>(classes[i])];
    }
    for (auto& [value, p] : mapping) report.classMapping.push_back({value, p.first, p.second});
    return classes;
}

// The layers into a new GeoPackage at `tmp`, in one GDAL transaction.
void writeGdalLayers(const fs::path& tmp, const ImportRequest& req, const ImportLayers& layers,
                     const std::vector<RoadClass>& classes, const ImportReport& report, Progress& progress,
                     const WriteMessages& messages) {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!drv) throw Error("GDAL has no GeoPackage driver");
    GDALDatasetUniquePtr ds(drv->Create(tmp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw Error(req.workspacePath + ": cannot create (" + CPLGetLastErrorMsg() + ")");
    if (ds->StartTransaction() != OGRERR_NONE) throw Error("cannot start a transaction");
    progress.base = 0.6;
    progress.span = 0.05;
    progress.stage = "writing boundary";
    if (layers.outline.featureCount() > 0)
        writeLayer(*ds, layers.outline, "boundary", report.workingEpsg, {}, {}, progress.fn(), false);
    if (layers.districts) {
        auto fields = sourceFields(*layers.districts, {});
        writeLayer(*ds, *layers.districts, "districts", report.workingEpsg, fields, {}, progress.fn(), false);
    }
    if (layers.villages) {
        auto fields = sourceFields(*layers.villages, {});
        writeLayer(*ds, *layers.villages, "villages", report.workingEpsg, fields, {}, progress.fn(), false);
    }
    auto fields = sourceFields(layers.roads, {"class"});
    fields.insert(fields.begin(), OutField{"class", -1});
    progress.base = 0.65;
    progress.span = 0.3;
    progress.stage = "writing roads";
    writeLayer(*ds, layers.roads, "roads", report.workingEpsg, fields,
               [&](size_t f, size_t) { return std::string(roadClassName(classes[f])); }, progress.fn(), false);
    if (ds->CommitTransaction() != OGRERR_NONE) throw Error(req.workspacePath + ": write failed (" + CPLGetLastErrorMsg() + ")");
    GDALClose(ds.release());
    if (messages.diskFull) throw Error("disk full");
}

// Spatial indexes, Cordon's tables, the meta keys and the layer records, in one transaction.
void writeCordonTables(const fs::path& tmp, const ImportRequest& req, const ImportReport& report) {
    SqliteDb db;
    if (openSqlite(tmp.string(), SQLITE_OPEN_READWRITE, db) != SQLITE_OK)
        throw Error(req.workspacePath + ": cannot reopen the new workspace");
    Transaction tx(db.get());
    // Spatial indexes packed in one pass (GDAL's row-by-row build took most of an import).
    for (const char* name : {"boundary", "districts", "villages", "roads"})
        if (tableExists(db.get(), name)) createGpkgSpatialIndex(db.get(), name, "geom", "fid");
    ensureCordonSchema(db.get());
    Statement meta(db.get(), "INSERT OR REPLACE INTO cordon_meta(key, value) VALUES (?, ?)");
    meta.bind(1, std::string_view("application")).bind(2, std::string_view("cordon")).run();
    meta.bind(1, std::string_view("working_epsg")).bind(2, std::to_string(report.workingEpsg)).run();
    meta.bind(1, std::string_view("road_class_field")).bind(2, report.classField).run();
    Statement layer(db.get(),
                    "INSERT OR REPLACE INTO cordon_layers(name, role, epsg, source, encoding, encoding_reason, features, report)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& [role, r] : report.layers) {
        int64_t features = role == "boundary" ? 1 : r.featuresKept;
        layer.bind(1, role).bind(2, role).bind(3, report.workingEpsg).bind(4, fileName(r.source))
            .bind(5, r.encoding).bind(6, r.encodingReason).bind(7, features).bind(8, std::string_view("")).run();
    }
    meta.bind(1, std::string_view("import_report")).bind(2, importReportJson(report, true)).run();
    tx.commit();
}

// The analysis's road graph, cached now when big enough to be worth it, so the first analysis of
// a county-sized network reads it instead of building it. Networks past kImportGraphSegments are
// left to the first analysis: a dense one can take long to refuse.
void cacheRoadGraph(const fs::path& tmp, const Layer& roads) {
    try {
        if (roads.segmentCount() <= kImportGraphSegments) {
            Workspace built = Workspace::open(tmp.string());
            openNetwork(built);
        }
    } catch (const Error&) {
        // A network the analysis refuses (too dense) says why when an analysis asks for it.
    } catch (const std::bad_alloc&) {
    }
}

// The replaced file's plans and returnee counts, into the new workspace.
void carryOver(const fs::path& tmp, const ImportRequest& req, const ReplacedFile& old, ImportReport& report) {
    if (!old.plans.empty()) {
        Workspace built = Workspace::open(tmp.string());
        report.plans = writePlans(built, old.plans);
    }
    if (old.epsg > 0) {
        Workspace built = Workspace::open(tmp.string());
        carryReturnees(built.db(), req.workspacePath, old.epsg == report.workingEpsg, report.plans);
    }
    if (!old.basemaps.empty()) {
        BasemapCarry carried = carryBasemaps(old.basemaps, req.workspacePath, tmp.string());
        report.plans.basemapsKept = carried.carried;
        report.plans.basemapsLost = std::move(carried.lost);
    }
}

}  // namespace

void checkNearBoundary(const Bbox& boundary, const Layer& layer, const std::string& role, const std::string& path,
                       const std::string& boundarySource) {
    if (boundary.isEmpty() || layer.vertexCount() == 0) return;
    double nearest2 = std::numeric_limits<double>::infinity();
    for (size_t v = 0; v < layer.vertexCount() && nearest2 > 0; ++v) {
        double x = layer.xy[2 * v], y = layer.xy[2 * v + 1];
        double dx = std::max({boundary.minX - x, 0.0, x - boundary.maxX}), dy = std::max({boundary.minY - y, 0.0, y - boundary.maxY});
        nearest2 = std::min(nearest2, dx * dx + dy * dy);
    }
    double km = std::sqrt(nearest2) / 1000;
    if (!(km * 1000 > kLayersApartM)) return;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f km", km);
    throw Error(fileName(path) + ": the " + role + " lie " + buf + " from the boundary (" + boundarySource +
                "), so they cannot be the same place (another area, or a wrong CRS or --coords?)");
}

ImportReport importWorkspace(const ImportRequest& req) {
    initGdal();
    checkImportRequest(req);
    const fs::path target(req.workspacePath);
    // Written in a private folder beside the target (same file system), renamed over it at the end;
    // taken first, so a second import of the same file stops at once. Named *.gpkg so GDAL writes
    // it without complaint; the folder holds SQLite's journals too.
    StagedFile staged(target, "import", target.stem().string() + ".gpkg");
    const fs::path tmp = staged.path();

    ImportReport report;
    const ReplacedFile old = readReplacedFile(req, report);
    Progress progress{req, 0, 0, {}};
    const SourceReader read{req, report, progress};
    ImportLayers layers;
    if (req.boundary || req.boundaryLines) layers.outline = readBoundaryOutline(read, req, report, layers);
    else layers.roads = readRoadsChoosingCrs(read, req, report);
    readOtherLayers(read, req, report, layers);
    const std::vector<RoadClass> classes = classifyRoads(layers.roads, req, report);

    // GDAL reports write failures (a full disk among them) as a burst of messages: keep them for
    // the one-line reason instead of printing them.
    WriteMessages messages;
    CPLErrorHandlerPusher quiet(&WriteMessages::handler, &messages);
    try {
        writeGdalLayers(tmp, req, layers, classes, report, progress, messages);
        writeCordonTables(tmp, req, report);
        cacheRoadGraph(tmp, layers.roads);
        carryOver(tmp, req, old, report);
        if (messages.diskFull) throw Error("disk full");
    } catch (const Error& e) {
        throw Error(writeFailure(req.workspacePath, e.what(), messages));
    }
    staged.commit();
    if (req.progress) req.progress(1.0, "done");
    return report;
}

std::string importReportJson(const ImportReport& r, bool sourceNamesOnly) {
    JsonWriter j;
    j.beginObject();
    j.key("working_epsg").value(r.workingEpsg);
    j.key("working_crs").value(epsgName(r.workingEpsg));
    j.key("working_crs_reason").value(r.workingCrsReason);
    j.key("boundary_features_dissolved").value(r.boundaryFeatures);
    j.key("boundary_area_km2").value(r.boundaryAreaKm2);
    if (!r.polygonizedInto.empty()) {
        const PolygonizeReport& p = r.polygonized;
        j.key("polygonized").beginObject();
        j.key("into").value(r.polygonizedInto).key("snap_m").value(r.snapLinesM).key("lines").value(p.lines);
        j.key("areas").value(p.areas).key("dangling_ends").value(p.danglingEnds).key("dangling_lines").value(p.danglingLines);
        j.key("cut_edges").value(p.cutEdges).key("slivers").value(p.slivers).key("naming").value(r.districtNaming);
        j.endObject();
    }
    j.key("road_class_field").value(r.classField);
    j.key("road_classes").beginObject();
    for (size_t c = 0; c < kRoadClassCount; ++c) j.key(roadClassName(static_cast<RoadClass>(c))).value(r.classCounts[c]);
    j.endObject();
    j.key("road_class_mapping").beginArray();
    for (const auto& m : r.classMapping) {
        j.beginObject();
        j.key("source").value(m.sourceValue).key("class").value(roadClassName(m.roadClass)).key("count").value(m.count);
        j.endObject();
    }
    j.endArray();
    j.key("layers").beginArray();
    for (const auto& [role, l] : r.layers) {
        j.beginObject();
        j.key("role").value(role).key("source").value(sourceNamesOnly ? fileName(l.source) : l.source).key("layer").value(l.layerName);
        j.key("driver").value(l.driver).key("source_crs").value(l.sourceCrs);
        j.key("encoding").value(l.encoding).key("encoding_reason").value(l.encodingReason);
        j.key("features_read").value(l.featuresRead).key("features_kept").value(l.featuresKept);
        j.key("skipped").beginObject();
        j.key("null_geometry").value(l.nullGeometries).key("empty_geometry").value(l.emptyGeometries);
        j.key("wrong_type").value(l.wrongTypeGeometries).key("malformed").value(l.malformedGeometries);
        j.key("not_projectable").value(l.unprojectable);
        j.endObject();
        j.key("repaired_polygons").value(l.repairedPolygons);
        j.key("warnings").beginArray();
        for (const auto& w : l.warnings) j.value(w);
        j.endArray();
        j.endObject();
    }
    j.endArray();
    const PlanCarryReport& p = r.plans;
    j.key("plans").beginObject();
    j.key("dropped").value(p.dropped).key("scenarios").value(p.scenarios).key("checkpoints").value(p.checkpoints);
    j.key("basemaps_kept").value(p.basemapsKept).key("basemaps_lost").beginArray();
    for (const auto& lost : p.basemapsLost) j.value(lost);
    j.endArray();
    for (const auto& [key, list] : {std::pair{"moved", &p.moved}, std::pair{"unplaced", &p.unplaced}}) {
        j.key(key).beginArray();
        for (const auto& m : *list) {
            j.beginObject().key("scenario").value(m.scenario).key("number").value(m.number).key("name").value(m.name);
            if (key == std::string_view("moved")) j.key("moved_m").value(m.movedM, 1);
            j.endObject();
        }
        j.endArray();
    }
    j.endObject();
    j.endObject();
    return j.str();
}

}  // namespace geo
