// Layer replacement through GDAL's GeoPackage driver, so the file stays a valid GeoPackage.
#include "geo/io/layer_replace.hpp"

#include <filesystem>
#include <optional>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/core/error.hpp"
#include "geo/io/boundary_lines.hpp"
#include "geo/io/lines_as_areas.hpp"
#include "geo/io/village_table.hpp"
#include "geo/workspace/workspace_write.hpp"

namespace geo {
namespace {

std::string sqlQuote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

}  // namespace

ReplaceReport replaceLayer(const ReplaceRequest& req) {
    initGdal();
    const std::string file = std::filesystem::path(req.workspacePath).filename().string();
    const std::string sourceFile = std::filesystem::path(req.source.path).filename().string();
    GeomKind kind;
    if (req.role == "boundary" || req.role == "districts") kind = GeomKind::Polygon;
    else if (req.role == "roads") kind = GeomKind::Line;
    else if (req.role == "villages") kind = GeomKind::Point;
    else throw Error("unknown layer role '" + req.role + "' (boundary, districts, roads or villages)");

    int epsg = 0;
    Bbox boundaryBox;
    {
        Workspace ws = Workspace::open(req.workspacePath);
        if (ws.isReadOnly()) throw Error(file + ": the workspace is read-only");
        epsg = ws.workingEpsg();
        if (req.role != "boundary" && ws.hasLayer("boundary")) boundaryBox = ws.readLayer("boundary").bbox();
    }
    ReplaceReport report;
    auto read = [&](GeomKind k) {
        ReadOptions o;
        o.kind = k;
        o.layerName = req.source.layer;
        o.where = req.source.where;
        o.encoding = req.encoding;
        o.targetEpsg = epsg;
        o.progress = [&](double f) { return !req.progress || req.progress(0.6 * f); };
        report.read = ReadReport{};
        return readLayer(req.source.path, o, report.read);
    };
    // A village list as a table (经度/纬度 columns) rather than a layer.
    const bool isVillageTable = req.role == "villages" && isTableFile(req.source.path);
    if (isVillageTable && !req.source.where.empty()) throw Error(sourceFile + ": a filter applies to GDAL layers, not to a CSV/XLSX village list");
    Layer layer = isVillageTable ? readVillageTable(req.source.path, {req.encoding, req.source.layer, req.source.coords, epsg}, report.read)
                                 : read(kind);
    if (layer.featureCount() == 0 && kind == GeomKind::Point && report.read.wrongTypeGeometries > 0)
        layer = read(GeomKind::Polygon);  // villages may be polygons
    auto noUsable = [&] {
        return sourceFile + ": no usable " + req.role + " geometries" +
               (report.read.wrongTypeGeometries > 0 ? " (the layer holds " + report.read.geometryType + ")" : "");
    };
    // A boundary or districts drawn as lines: polygonised, each enclosed area a district.
    if (layer.featureCount() == 0 && kind == GeomKind::Polygon && report.read.geometryType.find("Line") != std::string::npos) {
        const std::string whyNotAreas = noUsable();
        Layer lines = read(GeomKind::Line);
        if (lines.featureCount() > 0) {
            PolygonizeReport polygonized;
            Layer outline;  // a boundary: every area, slivers too
            layer = areasFromLines(lines, req.source.path, req.snapLinesM, whyNotAreas, polygonized, &outline);
            if (req.role == "boundary") layer = std::move(outline);
            report.polygonized = polygonizeSummary(polygonized, req.snapLinesM, req.role);
            if (req.role == "districts") {
                Workspace ws = Workspace::open(req.workspacePath, Workspace::Mode::ReadOnly);
                std::optional<Layer> villages;
                if (ws.hasLayer("villages")) villages = ws.readLayer("villages");
                std::string how;
                std::vector<std::string> names = nameAreas(layer, nullptr, villages ? &*villages : nullptr, how);
                layer = namedDistricts(std::move(layer), names);
                report.polygonized += "; " + how;
            }
        }
    }
    if (layer.featureCount() == 0) throw Error(noUsable());
    if (req.role == "boundary") layer = dissolve(layer);
    else checkNearBoundary(boundaryBox, layer, req.role, req.source.path, "the workspace's");

    std::vector<OutField> fields = sourceFields(layer, {"class"});
    std::vector<RoadClass> classes;
    std::string classField;
    if (req.role == "roads") {
        int f = roadClassField(layer, req.roadClassField, req.source.path);
        classField = f >= 0 ? layer.fields[static_cast<size_t>(f)].name : "";
        classes.resize(layer.featureCount(), RoadClass::Other);
        for (size_t i = 0; i < classes.size(); ++i) {
            classes[i] = f >= 0 ? classifyRoad(layer.attr(i, f)) : RoadClass::Other;
            ++report.classCounts[static_cast<size_t>(classes[i])];
        }
        fields.insert(fields.begin(), OutField{"class", -1});
    } else if (req.role == "boundary") {
        fields.clear();
    }

    // GDAL re-creates its feature-count triggers after the swap and says so; nothing is wrong.
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    GDALDatasetUniquePtr ds(GDALDataset::Open(req.workspacePath.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) throw Error(file + ": cannot open for writing (" + CPLGetLastErrorMsg() + ")");
    if (ds->StartTransaction() != OGRERR_NONE) throw Error(file + ": cannot start a transaction");
    try {
        for (int i = 0; i < ds->GetLayerCount(); ++i)
            if (req.role == ds->GetLayer(i)->GetName()) {
                if (ds->DeleteLayer(i) != OGRERR_NONE) throw Error(file + ": cannot remove the old " + req.role + " layer");
                break;
            }
        writeLayer(*ds, layer, req.role, epsg, fields,
                   [&](size_t feature, size_t) { return std::string(roadClassName(classes[feature])); },
                   [&](double f) { return !req.progress || req.progress(0.6 + 0.38 * f); });
        if (req.progress && !req.progress(0.99)) throw Error("import cancelled");
        std::string sql = "INSERT OR REPLACE INTO cordon_layers(name, role, epsg, source, encoding, encoding_reason, features, report) VALUES (" +
                          sqlQuote(req.role) + "," + sqlQuote(req.role) + "," + std::to_string(epsg) + "," + sqlQuote(sourceFile) + "," +
                          sqlQuote(report.read.encoding) + "," + sqlQuote(report.read.encodingReason) + "," +
                          std::to_string(layer.featureCount()) + ",'')";
        CPLErrorReset();
        ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (CPLGetLastErrorType() >= CE_Failure) throw Error(file + ": cannot record the layer (" + CPLGetLastErrorMsg() + ")");
        if (req.role == "roads" && !classField.empty()) {
            std::string meta = "INSERT OR REPLACE INTO cordon_meta(key, value) VALUES ('road_class_field', " + sqlQuote(classField) + ")";
            ds->ExecuteSQL(meta.c_str(), nullptr, nullptr);
        }
        // The cached road graph describes the old roads (its key rejects it anyway; this frees the space).
        if (req.role == "roads") ds->ExecuteSQL("DROP TABLE IF EXISTS cordon_network_cache", nullptr, nullptr);
        if (ds->CommitTransaction() != OGRERR_NONE) throw Error(file + ": write failed (" + CPLGetLastErrorMsg() + ")");
    } catch (...) {
        ds->RollbackTransaction();
        throw;
    }
    GDALClose(ds.release());
    report.features = static_cast<int64_t>(layer.featureCount());
    if (req.role == "roads" || req.role == "districts") {
        Workspace ws = Workspace::open(req.workspacePath);
        report.plans = resnapPlans(ws);
    }
    if (req.progress) req.progress(1.0);
    return report;
}

}  // namespace geo
