// What a page draws over the map: entry markers, numbered checkpoints with names where room
// allows (greedy boxes, numbers first), district and village names.
#include <algorithm>
#include <array>
#include <cmath>

#include "app/labels.hpp"
#include "app/map_style.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_draw.hpp"

namespace app {

void drawCheckpointSymbol(ImDrawList& dl, float x, float y, geo::CheckpointKind kind, unsigned fill, float r,
                          float outlineWidth) {
    const ImU32 outline = IM_COL32(255, 255, 255, 255);
    const ImVec2 p(x, y);
    const float bar = outlineWidth * 4 / 3;
    switch (kind) {
    case geo::CheckpointKind::TownshipEntry:
        dl.AddRectFilled(ImVec2(x - r, y - r), ImVec2(x + r, y + r), fill);
        dl.AddRect(ImVec2(x - r, y - r), ImVec2(x + r, y + r), outline, 0, 0, outlineWidth);
        break;
    case geo::CheckpointKind::VillageGate:
        dl.AddTriangleFilled(ImVec2(x, y - r * 1.2f), ImVec2(x - r * 1.1f, y + r * 0.8f), ImVec2(x + r * 1.1f, y + r * 0.8f), fill);
        dl.AddTriangle(ImVec2(x, y - r * 1.2f), ImVec2(x - r * 1.1f, y + r * 0.8f), ImVec2(x + r * 1.1f, y + r * 0.8f), outline,
                       outlineWidth);
        break;
    case geo::CheckpointKind::HealthStation:
        dl.AddCircleFilled(p, r, fill);
        dl.AddLine(ImVec2(x - r * 0.6f, y), ImVec2(x + r * 0.6f, y), outline, bar);
        dl.AddLine(ImVec2(x, y - r * 0.6f), ImVec2(x, y + r * 0.6f), outline, bar);
        break;
    case geo::CheckpointKind::RoadClosure:
        dl.AddRectFilled(ImVec2(x - r * 1.3f, y - r * 0.5f), ImVec2(x + r * 1.3f, y + r * 0.5f), packRgba(style::kClosure));
        dl.AddLine(ImVec2(x - r * 0.4f, y - r * 0.5f), ImVec2(x + r * 0.2f, y + r * 0.5f), outline, bar);
        dl.AddLine(ImVec2(x + r * 0.6f, y - r * 0.5f), ImVec2(x + r * 1.2f, y + r * 0.5f), outline, bar);
        break;
    case geo::CheckpointKind::RoadCheckpoint:
        dl.AddCircleFilled(p, r, fill);
        dl.AddCircle(p, r, outline, 0, outlineWidth);
        break;
    }
}

namespace {

std::array<ImVec2, 3> triangle(float x, float y, float r) {
    return {ImVec2(x, y - r * 1.15f), ImVec2(x - r, y + r * 0.75f), ImVec2(x + r, y + r * 0.75f)};
}

}  // namespace

void drawOpenEntryMarker(ImDrawList& dl, float x, float y, float r, float outlineWidth) {
    const auto t = triangle(x, y, r);
    dl.AddTriangleFilled(t[0], t[1], t[2], packRgba(style::kOpenEntry));
    dl.AddTriangle(t[0], t[1], t[2], IM_COL32(255, 255, 255, 255), outlineWidth);
    // The exclamation mark, white.
    dl.AddLine(ImVec2(x, y - r * 0.55f), ImVec2(x, y + r * 0.1f), IM_COL32(255, 255, 255, 255), outlineWidth * 1.1f);
    dl.AddCircleFilled(ImVec2(x, y + r * 0.42f), outlineWidth * 0.65f, IM_COL32(255, 255, 255, 255), 8);
}

void drawNearEntryMarker(ImDrawList& dl, float x, float y, float r, float outlineWidth) {
    const auto t = triangle(x, y, r);
    dl.AddTriangle(t[0], t[1], t[2], IM_COL32(255, 255, 255, 255), outlineWidth * 2.6f);
    dl.AddTriangle(t[0], t[1], t[2], packRgba(style::kOpenEntry), outlineWidth * 1.3f);
}

namespace {

LabelBox boxOf(double x, double y, ImVec2 size) {
    return {static_cast<float>(x), static_cast<float>(y), static_cast<float>(x + size.x), static_cast<float>(y + size.y)};
}

bool inside(const LabelBox& b, const geo::Rect& r) {
    return b.x0 >= r.x && b.y0 >= r.y && b.x1 <= r.right() && b.y1 <= r.bottom();
}

struct MarkSizes {
    float checkpointR, entryR, outline;
    ImFont* labelFont;
    double labelPx;
};

MarkSizes markSizes(const PageCanvas& c) {
    const geo::PageLayout& l = c.layout;
    const bool isBig = l.style == geo::LayoutStyle::Briefing;
    return {static_cast<float>(4.2 * l.pixelsPerPoint), static_cast<float>(5.6 * l.pixelsPerPoint),
            static_cast<float>(1.2 * l.pixelsPerPoint), isBig ? c.fonts.body : c.fonts.small,
            isBig ? l.bodyPx * 0.8 : l.smallPx * 1.1};
}

// Numbers first, each at the first free place around its symbol (or the first place when all
// are taken: a number is never dropped); then each name beside its number where it fits.
void drawCheckpointLabels(PageCanvas& c, const SnapshotData& d, const geo::MapTransform& t, LabelPlacer& placer,
                          const MarkSizes& m) {
    const geo::Rect& frame = c.layout.mapFrame;
    const ImU32 ink = packRgba(style::kLabelText), halo = IM_COL32(255, 255, 255, 235);
    struct Placed { LabelBox box; bool isLeft; };
    std::vector<Placed> numbers(d.checkpoints.size());
    for (size_t i = 0; i < d.checkpoints.size(); ++i) {
        const auto& cp = d.checkpoints[i];
        const double x = t.toPixelX(cp.x), y = t.toPixelY(cp.y);
        const std::string number = std::to_string(checkpointNumber(d.checkpoints, i));
        const ImVec2 s = c.measure(m.labelFont, m.labelPx, number);
        // Around the symbol first, then farther out on a leader line when the symbols crowd.
        numbers[i] = {boxOf(x + m.checkpointR * 1.35, y - s.y / 2, s), false};
        bool isPlaced = false;
        for (double ring : {1.35, 3.0, 5.0, 7.5, 10.5}) {
            const double gap = m.checkpointR * ring;
            const std::array<std::pair<double, double>, 8> spots{{{x + gap, y - s.y / 2},
                                                                  {x - gap - s.x, y - s.y / 2},
                                                                  {x - s.x / 2, y - gap - s.y},
                                                                  {x - s.x / 2, y + gap},
                                                                  {x + gap * 0.75, y - gap * 0.75 - s.y},
                                                                  {x - gap * 0.75 - s.x, y + gap * 0.75},
                                                                  {x + gap * 0.75, y + gap * 0.75},
                                                                  {x - gap * 0.75 - s.x, y - gap * 0.75 - s.y}}};
            for (size_t k = 0; k < spots.size() && !isPlaced; ++k) {
                const LabelBox b = boxOf(spots[k].first, spots[k].second, s);
                if (!inside(b, frame) || !placer.tryPlace(b)) continue;
                numbers[i] = {b, k == 1 || k == 5 || k == 7};
                isPlaced = true;
                if (ring > 1.35) {  // a leader from the symbol's edge to the label's nearest corner
                    const double lx = std::clamp(x, static_cast<double>(b.x0), static_cast<double>(b.x1));
                    const double ly = std::clamp(y, static_cast<double>(b.y0), static_cast<double>(b.y1));
                    c.dl.AddLine(v(x, y), v(lx, ly), IM_COL32(20, 20, 60, 200), std::max(1.0f, m.outline * 0.6f));
                }
            }
            if (isPlaced) break;
        }
        if (!isPlaced) placer.block(numbers[i].box);  // never dropped, even with nowhere free
        c.haloText(m.labelFont, m.labelPx, numbers[i].box.x0, numbers[i].box.y0, ink, halo, number, frame);
    }
    for (size_t i = 0; i < d.checkpoints.size(); ++i) {
        const std::string& name = d.checkpoints[i].name;
        if (name.empty()) continue;
        const ImVec2 s = c.measure(m.labelFont, m.labelPx, name);
        const Placed& n = numbers[i];
        const double space = m.labelPx * 0.3;
        const double x = n.isLeft ? n.box.x0 - space - s.x : n.box.x1 + space;
        const LabelBox b = boxOf(x, n.box.y0, s);
        if (inside(b, frame) && placer.tryPlace(b)) c.haloText(m.labelFont, m.labelPx, x, n.box.y0, ink, halo, name, frame);
    }
}

}  // namespace

void drawMapMarks(PageCanvas& c, const SnapshotData& d, const geo::MapTransform& t) {
    const geo::PageLayout& l = c.layout;
    const geo::Rect& frame = l.mapFrame;
    const ImU32 halo = IM_COL32(255, 255, 255, 210);
    c.dl.PushClipRect(v(frame.x, frame.y), v(frame.right(), frame.bottom()), true);
    for (size_t i = 0; i < d.districts.featureCount() && d.nameFieldDistricts >= 0; ++i) {
        const std::string name(d.districts.attr(i, d.nameFieldDistricts));
        const geo::Bbox bb = d.districts.featureBbox(i);
        const ImVec2 s = c.measure(c.fonts.heading, l.headingPx, name);
        const LabelBox b = boxOf(t.toPixelX((bb.minX + bb.maxX) / 2) - s.x / 2, t.toPixelY((bb.minY + bb.maxY) / 2) - s.y / 2, s);
        if (inside(b, frame))
            c.haloText(c.fonts.heading, l.headingPx, b.x0, b.y0, IM_COL32(70, 80, 110, 230), halo, name, frame);
    }
    const MarkSizes m = markSizes(c);
    LabelPlacer placer;
    // Symbols first, so no label covers one.
    auto blockSymbol = [&](double x, double y, float r) {
        placer.block({static_cast<float>(x) - r * 1.3f, static_cast<float>(y) - r * 1.3f, static_cast<float>(x) + r * 1.3f,
                      static_cast<float>(y) + r * 1.3f});
    };
    for (const auto& e : d.openEntries) blockSymbol(t.toPixelX(e.x), t.toPixelY(e.y), m.entryR);
    for (const auto& e : d.nearEntries) blockSymbol(t.toPixelX(e.x), t.toPixelY(e.y), m.entryR);
    for (const auto& cp : d.checkpoints) blockSymbol(t.toPixelX(cp.x), t.toPixelY(cp.y), m.checkpointR);
    drawCheckpointLabels(c, d, t, placer, m);
    // Village names where room is left.
    const double r = 2.4 * l.pixelsPerPoint;
    for (size_t i = 0; d.nameFieldVillages >= 0 && i < d.villages.featureCount(); ++i) {
        const geo::Bbox bb = d.villages.featureBbox(i);
        const double x = t.toPixelX((bb.minX + bb.maxX) / 2), y = t.toPixelY((bb.minY + bb.maxY) / 2);
        const std::string name(d.villages.attr(i, d.nameFieldVillages));
        const ImVec2 s = c.measure(m.labelFont, m.labelPx * 0.92, name);
        const LabelBox b = boxOf(x + r * 1.6, y - s.y * 0.55, s);
        if (inside(b, frame) && placer.tryPlace(b))
            c.haloText(m.labelFont, m.labelPx * 0.92, b.x0, b.y0, IM_COL32(40, 40, 40, 255), halo, name, frame);
    }
    for (const auto& e : d.nearEntries) {
        drawNearEntryMarker(c.dl, static_cast<float>(t.toPixelX(e.x)), static_cast<float>(t.toPixelY(e.y)), m.entryR, m.outline);
        c.drewSymbol(kNearEntryKey);
    }
    for (const auto& e : d.openEntries) {
        drawOpenEntryMarker(c.dl, static_cast<float>(t.toPixelX(e.x)), static_cast<float>(t.toPixelY(e.y)), m.entryR, m.outline);
        c.drewSymbol(kOpenEntryKey);
    }
    for (const auto& cp : d.checkpoints) {
        drawCheckpointSymbol(c.dl, static_cast<float>(t.toPixelX(cp.x)), static_cast<float>(t.toPixelY(cp.y)), cp.kind,
                             packRgba(style::kCheckpoint), m.checkpointR, m.outline);
        c.drewSymbol(checkpointSymbolKey(cp.kind));
    }
    // Posts the last rota could not staff: a red ring and "缺 N 人" (the most missing on one shift).
    for (size_t i = 0; i < d.checkpoints.size() && !d.rotaShortfall.empty(); ++i) {
        auto it = d.rotaShortfall.find(checkpointNumber(d.checkpoints, i));
        if (it == d.rotaShortfall.end()) continue;
        const double x = t.toPixelX(d.checkpoints[i].x), y = t.toPixelY(d.checkpoints[i].y);
        c.dl.AddCircle(v(x, y), m.checkpointR * 2.6f, c.palette.alert, 32, m.outline * 2);
        const std::string label = "缺 " + std::to_string(it->second) + " 人";
        c.haloText(m.labelFont, m.labelPx, x + m.checkpointR * 2.8, y - m.checkpointR * 2.8 - m.labelPx, c.palette.alert, halo, label, frame);
        c.drewSymbol("rota:short");
    }
    c.dl.PopClipRect();
}

}  // namespace app
