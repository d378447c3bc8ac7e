// Keeping the basemap list in step with the workspace, and its problems as notices.
#include "app/basemap_view.hpp"

#include "app/app_model.hpp"
#include "app/i18n.hpp"
#include "app/ui_state.hpp"
#include "geo/core/error.hpp"

namespace app {

bool BasemapView::update(AppModel& model, const Camera& camera, std::vector<Notice>& notices) {
    if (!model.isOpen()) return true;
    if (!tiles_) tiles_ = std::make_unique<BasemapTiles>();
    if (model.path() != path_) {
        path_ = model.path();
        epsg_ = model.workingEpsg();
        basemaps_ = model.workspace() ? geo::listBasemaps(model.workspace()->db()) : std::vector<geo::Basemap>{};
        feed(*tiles_);
        ++revision_;
    }
    if (basemaps_.empty()) return true;
    const bool isComplete = tiles_->update(camera, problems_);
    for (std::string& problem : problems_) notices.push_back({tr("底图无法显示", "Basemap not shown"), std::move(problem)});
    problems_.clear();
    return isComplete;
}

void BasemapView::lookChanged(AppModel& model, const geo::Basemap& basemap) {
    for (auto& b : basemaps_)
        if (b.id == basemap.id) b = basemap;
    if (tiles_) feed(*tiles_);
    ++revision_;
    if (geo::Workspace* ws = model.workspace(); ws && !ws->isReadOnly()) {
        try {
            geo::setBasemapLook(ws->db(), basemap, basemap.opacity, basemap.brightness);
        } catch (const geo::Error&) {
            // the look stays for this session; the file keeps its own
        }
    }
}

}  // namespace app
