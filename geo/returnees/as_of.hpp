// Figures "as of" a day, the same for the command line (--date) and the GUI's date slider:
// checkpoints and staff of the plan then, the returnees arrived up to it on the scenario's grid,
// the day's returnee figures, and the span of days the workspace's data covers.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "geo/core/layer.hpp"
#include "geo/plan/plan.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/returnees/returnees.hpp"

namespace geo {

struct AsOfFigures {
    int day = 0;
    int checkpointsActive = 0;  // checkpoints and closures active that day
    int staffOnDuty = 0;
    DailyReturnees returnees;
    int observationDays = kDefaultObservationDays;
};
// `dated` is the scenario as of `day` already (scenarioAsOf).
AsOfFigures asOfFigures(const Scenario& dated, const DailyCounter& counter, int day);
// {date, checkpoints_active, staff_on_duty, returnees_total, arrived_on_date, under_observation,
// released, fever, observation_days}
std::string asOfJson(const AsOfFigures& a);

// The returnees on the scenario's grid (square cells of gridSizeM, 500 m when unset); with
// `toDay`, only those arrived up to that day. Empty when the counts are.
struct GridReturnees {
    std::vector<AreaCount> areas;
    std::vector<std::string> origins;  // labels of AreaCount::byOrigin
};
GridReturnees gridReturnees(const ReturneeCounts& counts, const Layer& boundary, const Scenario& scenario,
                            std::optional<int> toDay = std::nullopt);

// The days the data covers: earliest arrival or checkpoint --from to the latest arrival or
// --until (a --from after every other date counts too). hasDates is false when nothing is dated.
struct DataDays {
    bool hasDates = false;
    int first = 0, last = 0;
};
DataDays dataDays(const ReturneeCounts& counts, const Scenario& scenario);

}  // namespace geo
