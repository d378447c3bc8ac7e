// The opened workspace, its loaded layers and a version counter bumped by every edit verb.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/map_data.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/layer.hpp"
#include "geo/io/road_class.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

const char* mapLayerName(MapLayer layer);  // "boundary", "districts", ... (the workspace layer names)
const char* mapLayerLabel(MapLayer layer); // "镇界" / "Township boundary", ... in the UI language

class AppModel {
public:
    // Opens a workspace and loads its layers; throws geo::Error with a readable reason and
    // leaves the model as it was.
    void open(const std::filesystem::path& path);
    bool isOpen() const { return workspace_ != nullptr; }
    const std::filesystem::path& path() const { return path_; }
    geo::Workspace* workspace() { return workspace_.get(); }
    int workingEpsg() const { return workspace_ ? workspace_->workingEpsg() : 0; }
    uint64_t version() const { return version_; }

    bool hasLayer(MapLayer l) const { return layers_[static_cast<size_t>(l)] != nullptr; }
    // A boundary with at least one feature (one drawn and then undone leaves an empty table).
    bool hasBoundary() const { const geo::Layer* b = layer(MapLayer::Boundary); return b && b->featureCount() > 0; }
    const geo::Layer* layer(MapLayer l) const { return layers_[static_cast<size_t>(l)].get(); }
    // The same layer, kept alive for a worker thread however the model changes meanwhile.
    std::shared_ptr<const geo::Layer> sharedLayer(MapLayer l) const { return layers_[static_cast<size_t>(l)]; }
    const std::vector<geo::RoadClass>& roadClasses() const { return roadClasses_; }
    MapData mapData() const;
    geo::Bbox extent() const;  // of the boundary, else of every layer

    // Names for labels: the name field of districts / villages, "" where none.
    std::string_view featureName(MapLayer l, size_t feature) const;

    // Edit verbs: each bumps the version.
    void reloadLayer(MapLayer l);  // after the workspace file changed (an import)
    void refreshLayer(MapLayer l); // after an edit through this very connection (a drawn feature)
    // Layers from elsewhere in place of the workspace's (the county view: every township's joined).
    void showLayers(std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers);

    // Working CRS -> lon/lat for the cursor read-out (main thread only).
    bool toLonLat(double x, double y, double& lon, double& lat) const;

private:
    void loadLayers();
    void layerLoaded(MapLayer l);  // its name field, and the road classes for roads
    std::filesystem::path path_;
    std::unique_ptr<geo::Workspace> workspace_;
    std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers_;
    std::array<int, kMapLayerCount> nameField_{-1, -1, -1, -1};
    std::vector<geo::RoadClass> roadClasses_;
    std::unique_ptr<geo::Transformer> toLonLat_;
    uint64_t version_ = 0;
};

}  // namespace app
