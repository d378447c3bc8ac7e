// Scenarios and returnee counts of a workspace as the analysis commands need them.
#pragma once
#include <string>
#include <vector>

#include "geo/cordon.hpp"
#include "geo/plan.hpp"
#include "geo/workspace.hpp"

namespace app {

// The named scenario, the first one when name is empty, or an empty plan when there is none.
// Throws geo::Error when a named scenario does not exist.
geo::Scenario loadScenario(const geo::Workspace& ws, const std::string& name);
// Returnee counts per grid area of the workspace; empty when none were imported.
std::vector<geo::AreaCount> loadReturnees(const geo::Workspace& ws, const geo::Scenario& scenario);

}  // namespace app
