// The daily report's page: headline figures, the tables by village and by origin (suppressed),
// the chart of arrivals and people under observation per day, and the plan's map as of the day.
#include "app/report_page.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "app/snapshot.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_draw.hpp"
#include "geo/io/table.hpp"
#include "geo/core/dates.hpp"
#include "geo/render/daily_page.hpp"

namespace app {
namespace {

using Row = std::vector<std::string>;

struct Table {
    std::string heading;
    std::vector<Row> rows;  // the first is the header, the last the totals
};

Table villageTable(const geo::DailyReport& r) {
    Table t{"按村 By village", {{"村 Village", "累计 Arrived", "在观察 Under obs."}}};
    geo::PublishedVillages pv = geo::publishVillages(r);
    for (size_t i = 0; i < r.byVillage.size(); ++i)
        t.rows.push_back({r.byVillage[i].village.empty() ? "(未填村)" : r.byVillage[i].village, pv.arrived[i], pv.underObservation[i]});
    t.rows.push_back({"合计 Total", snapshotCount(r.figures.returnees.returneesTotal, r.threshold),
                      snapshotCount(r.figures.returnees.underObservation, r.threshold)});
    return t;
}

Table originTable(const geo::DailyReport& r) {
    Table t{"按来源地 By origin", {{"来源地 Origin", "累计 Arrived", "当日 Today", "在观察 Under obs."}}};
    geo::PublishedOrigins po = geo::publishOrigins(r);
    for (size_t i = 0; i < r.byOrigin.size(); ++i)
        t.rows.push_back({r.byOrigin[i].origin, po.arrived[i], po.arrivedOnDate[i], po.underObservation[i]});
    const auto& f = r.figures.returnees;
    t.rows.push_back({"合计 Total", snapshotCount(f.returneesTotal, r.threshold), snapshotCount(f.arrivedOnDate, r.threshold),
                      snapshotCount(f.underObservation, r.threshold)});
    return t;
}

void panel(PageCanvas& c, const geo::Rect& box, const std::string& heading, double& top) {
    const geo::PageLayout& l = c.layout;
    c.dl.AddRectFilled(v(box.x, box.y), v(box.right(), box.bottom()), c.palette.boxFill);
    c.dl.AddRect(v(box.x, box.y), v(box.right(), box.bottom()), c.palette.boxEdge, 0, 0, static_cast<float>(l.frameLinePx));
    c.text(c.fonts.heading, l.headingPx, box.x + l.paddingPx, box.y + l.paddingPx, c.palette.text, heading, box);
    top = box.y + l.paddingPx + l.headingPx * 1.6;
}

// Rows top to bottom, in as many column groups as the box needs at a readable size; numbers right-aligned.
void drawTable(PageCanvas& c, const geo::Rect& box, const Table& t) {
    const geo::PageLayout& l = c.layout;
    double top = 0;
    panel(c, box, t.heading, top);
    const double pad = l.paddingPx;
    const size_t body = t.rows.size() - 1;  // rows under the header
    const double minRowH = l.smallPx * 1.35;
    size_t groups = 1;
    while (groups < 4 && (box.bottom() - top - pad) / (static_cast<double>((body + groups - 1) / groups) + 1) < minRowH) ++groups;
    const size_t perGroup = (body + groups - 1) / groups;
    const double rowH = std::min(l.bodyPx * 1.6, (box.bottom() - top - pad) / (static_cast<double>(perGroup) + 1));
    const double groupW = (box.w - 2 * pad) / static_cast<double>(groups);
    const size_t cols = t.rows.front().size();
    // Each column as wide as its widest cell at the largest size that fits the row height; the
    // type shrinks when the columns together are wider than the group.
    double size = std::min(l.bodyPx, rowH / 1.35);
    std::vector<double> colW(cols, 0);
    for (const auto& row : t.rows)
        for (size_t k = 0; k < cols; ++k) colW[k] = std::max(colW[k], c.measure(c.fonts.body, size, row[k]).x + 2 * pad);
    double total = 0;
    for (double w : colW) total += w;
    const double fit = std::min(1.0, (groupW - pad) / total);
    size *= fit;
    for (double& w : colW) w *= fit;
    colW[0] += groupW - pad - total * fit;  // the name column takes what is left
    for (size_t g = 0; g < groups; ++g) {
        const double x0 = box.x + pad + groupW * static_cast<double>(g);
        auto drawRow = [&](const Row& row, double y, ImU32 colour) {
            double x = x0;
            for (size_t k = 0; k < cols; ++k) {
                const double w = c.measure(c.fonts.body, size, row[k]).x;
                c.text(c.fonts.body, size, k == 0 ? x : x + colW[k] - pad - w, y + (rowH - size) / 2, colour, row[k], box);
                x += colW[k];
            }
        };
        drawRow(t.rows.front(), top, c.palette.muted);
        c.dl.AddLine(v(x0, top + rowH), v(x0 + groupW - pad, top + rowH), c.palette.rule, static_cast<float>(l.frameLinePx));
        for (size_t i = 0; i < perGroup; ++i) {
            const size_t r = 1 + g * perGroup + i;
            if (r >= t.rows.size()) break;
            const bool isTotal = r + 1 == t.rows.size();
            const double y = top + rowH * static_cast<double>(i + 1);
            if (isTotal) c.dl.AddLine(v(x0, y), v(x0 + groupW - pad, y), c.palette.rule, static_cast<float>(l.frameLinePx));
            drawRow(t.rows[r], y, c.palette.text);
        }
    }
}

// Arrivals per day as bars and people under observation as a line, up to the report's day. A
// small count (0 < n < threshold) is drawn at the threshold in a paler colour, so the chart
// shows no more than the tables do.
void drawChart(PageCanvas& c, const geo::Rect& box, const geo::DailyReport& r) {
    const geo::PageLayout& l = c.layout;
    double top = 0;
    panel(c, box, "每日到达与在观察 Arrivals and under observation per day", top);
    const auto& h = r.history;
    if (h.empty()) return;
    const double pad = l.paddingPx;
    auto shown = [&](int64_t n) { return n > 0 && n < r.threshold ? int64_t{r.threshold} : n; };
    int64_t maxValue = 1;
    for (const auto& d : h) maxValue = std::max({maxValue, shown(d.arrivedOnDate), shown(d.underObservation)});
    const geo::ChartAxis axis = geo::chartAxis(maxValue);
    const std::string topLabel = std::to_string(axis.top);
    const double labelW = c.measure(c.fonts.small, l.smallPx, topLabel).x + pad;
    const double legendH = l.smallPx * 1.6;
    const geo::Rect plot{box.x + pad + labelW, top + l.smallPx * 0.6, box.w - 2 * pad - labelW,
                         box.bottom() - top - pad - l.smallPx * 2.2 - legendH};
    auto yOf = [&](int64_t n) { return plot.bottom() - plot.h * static_cast<double>(n) / static_cast<double>(axis.top); };
    for (int64_t t = 0; t <= axis.top; t += axis.step) {
        const double y = yOf(t);
        c.dl.AddLine(v(plot.x, y), v(plot.right(), y), IM_COL32(0, 0, 0, t == 0 ? 120 : 30), 1);
        const std::string s = std::to_string(t);
        c.text(c.fonts.small, l.smallPx, plot.x - pad - c.measure(c.fonts.small, l.smallPx, s).x, y - l.smallPx / 2,
               c.palette.muted, s, box);
    }
    const double slot = plot.w / static_cast<double>(h.size());
    const ImU32 bar = IM_COL32(70, 120, 190, 255), paleBar = IM_COL32(170, 195, 230, 255), line = IM_COL32(214, 96, 30, 255);
    std::vector<ImVec2> points;
    for (size_t i = 0; i < h.size(); ++i) {
        const double x = plot.x + slot * static_cast<double>(i);
        const int64_t n = h[i].arrivedOnDate;
        if (n > 0)
            c.dl.AddRectFilled(v(x + slot * 0.15, yOf(shown(n))), v(x + slot * 0.85, plot.bottom()), n < r.threshold ? paleBar : bar);
        points.push_back(v(x + slot / 2, yOf(shown(h[i].underObservation))));
    }
    c.dl.AddPolyline(points.data(), static_cast<int>(points.size()), line, 0, static_cast<float>(std::max(2.0, l.frameLinePx * 2)));
    const std::string first = geo::formatDay(h.front().day), last = geo::formatDay(h.back().day);
    const double axisY = plot.bottom() + l.smallPx * 0.3;
    c.text(c.fonts.small, l.smallPx, plot.x, axisY, c.palette.muted, first, box);
    c.text(c.fonts.small, l.smallPx, plot.right() - c.measure(c.fonts.small, l.smallPx, last).x, axisY, c.palette.muted, last, box);
    const double ly = box.bottom() - pad - legendH + l.smallPx * 0.2;
    double lx = plot.x;
    auto key = [&](ImU32 colour, bool isLine, const std::string& s) {
        if (isLine) c.dl.AddLine(v(lx, ly + l.smallPx / 2), v(lx + l.smallPx * 1.6, ly + l.smallPx / 2), colour, 3);
        else c.dl.AddRectFilled(v(lx, ly), v(lx + l.smallPx * 1.6, ly + l.smallPx), colour);
        lx += l.smallPx * 2;
        c.text(c.fonts.small, l.smallPx, lx, ly, c.palette.text, s, box);
        lx += c.measure(c.fonts.small, l.smallPx, s).x + l.smallPx * 1.5;
    };
    key(bar, false, "当日到达 Arrived");
    key(paleBar, false, "<" + std::to_string(r.threshold));
    key(line, true, "在观察 Under observation (" + std::to_string(r.observationDays) + " 天)");
}

// One row per day of a range: the plan and the returnees of each day.
Table dayTable(const geo::DailyReport& r) {
    Table t{"每日 Per day", {{"日期 Date", "卡口 Posts", "到达 Arrived", "在观察 Under obs.", "发热 Fever"}}};
    int64_t arrived = 0;
    for (const auto& d : r.days) {
        const auto& f = d.returnees;
        arrived += f.arrivedOnDate;
        t.rows.push_back({geo::formatDay(f.day), std::to_string(d.checkpointsActive), snapshotCount(f.arrivedOnDate, r.threshold),
                          snapshotCount(f.underObservation, r.threshold), snapshotCount(f.fever, r.threshold)});
    }
    t.rows.push_back({"合计 Total", "", snapshotCount(arrived, r.threshold), "", ""});
    return t;
}

std::vector<FigureItem> headlineFigures(const geo::DailyReport& r) {
    const geo::DayFigures& f = r.figures;
    const int t = r.threshold;
    return {
        {"在岗卡口 Checkpoints active", std::to_string(f.checkpointsActive), "", false},
        {"在岗人员 Staff on duty", std::to_string(f.staffOnDuty), "", false},
        {"入口管控 Entries guarded", std::to_string(f.entriesGuarded) + " / " + std::to_string(f.entriesTotal), "",
         f.entriesGuarded < f.entriesTotal},
        {"累计返乡 Returnees to date", snapshotCount(f.returnees.returneesTotal, t), "", false},
        {"当日到达 Arrived today", snapshotCount(f.returnees.arrivedOnDate, t), "", false},
        {"在观察 Under observation", snapshotCount(f.returnees.underObservation, t), "", false},
        {"解除观察 Released", snapshotCount(f.returnees.released, t), "", false},
        {"发热 Fever", snapshotCount(f.returnees.fever, t), "", f.returnees.fever > 0},
    };
}

}  // namespace

void writeReportPage(geo::Workspace& ws, const geo::Scenario& scenario, const geo::DailyReport& report,
                     const std::filesystem::path& out) {
    SnapshotData data = loadSnapshotData(ws);
    data.showReturnees = false;  // the small map shows the plan; the returnees are in the tables
    loadSnapshotScenario(ws, scenario.name, data, report.day);
    SnapshotRequest request;
    request.engine = headlessEngine();
    request.out = out;
    request.page = geo::pageFromPaper("A4", false, 300);
    const geo::DailyPageLayout layout = geo::layoutDailyPage(request.page, !report.days.empty());
    request.layout = layout.page;
    const std::string date = geo::formatDay(report.day);
    request.title = report.township + "疫情防控日报 " + date;
    request.scenarioName = scenario.name.empty() ? "空白方案 Empty plan" : scenario.name;
    request.date = date;
    request.figures = headlineFigures(report);
    request.sources = dataSources(ws);
    const Table villages = villageTable(report), origins = originTable(report), days = dayTable(report);
    for (const Table* t : {&villages, &origins, &days}) {
        request.panelText += t->heading;
        for (const auto& row : t->rows)
            for (const auto& cell : row) request.panelText += cell;
    }
    request.panelText += "每日到达与在观察 Arrivals and under observation per day当日到达 Arrived在观察 Under observation ()天<x";
    request.drawPanels = [&](PageCanvas& c) {
        drawTable(c, layout.villageBox, villages);
        drawTable(c, layout.originBox, origins);
        if (!layout.daysBox.isEmpty()) drawTable(c, layout.daysBox, days);
        drawChart(c, layout.chartBox, report);
    };
    renderSnapshot(data, request);
}

}  // namespace app
