// Vertex operations on one hand-drawn feature, and its validity through GEOS.
#include "geo/plan/layer_edit.hpp"

#include <cstdio>

#include "geo/core/error.hpp"
#include "geo/core/geos_handles.hpp"
#include "geo/io/wkb.hpp"

namespace geo {
namespace {

EditRing& ringAt(EditFeature& f, const VertexRef& v) {
    if (v.part >= f.parts.size() || v.ring >= f.parts[v.part].size() || v.vertex >= f.parts[v.part][v.ring].size())
        throw Error("no such vertex");
    return f.parts[v.part][v.ring];
}

}  // namespace

const char* editLayerName(EditLayer layer) {
    switch (layer) {
    case EditLayer::Boundary: return "boundary";
    case EditLayer::Districts: return "districts";
    case EditLayer::Villages: break;
    }
    return "villages";
}

const std::string* EditFeature::attr(const std::string& column) const {
    for (const auto& [name, value] : attrs)
        if (name == column) return &value;
    return nullptr;
}

void EditFeature::setAttr(const std::string& column, const std::string& value) {
    for (auto& [name, v] : attrs)
        if (name == column) {
            v = value;
            return;
        }
    attrs.emplace_back(column, value);
}

size_t EditFeature::vertexCount() const {
    size_t n = 0;
    for (const auto& part : parts)
        for (const auto& ring : part) n += ring.size();
    return n;
}

EditFeature polygonFeature(EditRing outer) {
    EditFeature f;
    f.parts.push_back({std::move(outer)});
    return f;
}

EditFeature pointFeature(double x, double y) {
    EditFeature f;
    f.parts.push_back({EditRing{{x, y}}});
    return f;
}

void moveVertex(EditFeature& f, const VertexRef& v, double x, double y) {
    ringAt(f, v)[v.vertex] = {x, y};
}

VertexRef insertVertex(EditFeature& f, const VertexRef& v, double x, double y) {
    EditRing& ring = ringAt(f, v);
    if (ring.size() < 2) throw Error("a point has no edge to add a vertex to");
    ring.insert(ring.begin() + static_cast<std::ptrdiff_t>(v.vertex + 1), EditPoint{x, y});
    return {v.part, v.ring, v.vertex + 1};
}

void deleteVertex(EditFeature& f, const VertexRef& v) {
    EditRing& ring = ringAt(f, v);
    if (ring.size() <= 1) throw Error("a point has only one vertex: delete the feature instead");
    if (ring.size() <= 3) throw Error("an area needs at least 3 vertices: delete the feature instead");
    ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(v.vertex));
}

Layer featureLayer(const EditFeature& f, GeomKind kind) {
    Layer l;
    l.kind = kind;
    for (const auto& part : f.parts) {
        for (const auto& ring : part) {
            for (const EditPoint& p : ring) l.addVertex(p.x, p.y);
            l.endRing();
            if (kind == GeomKind::Point) break;
        }
        l.endPart();
    }
    l.endFeature();
    return l;
}

EditFeature featureFromLayer(const Layer& layer, size_t feature) {
    EditFeature f;
    for (size_t p = layer.featureStart[feature]; p < layer.featureStart[feature + 1]; ++p) {
        std::vector<EditRing> rings;
        for (size_t r = layer.partStart[p]; r < layer.partStart[p + 1]; ++r) {
            EditRing ring;
            for (size_t v = layer.ringStart[r]; v < layer.ringStart[r + 1]; ++v) ring.push_back({layer.xy[2 * v], layer.xy[2 * v + 1]});
            rings.push_back(std::move(ring));
        }
        f.parts.push_back(std::move(rings));
    }
    for (size_t c = 0; c < layer.fields.size(); ++c) f.attrs.emplace_back(layer.fields[c].name, std::string(layer.fields[c].at(feature)));
    return f;
}

std::string polygonProblem(const EditFeature& f, GeomKind kind) {
    if (kind != GeomKind::Polygon) return {};
    if (f.parts.empty()) return "the area has no vertices";
    for (const auto& part : f.parts)
        for (const auto& ring : part)
            if (ring.size() < 3) return "an area needs at least 3 vertices";
    const std::string blob = gpkgBlobFromFeature(featureLayer(f, kind), 0, 0);
    size_t wkbSize = 0;
    const uint8_t* wkb = gpkgBlobWkb(reinterpret_cast<const uint8_t*>(blob.data()), blob.size(), &wkbSize);
    GeosContext geos;  // one per check: GEOS's handles are per context, and a check is rare
    GEOSWKBReader* reader = GEOSWKBReader_create_r(geos.h);
    GeomPtr g(GEOSWKBReader_read_r(geos.h, reader, wkb, wkbSize), GeomDeleter{geos.h});
    GEOSWKBReader_destroy_r(geos.h, reader);
    if (!g) return "the area cannot be read as a polygon";
    std::string problem;
    char* reason = nullptr;
    GEOSGeometry* found = nullptr;
    const bool isValid = GEOSisValidDetail_r(geos.h, g.get(), 0, &reason, &found) != 0;
    GeomPtr location(found, GeomDeleter{geos.h});
    if (!isValid) {
        std::string what = reason ? reason : "invalid";
        double x = 0, y = 0;
        bool hasAt = location && GEOSGeomGetX_r(geos.h, location.get(), &x) == 1 && GEOSGeomGetY_r(geos.h, location.get(), &y) == 1;
        char at[96] = "";
        if (hasAt) std::snprintf(at, sizeof at, " near %.1f E %.1f N", x, y);
        if (what.find("Self-intersection") != std::string::npos || what.find("Ring Self-intersection") != std::string::npos)
            problem = std::string("the area crosses itself") + at;
        else if (what.find("Too few points") != std::string::npos)
            problem = "an area needs at least 3 distinct vertices";
        else
            problem = "the area is not valid (" + what + ")" + at;
    }
    if (reason) GEOSFree_r(geos.h, reason);
    return problem;
}

}  // namespace geo
