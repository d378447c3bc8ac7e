// Snapping a position to the nearest road (grid index over road segments), and the district
// a position lies in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/layer.hpp"
#include "geo/plan.hpp"
#include "geo/road_class.hpp"

namespace geo {

class Workspace;

constexpr double kDefaultSnapToleranceM = 150;

struct SnapResult {
    int64_t roadFid = -1;
    std::string road;        // its name ("" when the road has none)
    RoadClass roadClass = RoadClass::Other;
    double x = 0, y = 0;     // the snapped point, working CRS
    double distanceM = 0;    // from the asked position
};

// Road segments in a uniform grid of cells (compressed rows, so a million segments cost a
// few tens of MB); nearest-segment queries look only at the cells within the tolerance.
class RoadSnapper {
public:
    RoadSnapper() = default;
    // `fids`, `names` and `classes` have one entry per feature of the line layer `roads`.
    RoadSnapper(const Layer& roads, std::vector<int64_t> fids, std::vector<std::string> names,
                std::vector<RoadClass> classes);
    static RoadSnapper fromWorkspace(const Workspace& ws);  // the `roads` layer

    // The nearest road within toleranceM, or nothing.
    std::optional<SnapResult> snap(double x, double y, double toleranceM = kDefaultSnapToleranceM) const;
    // Distance to the nearest road within searchM (infinity when none), for the refusal message.
    double nearestDistance(double x, double y, double searchM) const;
    size_t segmentCount() const { return segFeature_.size(); }

private:
    struct Hit { size_t segment; double x, y, d2; };
    std::optional<Hit> nearest(double x, double y, double radius) const;
    std::vector<double> seg_;             // x0 y0 x1 y1 per segment
    std::vector<uint32_t> segFeature_;    // feature index per segment
    std::vector<uint32_t> cellStart_;     // cells row-major; cellStart_.size() == cells + 1
    std::vector<uint32_t> cellSegments_;
    double originX_ = 0, originY_ = 0, cell_ = 1;
    int64_t cols_ = 0, rows_ = 0;
    std::vector<int64_t> fids_;
    std::vector<std::string> names_;
    std::vector<RoadClass> classes_;
};

// Which district a position lies in, from the `districts` polygon layer's name field.
class DistrictLocator {
public:
    DistrictLocator() = default;
    DistrictLocator(Layer districts, const std::string& nameField);
    static DistrictLocator fromWorkspace(const Workspace& ws);  // empty when there is no districts layer
    std::string districtAt(double x, double y) const;           // "" outside every district
    std::vector<std::string> names() const;
private:
    Layer layer_;
    std::vector<Bbox> boxes_;
    int nameField_ = -1;
};

// Puts `c` at (x, y) snapped to the nearest road within toleranceM and sets its road, class and
// district. Far from every road: geo::Error saying how far the nearest road is, unless offRoad,
// which keeps the position as given with no road.
void placeCheckpoint(Checkpoint& c, double x, double y, const RoadSnapper& roads, const DistrictLocator& districts,
                     double toleranceM, bool offRoad);

// The first of the usual name fields present (name, NAME, 名称, 道路名称, ...), or -1.
int findNameField(const Layer& layer);

}  // namespace geo
