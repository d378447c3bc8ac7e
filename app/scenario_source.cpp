// Scenario and returnee input for analyze/suggest, read through the scenario store and the
// returnee counts of the workspace.
#include "app/scenario_source.hpp"

#include "geo/error.hpp"
#include "geo/scenario_store.hpp"

namespace app {

geo::Scenario loadScenario(geo::Workspace& ws, const std::string& name) {
    auto store = geo::openSqliteScenarioStore(ws);
    if (name.empty() && store->listScenarios().empty()) return geo::Scenario{};
    int64_t id = name.empty() ? store->listScenarios().front().id : store->requireScenario(name);
    return store->loadScenario(id);
}

ReturneeAreas loadReturnees(const geo::Workspace& ws, const geo::Layer& boundary, const geo::Scenario& scenario) {
    ReturneeAreas out;
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    if (counts.entries.empty()) return out;
    double cell = scenario.params.gridSizeM > 0 ? scenario.params.gridSizeM : 500;
    out.areas = geo::aggregateToGrid(counts, boundary, cell);
    out.origins = counts.origins;
    return out;
}

}  // namespace app
