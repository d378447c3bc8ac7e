// What a snapshot or the briefing shows, read once from the workspace.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/map_renderer.hpp"
#include "geo/cordon.hpp"
#include "geo/layer.hpp"
#include "geo/plan.hpp"
#include "geo/road_class.hpp"

namespace geo { class Workspace; }

namespace app {

struct SnapshotData {
    geo::Layer boundary, districts, roads, villages;
    std::vector<geo::RoadClass> roadClasses;  // one per roads feature
    std::vector<geo::Checkpoint> checkpoints; // of the chosen scenario, without leader and phone
    std::string scenarioName;                 // empty for the empty plan
    int smallCountThreshold = 5;              // the scenario's; counts of people under it are hidden
    bool hasFigures = false;                  // the analysis ran (the workspace has roads and a boundary)
    geo::Figures figures;                     // of the chosen scenario
    std::shared_ptr<const geo::CordonNetwork> network;  // built once, reused when the scenario changes
    double entryGapM = -1;                    // --entry-gap; below 0 the scenario's own
    int nameFieldDistricts = -1, nameFieldVillages = -1;
    geo::Bbox extent;                         // what the page fits: the boundary, or everything
    std::string workspaceName;
    int64_t returnees = 0;              // every imported returnee record counted
    int64_t returneesFromOutbreak = 0;  // origin 武汉 / Wuhan
    bool hasReturnees = false;
    MapData mapData() const { return {&boundary, &districts, &roads, &villages, &roadClasses, 1}; }
};

// Throws geo::Error when the workspace has nothing to draw.
SnapshotData loadSnapshotData(const geo::Workspace& workspace);

// Reads a scenario into `data`: the named one, the first when `name` is empty, an empty plan
// when the workspace has none. Its checkpoints (leader and phone dropped: they never leave the
// command post) and, when the road network can be built, the analysis figures. Throws
// geo::Error when a named scenario does not exist.
void loadSnapshotScenario(geo::Workspace& workspace, const std::string& name, SnapshotData& data);

}  // namespace app
