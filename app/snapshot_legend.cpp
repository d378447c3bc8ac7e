// The page legend: one row per symbol the map shows (layers, road classes, checkpoint kinds,
// open and near entries, returnee classes), set in one or two columns at a type size that fits.
#include <algorithm>
#include <array>
#include <cmath>

#include "app/map_renderer.hpp"
#include "app/map_style.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_draw.hpp"
#include "geo/returnees/classify.hpp"

namespace app {

std::string checkpointSymbolKey(geo::CheckpointKind kind) { return std::string("checkpoint:") + geo::checkpointKindName(kind); }
std::string returneeClassKey(int cls) { return "returnees:" + std::to_string(cls); }

namespace {

constexpr std::array<const char*, geo::kCheckpointKindCount> kKindLabels = {
    "镇入口卡口 Township entry", "村口卡口 Village gate", "道路卡口 Road checkpoint", "健康检测站 Health station",
    "封路 Road closure"};

struct LegendRow {
    enum Kind { Heading, Line, Area, Dot, Checkpoint, OpenEntry, NearEntry, Swatch } kind;
    std::string key, label;
    ImU32 fill = 0, edge = 0;
    double widthPx = 0, edgePx = 0;  // lines: as drawn on the map
    geo::CheckpointKind checkpointKind = geo::CheckpointKind::RoadCheckpoint;
};

std::vector<LegendRow> legendRows(const SnapshotData& d, const geo::PageLayout& l, double metresPerPixel) {
    const auto scale = static_cast<float>(snapshotPixelScale(l));
    std::vector<LegendRow> out;
    auto lineRow = [&](std::string key, std::string label, const LineStyle& s, double width) {
        out.push_back({LegendRow::Line, std::move(key), std::move(label), packRgba(s.fill),
                       s.casingPx > 0 ? packRgba(s.casing) : 0u, width, width + 2 * s.casingPx * scale});
    };
    if (d.boundary.featureCount() > 0)
        lineRow("boundary", "镇界 Township boundary", style::kBoundary, style::kBoundary.widthPx * scale);
    if (d.districts.featureCount() > 0)
        out.push_back({LegendRow::Area, "district", "片区 District", packRgba(style::kDistrictFills[0]),
                       packRgba(style::kDistrictOutline.fill), 0, style::kDistrictOutline.widthPx * scale});
    std::array<int64_t, geo::kRoadClassCount> counts{};
    for (auto c : d.roadClasses) ++counts[static_cast<size_t>(c)];
    for (size_t c = 0; c < geo::kRoadClassCount; ++c) {
        if (counts[c] == 0) continue;
        const auto rc = static_cast<geo::RoadClass>(c);
        std::string en = geo::roadClassName(rc);
        en[0] = static_cast<char>(en[0] - 'a' + 'A');
        lineRow(std::string("road:") + geo::roadClassName(rc), std::string(geo::roadClassNameZh(rc)) + " " + en,
                style::kRoads[c], MapRenderer::roadWidthPx(rc, metresPerPixel, scale));
    }
    if (d.villages.featureCount() > 0) {
        if (d.villages.kind == geo::GeomKind::Polygon)
            out.push_back({LegendRow::Area, "village", "村庄 Village", packRgba(style::kVillageFill),
                           packRgba(style::kVillageOutline.fill), 0, style::kVillageOutline.widthPx * scale});
        else
            out.push_back({LegendRow::Dot, "village", "村庄 Village", packRgba(style::kVillageDot.fill),
                           packRgba(style::kVillageDot.casing), style::kVillageDot.widthPx * scale / 2,
                           style::kVillageDot.casingPx * scale});
    }
    std::array<bool, geo::kCheckpointKindCount> kinds{};
    for (const auto& c : d.checkpoints) kinds[static_cast<size_t>(c.kind)] = true;
    for (size_t k = 0; k < kinds.size(); ++k)
        if (kinds[k]) {
            LegendRow row{LegendRow::Checkpoint, checkpointSymbolKey(static_cast<geo::CheckpointKind>(k)), kKindLabels[k]};
            row.checkpointKind = static_cast<geo::CheckpointKind>(k);
            out.push_back(row);
        }
    if (!d.openEntries.empty())
        out.push_back({LegendRow::OpenEntry, kOpenEntryKey,
                       "未守入口 Open entries (" + std::to_string(d.openEntries.size()) + ")"});
    if (!d.nearEntries.empty())
        out.push_back({LegendRow::NearEntry, kNearEntryKey,
                       "待核入口 Near entries (" + std::to_string(d.nearEntries.size()) + ")"});
    if (d.isReturneeLayerShown()) {
        const ReturneeLayer& r = d.returneeLayer;
        std::vector<int> cells(r.breaks.size(), 0);
        for (int c : r.classOfCell)
            if (c >= 0 && static_cast<size_t>(c) < cells.size()) ++cells[static_cast<size_t>(c)];
        out.push_back({LegendRow::Heading, "", "返乡人员 Returnees / 500 m"});
        // Largest counts first, as the eye reads the darkest colour as "most".
        for (size_t c = r.breaks.size(); c-- > 0;)
            if (cells[c] > 0)
                out.push_back({LegendRow::Swatch, returneeClassKey(static_cast<int>(c)),
                               returneeClassLabel(r, static_cast<int>(c), d.smallCountThreshold) + " 人 people",
                               geo::rampColor(static_cast<int>(c), static_cast<int>(r.breaks.size())), IM_COL32(90, 90, 90, 255)});
    }
    return out;
}

void drawSymbol(PageCanvas& c, const LegendRow& e, double x0, double x1, double cy, double k) {
    const geo::PageLayout& l = c.layout;
    const double swH = l.bodyPx * 0.9 * k;
    const auto cx = static_cast<float>((x0 + x1) / 2), fy = static_cast<float>(cy);
    const auto markR = static_cast<float>(std::min(4.2 * l.pixelsPerPoint, l.bodyPx * 0.55 * k));
    const auto outline = static_cast<float>(std::max(1.0, 1.2 * l.pixelsPerPoint * k));
    switch (e.kind) {
    case LegendRow::Heading: break;
    case LegendRow::Line:
        if (e.edge) c.dl.AddLine(v(x0, cy), v(x1, cy), e.edge, static_cast<float>(e.edgePx));
        c.dl.AddLine(v(x0, cy), v(x1, cy), e.fill, static_cast<float>(e.widthPx));
        break;
    case LegendRow::Area:
    case LegendRow::Swatch: {
        // A class swatch is outlined in the page's muted text colour: the darkest class stays
        // distinct from the briefing's dark panel.
        const ImU32 edge = e.kind == LegendRow::Swatch ? c.palette.muted : e.edge;
        c.dl.AddRectFilled(v(x0, cy - swH / 2), v(x1, cy + swH / 2), e.fill);
        c.dl.AddRect(v(x0, cy - swH / 2), v(x1, cy + swH / 2), edge, 0, 0, static_cast<float>(std::max(1.0, e.edgePx)));
        break;
    }
    case LegendRow::Dot:
        c.dl.AddCircleFilled(ImVec2(cx, fy), static_cast<float>(e.widthPx + e.edgePx), e.edge, 24);
        c.dl.AddCircleFilled(ImVec2(cx, fy), static_cast<float>(e.widthPx), e.fill, 24);
        break;
    case LegendRow::Checkpoint:
        drawCheckpointSymbol(c.dl, cx, fy, e.checkpointKind, packRgba(style::kCheckpoint), markR, outline);
        break;
    case LegendRow::OpenEntry: drawOpenEntryMarker(c.dl, cx, fy, markR * 1.33f, outline); break;
    case LegendRow::NearEntry: drawNearEntryMarker(c.dl, cx, fy, markR * 1.33f, outline); break;
    }
}

}  // namespace

std::string legendText(const SnapshotData& d) {
    std::string all = "图例 Legend镇界 Township boundary片区 District村庄 Village未守入口 Open entries待核入口 Near entries"
                      "返乡人员 Returnees / 500 m 人 people≤<–()";
    for (const char* s : kKindLabels) all += s;
    for (size_t rc = 0; rc < geo::kRoadClassCount; ++rc) all += geo::roadClassNameZh(static_cast<geo::RoadClass>(rc));
    (void)d;
    return all;
}

void drawPageLegend(PageCanvas& c, const SnapshotData& d, double metresPerPixel) {
    const geo::PageLayout& l = c.layout;
    const double pad = l.paddingPx;
    const auto rows = legendRows(d, l, metresPerPixel);
    const double headH = l.headingPx * 1.6, row = l.bodyPx * 1.55;
    const double swW = l.bodyPx * 2.6;
    double labelW = 1;
    for (const auto& e : rows) labelW = std::max(labelW, static_cast<double>(c.measure(c.fonts.body, l.bodyPx, e.label).x));
    const geo::Rect& box = l.legendBox;
    const double availH = box.h - 2 * pad - headH;
    // One column or two, whichever lets the type stay larger; never larger than the body size.
    size_t columns = 1;
    double k = 0;
    for (size_t cols : {size_t(1), size_t(2)}) {
        const double perColumn = std::ceil(static_cast<double>(rows.size()) / static_cast<double>(cols));
        const double colW = (box.w - pad * static_cast<double>(cols + 1)) / static_cast<double>(cols);
        const double fit = std::min({1.0, availH / std::max(1.0, perColumn * row), colW / (swW + pad + labelW)});
        if (fit > k + 1e-9) k = fit, columns = cols;
    }
    k = std::max(k, 0.0);
    const size_t perColumn = (rows.size() + columns - 1) / std::max<size_t>(columns, 1);
    geo::Rect b = box;  // shrunk to its rows
    b.h = std::min(box.h, 2 * pad + headH + row * k * static_cast<double>(std::max<size_t>(perColumn, 1)));
    c.dl.AddRectFilled(v(b.x, b.y), v(b.right(), b.bottom()), c.palette.boxFill);
    c.dl.AddRect(v(b.x, b.y), v(b.right(), b.bottom()), c.palette.boxEdge, 0, 0, static_cast<float>(l.frameLinePx));
    c.text(c.fonts.heading, l.headingPx, b.x + pad, b.y + pad, c.palette.text, "图例 Legend", box);
    const double colW = (b.w - pad * static_cast<double>(columns + 1)) / static_cast<double>(columns);
    const double size = l.bodyPx * k;
    for (size_t i = 0; i < rows.size(); ++i) {
        const LegendRow& e = rows[i];
        const double x0 = b.x + pad + static_cast<double>(i / perColumn) * (colW + pad);
        const double y = b.y + pad + headH + row * k * static_cast<double>(i % perColumn);
        const double cy = y + row * k / 2;
        if (e.kind == LegendRow::Heading) {
            c.text(c.fonts.body, size, x0, cy - size * 0.55, c.palette.muted, e.label, box);
            continue;
        }
        drawSymbol(c, e, x0, x0 + swW * k, cy, k);
        c.text(c.fonts.body, size, x0 + (swW + pad) * k, cy - size * 0.55, c.palette.text, e.label, box);
        c.report.legendRows.push_back(e.key);
    }
}

}  // namespace app
