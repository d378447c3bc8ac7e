// The "as of a day" figures the analysis commands print with --date.
#include "app/cli_daily.hpp"

#include <cstdio>

#include "app/command.hpp"
#include "geo/core/dates.hpp"
#include "geo/returnees/as_of.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

geo::AsOfFigures asOf(const geo::Workspace& ws, const geo::Scenario& dated, int day) {
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    return geo::asOfFigures(dated, geo::DailyCounter(counts, geo::observationDays(ws)), day);
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
    return geo::asOfJson(asOf(ws, dated, day));
}

void printAsOf(const geo::Workspace& ws, const geo::Scenario& dated, int day) {
    geo::AsOfFigures a = asOf(ws, dated, day);
    std::printf("as of        %s: %d checkpoints and closures active, %d staff on duty; returnees %lld arrived,"
                " %lld that day, %lld under observation (%d days), %lld released, %lld fever\n",
                geo::formatDay(day).c_str(), a.checkpointsActive, a.staffOnDuty, static_cast<long long>(a.returnees.returneesTotal),
                static_cast<long long>(a.returnees.arrivedOnDate), static_cast<long long>(a.returnees.underObservation),
                a.observationDays, static_cast<long long>(a.returnees.released),
                static_cast<long long>(a.returnees.fever));
}

}  // namespace app
