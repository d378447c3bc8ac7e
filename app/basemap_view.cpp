// Warping basemaps off the UI thread for the view at rest.
#include "app/basemap_view.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "app/app_model.hpp"
#include "app/i18n.hpp"
#include "app/map_renderer.hpp"
#include "app/plan_state.hpp"
#include "app/ui_state.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

constexpr auto kRest = std::chrono::milliseconds(200);  // the camera still this long: warp for it
constexpr double kMargin = 0.25;                        // of the view's size on each side, for short pans
constexpr int kMaxSide = 4096;                          // pixels a side of the picture

geo::Bbox viewExtent(const Camera& c, double margin) {
    const double halfW = c.widthPx * c.unitsPerPixel * (0.5 + margin), halfH = c.heightPx * c.unitsPerPixel * (0.5 + margin);
    geo::Bbox b;
    b.add(c.centerX - halfW, c.centerY - halfH);
    b.add(c.centerX + halfW, c.centerY + halfH);
    return b;
}

bool sameCamera(const Camera& a, const Camera& b) {
    return a.centerX == b.centerX && a.centerY == b.centerY && a.unitsPerPixel == b.unitsPerPixel &&
           a.widthPx == b.widthPx && a.heightPx == b.heightPx;
}

}  // namespace

BasemapView::~BasemapView() {
    if (job_.valid()) job_.wait();
}

bool BasemapView::isServed(const Camera& camera) const {
    if (shownExtent_.isEmpty() || shownUnitsPerPixel_ <= 0) return false;
    const geo::Bbox view = viewExtent(camera, 0);
    const bool covers = shownExtent_.minX <= view.minX && shownExtent_.minY <= view.minY && shownExtent_.maxX >= view.maxX &&
                        shownExtent_.maxY >= view.maxY;
    const double ratio = shownUnitsPerPixel_ / camera.unitsPerPixel;
    return covers && ratio < 1.5 && ratio > 1 / 1.5;
}

void BasemapView::start(const AppModel& model, const Camera& camera) {
    const geo::Bbox extent = viewExtent(camera, kMargin);
    const double scale = 1 + 2 * kMargin;
    double w = camera.widthPx * scale, h = camera.heightPx * scale;
    const double shrink = std::min({1.0, kMaxSide / w, kMaxSide / h});
    const int width = std::max(1, static_cast<int>(std::lround(w * shrink)));
    const int height = std::max(1, static_cast<int>(std::lround(h * shrink)));
    jobExtent_ = extent;
    job_ = std::async(std::launch::async, [basemaps = basemaps_, path = model.path().string(), epsg = model.workingEpsg(),
                                            extent, width, height] {
        geo::BasemapPicture picture = geo::renderBasemaps(basemaps, path, epsg, extent, width, height);
        glfwPostEmptyEvent();  // wake the frame loop to show it
        return picture;
    });
    isStale_ = false;
}

bool BasemapView::update(AppModel& model, const Camera& camera, MapRenderer& renderer, std::vector<Notice>& notices) {
    if (!model.isOpen()) return true;
    if (model.path() != path_) {
        if (job_.valid()) job_.wait();
        job_ = {};
        path_ = model.path();
        basemaps_ = model.workspace() ? geo::listBasemaps(model.workspace()->db()) : std::vector<geo::Basemap>{};
        shownExtent_ = {};
        isStale_ = true;
        renderer.setBasemap(nullptr, {});
    }
    if (basemaps_.empty()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (!sameCamera(camera, lastCamera_)) {
        lastCamera_ = camera;
        lastMove_ = now;
    }
    if (job_.valid()) {
        if (job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
        geo::BasemapPicture picture = job_.get();
        for (const auto& problem : picture.problems)
            if (std::find(reported_.begin(), reported_.end(), problem) == reported_.end()) {
                reported_.push_back(problem);
                notices.push_back({tr("底图无法显示", "Basemap not shown"), problem});
            }
        renderer.setBasemap(picture.image.isEmpty() ? nullptr : &picture.image, jobExtent_);
        shownExtent_ = jobExtent_;
        shownUnitsPerPixel_ = (jobExtent_.maxX - jobExtent_.minX) / std::max(1, picture.image.width);
        if (picture.image.isEmpty()) shownUnitsPerPixel_ = camera.unitsPerPixel;
    }
    if (!isStale_ && isServed(camera)) return true;
    // The first picture comes at once; later ones when the camera rests (each new one redraws the map's tiles).
    if (!shownExtent_.isEmpty() && now - lastMove_ < kRest) return false;
    start(model, camera);
    return false;
}

void BasemapView::lookChanged(AppModel& model, const geo::Basemap& basemap) {
    isStale_ = true;
    for (auto& b : basemaps_)
        if (b.id == basemap.id) b = basemap;
    if (geo::Workspace* ws = model.workspace(); ws && !ws->isReadOnly()) {
        try {
            geo::setBasemapLook(ws->db(), basemap, basemap.opacity, basemap.brightness);
        } catch (const geo::Error&) {
            // the look stays for this session; the file keeps its own
        }
    }
}

}  // namespace app
