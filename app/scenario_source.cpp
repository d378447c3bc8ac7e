// Scenario and returnee input for analyze/suggest, read through the scenario store and the
// returnee counts of the workspace.
#include "app/scenario_source.hpp"

#include "geo/core/error.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/returnees/as_of.hpp"

namespace app {

geo::Scenario loadScenario(geo::Workspace& ws, const std::string& name) {
    auto store = geo::openSqliteScenarioStore(ws);
    return geo::scenarioOrEmptyPlan(*store, name);
}

ReturneeAreas loadReturnees(const geo::Workspace& ws, const geo::Layer& boundary, const geo::Scenario& scenario,
                            std::optional<int> toDay) {
    geo::GridReturnees g = geo::gridReturnees(geo::loadReturneeCounts(ws), boundary, scenario, toDay);
    return {std::move(g.areas), std::move(g.origins)};
}

}  // namespace app
