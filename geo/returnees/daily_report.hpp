// The daily report (日报): a scenario's figures as of a day, or one row per day over a range,
// with the tables by village and by origin; JSON and XLSX, suppressed below the threshold.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/returnees/daily.hpp"
#include "geo/plan/plan.hpp"

namespace geo {

class CordonNetwork;

// One day's headline figures: the plan as of the day, and the returnees.
struct DayFigures {
    int checkpointsActive = 0;  // checkpoints and closures in place that day
    int staffOnDuty = 0;        // staff required by the active checkpoints
    int entriesTotal = 0, entriesGuarded = 0;  // guarded by the active ones only
    DailyReturnees returnees;
};

struct DailyReport {
    std::string township;         // the boundary's name, else the workspace's title, else its file name
    std::string scenario;
    int observationDays = kDefaultObservationDays;
    int threshold = 5;            // small counts below it are published as "<N"
    int day = 0;                  // the report's day (the range's last day for a range)
    DayFigures figures;           // as of `day`
    std::vector<VillageDay> byVillage;
    std::vector<OriginDay> byOrigin;
    std::vector<DayFigures> days;  // one per day of the range (--from/--to); empty for one day
    std::vector<DailyReturnees> history;  // from the first arrival (or `day` - 29) up to `day`, for the chart
};

// net may be null (no roads layer): entries are then 0. fromDay <= day; fromDay == day for one day.
DailyReport buildDailyReport(const Workspace& ws, const CordonNetwork* net, const Scenario& scenario, int fromDay, int day);
// The figures of the plan alone on a day (checkpoints, staff, entries).
DayFigures planFiguresOn(const CordonNetwork* net, const Scenario& scenario, int day);

// The JSON object of `report --json`: date, checkpoints_active, staff_on_duty, entries_total,
// entries_guarded, returnees_total, arrived_on_date, under_observation, released, fever,
// by_village [{village, arrived, under_observation}], by_origin, observation_days, threshold; with a
// range also from, to and days [{date, ...the headline keys}]. Counts below the threshold are "<N".
std::string dailyReportJson(const DailyReport& r);
// Sheets 日报 (headline), 村 (by village), 来源地 (by origin), 每日 (per day); numbers as numbers.
void writeDailyReportXlsx(const DailyReport& r, const std::string& outPath);

// A published count: "" when shown as the number, else "<N" (0 < n < threshold).
std::string suppressedLabel(int64_t n, int threshold);
// The by-village table published: rows villages, columns under observation and released, with
// the margins; labels as SuppressedTable gives them ("12", "<5", "x").
struct PublishedVillages {
    std::vector<std::string> arrived, underObservation;  // per byVillage row
};
PublishedVillages publishVillages(const DailyReport& r);
// The by-origin table published: each column suppressed with its total shown (so a "<5" cannot be
// had from the total less the others: another cell of the column is hidden with it).
struct PublishedOrigins {
    std::vector<std::string> arrived, arrivedOnDate, underObservation;  // per byOrigin row
};
PublishedOrigins publishOrigins(const DailyReport& r);

}  // namespace geo
