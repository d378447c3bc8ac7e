// Snapping a position to the nearest road (grid index over road segments), and the district
// a position lies in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/core/grid_index.hpp"
#include "geo/core/layer.hpp"
#include "geo/plan/plan.hpp"
#include "geo/analysis/polygon_index.hpp"
#include "geo/io/road_class.hpp"

namespace geo {

class Workspace;

constexpr double kDefaultSnapToleranceM = 150;

struct SnapResult {
    int64_t roadFid = -1;
    std::string road;        // its name with its route code ("G344 阳关线"); "" when it has neither
    RoadClass roadClass = RoadClass::Other;
    double x = 0, y = 0;     // the snapped point, working CRS
    double distanceM = 0;    // from the asked position
};

// Roads closer than this to a snapped point meet there: a checkpoint at a junction.
constexpr double kJunctionM = 3;

// "G344 阳关线" from a name and a route code: either alone when the other is empty or repeats it.
std::string roadLabel(const std::string& name, const std::string& routeCode);

// Road segments in a uniform grid of cells (compressed rows, so a million segments cost a
// few tens of MB); nearest-segment queries look only at the cells within the tolerance.
class RoadSnapper {
public:
    RoadSnapper() = default;
    // `fids`, `names` and `classes` have one entry per feature of the line layer `roads`; names
    // are labels already (roadLabel: route code and name).
    RoadSnapper(const Layer& roads, std::vector<int64_t> fids, std::vector<std::string> names,
                std::vector<RoadClass> classes);
    static RoadSnapper fromWorkspace(const Workspace& ws);  // the `roads` layer

    // The nearest point on a road within toleranceM, or nothing. Where roads meet (within
    // kJunctionM of that point) it names the road of the highest class there, or, when that
    // one has no name, the highest named one: never "" while a road at the site has a name.
    std::optional<SnapResult> snap(double x, double y, double toleranceM = kDefaultSnapToleranceM) const;
    // Re-snapping a checkpoint to new roads: within toleranceM, the nearest road named `road`,
    // else the nearest of class `roadClass`, else the nearest; named as snap() names it there.
    std::optional<SnapResult> snapPreferring(double x, double y, double toleranceM, const std::string& road,
                                             RoadClass roadClass) const;
    // Distance to the nearest road within searchM (infinity when none), for the refusal message.
    double nearestDistance(double x, double y, double searchM) const;
    size_t segmentCount() const { return segFeature_.size(); }

private:
    struct Hit { size_t segment; double x, y, d2; };
    std::optional<Hit> nearest(double x, double y, double radius) const;
    template <class F> void forSegmentsNear(double x, double y, double radius, F&& f) const;
    std::vector<double> seg_;             // x0 y0 x1 y1 per segment
    std::vector<uint32_t> segFeature_;    // feature index per segment
    GridIndex grid_;                      // items: segments
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

// The township outline, for refusing checkpoints placed far outside it.
class TownshipOutline {
public:
    TownshipOutline() = default;
    explicit TownshipOutline(const Layer& boundary);
    static TownshipOutline fromWorkspace(const Workspace& ws);  // empty when there is no boundary
    bool isEmpty() const { return index_.isEmpty(); }
    double distanceOutside(double x, double y) const;  // 0 inside (or with no outline)
private:
    PolygonIndex index_;
};

// What a planner's placement (CLI or GUI) works against.
struct PlacementContext {
    const RoadSnapper& roads;
    const DistrictLocator& districts;
    const TownshipOutline& township;
};
struct PlaceOptions {
    double toleranceM = kDefaultSnapToleranceM;
    bool offRoad = false;        // keep it where asked when no road is within the tolerance
    bool outside = false;        // allow it farther than the guard distance outside the township
    double guardDistanceM = 500; // the scenario's
};

// Moves `c` to (x, y) as placeCheckpoint does, first refusing (geo::Error, saying how far) a
// position farther than the guard distance outside the township unless options.outside.
void placeByHand(Checkpoint& c, double x, double y, const PlacementContext& where, const PlaceOptions& options);
// A new checkpoint at (x, y): placed by hand as above, with the scenario's shifts and the staff
// per shift of its road class, as a suggested checkpoint would get (defaultStaffPerShift).
Checkpoint newCheckpointAt(double x, double y, const PlacementContext& where, const PlaceOptions& options,
                           const ScenarioParams& params, CheckpointKind kind = CheckpointKind::RoadCheckpoint);

// The first of the usual name fields present (name, NAME, 名称, 道路名称, ...), or -1.
int findNameField(const Layer& layer);

}  // namespace geo
