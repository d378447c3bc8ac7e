// Map label placement: greedy, in priority order, refusing any label whose box overlaps one
// already placed (screen space). Anchors are computed once per model version.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/app_model.hpp"

namespace app {

struct LabelBox {
    float x0, y0, x1, y1;
    bool overlaps(const LabelBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

class LabelPlacer {
public:
    void clear() { placed_.clear(); }  // keeps capacity: no allocation per frame
    bool tryPlace(const LabelBox& box);  // true, and remembered, when it overlaps nothing placed
    void block(const LabelBox& box) { placed_.push_back(box); }  // space labels must avoid
    size_t placedCount() const { return placed_.size(); }
private:
    std::vector<LabelBox> placed_;
};

struct LabelAnchor {
    double x, y;          // working CRS
    uint32_t textBegin;   // in MapOverlayCache::text
    uint32_t textEnd;
    bool isDistrict;
    bool isPoint;         // a village dot: the label goes beside it
};

// Derived from the model once per version: label anchors, legend counts, the CRS line.
struct MapOverlayCache {
    uint64_t version = UINT64_MAX;
    std::string text;                  // label texts, packed
    std::vector<LabelAnchor> anchors;  // districts first (they win collisions), then villages
    std::vector<int64_t> roadClassCounts;
    std::string crsLine;               // "EPSG:4546 CGCS2000 / 3-degree Gauss-Kruger CM 111E"
    LabelPlacer placer;
    void rebuild(const AppModel& model);
};

}  // namespace app
