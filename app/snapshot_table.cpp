// The checkpoint table of a report page: number, name, road with its route code, class, staff
// per shift x shifts and district, continued in further columns when long, at a type size that
// keeps every cell inside the table.
#include <algorithm>
#include <array>
#include <cmath>

#include "app/snapshot_data.hpp"
#include "app/snapshot_draw.hpp"

namespace app {
namespace {

constexpr size_t kColumns = 6;
using Row = std::array<std::string, kColumns>;

std::vector<Row> tableRows(const SnapshotData& d) {
    std::vector<Row> rows;
    rows.push_back({"序号 No.", "名称 Name", "道路 Road", "等级 Class", "人员 Staff", "片区 District"});
    for (size_t i = 0; i < d.checkpoints.size(); ++i) {
        const geo::Checkpoint& c = d.checkpoints[i];
        const bool isClosure = c.kind == geo::CheckpointKind::RoadClosure;
        rows.push_back({std::to_string(checkpointNumber(d.checkpoints, i)), c.name, roadWithCode(d, c.road),
                        c.roadFid < 0 ? "路外 off-road" : geo::roadClassNameZh(c.roadClass),
                        isClosure ? "封路 closed" : std::to_string(c.staffPerShift) + "×" + std::to_string(c.shifts),
                        c.district});
    }
    return rows;
}

}  // namespace

std::string tableText(const SnapshotData& d) {
    std::string all = "卡口一览 Checkpoints()×路外 off-road封路 closed";
    for (const auto& row : tableRows(d))
        for (const auto& cell : row) all += cell;
    return all;
}

void drawCheckpointTable(PageCanvas& c, const SnapshotData& d) {
    const geo::PageLayout& l = c.layout;
    const geo::Rect& box = l.tableBox;
    if (box.isEmpty() || d.checkpoints.empty()) return;
    const double pad = l.paddingPx;
    const auto rows = tableRows(d);
    c.dl.AddRectFilled(v(box.x, box.y), v(box.right(), box.bottom()), c.palette.boxFill);
    c.dl.AddRect(v(box.x, box.y), v(box.right(), box.bottom()), c.palette.boxEdge, 0, 0, static_cast<float>(l.frameLinePx));
    const std::string heading = "卡口一览 Checkpoints (" + std::to_string(d.checkpoints.size()) + ")";
    const double headingW = c.measure(c.fonts.heading, l.headingPx, heading).x;
    const double headingPx = headingW > box.w - 2 * pad ? l.headingPx * (box.w - 2 * pad) / headingW : l.headingPx;
    c.text(c.fonts.heading, headingPx, box.x + pad, box.y + pad, c.palette.text, heading, box);

    // Widths at body size; then the number of column groups whose type is largest.
    std::array<double, kColumns> widths{};
    for (const auto& row : rows)
        for (size_t k = 0; k < kColumns; ++k)
            widths[k] = std::max(widths[k], static_cast<double>(c.measure(c.fonts.body, l.bodyPx, row[k]).x));
    const double cellGap = l.bodyPx * 0.7;
    double rowW = cellGap * (kColumns - 1);
    for (double w : widths) rowW += w;
    const double rowH = l.bodyPx * 1.45, groupGap = pad * 2;
    const double top = box.y + pad + l.headingPx * 1.6, availH = box.bottom() - pad - top;
    const size_t dataRows = rows.size() - 1;
    size_t groups = 1;
    double k = 0;
    for (size_t g = 1; g <= 3; ++g) {
        const double perGroup = std::ceil(static_cast<double>(dataRows) / static_cast<double>(g)) + 1;  // + header
        const double groupW = (box.w - 2 * pad - groupGap * static_cast<double>(g - 1)) / static_cast<double>(g);
        const double fit = std::min({1.0, groupW / rowW, availH / (perGroup * rowH)});
        if (fit > k * 1.05) k = fit, groups = g;
    }
    const size_t perGroup = (dataRows + groups - 1) / groups;
    const double groupW = (box.w - 2 * pad - groupGap * static_cast<double>(groups - 1)) / static_cast<double>(groups);
    const double size = l.bodyPx * k, h = rowH * k;
    for (size_t g = 0; g < groups; ++g) {
        const double x0 = box.x + pad + static_cast<double>(g) * (groupW + groupGap);
        auto drawRow = [&](const Row& row, double y, ImU32 colour) {
            double x = x0;
            for (size_t col = 0; col < kColumns; ++col) {
                c.text(c.fonts.body, size, x, y + (h - size) / 2, colour, row[col], box);
                x += (widths[col] + cellGap) * k;
            }
        };
        drawRow(rows[0], top, c.palette.muted);
        c.dl.AddLine(v(x0, top + h), v(x0 + rowW * k, top + h), c.palette.boxEdge, 1);
        for (size_t r = g * perGroup; r < std::min(dataRows, (g + 1) * perGroup); ++r) {
            const double y = top + h * static_cast<double>(r - g * perGroup + 1);
            drawRow(rows[r + 1], y, c.palette.text);
        }
    }
}

}  // namespace app
