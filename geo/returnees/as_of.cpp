// Figures as of a day, shared by `analyze/render/export --date` and the GUI's date slider.
#include "geo/returnees/as_of.hpp"

#include <algorithm>

#include "geo/core/dates.hpp"
#include "geo/core/json.hpp"

namespace geo {

AsOfFigures asOfFigures(const Scenario& dated, const DailyCounter& counter, int day) {
    AsOfFigures a;
    a.day = day;
    a.checkpointsActive = static_cast<int>(dated.checkpoints.size());
    for (const auto& c : dated.checkpoints) a.staffOnDuty += c.staffRequired();
    a.returnees = counter.figures(day);
    a.observationDays = counter.observationDays();
    return a;
}

std::string asOfJson(const AsOfFigures& a) {
    JsonWriter j;
    j.beginObject().key("date").value(formatDay(a.day));
    j.key("checkpoints_active").value(a.checkpointsActive).key("staff_on_duty").value(a.staffOnDuty);
    j.key("returnees_total").value(a.returnees.returneesTotal).key("arrived_on_date").value(a.returnees.arrivedOnDate);
    j.key("under_observation").value(a.returnees.underObservation).key("released").value(a.returnees.released);
    j.key("fever").value(a.returnees.fever).key("observation_days").value(a.observationDays);
    j.endObject();
    return j.str();
}

GridReturnees gridReturnees(const ReturneeCounts& counts, const Layer& boundary, const Scenario& scenario,
                            std::optional<int> toDay) {
    GridReturnees out;
    if (counts.entries.empty()) return out;
    double cell = scenario.params.gridSizeM > 0 ? scenario.params.gridSizeM : 500;
    ReturneeFilter filter;
    if (toDay) filter.toDay = *toDay;
    out.areas = aggregateToGrid(counts, boundary, cell, filter);
    out.origins = counts.origins;
    return out;
}

DataDays dataDays(const ReturneeCounts& counts, const Scenario& scenario) {
    DataDays d;
    const auto add = [&d](int day) {
        d.first = d.hasDates ? std::min(d.first, day) : day;
        d.last = d.hasDates ? std::max(d.last, day) : day;
        d.hasDates = true;
    };
    if (!counts.entries.empty() && counts.minDay <= counts.maxDay) {
        add(counts.minDay);
        add(counts.maxDay);
    }
    for (const auto& c : scenario.checkpoints) {
        int day = 0;
        if (!c.activeFrom.empty() && parseIsoDay(c.activeFrom, day)) add(day);
        if (!c.activeUntil.empty() && parseIsoDay(c.activeUntil, day)) add(day);
    }
    return d;
}

}  // namespace geo
