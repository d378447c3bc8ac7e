// The returnee density layer of snapshots and the briefing, classed as the returnee window does.
#include "app/returnee_view.hpp"
#include "app/snapshot_data.hpp"

namespace app {

ReturneeLayer buildReturneeLayer(const geo::ReturneeCounts& counts, const geo::Layer& boundary) {
    ReturneeLayer out;
    if (counts.total <= 0 || boundary.featureCount() == 0) return out;
    ReturneeView view;
    view.load(counts);
    view.showWindow = true;
    view.refresh(&boundary, nullptr, nullptr);
    out.cells = std::move(view.polygons);
    out.colors = std::move(view.colors);
    out.breaks = std::move(view.breaks);
    out.classOfCell = std::move(view.classOfArea);
    out.smallestPositive = view.smallestPositive;
    return out;
}

}  // namespace app
