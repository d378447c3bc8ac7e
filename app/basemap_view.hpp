// The map window's basemaps: warped by GDAL on a worker thread for the view once the camera
// rests, the last picture shown scaled meanwhile; opacity per basemap from the layers window.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "app/camera.hpp"
#include "geo/basemap/basemap_image.hpp"

namespace app {

class AppModel;
class MapRenderer;
struct Notice;

class BasemapView {
public:
    BasemapView() = default;
    ~BasemapView();  // waits for a warp in progress
    BasemapView(const BasemapView&) = delete;
    BasemapView& operator=(const BasemapView&) = delete;

    // Once a frame, before the map is drawn: reads the list when the workspace changes, starts a
    // warp when the resting view is not served, and hands a finished picture to the renderer.
    // A linked file gone becomes a notice. Returns false while a picture is on its way.
    bool update(AppModel& model, const Camera& camera, MapRenderer& renderer, std::vector<Notice>& notices);
    std::vector<geo::Basemap>& basemaps() { return basemaps_; }
    // The layers window changed an opacity or brightness: composite again, and store it in the workspace.
    void lookChanged(AppModel& model, const geo::Basemap& basemap);
    // A basemap was added or replaced elsewhere (the georeference window): read the list again.
    void reload() { path_.clear(); }

private:
    bool isServed(const Camera& camera) const;
    void start(const AppModel& model, const Camera& camera);

    std::filesystem::path path_;
    std::vector<geo::Basemap> basemaps_;
    std::future<geo::BasemapPicture> job_;
    geo::Bbox jobExtent_, shownExtent_;
    double shownUnitsPerPixel_ = 0;
    bool isStale_ = true;
    std::vector<std::string> reported_;  // problems already shown as notices
    Camera lastCamera_;
    std::chrono::steady_clock::time_point lastMove_{};
};

}  // namespace app
