// A post's rota page: the grid of days x shifts with the names on duty (leaders marked, no phone
// numbers), the shift hours, what is missing, and the plan's map with the post ringed.
#include "app/rota_page.hpp"

#include <algorithm>
#include <string>

#include "app/snapshot.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_draw.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/checkpoint_number.hpp"
#include "geo/render/rota_page.hpp"
#include "geo/rota/rota_sheet.hpp"

namespace app {
namespace {

constexpr const char* kWeekdays[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};

std::string dayLabel(int day) {
    const int weekday = ((day + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
    return geo::formatDay(day).substr(5) + " " + kWeekdays[weekday];
}

std::string joinNames(const std::vector<std::string>& names, size_t from, size_t to) {
    std::string s;
    for (size_t i = from; i < to && i < names.size(); ++i) s += (i > from ? "、" : "") + names[i];
    return s;
}

// The grid: a header row with each shift's hours, then one row per day; each cell lists the
// names on duty on as many lines as keep them largest, and "缺 N" in the alert colour.
void drawGrid(PageCanvas& c, const geo::Rect& box, const geo::RotaPostSheet& s) {
    const geo::PageLayout& l = c.layout;
    const double pad = l.paddingPx;
    const double headerH = std::max(l.bodyPx * 3.0, l.headingPx * 2.6);
    // Rows as tall as a short period allows (large type to read at the post), the box shrunk to them.
    const double rowH = std::min(l.bodyPx * 6.0, (box.h - headerH - l.smallPx * 2) / static_cast<double>(std::max<size_t>(s.days.size(), 1)));
    const double tableBottom = box.y + headerH + rowH * static_cast<double>(s.days.size());
    c.dl.AddRectFilled(v(box.x, box.y), v(box.right(), tableBottom), c.palette.boxFill);
    c.dl.AddRect(v(box.x, box.y), v(box.right(), tableBottom), c.palette.boxEdge, 0, 0, static_cast<float>(l.frameLinePx));
    const double dateW = std::max(box.w * 0.16, c.measure(c.fonts.body, l.bodyPx, "01-25 周六").x + 2 * pad);
    const double colW = (box.w - dateW) / static_cast<double>(std::max(s.shifts, 1));
    const float line = static_cast<float>(l.frameLinePx);
    auto fit = [&](const std::string& t, double size, double width) {
        const double w = c.measure(c.fonts.body, size, t).x;
        return w > width && w > 0 ? size * width / w : size;
    };
    c.text(c.fonts.heading, l.headingPx, box.x + pad, box.y + (headerH - l.headingPx) / 2, c.palette.text, "日期 Date", box);
    for (int k = 0; k < s.shifts; ++k) {
        const double x = box.x + dateW + colW * k;
        const std::string head = "第" + std::to_string(k + 1) + "班 Shift " + std::to_string(k + 1);
        c.text(c.fonts.heading, fit(head, l.headingPx, colW - 2 * pad), x + pad, box.y + headerH * 0.12, c.palette.text, head, box);
        c.text(c.fonts.body, l.bodyPx, x + pad, box.y + headerH * 0.55, c.palette.muted, s.shiftHours[static_cast<size_t>(k)], box);
        c.dl.AddLine(v(x, box.y), v(x, tableBottom), c.palette.rule, line);
    }
    c.dl.AddLine(v(box.x, box.y + headerH), v(box.right(), box.y + headerH), c.palette.rule, line * 2);
    for (size_t d = 0; d < s.days.size(); ++d) {
        const double y = box.y + headerH + rowH * static_cast<double>(d);
        if (d % 2 == 1) c.dl.AddRectFilled(v(box.x + line, y), v(box.right() - line, y + rowH), IM_COL32(0, 0, 0, 12));
        c.dl.AddLine(v(box.x, y + rowH), v(box.right(), y + rowH), c.palette.rule, line);
        const std::string date = dayLabel(s.days[d]);
        const double dateSize = fit(date, l.bodyPx, dateW - 2 * pad);
        c.text(c.fonts.body, dateSize, box.x + pad, y + (rowH - dateSize) / 2, c.palette.text, date, box);
        for (int k = 0; k < s.shifts; ++k) {
            const geo::RotaSheetCell& cell = s.cells[d][static_cast<size_t>(k)];
            const double x = box.x + dateW + colW * k + pad, w = colW - 2 * pad;
            std::vector<std::string> lines;
            double size = 0;
            // One line per name at most: the number of lines that gives the largest type.
            for (size_t n = 1; n <= std::max<size_t>(cell.names.size(), 1); ++n) {
                std::vector<std::string> candidate;
                const size_t per = (cell.names.size() + n - 1) / n;
                for (size_t i = 0; i < cell.names.size(); i += std::max<size_t>(per, 1)) candidate.push_back(joinNames(cell.names, i, i + per));
                if (cell.missing > 0) candidate.push_back("缺 " + std::to_string(cell.missing) + " 人");
                double sz = std::min(l.bodyPx * 1.6, rowH / (1.25 * static_cast<double>(std::max<size_t>(candidate.size(), 1))));
                for (const auto& t : candidate) sz = std::min(sz, fit(t, sz, w));
                if (sz > size) size = sz, lines = candidate;
            }
            const double textH = size * 1.25 * static_cast<double>(lines.size());
            for (size_t i = 0; i < lines.size(); ++i) {
                const bool isMissing = cell.missing > 0 && i + 1 == lines.size();
                c.text(c.fonts.body, size, x, y + (rowH - textH) / 2 + size * 1.25 * static_cast<double>(i) + size * 0.1,
                       isMissing ? c.palette.alert : c.palette.text, lines[i], box);
            }
        }
    }
    const double noteY = tableBottom + pad;
    if (noteY + l.smallPx < box.bottom())
        c.text(c.fonts.small, l.smallPx, box.x + pad, noteY, c.palette.muted,
               std::string(geo::kLeaderMark) + " 组长 Leader   缺 N 人: N people missing on the shift", box);
}

}  // namespace

std::vector<std::filesystem::path> writeRotaPages(geo::Workspace& ws, const geo::Scenario& scenario,
                                                  const geo::RotaProblem& pb, const geo::Rota& rota,
                                                  const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) throw geo::Error(dir.string() + ": no such folder");
    SnapshotData data = loadSnapshotData(ws);
    data.showReturnees = false;  // the page is for the post's staff: the plan only
    loadSnapshotScenario(ws, scenario.name, data);
    SnapshotRequest request;
    request.engine = headlessEngine();
    request.page = geo::pageFromPaper("A4", false, 300);
    const geo::RotaPageLayout layout = geo::layoutRotaPage(request.page);
    request.layout = layout.page;
    const std::string period = geo::formatDay(pb.firstDay) + " — " + geo::formatDay(pb.firstDay + pb.days - 1);
    request.scenarioName = scenario.name.empty() ? "空白方案 Empty plan" : scenario.name;
    request.date = period + " (" + std::to_string(pb.days) + " 天 days)";
    request.sources = dataSources(ws);
    const geo::MapTransform transform = geo::fitExtent(data.extent, layout.page.mapFrame);  // as renderSnapshot fits it
    std::vector<std::filesystem::path> written;
    for (const geo::RotaPost& post : pb.posts) {
        if (post.staffPerShift <= 0) continue;
        const geo::RotaPostSheet sheet = geo::rotaPostSheet(pb, rota, post.number);
        request.out = dir / ("post-" + std::to_string(post.number) + ".png");
        request.title = "卡口 " + std::to_string(post.number) + " " + post.name + " 值班表 Rota";
        request.figures = {
            {"每班人数 Staff per shift", std::to_string(post.staffPerShift), "", false},
            {"班次 Shifts", std::to_string(post.shifts) + " × " + std::to_string(24 / std::max(post.shifts, 1)) + " h", "", false},
            {"缺员 People missing (shifts)", std::to_string(sheet.missing), "", sheet.missing > 0},
        };
        if (post.needsMedical) request.figures.push_back({"体温检测 Temperature checks", "是 yes", "", false});
        request.panelText = std::string(geo::kLeaderMark) + " 组长 Leader   缺 N 人: N people missing on the shift日期 Date第班 Shift" +
                            "周日一二三四五六、是 yes天 days—×";
        for (const auto& row : sheet.cells)
            for (const auto& cell : row)
                for (const auto& n : cell.names) request.panelText += n;
        double px = 0, py = 0;
        for (size_t i = 0; i < scenario.checkpoints.size(); ++i)
            if (geo::checkpointNumber(scenario.checkpoints, i) == post.number)
                px = transform.toPixelX(scenario.checkpoints[i].x), py = transform.toPixelY(scenario.checkpoints[i].y);
        request.drawPanels = [&](PageCanvas& c) {
            drawGrid(c, layout.gridBox, sheet);
            const geo::Rect& m = c.layout.mapFrame;
            if (m.contains(px, py)) {
                const double r = 14 * c.layout.pixelsPerPoint;
                // This post, in blue: red rings mark the posts the rota leaves short.
                c.dl.AddCircle(v(px, py), static_cast<float>(r * 1.4), IM_COL32(20, 80, 200, 255), 48,
                               static_cast<float>(3 * c.layout.frameLinePx));
            }
        };
        renderSnapshot(data, request);
        written.push_back(request.out);
    }
    return written;
}

}  // namespace app
