// Fast point-in-polygon, distance-to-outline and segment crossings for one polygon set.
#pragma once
#include <cstdint>
#include <vector>

#include "geo/core/grid_index.hpp"
#include "geo/core/layer.hpp"

namespace geo {

// The outline edges of some polygon features, binned into horizontal bands (for containment)
// and a square grid (for distance and crossing queries). Copies what it needs from the layer.
class PolygonIndex {
public:
    PolygonIndex() = default;
    // features empty: every feature of the layer.
    explicit PolygonIndex(const Layer& polygons, const std::vector<size_t>& features = {});
    bool isEmpty() const { return segCount() == 0; }
    bool contains(double x, double y) const;  // even-odd over all rings
    // Distance to the nearest outline edge, or `limit` when none is nearer than it.
    double distanceToOutline(double x, double y, double limit) const;
    struct Crossing { double t; double x, y; };  // t along the query segment, 0..1
    // Where segment (ax,ay)-(bx,by) meets the outline, touching included; appended unsorted.
    void crossings(double ax, double ay, double bx, double by, std::vector<Crossing>& out) const;
    const Bbox& bbox() const { return bbox_; }

private:
    size_t segCount() const { return seg_.size() / 4; }
    std::vector<double> seg_;  // x0,y0,x1,y1 per outline edge
    Bbox bbox_;
    double bandHeight_ = 1;
    std::vector<uint32_t> bandStart_, bandSeg_;  // CSR: band -> edges overlapping it in y
    GridIndex grid_;  // items: outline edges
};

// Distance from (px,py) to segment a-b and the parameter of the nearest point.
double pointSegmentDistance(double px, double py, double ax, double ay, double bx, double by, double* t = nullptr);

}  // namespace geo
