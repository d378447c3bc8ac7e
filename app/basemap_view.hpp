// The map window's basemaps: the workspace's list, kept in step with its file, and the tiles that
// draw them under the map (app/basemap_tiles.hpp); opacity per basemap from the layers window.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/basemap_tiles.hpp"
#include "app/camera.hpp"
#include "geo/basemap/basemap.hpp"

namespace app {

class AppModel;
struct Notice;

class BasemapView {
public:
    BasemapView() = default;
    BasemapView(const BasemapView&) = delete;
    BasemapView& operator=(const BasemapView&) = delete;

    // Once a frame, before the map is drawn (GL context current): reads the list when the
    // workspace changes and has the view's tiles warped. A linked file gone becomes a notice.
    // Returns false while tiles are on their way.
    bool update(AppModel& model, const Camera& camera, std::vector<Notice>& notices);
    std::vector<geo::Basemap>& basemaps() { return basemaps_; }
    // The layers window changed an opacity or brightness: warp again, and store it in the workspace.
    void lookChanged(AppModel& model, const geo::Basemap& basemap);
    // The workspace's list changed (a basemap added or replaced, as by the georeference window):
    // read it again next frame.
    void reload() { path_.clear(); }
    // What the map window draws under its vector layers (null before the first update).
    MapUnderlay* underlay() { return tiles_.get(); }

    // A second window (the briefing screen) keeps its own tiles in step with these.
    uint64_t revision() const { return revision_; }
    void feed(BasemapTiles& tiles) const { tiles.setSource(basemaps_, path_.string(), epsg_); }

private:
    std::filesystem::path path_;
    int epsg_ = 0;
    std::vector<geo::Basemap> basemaps_;
    std::unique_ptr<BasemapTiles> tiles_;
    std::vector<std::string> problems_;  // this frame's new ones (capacity kept)
    uint64_t revision_ = 0;
};

}  // namespace app
