// What a snapshot or the briefing shows, read once from the workspace.
#pragma once
#include <string>
#include <vector>

#include "app/map_renderer.hpp"
#include "geo/layer.hpp"
#include "geo/plan.hpp"
#include "geo/road_class.hpp"

namespace geo { class Workspace; }

namespace app {

struct SnapshotData {
    geo::Layer boundary, districts, roads, villages;
    std::vector<geo::RoadClass> roadClasses;  // one per roads feature
    std::vector<geo::Checkpoint> checkpoints; // of the chosen scenario (empty until plans are stored)
    int nameFieldDistricts = -1, nameFieldVillages = -1;
    geo::Bbox extent;                         // what the page fits: the boundary, or everything
    std::string workspaceName;
    MapData mapData() const { return {&boundary, &districts, &roads, &villages, &roadClasses, 1}; }
};

// Throws geo::Error when the workspace has nothing to draw.
SnapshotData loadSnapshotData(const geo::Workspace& workspace);

}  // namespace app
