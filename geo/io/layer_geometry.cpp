// A layer's geometries taken in from GDAL: one feature's geometry made linear, repaired and
// appended (or counted as why it was left out), coordinates checked against the CRS, and features
// that did not project dropped whole.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "geo/io/layer_reader_internal.hpp"
#include "geo/io/wkb.hpp"

namespace geo {

bool appendGeometry(OGRFeature& f, bool corrupt, const ShapeRecords* records, const ReadOptions& o, Layer& layer,
                    std::vector<unsigned char>& wkb, ReadReport& report) {
    OGRGeometry* g = f.GetGeometryRef();
    if (!g) {
        if (corrupt) ++report.malformedGeometries;
        else if (records && records->hasShapeType(f.GetFID())) ++report.emptyGeometries;
        else ++report.nullGeometries;
        return false;
    }
    if (g->IsEmpty()) { ++report.emptyGeometries; return false; }
    if (!kindMatches(g->getGeometryType(), o.kind) && wkbFlatten(g->getGeometryType()) != wkbGeometryCollection) {
        ++report.wrongTypeGeometries;
        return false;
    }
    std::unique_ptr<OGRGeometry> owned;
    if (g->hasCurveGeometry()) {
        owned.reset(g->getLinearGeometry());
        g = owned.get();
        if (!g) { ++report.malformedGeometries; return false; }
    }
    bool repaired = false;
    if (o.kind == GeomKind::Polygon && o.repair && !g->IsValid()) {
        std::unique_ptr<OGRGeometry> fixed(g->MakeValid());
        if (fixed && !fixed->IsEmpty()) {
            owned = std::move(fixed);
            g = owned.get();
            repaired = true;
        } else {
            report.warnings.push_back("feature " + std::to_string(f.GetFID()) + ": invalid polygon could not be repaired");
        }
    }
    size_t size = static_cast<size_t>(g->WkbSize());
    wkb.resize(size);
    if (g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) { ++report.malformedGeometries; return false; }
    WkbResult added = appendWkbFeature(layer, wkb.data(), size);
    if (repaired && added != WkbResult::Added) {
        // Repair collapsed it to lines or points: a polygon without area.
        ++report.emptyGeometries;
        if (report.warnings.size() < 10)
            report.warnings.push_back("feature " + std::to_string(f.GetFID()) + ": polygon has no area");
        return false;
    }
    if (repaired) ++report.repairedPolygons;
    switch (added) {
    case WkbResult::Added: break;
    case WkbResult::Empty: ++report.emptyGeometries; return false;
    case WkbResult::WrongType: ++report.wrongTypeGeometries; return false;
    case WkbResult::Malformed: ++report.malformedGeometries; return false;
    }
    return true;
}

void checkCoordinates(const Layer& layer, const std::string& path, bool geographic, bool hasCrs, const std::string& sourceCrs) {
    Bbox raw = layer.bbox();
    if (!raw.isEmpty()) {
        auto extent = [&] {
            char text[160];
            std::snprintf(text, sizeof text, "(%.6g, %.6g) - (%.6g, %.6g)", raw.minX, raw.minY, raw.maxX, raw.maxY);
            return std::string(text);
        };
        std::string crsName = hasCrs ? "the CRS is " + sourceCrs : "there is no .prj to say what they are";
        if (std::fabs(raw.minX) > 1e8 || std::fabs(raw.maxX) > 1e8 || std::fabs(raw.minY) > 1e8 || std::fabs(raw.maxY) > 1e8)
            fail(path, "coordinates " + extent() + " are far outside any sane range");
        if (geographic && (raw.minX < -180.5 || raw.maxX > 360.5 || raw.minY < -90.5 || raw.maxY > 90.5))
            fail(path, "coordinates " + extent() + " are not longitude/latitude, but " + crsName +
                           (hasCrs ? "; check the .prj" : ""));
        if (!geographic && raw.minX >= -180 && raw.maxX <= 180 && raw.minY >= -90 && raw.maxY <= 90 &&
            raw.width() < 10 && raw.height() < 10)
            fail(path, "coordinates " + extent() + " look like longitude/latitude but the CRS " + sourceCrs +
                           " is projected; check the .prj");
    }
}

int64_t dropUnprojectable(Layer& layer) {
    if (std::all_of(layer.xy.begin(), layer.xy.end(), [](double c) { return std::isfinite(c); })) return 0;
    int64_t unprojectable = 0;
    Layer kept;
    kept.kind = layer.kind;
    kept.name = layer.name;
    kept.epsg = layer.epsg;
    for (auto& f : layer.fields) kept.fields.push_back(StringColumn{f.name, {}, {0}});
    for (size_t fi = 0; fi < layer.featureCount(); ++fi) {
        Bbox b = layer.featureBbox(fi);
        if (!std::isfinite(b.minX) || !std::isfinite(b.maxX) || !std::isfinite(b.minY) || !std::isfinite(b.maxY)) {
            ++unprojectable;
            continue;
        }
        bool bad = false;
        size_t r0 = layer.partStart[layer.featureStart[fi]], r1 = layer.partStart[layer.featureStart[fi + 1]];
        for (size_t v = layer.ringStart[r0]; v < layer.ringStart[r1]; ++v)
            if (!std::isfinite(layer.xy[2 * v]) || !std::isfinite(layer.xy[2 * v + 1])) bad = true;
        if (bad) { ++unprojectable; continue; }
        for (size_t p = layer.featureStart[fi]; p < layer.featureStart[fi + 1]; ++p) {
            for (size_t r = layer.partStart[p]; r < layer.partStart[p + 1]; ++r) {
                for (size_t v = layer.ringStart[r]; v < layer.ringStart[r + 1]; ++v)
                    kept.addVertex(layer.xy[2 * v], layer.xy[2 * v + 1]);
                kept.endRing();
            }
            kept.endPart();
        }
        kept.endFeature();
        for (size_t c = 0; c < layer.fields.size(); ++c) kept.fields[c].push(layer.fields[c].at(fi));
    }
    layer = std::move(kept);
    return unprojectable;
}

}  // namespace geo
