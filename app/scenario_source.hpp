// Scenarios and returnee counts of a workspace as the analysis commands need them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "geo/plan/plan.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

// The named scenario, the first one when name is empty, or an empty plan (default parameters)
// when the workspace holds none. Throws geo::Error when a named scenario does not exist.
geo::Scenario loadScenario(geo::Workspace& ws, const std::string& name);

struct ReturneeAreas {
    std::vector<geo::AreaCount> areas;
    std::vector<std::string> origins;  // labels of AreaCount::byOrigin
};
// Every imported batch on the scenario's grid (square cells of gridSizeM); empty when none.
// With `toDay`, only the returnees arrived up to that day (days since 1970-01-01).
ReturneeAreas loadReturnees(const geo::Workspace& ws, const geo::Layer& boundary, const geo::Scenario& scenario,
                            std::optional<int> toDay = std::nullopt);

}  // namespace app
