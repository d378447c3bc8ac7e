// The daily report's figures, its JSON and its workbook.
#include "geo/returnees/daily_report.hpp"

#include <algorithm>
#include <filesystem>

#include "geo/analysis/figures.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/json.hpp"
#include "geo/returnees/returnee_support.hpp"
#include "geo/returnees/suppression.hpp"
#include "geo/workspace/workspace.hpp"
#include "geo/io/xlsx_workbook.hpp"

namespace geo {
namespace {

constexpr int kHistoryDays = 30;  // the chart's days when arrivals began long before

std::string townshipName(const Workspace& ws) {
    if (ws.hasLayer("boundary")) {
        Layer b = ws.readLayer("boundary");
        int f = nameFieldOf(b);
        if (f >= 0 && b.featureCount() > 0 && !b.attr(0, f).empty()) return std::string(b.attr(0, f));
    }
    if (std::string title = ws.meta("title"); !title.empty()) return title;
    return std::filesystem::path(ws.path()).stem().string();  // as render's default title falls back
}

// A count as JSON: the number, or the string "<N" when it is a small one.
void count(JsonWriter& j, const char* key, int64_t n, int threshold) {
    std::string label = suppressedLabel(n, threshold);
    j.key(key);
    if (label.empty()) j.value(n);
    else j.value(label);
}

void headline(JsonWriter& j, const DayFigures& f, int threshold) {
    j.key("date").value(formatDay(f.returnees.day));
    j.key("checkpoints_active").value(f.checkpointsActive).key("staff_on_duty").value(f.staffOnDuty);
    j.key("entries_total").value(f.entriesTotal).key("entries_guarded").value(f.entriesGuarded);
    count(j, "returnees_total", f.returnees.returneesTotal, threshold);
    count(j, "arrived_on_date", f.returnees.arrivedOnDate, threshold);
    count(j, "under_observation", f.returnees.underObservation, threshold);
    count(j, "released", f.returnees.released, threshold);
    count(j, "fever", f.returnees.fever, threshold);
}

}  // namespace

std::string suppressedLabel(int64_t n, int threshold) {
    return n > 0 && n < threshold ? "<" + std::to_string(threshold) : std::string();
}

DayFigures planFiguresOn(const CordonNetwork* net, const Scenario& scenario, int day) {
    DayFigures f;
    Scenario active = scenarioAsOf(scenario, day);
    f.checkpointsActive = static_cast<int>(active.checkpoints.size());
    for (const auto& c : active.checkpoints) f.staffOnDuty += c.staffRequired();
    if (net) {
        Figures a = analyze(*net, active);
        f.entriesTotal = a.entriesTotal;
        f.entriesGuarded = a.entriesGuarded;
    }
    f.returnees.day = day;
    return f;
}

DailyReport buildDailyReport(const Workspace& ws, const CordonNetwork* net, const Scenario& scenario, int fromDay, int day) {
    DailyReport r;
    r.township = townshipName(ws);
    r.scenario = scenario.name;
    r.observationDays = observationDays(ws);
    r.threshold = std::max(1, scenario.params.smallCountThreshold);
    r.day = day;
    ReturneeCounts counts = loadReturneeCounts(ws);
    DailyCounter daily(counts, r.observationDays);
    int first = counts.maxDay >= counts.minDay ? std::min(counts.minDay, day) : day;
    first = std::max(first, day - kHistoryDays + 1);
    first = std::min(first, fromDay);
    r.history = daily.series(first, day);
    auto returneesOn = [&](int d) { return r.history[static_cast<size_t>(d - first)]; };
    r.figures = planFiguresOn(net, scenario, day);
    r.figures.returnees = returneesOn(day);
    r.byVillage = daily.byVillage(day);
    r.byOrigin = daily.byOrigin(day);
    if (fromDay < day) {
        // The plan's figures change only where a checkpoint's dates begin or end: reuse the last
        // day's analysis while the set of active checkpoints stays the same.
        std::vector<int64_t> lastIds;
        DayFigures last;
        bool hasLast = false;
        for (int d = fromDay; d <= day; ++d) {
            std::vector<int64_t> ids;
            for (const auto& c : scenario.checkpoints)
                if (isActiveOn(c, d)) ids.push_back(c.id);
            if (!hasLast || ids != lastIds) last = planFiguresOn(net, scenario, d);
            hasLast = true;
            lastIds = std::move(ids);
            DayFigures f = last;
            f.returnees = returneesOn(d);
            r.days.push_back(f);
        }
    }
    return r;
}

PublishedVillages publishVillages(const DailyReport& r) {
    std::vector<std::vector<int64_t>> cells;
    for (const auto& v : r.byVillage) cells.push_back({v.underObservation, v.arrived - v.underObservation});
    PublishedVillages out;
    if (cells.empty()) return out;
    SuppressedTable t(cells, r.threshold);
    for (size_t i = 0; i < cells.size(); ++i) {
        out.arrived.push_back(t.label(i, 2));
        out.underObservation.push_back(t.label(i, 0));
    }
    return out;
}

PublishedOrigins publishOrigins(const DailyReport& r) {
    PublishedOrigins out;
    // A column with its total shown: a lone "<N" would follow from the total less the others, so
    // the smallest other count is hidden with it ("x").
    auto column = [&](int64_t OriginDay::*field, std::vector<std::string>& labels) {
        size_t small = 0, partner = r.byOrigin.size();
        for (size_t i = 0; i < r.byOrigin.size(); ++i) {
            const int64_t n = r.byOrigin[i].*field;
            std::string label = suppressedLabel(n, r.threshold);
            small += !label.empty();
            if (label.empty() && n > 0 && (partner == r.byOrigin.size() || n < r.byOrigin[partner].*field)) partner = i;
            labels.push_back(label.empty() ? std::to_string(n) : label);
        }
        if (small == 1 && partner < labels.size()) labels[partner] = "x";
    };
    column(&OriginDay::arrived, out.arrived);
    column(&OriginDay::arrivedOnDate, out.arrivedOnDate);
    column(&OriginDay::underObservation, out.underObservation);
    return out;
}

namespace {
// A published label as JSON or a sheet cell: the count itself when shown, else the label.
bool isShownLabel(const std::string& label) { return !label.empty() && label[0] >= '0' && label[0] <= '9'; }
}  // namespace

std::string dailyReportJson(const DailyReport& r) {
    JsonWriter j;
    j.beginObject();
    headline(j, r.figures, r.threshold);
    j.key("township").value(r.township).key("scenario").value(r.scenario);
    j.key("observation_days").value(r.observationDays).key("threshold").value(r.threshold);
    PublishedVillages pv = publishVillages(r);
    // A shown label is the count itself: write it as a number; "<5" and "x" stay strings.
    auto cell = [&](const std::string& label, int64_t n) {
        if (isShownLabel(label)) j.value(n);
        else j.value(label);
    };
    j.key("by_village").beginArray();
    for (size_t i = 0; i < r.byVillage.size(); ++i) {
        const VillageDay& v = r.byVillage[i];
        j.beginObject().key("village").value(v.village.empty() ? "(未填村)" : v.village);
        j.key("arrived");
        cell(pv.arrived[i], v.arrived);
        j.key("under_observation");
        cell(pv.underObservation[i], v.underObservation);
        j.endObject();
    }
    j.endArray();
    PublishedOrigins po = publishOrigins(r);
    j.key("by_origin").beginArray();
    for (size_t i = 0; i < r.byOrigin.size(); ++i) {
        const OriginDay& o = r.byOrigin[i];
        j.beginObject().key("origin").value(o.origin);
        j.key("arrived");
        cell(po.arrived[i], o.arrived);
        j.key("arrived_on_date");
        cell(po.arrivedOnDate[i], o.arrivedOnDate);
        j.key("under_observation");
        cell(po.underObservation[i], o.underObservation);
        j.endObject();
    }
    j.endArray();
    if (!r.days.empty()) {
        j.key("from").value(formatDay(r.days.front().returnees.day)).key("to").value(formatDay(r.days.back().returnees.day));
        j.key("days").beginArray();
        for (const auto& d : r.days) {
            j.beginObject();
            headline(j, d, r.threshold);
            j.endObject();
        }
        j.endArray();
    }
    j.endObject();
    return j.str();
}

namespace {

// A published label in a cell: the count as a number when shown, else the label's text.
void writeLabel(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& label, int64_t n) {
    if (isShownLabel(label)) worksheet_write_number(sheet, row, col, static_cast<double>(n), nullptr);
    else worksheet_write_string(sheet, row, col, label.c_str(), nullptr);
}

// A count in a cell: the number, or the "<N" text when it is a small one.
void writeCount(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, int64_t n, int threshold) {
    std::string label = suppressedLabel(n, threshold);
    if (label.empty()) worksheet_write_number(sheet, row, col, static_cast<double>(n), nullptr);
    else worksheet_write_string(sheet, row, col, label.c_str(), nullptr);
}

void headerRow(Workbook& book, lxw_worksheet* sheet, lxw_row_t row, std::initializer_list<const char*> names) {
    lxw_col_t col = 0;
    for (const char* n : names) worksheet_write_string(sheet, row, col++, n, book.bold_);
}

void dayRow(lxw_worksheet* sheet, lxw_row_t row, const DayFigures& f, int threshold) {
    worksheet_write_string(sheet, row, 0, formatDay(f.returnees.day).c_str(), nullptr);
    worksheet_write_number(sheet, row, 1, f.checkpointsActive, nullptr);
    worksheet_write_number(sheet, row, 2, f.staffOnDuty, nullptr);
    worksheet_write_number(sheet, row, 3, f.entriesTotal, nullptr);
    worksheet_write_number(sheet, row, 4, f.entriesGuarded, nullptr);
    const int64_t counts[] = {f.returnees.returneesTotal, f.returnees.arrivedOnDate, f.returnees.underObservation,
                              f.returnees.released, f.returnees.fever};
    for (lxw_col_t c = 0; c < 5; ++c) writeCount(sheet, row, static_cast<lxw_col_t>(5 + c), counts[c], threshold);
}

constexpr std::initializer_list<const char*> kDayHeader = {"日期", "在岗卡口", "在岗人员", "入口", "已管控入口",
                                                           "累计返乡", "当日到达", "在观察", "解除观察", "发热"};

}  // namespace

void writeDailyReportXlsx(const DailyReport& r, const std::string& outPath) {
    writeBeside(outPath, [&](const std::filesystem::path& partial, const std::string& shownName) {
        Workbook book(partial, shownName);
        lxw_worksheet* head = book.addSheet("日报");
        worksheet_write_string(head, 0, 0, (r.township + "疫情防控日报 " + formatDay(r.day)).c_str(), book.title_);
        worksheet_write_string(head, 1, 0, ("方案 " + r.scenario + "，观察期 " + std::to_string(r.observationDays) + " 天，小于 " +
                                            std::to_string(r.threshold) + " 的数字显示为 <" + std::to_string(r.threshold)).c_str(), nullptr);
        headerRow(book, head, 3, kDayHeader);
        dayRow(head, 4, r.figures, r.threshold);

        lxw_worksheet* villages = book.addSheet("村");
        headerRow(book, villages, 0, {"村", "累计返乡", "在观察"});
        PublishedVillages pv = publishVillages(r);
        for (size_t i = 0; i < r.byVillage.size(); ++i) {
            auto row = static_cast<lxw_row_t>(i + 1);
            worksheet_write_string(villages, row, 0, r.byVillage[i].village.empty() ? "(未填村)" : r.byVillage[i].village.c_str(), nullptr);
            writeLabel(villages, row, 1, pv.arrived[i], r.byVillage[i].arrived);
            writeLabel(villages, row, 2, pv.underObservation[i], r.byVillage[i].underObservation);
        }

        lxw_worksheet* origins = book.addSheet("来源地");
        headerRow(book, origins, 0, {"来源地", "累计返乡", "当日到达", "在观察"});
        PublishedOrigins po = publishOrigins(r);
        for (size_t i = 0; i < r.byOrigin.size(); ++i) {
            auto row = static_cast<lxw_row_t>(i + 1);
            const OriginDay& o = r.byOrigin[i];
            worksheet_write_string(origins, row, 0, o.origin.c_str(), nullptr);
            writeLabel(origins, row, 1, po.arrived[i], o.arrived);
            writeLabel(origins, row, 2, po.arrivedOnDate[i], o.arrivedOnDate);
            writeLabel(origins, row, 3, po.underObservation[i], o.underObservation);
        }

        lxw_worksheet* perDay = book.addSheet("每日");
        headerRow(book, perDay, 0, kDayHeader);
        if (r.days.empty()) dayRow(perDay, 1, r.figures, r.threshold);
        for (size_t i = 0; i < r.days.size(); ++i) dayRow(perDay, static_cast<lxw_row_t>(i + 1), r.days[i], r.threshold);
        book.close();
    });
}

}  // namespace geo
