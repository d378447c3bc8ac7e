// The "as of a day" figures the analysis commands print with --date.
#include "app/cli_daily.hpp"

#include <cstdio>

#include "app/command.hpp"
#include "geo/core/dates.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"

namespace app {
namespace {

struct AsOf {
    int checkpoints = 0, staff = 0;
    geo::DailyReturnees returnees;
};

AsOf asOf(const geo::Workspace& ws, const geo::Scenario& dated, int day) {
    AsOf a;
    a.checkpoints = static_cast<int>(dated.checkpoints.size());
    for (const auto& c : dated.checkpoints) a.staff += c.staffRequired();
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    a.returnees = geo::DailyCounter(counts, geo::observationDays(ws)).figures(day);
    return a;
}

}  // namespace

int parseDateOption(const std::string& text) {
    try {
        return geo::parseDayOption(text, "--date");
    } catch (const geo::Error& e) {
        throw UsageError(e.what());
    }
}

std::string asOfJson(const geo::Workspace& ws, const geo::Scenario& dated, int day) {
    AsOf a = asOf(ws, dated, day);
    geo::JsonWriter j;
    j.beginObject().key("date").value(geo::formatDay(day));
    j.key("checkpoints_active").value(a.checkpoints).key("staff_on_duty").value(a.staff);
    j.key("returnees_total").value(a.returnees.returneesTotal).key("arrived_on_date").value(a.returnees.arrivedOnDate);
    j.key("under_observation").value(a.returnees.underObservation).key("released").value(a.returnees.released);
    j.key("fever").value(a.returnees.fever).key("observation_days").value(geo::observationDays(ws));
    j.endObject();
    return j.str();
}

void printAsOf(const geo::Workspace& ws, const geo::Scenario& dated, int day) {
    AsOf a = asOf(ws, dated, day);
    std::printf("as of        %s: %d checkpoints and closures active, %d staff on duty; returnees %lld arrived,"
                " %lld that day, %lld under observation (%d days), %lld released, %lld fever\n",
                geo::formatDay(day).c_str(), a.checkpoints, a.staff, static_cast<long long>(a.returnees.returneesTotal),
                static_cast<long long>(a.returnees.arrivedOnDate), static_cast<long long>(a.returnees.underObservation),
                geo::observationDays(ws), static_cast<long long>(a.returnees.released),
                static_cast<long long>(a.returnees.fever));
}

}  // namespace app
