// --date YYYY-MM-DD for the commands that give figures "as of" a day (analyze, render, export).
#pragma once
#include <string>

#include "geo/plan/plan.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

int parseDateOption(const std::string& text);  // UsageError unless YYYY-MM-DD
// The day's returnee figures and the (already dated) plan's checkpoints and staff: a JSON object
// {date, checkpoints_active, staff_on_duty, returnees_total, arrived_on_date, under_observation,
// released, fever, observation_days}, exact as analyze's figures are.
std::string asOfJson(const geo::Workspace& ws, const geo::Scenario& dated, int day);
void printAsOf(const geo::Workspace& ws, const geo::Scenario& dated, int day);

}  // namespace app
