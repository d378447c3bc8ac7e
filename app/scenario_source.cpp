// Scenario and returnee input for analyze/suggest, read through the scenario store and the
// returnee counts of the workspace.
#include "app/scenario_source.hpp"

#include "geo/core/error.hpp"
#include "geo/plan/scenario_store.hpp"

namespace app {

geo::Scenario loadScenario(geo::Workspace& ws, const std::string& name) {
    auto store = geo::openSqliteScenarioStore(ws);
    return geo::scenarioOrEmptyPlan(*store, name);
}

ReturneeAreas loadReturnees(const geo::Workspace& ws, const geo::Layer& boundary, const geo::Scenario& scenario,
                            std::optional<int> toDay) {
    ReturneeAreas out;
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    if (counts.entries.empty()) return out;
    double cell = scenario.params.gridSizeM > 0 ? scenario.params.gridSizeM : 500;
    geo::ReturneeFilter filter;
    if (toDay) filter.toDay = *toDay;
    out.areas = geo::aggregateToGrid(counts, boundary, cell, filter);
    out.origins = counts.origins;
    return out;
}

}  // namespace app
