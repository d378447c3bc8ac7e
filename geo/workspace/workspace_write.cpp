// Writing layers into a new workspace through GDAL: the dissolved boundary, the source fields
// carried over, the road class field found and applied.
#include "geo/workspace/workspace_write.hpp"

#include <cctype>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <memory>
#include <ogrsf_frmts.h>
#include <string_view>

#include "geo/core/error.hpp"
#include "geo/io/road_class.hpp"
#include "geo/io/wkb.hpp"
#include "geo/workspace/workspace.hpp"
#include "geo/workspace/workspace_internal.hpp"

namespace geo {
namespace {

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

}  // namespace geo
