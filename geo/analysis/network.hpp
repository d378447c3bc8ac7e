// The network the cordon stands on: road graph, boundary, districts, villages and the entries into
// the township; where a scenario's checkpoints block passage, and whether an entry is guarded.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "geo/analysis/guard_model.hpp"
#include "geo/core/layer.hpp"
#include "geo/plan/plan.hpp"
#include "geo/analysis/polygon_index.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/io/road_class.hpp"
#include "geo/analysis/road_graph.hpp"

namespace geo {

class Transformer;
class Workspace;


struct NetworkOptions {
    RoadGraphOptions graph;
    double touchDistanceM = 5;    // a road end this close to the boundary touches it
    double mergeDistanceM = 100;  // entry points closer than this are one entry
    double villageRadiusM = 200;  // road points this close to a village point belong to it
    double snapDistanceM = 50;    // a checkpoint farther than this from every road guards nothing
    // Road layers are clipped a little short of the outline: a road end this close to it is an
    // entry where the layer stops there (no road of it outside the boundary within clippedReachM).
    double entryGapM = 60;
    double clippedReachM = 500;
    double nearEntryM = 300;      // road ends this close that are not entries: the review list
    double sampleSpacingM = 50;   // guard points along roads (see geo/analysis/guard_model.hpp)
};

struct EntryPoint {
    uint32_t edge = kNoId;
    double offset = 0;  // metres from edgeFrom
    double x = 0, y = 0;
    uint32_t feature = kNoId;
    uint32_t node = kNoId;  // a road end or an expressway exit: the junction itself is the entry
    double gapM = 0;        // a road end: its distance from the boundary
};

// A road end near the boundary that is not an entry (beyond the entry gap, or the roads go on
// outside there so it is a plain dead end): for the planner to review.
struct NearEntry {
    double x = 0, y = 0;
    uint32_t feature = kNoId;
    std::string road;
    RoadClass roadClass = RoadClass::Other;
    double gapM = 0;
};

struct Entry {
    double x = 0, y = 0;  // the point on the most important road
    uint32_t feature = kNoId;
    std::string road;
    RoadClass roadClass = RoadClass::Other;
    int district = -1;
    std::vector<EntryPoint> points;  // every crossing or touching merged into it
};

// Everything about the workspace the analysis needs that does not depend on the scenario:
// the road graph, the boundary, districts, villages and the entries. Build once per workspace;
// analyze() per edit is then cheap.
class CordonNetwork {
public:
    // graphCache: the workspace the roads come from, whose road graph cache is read (and written
    // when missing or stale); null builds the graph from the roads.
    CordonNetwork(const Layer& roads, const Layer& boundary, const Layer* districts, const Layer* villages,
                  const NetworkOptions& options = {}, const Workspace* graphCache = nullptr);
    const NetworkOptions& options() const { return options_; }
    const RoadGraph& graph() const { return graph_; }
    const RoadLocator& locator() const { return *locator_; }
    const std::vector<Entry>& entries() const { return entries_; }
    const std::vector<NearEntry>& nearEntries() const { return nearEntries_; }
    // An expressway mainline (not a ramp): entered and left only at exits.
    bool isMainline(uint32_t feature) const { return mainline_[feature] != 0; }
    bool isEdgeMainline(uint32_t e) const { return mainline_[graph_.edgeFeature(e)] != 0; }
    // The guard points for this guard distance, built on first use and kept (thread-safe).
    const GuardModel& guardModel(double guardDistanceM) const;
    const std::vector<std::string>& districtNames() const { return districtNames_; }
    bool isInside(double x, double y) const { return boundary_.contains(x, y); }
    int districtAt(double x, double y) const;        // -1 outside every district
    int districtNear(double x, double y, double limit) const;  // containing, else nearest outline
    int districtNamed(const std::string& name) const;
    const PolygonIndex& districtArea(size_t d) const { return districts_[d]; }
    bool hasVillages() const { return !villages_.isEmpty() || !villagePoints_.empty(); }
    // A protected place: in or near a village inside the township; without villages, farther
    // inside than the guard distance.
    bool isProtected(double x, double y, double guardDistanceM) const;
    const std::string& roadName(uint32_t feature) const { return roadNames_[feature]; }
    RoadClass roadClass(uint32_t feature) const { return roadClasses_[feature]; }
    RoadClass edgeClass(uint32_t e) const { return roadClasses_[graph_.edgeFeature(e)]; }
    const std::vector<int>& levels() const { return levels_; }
    double buildSeconds() const { return buildSeconds_; }
    // Sorted offsets where edge e crosses or touches the township boundary.
    std::pair<const double*, const double*> crossingsOn(uint32_t e) const {
        auto [lo, hi] = std::equal_range(crossEdge_.begin(), crossEdge_.end(), e);
        return {crossOffset_.data() + (lo - crossEdge_.begin()), crossOffset_.data() + (hi - crossEdge_.begin())};
    }

private:
    void findEntries();
    void addRoadEnd(uint32_t feature, uint32_t node, double x, double y, std::vector<EntryPoint>& points);
    bool isClippedNear(double x, double y) const;
    NetworkOptions options_;
    std::vector<uint8_t> mainline_;
    std::vector<NearEntry> nearEntries_;
    mutable std::mutex guardMutex_;
    mutable std::vector<std::unique_ptr<GuardModel>> guardModels_;
    std::vector<std::string> roadNames_;
    std::vector<RoadClass> roadClasses_;
    std::vector<int> levels_;
    RoadGraph graph_;
    std::unique_ptr<RoadLocator> locator_;
    PolygonIndex boundary_;
    std::vector<PolygonIndex> districts_;
    std::vector<std::string> districtNames_;
    PolygonIndex villages_;
    std::vector<double> villagePoints_;  // x,y sorted by x
    std::vector<Entry> entries_;
    std::vector<uint32_t> crossEdge_;   // edges crossing the boundary, ascending; few, so no table per edge
    std::vector<double> crossOffset_;   // offset of each, ascending per edge
    double buildSeconds_ = 0;
};

// The entry gap given on a command line or in a scenario: 0 to 1000 m, else geo::Error.
double checkedEntryGap(double metres);

// Reads roads, boundary and (when present) districts and villages of a workspace; the road graph
// comes from the workspace's cache when that is current.
std::unique_ptr<CordonNetwork> openNetwork(const Workspace& workspace, const NetworkOptions& options = {});

// Where checkpoints of a scenario stand on the network, and what blocks passage.
struct Barriers {
    std::vector<RoadPosition> positions;        // one per checkpoint; invalid when off-road
    std::map<uint32_t, std::vector<double>> onEdge;  // edge -> sorted offsets that block it
    std::vector<uint8_t> nodeBlocked;            // per node
    void add(const RoadGraph& graph, const RoadPosition& p);
    bool blocksBetween(uint32_t edge, double a, double b) const;  // any barrier with offset in [min,max]
};
// Barriers from checkpoints; closuresOnly keeps only road closures (used for load).
Barriers placeBarriers(const CordonNetwork& net, const std::vector<Checkpoint>& checkpoints, bool closuresOnly = false);

// True when every road path from the entry to a protected place meets a barrier (see
// geo/analysis/guard_model.hpp); an entry from which no road leads to one is guarded as it is.
bool isEntryGuarded(const CordonNetwork& net, const Entry& entry, const Barriers& barriers, double guardDistanceM);

}  // namespace geo
