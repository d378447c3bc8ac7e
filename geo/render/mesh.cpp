// Polygon triangulation (GEOS constrained Delaunay) and per-segment line meshes.
#include "geo/render/mesh.hpp"

#include <algorithm>
#include <cmath>
#include <geos_c.h>
#include <memory>
#include <unordered_map>

#include "geo/core/geos_handles.hpp"

namespace geo {
namespace {

// A closed GEOS ring from layer ring r, relative to the origin; nullptr when degenerate.
GEOSGeometry* makeRing(GEOSContextHandle_t h, const Layer& l, size_t r, double ox, double oy) {
    size_t a = l.ringStart[r], b = l.ringStart[r + 1];
    if (b - a < 3) return nullptr;
    bool closed = l.xy[2 * a] == l.xy[2 * (b - 1)] && l.xy[2 * a + 1] == l.xy[2 * (b - 1) + 1];
    size_t n = b - a + (closed ? 0 : 1);
    if (n < 4) return nullptr;
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(n), 2);
    for (size_t i = 0; i < n; ++i) {
        size_t v = a + (i < b - a ? i : 0);
        GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), l.xy[2 * v] - ox, l.xy[2 * v + 1] - oy);
    }
    return GEOSGeom_createLinearRing_r(h, seq);
}

GeomPtr makePolygon(GEOSContextHandle_t h, const Layer& l, size_t part, double ox, double oy) {
    size_t r0 = l.partStart[part], r1 = l.partStart[part + 1];
    GEOSGeometry* shell = r0 < r1 ? makeRing(h, l, r0, ox, oy) : nullptr;
    if (!shell) return GeomPtr(nullptr, GeomDeleter{h});
    std::vector<GEOSGeometry*> holes;
    for (size_t r = r0 + 1; r < r1; ++r)
        if (GEOSGeometry* ring = makeRing(h, l, r, ox, oy)) holes.push_back(ring);
    return GeomPtr(GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())), GeomDeleter{h});
}

// Appends the triangles of a CDT result (a collection of triangles) for feature f.
void appendTriangles(GEOSContextHandle_t h, const GEOSGeometry* tris, uint32_t f, FillMesh& out) {
    int n = GEOSGetNumGeometries_r(h, tris);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* t = GEOSGetGeometryN_r(h, tris, i);
        if (GEOSGeomTypeId_r(h, t) != GEOS_POLYGON) continue;
        const GEOSCoordSequence* s = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, t));
        unsigned size = 0;
        if (!s || !GEOSCoordSeq_getSize_r(h, s, &size) || size < 3) continue;
        for (unsigned k = 0; k < 3; ++k) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, s, k, &x, &y);
            out.xy.push_back(static_cast<float>(x));
            out.xy.push_back(static_cast<float>(y));
            out.vertexFeature.push_back(f);
        }
    }
}

}  // namespace

size_t appendFillMesh(const Layer& polygons, FillMesh& out) {
    GeosContext ctx;
    GEOSContextHandle_t h = ctx.h;
    size_t failed = 0;
    for (size_t f = 0; f < polygons.featureCount(); ++f) {
        for (size_t p = polygons.featureStart[f]; p < polygons.featureStart[f + 1]; ++p) {
            GeomPtr poly = makePolygon(h, polygons, p, out.originX, out.originY);
            if (!poly) continue;
            GeomPtr tris(GEOSConstrainedDelaunayTriangulation_r(h, poly.get()), GeomDeleter{h});
            if (!tris) {
                // Self-intersecting rings: triangulate the repaired shape instead.
                GeomPtr valid(GEOSMakeValid_r(h, poly.get()), GeomDeleter{h});
                if (valid) tris.reset(GEOSConstrainedDelaunayTriangulation_r(h, valid.get()));
            }
            if (!tris) { ++failed; continue; }
            appendTriangles(h, tris.get(), static_cast<uint32_t>(f), out);
        }
    }
    return failed;
}

void LineMesh::clear() {
    segments.clear();
    style.clear();
    cellStart.clear();
    extent = Bbox();
    maxSegmentLength = 0;
}

void LineMeshBuilder::addLines(const Layer& layer, const std::function<uint8_t(size_t)>& styleOf) {
    for (size_t f = 0; f < layer.featureCount(); ++f) {
        uint8_t s = styleOf(f);
        for (size_t p = layer.featureStart[f]; p < layer.featureStart[f + 1]; ++p)
            for (size_t r = layer.partStart[p]; r < layer.partStart[p + 1]; ++r)
                for (size_t v = layer.ringStart[r]; v + 1 < layer.ringStart[r + 1]; ++v)
                    raw_.push_back({static_cast<float>(layer.xy[2 * v] - originX_),
                                    static_cast<float>(layer.xy[2 * v + 1] - originY_),
                                    static_cast<float>(layer.xy[2 * v + 2] - originX_),
                                    static_cast<float>(layer.xy[2 * v + 3] - originY_), s});
    }
}

void LineMeshBuilder::addPoints(const Layer& layer, uint8_t style) {
    for (size_t v = 0; v < layer.vertexCount(); ++v) {
        float x = static_cast<float>(layer.xy[2 * v] - originX_), y = static_cast<float>(layer.xy[2 * v + 1] - originY_);
        raw_.push_back({x, y, x, y, style});
    }
}

int LineMesh::gridCell(double value, double lo, double span) {
    const double t = span > 0 ? (value - lo) / span * kGrid : value < lo ? -1.0 : value > lo ? double(kGrid) : 0.0;
    if (!(t >= 0)) return -1;  // before the extent, or NaN
    return t >= kGrid ? kGrid : static_cast<int>(t);
}

void LineMeshBuilder::finish(LineMesh& out) {
    out.clear();
    out.originX = originX_;
    out.originY = originY_;
    for (const Segment& s : raw_) {
        out.extent.add(s.x0, s.y0);
        out.extent.add(s.x1, s.y1);
    }
    // Long segments are cut to half a cell, so that culling by cell needs only a small margin.
    double maxLength = 0.5 * std::max(out.extent.width(), out.extent.height()) / LineMesh::kGrid;
    for (size_t i = 0, n = raw_.size(); i < n; ++i) {
        Segment s = raw_[i];
        double length = std::hypot(double(s.x1 - s.x0), double(s.y1 - s.y0));
        if (length > maxLength && maxLength > 0) {
            int pieces = static_cast<int>(std::ceil(length / maxLength));
            auto at = [&](int k, float a, float b) { return static_cast<float>(a + (b - a) * double(k) / pieces); };
            raw_[i].x1 = at(1, s.x0, s.x1);
            raw_[i].y1 = at(1, s.y0, s.y1);
            for (int k = 1; k < pieces; ++k)
                raw_.push_back({at(k, s.x0, s.x1), at(k, s.y0, s.y1), at(k + 1, s.x0, s.x1), at(k + 1, s.y0, s.y1), s.style});
            length /= pieces;
        }
        out.maxSegmentLength = std::max(out.maxSegmentLength, length);
    }
    const Bbox& e = out.extent;
    auto cellOf = [&](const Segment& s) -> uint32_t {
        if (e.isEmpty()) return 0;
        double mx = 0.5 * (s.x0 + s.x1), my = 0.5 * (s.y0 + s.y1);
        int cx = std::clamp(LineMesh::gridCell(mx, e.minX, e.width()), 0, LineMesh::kGrid - 1);
        int cy = std::clamp(LineMesh::gridCell(my, e.minY, e.height()), 0, LineMesh::kGrid - 1);
        return static_cast<uint32_t>(cy * LineMesh::kGrid + cx);
    };
    // Counting sort by (style, cell): stable, linear, keeps each line's segments in order.
    constexpr size_t kKeys = static_cast<size_t>(LineMesh::kMaxStyles) * LineMesh::kCells;
    out.cellStart.assign(kKeys + 1, 0);
    std::vector<uint32_t> key(raw_.size());
    for (size_t i = 0; i < raw_.size(); ++i) {
        key[i] = static_cast<uint32_t>(std::min<int>(raw_[i].style, LineMesh::kMaxStyles - 1)) * LineMesh::kCells + cellOf(raw_[i]);
        ++out.cellStart[key[i] + 1];
    }
    for (size_t k = 0; k < kKeys; ++k) out.cellStart[k + 1] += out.cellStart[k];
    std::vector<uint32_t> next(out.cellStart.begin(), out.cellStart.end() - 1);
    out.segments.resize(raw_.size() * 4);
    out.style.resize(raw_.size());
    for (size_t i = 0; i < raw_.size(); ++i) {
        uint32_t at = next[key[i]]++;
        const Segment& s = raw_[i];
        float* d = &out.segments[4 * size_t(at)];
        d[0] = s.x0; d[1] = s.y0; d[2] = s.x1; d[3] = s.y1;
        out.style[at] = static_cast<float>(key[i] / LineMesh::kCells);
    }
    raw_.clear();
    raw_.shrink_to_fit();
}

void labelPoint(const Layer& l, size_t feature, double& x, double& y) {
    // Largest part by outer ring area.
    size_t best = l.featureStart[feature];
    double bestArea = -1;
    for (size_t p = l.featureStart[feature]; p < l.featureStart[feature + 1]; ++p) {
        double a = std::fabs(ringSignedArea(l, l.partStart[p]));
        if (a > bestArea) { bestArea = a; best = p; }
    }
    size_t ring = l.partStart[best];
    size_t a = l.ringStart[ring], b = l.ringStart[ring + 1];
    if (b <= a) { x = y = 0; return; }
    // Area-weighted centroid of the outer ring.
    double cx = 0, cy = 0, area2 = 0;
    for (size_t i = a; i < b; ++i) {
        size_t j = (i + 1 < b) ? i + 1 : a;
        double cross = l.xy[2 * i] * l.xy[2 * j + 1] - l.xy[2 * j] * l.xy[2 * i + 1];
        area2 += cross;
        cx += (l.xy[2 * i] + l.xy[2 * j]) * cross;
        cy += (l.xy[2 * i + 1] + l.xy[2 * j + 1]) * cross;
    }
    if (std::fabs(area2) > 0) { cx /= 3 * area2; cy /= 3 * area2; }
    else { cx = l.xy[2 * a]; cy = l.xy[2 * a + 1]; }
    if (featureContains(l, feature, cx, cy)) { x = cx; y = cy; return; }
    // Widest inside span along the horizontal through the centroid (crossings of all rings of the part).
    std::vector<double> xs;
    for (size_t r = l.partStart[best]; r < l.partStart[best + 1]; ++r)
        for (size_t i = l.ringStart[r]; i < l.ringStart[r + 1]; ++i) {
            size_t j = (i + 1 < l.ringStart[r + 1]) ? i + 1 : l.ringStart[r];
            double y0 = l.xy[2 * i + 1], y1 = l.xy[2 * j + 1];
            if ((y0 <= cy) != (y1 <= cy))
                xs.push_back(l.xy[2 * i] + (cy - y0) / (y1 - y0) * (l.xy[2 * j] - l.xy[2 * i]));
        }
    std::sort(xs.begin(), xs.end());
    double width = -1;
    x = cx; y = cy;
    for (size_t i = 0; i + 1 < xs.size(); i += 2)
        if (xs[i + 1] - xs[i] > width) { width = xs[i + 1] - xs[i]; x = 0.5 * (xs[i] + xs[i + 1]); }
}

}  // namespace geo

namespace geo {

std::vector<int> distinctColors(const Layer& polygons, int colors) {
    size_t n = polygons.featureCount();
    // Neighbours share a vertex (to half a unit): true for boundaries cut from one data set.
    std::vector<std::vector<uint32_t>> neighbours(n);
    std::unordered_map<uint64_t, uint32_t> owner;
    bool anyShared = false;
    for (size_t f = 0; f < n; ++f) {
        size_t v0 = polygons.ringStart[polygons.partStart[polygons.featureStart[f]]];
        size_t v1 = polygons.ringStart[polygons.partStart[polygons.featureStart[f + 1]]];
        for (size_t v = v0; v < v1; ++v) {
            auto qx = static_cast<uint64_t>(static_cast<int64_t>(std::llround(polygons.xy[2 * v] * 2)));
            auto qy = static_cast<uint64_t>(static_cast<int64_t>(std::llround(polygons.xy[2 * v + 1] * 2)));
            uint64_t key = qx * 0x9E3779B97F4A7C15ULL ^ qy;
            auto [it, added] = owner.emplace(key, static_cast<uint32_t>(f));
            if (!added && it->second != f) {
                auto& list = neighbours[f];
                if (std::find(list.begin(), list.end(), it->second) == list.end()) {
                    list.push_back(it->second);
                    neighbours[it->second].push_back(static_cast<uint32_t>(f));
                }
                anyShared = true;
            }
        }
    }
    if (!anyShared) {
        // Digitised separately: overlapping bounding boxes stand in for touching.
        std::vector<Bbox> boxes(n);
        for (size_t f = 0; f < n; ++f) boxes[f] = polygons.featureBbox(f);
        for (size_t f = 0; f < n; ++f)
            for (size_t g = f + 1; g < n; ++g)
                if (boxes[f].intersects(boxes[g])) {
                    neighbours[f].push_back(static_cast<uint32_t>(g));
                    neighbours[g].push_back(static_cast<uint32_t>(f));
                }
    }
    std::vector<int> out(n, -1);
    std::vector<int> used(static_cast<size_t>(std::max(colors, 1))), total(used.size(), 0);
    for (size_t f = 0; f < n; ++f) {
        std::fill(used.begin(), used.end(), 0);
        for (uint32_t g : neighbours[f])
            if (out[g] >= 0) ++used[static_cast<size_t>(out[g])];
        // The least used colour among coloured neighbours; ties go to the colour used least overall.
        size_t best = 0;
        for (size_t c = 1; c < used.size(); ++c)
            if (used[c] < used[best] || (used[c] == used[best] && total[c] < total[best])) best = c;
        out[f] = static_cast<int>(best);
        ++total[best];
    }
    return out;
}

}  // namespace geo
