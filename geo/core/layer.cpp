// Flat-array layer helpers: extents, areas, point-in-polygon.
#include "geo/core/layer.hpp"

#include <cmath>

namespace geo {

const char* geomKindName(GeomKind kind) {
    switch (kind) {
    case GeomKind::Point: return "point";
    case GeomKind::Line: return "line";
    case GeomKind::Polygon: return "polygon";
    }
    return "?";
}

Bbox Layer::bbox() const {
    Bbox b;
    for (size_t i = 0; i + 1 < xy.size(); i += 2) b.add(xy[i], xy[i + 1]);
    return b;
}

Bbox Layer::featureBbox(size_t feature) const {
    Bbox b;
    size_t r0 = partStart[featureStart[feature]];
    size_t r1 = partStart[featureStart[feature + 1]];
    for (size_t v = ringStart[r0]; v < ringStart[r1]; ++v) b.add(xy[2 * v], xy[2 * v + 1]);
    return b;
}

int Layer::fieldIndex(std::string_view fieldName) const {
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == fieldName) return static_cast<int>(i);
    return -1;
}

size_t Layer::segmentCount() const {
    size_t n = 0;
    for (size_t r = 0; r < ringCount(); ++r) {
        size_t len = ringStart[r + 1] - ringStart[r];
        if (len > 1) n += len - 1;
    }
    return n;
}

void Layer::reserve(size_t features, size_t vertices) {
    xy.reserve(2 * vertices);
    featureStart.reserve(features + 1);
    partStart.reserve(features + 1);
    ringStart.reserve(features + 1);
}

double ringSignedArea(const Layer& layer, size_t ring) {
    size_t a = layer.ringStart[ring], b = layer.ringStart[ring + 1];
    if (b - a < 3) return 0.0;
    const double* p = layer.xy.data();
    double ox = p[2 * a], oy = p[2 * a + 1];  // relative to the first vertex for precision
    double sum = 0.0;
    for (size_t i = a; i < b; ++i) {
        size_t j = (i + 1 < b) ? i + 1 : a;
        sum += (p[2 * i] - ox) * (p[2 * j + 1] - oy) - (p[2 * j] - ox) * (p[2 * i + 1] - oy);
    }
    return 0.5 * sum;
}

double featureArea(const Layer& layer, size_t feature) {
    double area = 0.0;
    for (size_t p = layer.featureStart[feature]; p < layer.featureStart[feature + 1]; ++p) {
        for (size_t r = layer.partStart[p]; r < layer.partStart[p + 1]; ++r) {
            double a = std::fabs(ringSignedArea(layer, r));
            area += (r == layer.partStart[p]) ? a : -a;
        }
    }
    return area;
}

bool featureContains(const Layer& layer, size_t feature, double x, double y) {
    bool inside = false;
    const double* p = layer.xy.data();
    size_t r0 = layer.partStart[layer.featureStart[feature]];
    size_t r1 = layer.partStart[layer.featureStart[feature + 1]];
    for (size_t r = r0; r < r1; ++r) {
        size_t a = layer.ringStart[r], b = layer.ringStart[r + 1];
        if (b - a < 3) continue;
        for (size_t i = a, j = b - 1; i < b; j = i++) {
            double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
            if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi)) inside = !inside;
        }
    }
    return inside;
}

}  // namespace geo
