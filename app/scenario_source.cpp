// Scenario and returnee input for analyze/suggest. Until the workspace stores scenarios, every
// workspace has one empty plan with default parameters.
#include "app/scenario_source.hpp"

#include "geo/error.hpp"

namespace app {

geo::Scenario loadScenario(const geo::Workspace& ws, const std::string& name) {
    if (!name.empty()) throw geo::Error(ws.path() + ": no scenario '" + name + "' (this workspace holds no scenarios)");
    return geo::Scenario{};
}

std::vector<geo::AreaCount> loadReturnees(const geo::Workspace&, const geo::Scenario&) { return {}; }

}  // namespace app
