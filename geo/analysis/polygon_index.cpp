// Band and grid indexes over polygon outlines: containment in O(edges per band), not O(edges).
#include "geo/analysis/polygon_index.hpp"

#include <algorithm>
#include <cmath>

namespace geo {

double pointSegmentDistance(double px, double py, double ax, double ay, double bx, double by, double* t) {
    double dx = bx - ax, dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double u = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
    u = std::clamp(u, 0.0, 1.0);
    if (t) *t = u;
    double ex = px - (ax + u * dx), ey = py - (ay + u * dy);
    return std::sqrt(ex * ex + ey * ey);
}

namespace {

// Fills a CSR table from (bucket, item) pairs produced twice by `emit` (count, then fill).
template <class Emit>
void buildCsr(size_t buckets, std::vector<uint32_t>& start, std::vector<uint32_t>& items, Emit&& emit) {
    start.assign(buckets + 1, 0);
    emit([&](size_t b, uint32_t) { ++start[b + 1]; });
    for (size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
    items.resize(start[buckets]);
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    emit([&](size_t b, uint32_t item) { items[fill[b]++] = item; });
}

}  // namespace

PolygonIndex::PolygonIndex(const Layer& polygons, const std::vector<size_t>& features) {
    std::vector<size_t> all = features;
    if (all.empty())
        for (size_t f = 0; f < polygons.featureCount(); ++f) all.push_back(f);
    const double* p = polygons.xy.data();
    for (size_t f : all) {
        size_t r0 = polygons.partStart[polygons.featureStart[f]];
        size_t r1 = polygons.partStart[polygons.featureStart[f + 1]];
        for (size_t r = r0; r < r1; ++r) {
            size_t a = polygons.ringStart[r], b = polygons.ringStart[r + 1];
            if (b - a < 3) continue;
            for (size_t i = a, j = b - 1; i < b; j = i++) {
                if (p[2 * i] == p[2 * j] && p[2 * i + 1] == p[2 * j + 1]) continue;
                seg_.insert(seg_.end(), {p[2 * j], p[2 * j + 1], p[2 * i], p[2 * i + 1]});
                bbox_.add(p[2 * i], p[2 * i + 1]);
            }
        }
    }
    size_t n = segCount();
    if (n == 0) return;
    size_t bands = std::clamp<size_t>(n / 2, 1, 1u << 16);
    bandHeight_ = std::max(bbox_.height() / static_cast<double>(bands), 1e-9);
    auto bandOf = [&](double y) {
        return static_cast<size_t>(std::clamp((y - bbox_.minY) / bandHeight_, 0.0, static_cast<double>(bands - 1)));
    };
    buildCsr(bands, bandStart_, bandSeg_, [&](auto&& add) {
        for (uint32_t s = 0; s < n; ++s) {
            size_t b0 = bandOf(std::min(seg_[4 * s + 1], seg_[4 * s + 3]));
            size_t b1 = bandOf(std::max(seg_[4 * s + 1], seg_[4 * s + 3]));
            for (size_t b = b0; b <= b1; ++b) add(b, s);
        }
    });
    double span = std::max(bbox_.width(), bbox_.height());
    double cell = std::max(span / std::sqrt(static_cast<double>(n) / 2.0 + 1.0), 1e-6);
    grid_ = GridIndex(bbox_, cell, static_cast<uint32_t>(n), [&](uint32_t s) {
        const double* q = &seg_[4 * size_t{s}];
        return Bbox{std::min(q[0], q[2]), std::min(q[1], q[3]), std::max(q[0], q[2]), std::max(q[1], q[3])};
    });
}

bool PolygonIndex::contains(double x, double y) const {
    if (isEmpty() || !bbox_.contains(x, y)) return false;
    size_t bands = bandStart_.size() - 1;
    size_t b = static_cast<size_t>(std::clamp((y - bbox_.minY) / bandHeight_, 0.0, static_cast<double>(bands - 1)));
    bool inside = false;
    for (uint32_t k = bandStart_[b]; k < bandStart_[b + 1]; ++k) {
        const double* q = &seg_[4 * bandSeg_[k]];
        double xi = q[0], yi = q[1], xj = q[2], yj = q[3];
        if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi)) inside = !inside;
    }
    return inside;
}

double PolygonIndex::distanceToOutline(double x, double y, double limit) const {
    double best = limit;
    grid_.forEachNear(x - limit, y - limit, x + limit, y + limit, [&](uint32_t s) {
        const double* q = &seg_[4 * size_t{s}];
        best = std::min(best, pointSegmentDistance(x, y, q[0], q[1], q[2], q[3]));
    });
    return best;
}

void PolygonIndex::crossings(double ax, double ay, double bx, double by, std::vector<Crossing>& out) const {
    size_t before = out.size();
    grid_.forEachNear(std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by), [&](uint32_t s) {
        const double* q = &seg_[4 * size_t{s}];
        double rx = bx - ax, ry = by - ay, sx = q[2] - q[0], sy = q[3] - q[1];
        double den = rx * sy - ry * sx;
        if (den == 0) return;  // parallel: a road running along the outline touches it at its ends
        double qx = q[0] - ax, qy = q[1] - ay;
        double t = (qx * sy - qy * sx) / den;
        double u = (qx * ry - qy * rx) / den;
        if (t < 0 || t > 1 || u < 0 || u > 1) return;
        out.push_back({t, ax + t * rx, ay + t * ry});
    });
    // An edge listed in several cells, or a crossing through an outline vertex, reports twice.
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
              [](const Crossing& a, const Crossing& b) { return a.t < b.t; });
    auto last = std::unique(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                            [](const Crossing& a, const Crossing& b) { return std::abs(a.t - b.t) < 1e-12 ||
                                std::hypot(a.x - b.x, a.y - b.y) < 1e-6; });
    out.erase(last, out.end());
}

}  // namespace geo
