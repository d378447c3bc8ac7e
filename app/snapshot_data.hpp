// What a snapshot or the briefing shows, read once from the workspace.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/map_renderer.hpp"
#include "geo/analysis/figures.hpp"
#include "geo/basemap/basemap.hpp"
#include "geo/core/layer.hpp"
#include "geo/plan/plan.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/io/road_class.hpp"

namespace geo { class Workspace; }

namespace app {

// A checkpoint's number on maps and tables: geo::checkpointNumber, the one place numbers come from.
int checkpointNumber(const std::vector<geo::Checkpoint>& scenarioOrder, size_t index);

// An entry drawn on the map: an open (unguarded) one, or a near entry (a road end a little
// beyond the entry gap, for the planner to review) with its distance to the boundary.
struct EntryMark {
    double x = 0, y = 0;  // working CRS
    std::string road;
    geo::RoadClass roadClass = geo::RoadClass::Other;
    double distanceM = 0;  // near entries only
};

// The returnee density layer as snapshots draw it: grid cells with their class colours, and the
// class limits for the legend.
struct ReturneeLayer {
    geo::Layer cells;               // one polygon per cell, in the order of `colors`
    std::vector<uint32_t> colors;   // per cell, R in the low byte, alpha 0 for an empty cell
    std::vector<int> classOfCell;   // per cell, -1 for an empty one
    std::vector<double> breaks;     // upper limit of each class (geo::classBreaks)
    double smallestPositive = 0;
    bool isEmpty() const { return breaks.empty() || cells.featureCount() == 0; }
};

// The density of every returnee counted, classed as the returnee window does by default
// (500 m cells, quantiles); empty without counts or a boundary.
ReturneeLayer buildReturneeLayer(const geo::ReturneeCounts& counts, const geo::Layer& boundary);

// A class's legend text with the privacy rule applied: a class whose every count is under the
// threshold reads "<5", one that starts under it "≤12"; otherwise "13–30".
std::string returneeClassLabel(const ReturneeLayer& layer, int cls, int threshold);

struct SnapshotData;
// A road as the checkpoint table prints it: its name with its route code when the name lacks it.
std::string roadWithCode(const SnapshotData& data, const std::string& road);

struct SnapshotData {
    geo::Layer boundary, districts, roads, villages;
    std::vector<geo::RoadClass> roadClasses;  // one per roads feature
    std::vector<geo::Checkpoint> checkpoints; // of the chosen scenario, without leader and phone
    std::string scenarioName;                 // empty for the empty plan
    std::map<int, int> rotaShortfall;         // post number -> most missing on a shift, from the last rota stored
    int smallCountThreshold = 5;              // the scenario's; counts of people under it are hidden
    bool hasFigures = false;                  // the analysis ran (the workspace has roads and a boundary)
    geo::Figures figures;                     // of the chosen scenario
    std::shared_ptr<const geo::CordonNetwork> network;  // built once, reused when the scenario changes
    double entryGapM = -1;                    // --entry-gap; below 0 the scenario's own
    int nameFieldDistricts = -1, nameFieldVillages = -1;
    geo::Bbox extent;                         // what the page fits: the boundary, or everything
    std::string workspaceName;
    std::string workspacePath;
    int workingEpsg = 0;
    std::vector<geo::Basemap> basemaps;  // drawn under the map, bottom to top
    int64_t returnees = 0;              // every imported returnee record counted
    int64_t returneesFromOutbreak = 0;  // origin 武汉 / Wuhan
    bool hasReturnees = false;
    ReturneeLayer returneeLayer;        // density of every returnee counted, 500 m cells
    bool showReturnees = true;          // draw returneeLayer (render --returnees off clears it)
    std::string townshipName;           // the boundary layer's name field, empty when none
    std::map<std::string, std::string> routeCodes;  // road name -> route code (编号, ref), when the roads have one
    std::vector<EntryMark> openEntries; // of the chosen scenario, from the analysis
    std::vector<EntryMark> nearEntries; // filled when the analysis reports near entries
    bool isReturneeLayerShown() const { return showReturnees && !returneeLayer.isEmpty(); }
    MapData mapData() const { return {&boundary, &districts, &roads, &villages, &roadClasses, 1}; }
};

// Throws geo::Error when the workspace has nothing to draw.
SnapshotData loadSnapshotData(const geo::Workspace& workspace);
// The page's data sources: each layer's file, then each basemap shown ("底图 basemap 影像 (影像.tif)").
std::vector<std::string> dataSources(const geo::Workspace& workspace);

// Reads a scenario into `data`: the named one, the first when `name` is empty, an empty plan
// when the workspace has none. Its checkpoints (leader and phone dropped: they never leave the
// command post) and, when the road network can be built, the analysis figures. Throws
// geo::Error when a named scenario does not exist. With `day`: the scenario as of that day (its
// active checkpoints and closures) and the returnees arrived up to it.
void loadSnapshotScenario(geo::Workspace& workspace, const std::string& name, SnapshotData& data,
                          std::optional<int> day = std::nullopt);

}  // namespace app
