// Import into a new workspace (through GDAL, so the GeoPackage is one GDAL wrote) and opening
// an existing one (through SQLite, which is faster than any generic reader).
#include "geo/workspace/workspace.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <cpl_error.h>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <gdal_priv.h>
#include <map>
#include <new>
#include <optional>
#include <ogrsf_frmts.h>

#include "geo/analysis/network.hpp"
#include "geo/core/error.hpp"
#include "geo/io/gpkg_rtree.hpp"
#include "geo/core/json.hpp"
#include "geo/io/output_file.hpp"
#include "geo/analysis/polygon_index.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/io/wkb.hpp"
#include "geo/workspace/workspace_write.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

std::string fileName(const std::string& path) { return fs::path(path).filename().string(); }

bool sameFieldName(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

}  // namespace

int roadClassField(const Layer& roads, const std::string& requested, const std::string& source) {
    auto find = [&](std::string_view name) {
        for (size_t i = 0; i < roads.fields.size(); ++i)
            if (sameFieldName(roads.fields[i].name, name)) return static_cast<int>(i);
        return -1;
    };
    if (requested.empty()) {
        for (const char* n : {"highway", "class", "TYPE", "道路等级"})
            if (int i = find(n); i >= 0) return i;
        return -1;
    }
    if (int i = roads.fieldIndex(requested); i >= 0) return i;
    if (int i = find(requested); i >= 0) return i;
    std::string names;
    for (const auto& f : roads.fields) names += (names.empty() ? "" : ", ") + f.name;
    throw Error(fileName(source) + ": no field '" + requested + "' (fields: " + names + ")");
}

// Dissolves every boundary feature into one outline (GEOS union through OGR).
Layer dissolve(const Layer& in) {
    OGRMultiPolygon all;
    for (size_t f = 0; f < in.featureCount(); ++f) {
        std::string blob = gpkgBlobFromFeature(in, f, 0);
        OGRGeometry* g = nullptr;
        size_t wkbSize;
        const uint8_t* wkb = gpkgBlobWkb(reinterpret_cast<const uint8_t*>(blob.data()), blob.size(), &wkbSize);
        if (OGRGeometryFactory::createFromWkb(wkb, nullptr, &g, wkbSize) != OGRERR_NONE || !g) continue;
        OGRMultiPolygon* mp = g->toMultiPolygon();
        for (auto* poly : *mp) all.addGeometry(poly);
        delete g;
    }
    std::unique_ptr<OGRGeometry> merged(in.featureCount() == 1 ? all.clone() : all.UnionCascaded());
    if (!merged) throw Error("boundary: the features could not be dissolved into one outline");
    Layer out;
    out.kind = GeomKind::Polygon;
    out.epsg = in.epsg;
    out.name = "boundary";
    std::vector<unsigned char> wkb(static_cast<size_t>(merged->WkbSize()));
    merged->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    if (appendWkbFeature(out, wkb.data(), wkb.size()) != WkbResult::Added)
        throw Error("boundary: dissolving the features left no area");
    return out;
}

constexpr size_t kImportGraphSegments = 2'000'000;

void writeLayer(GDALDataset& ds, const Layer& layer, const std::string& name, int epsg,
                const std::vector<OutField>& fields,
                const std::function<std::string(size_t feature, size_t field)>& computed,
                const std::function<bool(double)>& progress, bool gdalSpatialIndex) {
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRwkbGeometryType type = layer.kind == GeomKind::Point ? wkbMultiPoint
                              : layer.kind == GeomKind::Line ? wkbMultiLineString
                                                              : wkbMultiPolygon;
    const char* options[] = {"GEOMETRY_NAME=geom", "FID=fid", gdalSpatialIndex ? "SPATIAL_INDEX=YES" : "SPATIAL_INDEX=NO", nullptr};
    OGRLayer* out = ds.CreateLayer(name.c_str(), &srs, type, const_cast<char**>(options));
    if (!out) throw Error("cannot create layer " + name + ": " + CPLGetLastErrorMsg());
    for (const auto& f : fields) {
        OGRFieldDefn fd(f.name.c_str(), OFTString);
        if (out->CreateField(&fd) != OGRERR_NONE) throw Error("cannot create field " + f.name + " in " + name);
    }
    OGRFeatureDefn* defn = out->GetLayerDefn();
    size_t n = layer.featureCount();
    for (size_t i = 0; i < n; ++i) {
        OGRFeature feature(defn);
        std::string blob = gpkgBlobFromFeature(layer, i, 0);
        size_t wkbSize;
        const uint8_t* wkb = gpkgBlobWkb(reinterpret_cast<const uint8_t*>(blob.data()), blob.size(), &wkbSize);
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb, &srs, &g, wkbSize) != OGRERR_NONE) continue;
        feature.SetGeometryDirectly(g);
        for (size_t k = 0; k < fields.size(); ++k) {
            if (fields[k].sourceIndex >= 0) {
                std::string v(layer.attr(i, fields[k].sourceIndex));
                feature.SetField(static_cast<int>(k), v.c_str());
            } else {
                feature.SetField(static_cast<int>(k), computed(i, k).c_str());
            }
        }
        if (out->CreateFeature(&feature) != OGRERR_NONE)
            throw Error("cannot write " + name + " feature " + std::to_string(i) + ": " + CPLGetLastErrorMsg());
        if (progress && (i & 0x3fff) == 0 && !progress(static_cast<double>(i) / static_cast<double>(n)))
            throw Error("import cancelled");
    }
}

std::vector<OutField> sourceFields(const Layer& layer, std::initializer_list<const char*> reserved) {
    std::vector<OutField> out;
    for (size_t i = 0; i < layer.fields.size(); ++i) {
        std::string name = layer.fields[i].name;
        for (const char* r : reserved)
            if (sameFieldName(name, r)) name = "src_" + name;
        if (sameFieldName(name, "fid") || sameFieldName(name, "geom")) name = "src_" + name;
        out.push_back({name, static_cast<int>(i)});
    }
    return out;
}

namespace {
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

}  // namespace

std::vector<RoadClass> roadClasses(const Layer& roads) {
    std::vector<RoadClass> out(roads.featureCount(), RoadClass::Other);
    int f = roads.fieldIndex("class");
    if (f < 0) return out;
    // Expressways filed under 国道/省道 are told by their name or route code.
    int name = -1, ref = -1;
    for (const char* n : {"name", "NAME", "名称", "路名", "Name"}) if (name < 0) name = roads.fieldIndex(n);
    for (const char* n : {"ref", "REF", "编号", "路线编号", "路线编码", "LXBM", "LXBH", "code"}) if (ref < 0) ref = roads.fieldIndex(n);
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = refineRoadClass(roadClassFromName(roads.attr(i, f)), roads.attr(i, name), roads.attr(i, ref));
    return out;
}

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
    if (!req.boundary) throw Error("import needs --boundary");
    if (!req.roads) throw Error("import needs --roads");
    fs::path target(req.workspacePath);
    std::error_code ec;
    if (fs::exists(target, ec) && !req.replace)
        throw Error(fileName(req.workspacePath) + ": already exists (use --replace to overwrite it)");
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) throw Error(req.workspacePath + ": folder does not exist");
    if (req.crsEpsg && !isKnownEpsg(req.crsEpsg)) throw Error("--crs: EPSG:" + std::to_string(req.crsEpsg) + " is unknown");
    // Written in a private folder beside the target (same file system), renamed over it at the end;
    // taken first, so a second import of the same file stops at once. Named *.gpkg so GDAL writes
    // it without complaint; the folder holds SQLite's journals too.
    StagedFile staged(target, "import", target.stem().string() + ".gpkg");
    const fs::path tmp = staged.path();

    ImportReport report;
    // The plans of the file being replaced: kept (re-snapped to the new roads) unless dropped.
    std::vector<Scenario> plans;
    int oldEpsg = 0;  // of the file being replaced, when it is a workspace
    if (req.replace && fs::exists(target, ec)) {
        try {
            Workspace old = Workspace::open(req.workspacePath, Workspace::Mode::ReadOnly);
            oldEpsg = old.workingEpsg();
            if (!req.dropPlans) plans = readPlansLonLat(old);
        } catch (const Error& e) {
            if (!req.dropPlans)
                throw Error(std::string(e.what()) + "; cannot keep its plans (--drop-plans replaces it without them)");
        }
        report.plans.dropped = req.dropPlans;
    }
    Progress progress{req, 0, 0, {}};
    auto read = [&](const LayerSource& src, GeomKind kind, int epsg, const char* role, double base, double span) {
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
    };

    // Boundary first, in lon/lat: it chooses the working CRS.
    Layer boundary = read(*req.boundary, GeomKind::Polygon, 4326, "boundary", 0.0, 0.05);
    Bbox ll = boundary.bbox();
    double lon = 0.5 * (ll.minX + ll.maxX), lat = 0.5 * (ll.minY + ll.maxY);
    report.workingEpsg = req.crsEpsg ? req.crsEpsg : chooseWorkingEpsg(lon, lat);
    report.workingCrsReason = req.crsEpsg ? "set by --crs"
                                          : "chosen for the boundary's centre (" + std::to_string(lon).substr(0, 8) + "E, " +
                                                std::to_string(lat).substr(0, 7) + "N)";
    Transformer("EPSG:4326", "EPSG:" + std::to_string(report.workingEpsg)).transform(boundary.xy.data(), boundary.vertexCount());
    boundary.epsg = report.workingEpsg;
    for (double v : boundary.xy)
        if (!std::isfinite(v)) throw Error(fileName(req.boundary->path) + ": boundary cannot be projected to EPSG:" +
                                           std::to_string(report.workingEpsg));
    report.boundaryFeatures = static_cast<int64_t>(boundary.featureCount());
    Layer outline;
    try {
        outline = dissolve(boundary);
    } catch (const Error& e) {
        throw Error(fileName(req.boundary->path) + ": " + e.what());
    }
    report.boundaryAreaKm2 = featureArea(outline, 0) / 1e6;
    if (!(report.boundaryAreaKm2 > 1e-6))
        throw Error(fileName(req.boundary->path) + ": boundary has no area");

    const Bbox outlineBox = outline.bbox();
    Layer roads = read(*req.roads, GeomKind::Line, report.workingEpsg, "roads", 0.05, 0.45);
    const std::string boundaryName = fileName(req.boundary->path);
    checkNearBoundary(outlineBox, roads, "roads", req.roads->path, boundaryName);
    requireRoadsAtBoundary(roads, outline, req.roads->path, req.boundary->path);
    std::optional<Layer> districts, villages;
    if (req.districts) {
        districts = read(*req.districts, GeomKind::Polygon, report.workingEpsg, "districts", 0.5, 0.05);
        checkNearBoundary(outlineBox, *districts, "districts", req.districts->path, boundaryName);
    }
    if (req.villages) {
        // Villages may be points or polygons: take whichever the source holds.
        try {
            villages = read(*req.villages, GeomKind::Point, report.workingEpsg, "villages", 0.55, 0.05);
        } catch (const OtherKindError&) {
            report.layers.erase(std::remove_if(report.layers.begin(), report.layers.end(),
                                               [](auto& p) { return p.first == "villages"; }),
                                report.layers.end());
            villages = read(*req.villages, GeomKind::Polygon, report.workingEpsg, "villages", 0.55, 0.05);
        }
        checkNearBoundary(outlineBox, *villages, "villages", req.villages->path, boundaryName);
    }

    // Road classes.
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

    // GDAL reports write failures (a full disk among them) as a burst of messages: keep them for
    // the one-line reason instead of printing them.
    WriteMessages messages;
    CPLErrorHandlerPusher quiet(&WriteMessages::handler, &messages);
    try {
        {
            GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
            if (!drv) throw Error("GDAL has no GeoPackage driver");
            GDALDatasetUniquePtr ds(drv->Create(tmp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            if (!ds) throw Error(req.workspacePath + ": cannot create (" + CPLGetLastErrorMsg() + ")");
            if (ds->StartTransaction() != OGRERR_NONE) throw Error("cannot start a transaction");
            progress.base = 0.6;
            progress.span = 0.05;
            progress.stage = "writing boundary";
            writeLayer(*ds, outline, "boundary", report.workingEpsg, {}, {}, progress.fn(), false);
            if (districts) {
                auto fields = sourceFields(*districts, {});
                writeLayer(*ds, *districts, "districts", report.workingEpsg, fields, {}, progress.fn(), false);
            }
            if (villages) {
                auto fields = sourceFields(*villages, {});
                writeLayer(*ds, *villages, "villages", report.workingEpsg, fields, {}, progress.fn(), false);
            }
            auto fields = sourceFields(roads, {"class"});
            fields.insert(fields.begin(), OutField{"class", -1});
            progress.base = 0.65;
            progress.span = 0.3;
            progress.stage = "writing roads";
            writeLayer(*ds, roads, "roads", report.workingEpsg, fields,
                       [&](size_t f, size_t) { return std::string(roadClassName(classes[f])); }, progress.fn(), false);
            if (ds->CommitTransaction() != OGRERR_NONE) throw Error(req.workspacePath + ": write failed (" + CPLGetLastErrorMsg() + ")");
            GDALClose(ds.release());
            if (messages.diskFull) throw Error("disk full");
        }
        {
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
        // The analysis's road graph, cached now when big enough to be worth it, so the first
        // analysis of a county-sized network reads it instead of building it. Networks past
        // kImportGraphSegments are left to the first analysis: a dense one can take long to refuse.
        try {
            if (roads.segmentCount() <= kImportGraphSegments) {
                Workspace built = Workspace::open(tmp.string());
                openNetwork(built);
            }
        } catch (const Error&) {
            // A network the analysis refuses (too dense) says why when an analysis asks for it.
        } catch (const std::bad_alloc&) {
        }
        if (!plans.empty()) {
            Workspace built = Workspace::open(tmp.string());
            report.plans = writePlans(built, plans);
        }
        if (oldEpsg > 0) {
            Workspace built = Workspace::open(tmp.string());
            carryReturnees(built.db(), req.workspacePath, oldEpsg == report.workingEpsg, report.plans);
        }
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
        Statement t(raw, "SELECT name FROM sqlite_master WHERE type = 'trigger'");
        while (t.step())
            if (std::none_of(ws.foreign_.begin(), ws.foreign_.end(), [&](const SchemaObject& o) { return o.name == t.text(0); }))
                known->push_back(t.text(0));
        ws.knownTriggers_ = known;
        sqlite3_set_authorizer(raw, &authorizeStoredCode, const_cast<std::vector<std::string>*>(ws.knownTriggers_.get()));
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

std::vector<LayerRecord> Workspace::layers() const {
    std::vector<LayerRecord> out;
    Statement s(db_.get(), "SELECT name, role, epsg, source, encoding, encoding_reason, features FROM cordon_layers ORDER BY rowid");
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.int64(6)});
    return out;
}

bool Workspace::hasLayer(const std::string& name) const {
    Statement s(db_.get(), "SELECT 1 FROM gpkg_contents WHERE table_name = ? AND data_type = 'features'");
    s.bind(1, name);
    return s.step();
}

namespace {
// Workspace::readLayer without the file's name in its errors.
Layer readWorkspaceLayer(const Workspace& ws, const std::string& name, std::vector<int64_t>& unreadable) {
    sqlite3* db = ws.db();
    if (!ws.hasLayer(name)) throw Error(fileName(ws.path()) + ": no layer '" + name + "'");
    Layer layer;
    layer.name = name;
    layer.epsg = ws.workingEpsg();
    {
        Statement t(db, "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?");
        t.bind(1, name);
        std::string type = t.step() ? t.text(0) : "";
        layer.kind = type.find("POINT") != std::string::npos ? GeomKind::Point
                     : type.find("POLYGON") != std::string::npos ? GeomKind::Polygon
                                                                 : GeomKind::Line;
    }
    std::vector<std::string> columns;
    {
        Statement info(db, ("PRAGMA table_info(" + quoteIdentifier(name) + ")").c_str());
        while (info.step()) {
            std::string c = info.text(1);
            if (c != "fid" && c != "geom") columns.push_back(c);
        }
    }
    std::string sql = "SELECT geom";
    for (const auto& c : columns) {
        sql += ", " + quoteIdentifier(c);
        layer.fields.push_back(StringColumn{c, {}, {0}});
    }
    sql += ", fid FROM " + quoteIdentifier(name) + " ORDER BY fid";
    {
        Statement count(db, ("SELECT count(*) FROM " + quoteIdentifier(name)).c_str());
        if (count.step()) layer.reserve(static_cast<size_t>(count.int64(0)), static_cast<size_t>(count.int64(0)) * 4);
    }
    Statement s(db, sql.c_str());
    while (s.step()) {
        size_t size = 0;
        const uint8_t* blob = s.blob(0, &size);
        size_t wkbSize = 0;
        const uint8_t* wkb = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr;
        if (!wkb || appendWkbFeature(layer, wkb, wkbSize) != WkbResult::Added) {
            unreadable.push_back(s.int64(static_cast<int>(columns.size() + 1)));
            continue;
        }
        for (size_t c = 0; c < columns.size(); ++c) {
            const unsigned char* t = sqlite3_column_text(s.get(), static_cast<int>(c + 1));
            int n = sqlite3_column_bytes(s.get(), static_cast<int>(c + 1));
            layer.fields[c].push(t ? std::string_view(reinterpret_cast<const char*>(t), static_cast<size_t>(n)) : std::string_view());
        }
    }
    return layer;
}
}  // namespace

Layer Workspace::readLayer(const std::string& name) const {
    try {
        std::vector<int64_t> unreadable;
        Layer layer = readWorkspaceLayer(*this, name, unreadable);
        unreadable_[name] = std::move(unreadable);
        return layer;
    } catch (const Error& e) {
        std::string what = e.what();
        if (what.rfind(fileName(path_) + ":", 0) == 0) throw;
        throw Error(fileName(path_) + ": " + what);
    }
}

std::vector<int64_t> Workspace::unreadableRows(const std::string& name) const {
    auto it = unreadable_.find(name);
    return it == unreadable_.end() ? std::vector<int64_t>{} : it->second;
}

std::vector<std::string> damageWarnings(const Workspace& ws) {
    std::vector<std::string> out;
    for (const char* name : {"boundary", "districts", "roads", "villages"}) {
        std::vector<int64_t> rows = ws.unreadableRows(name);
        if (rows.empty()) continue;
        std::string fids;
        for (size_t i = 0; i < rows.size() && i < 5; ++i) fids += (i ? ", " : "") + std::to_string(rows[i]);
        if (rows.size() > 5) fids += ", ...";
        out.push_back(std::string(name) + ": " + std::to_string(rows.size()) + (rows.size() == 1 ? " row" : " rows") +
                      " with a damaged geometry left out (fid " + fids + "), and with " + (rows.size() == 1 ? "it" : "them") +
                      " any entry it made; import the layer again to restore it");
    }
    return out;
}

void Workspace::checkpointWal() {
    sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
}

}  // namespace geo
