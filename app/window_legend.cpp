// The legend: symbols drawn with the map's own colours and widths, only for what the map holds.
#include <imgui.h>

#include <array>
#include <string>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/map_style.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_overlay.hpp"
#include "app/windows.hpp"
#include "geo/returnees/classify.hpp"
#include "geo/analysis/figures.hpp"

namespace app {
namespace {

ImU32 col(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// One legend row: a symbol box then the label.
ImVec2 row(float symbolWidth, float height) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(symbolWidth, height));
    ImGui::SameLine();
    return p;
}

void lineSymbol(ImDrawList* dl, ImVec2 p, float w, float h, const LineStyle& st, float scale) {
    float y = p.y + h / 2;
    if (st.casingPx > 0)
        dl->AddLine(ImVec2(p.x + 2, y), ImVec2(p.x + w - 2, y), col(st.casing), (st.widthPx + 2 * st.casingPx) * scale);
    dl->AddLine(ImVec2(p.x + 2, y), ImVec2(p.x + w - 2, y), col(st.fill), st.widthPx * scale);
}

const char* kindLegendLabel(geo::CheckpointKind kind) {
    switch (kind) {
    case geo::CheckpointKind::TownshipEntry: return tr("镇入口卡口", "Township entry");
    case geo::CheckpointKind::VillageGate: return tr("村口卡口", "Village gate");
    case geo::CheckpointKind::RoadCheckpoint: return tr("道路卡口", "Road checkpoint");
    case geo::CheckpointKind::HealthStation: return tr("健康检测站", "Health station");
    case geo::CheckpointKind::RoadClosure: break;
    }
    return tr("封路", "Road closure");
}

// The plan's marks: checkpoint kinds present (green when staffed as planned, orange when short,
// red unstaffed, as drawn), guarded and open entries with their counts.
void planRows(GuiContext& gui, ImDrawList* dl, float w, float h, float s) {
    UiState& ui = gui.ui;
    if (ui.plan.isOpen()) {
        std::array<bool, geo::kCheckpointKindCount> kinds{};
        for (const auto& c : ui.plan.scenario().checkpoints) kinds[static_cast<size_t>(c.kind)] = true;
        for (size_t k = 0; k < kinds.size(); ++k) {
            if (!kinds[k]) continue;
            ImVec2 p = row(w, h);
            const auto kind = static_cast<geo::CheckpointKind>(k);
            drawCheckpointSymbol(*dl, p.x + w / 2, p.y + h / 2, kind,
                                 kind == geo::CheckpointKind::RoadClosure ? IM_COL32(70, 70, 70, 255) : IM_COL32(30, 150, 70, 255),
                                 6.5f * s, 1.5f);
            ImGui::TextUnformatted(kindLegendLabel(kind));
        }
    }
    if (!ui.analysis.isReady()) return;
    const geo::Figures& f = ui.analysis.figures();
    if (f.entriesGuarded > 0) {
        ImVec2 p = row(w, h);
        dl->AddCircle(ImVec2(p.x + w / 2, p.y + h / 2), 7 * s, IM_COL32(30, 140, 60, 230), 0, 2.5f * s);
        ImGui::Text("%s (%d)", tr("已守入口", "Guarded entries"), f.entriesGuarded);
    }
    if (!f.unguarded.empty()) {
        ImVec2 p = row(w, h);
        drawOpenEntryMarker(*dl, p.x + w / 2, p.y + h / 2, 8 * s, 1.5f * s);
        ImGui::Text("%s (%zu)", tr("未守入口", "Open entries"), f.unguarded.size());
    }
}

// The returnee classes while the density layer is on the map, largest counts first.
void returneeRows(GuiContext& gui, ImDrawList* dl, float w, float h, float s) {
    const ReturneeView& v = gui.ui.returnees;
    if (!v.showWindow || !v.showOnMap || v.breaks.empty()) return;
    ImGui::TextDisabled("%s", tr("返乡人员（每格）", "Returnees per area"));
    ReturneeLayer layer;
    layer.breaks = v.breaks;
    layer.smallestPositive = v.smallestPositive;
    const int threshold = gui.ui.plan.isOpen() ? gui.ui.plan.scenario().params.smallCountThreshold : 5;
    for (size_t c = v.breaks.size(); c-- > 0;) {
        ImVec2 p = row(w, h);
        dl->AddRectFilled(ImVec2(p.x + 6, p.y + 3), ImVec2(p.x + w - 6, p.y + h - 3),
                          geo::rampColor(static_cast<int>(c), static_cast<int>(v.breaks.size())));
        dl->AddRect(ImVec2(p.x + 6, p.y + 3), ImVec2(p.x + w - 6, p.y + h - 3), IM_COL32(90, 90, 90, 255), 0, 0, s);
        ImGui::Text("%s %s", returneeClassLabel(layer, static_cast<int>(c), threshold).c_str(), tr("人", "people"));
    }
}

}  // namespace

void drawLegendWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    const float s = ui.contentScale;
    placeNextWindow(Panel::Legend, s);
    if (!ImGui::Begin(tr("图例", "Legend"), &ui.showLegend)) {
        ImGui::End();
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = 44 * s, h = ImGui::GetTextLineHeight() + 4 * s;
    if (ui.overlay.version != gui.model.version()) ui.overlay.rebuild(gui.model);
    if (gui.model.hasLayer(MapLayer::Boundary)) {
        ImVec2 p = row(w, h);
        dl->AddRectFilled(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + w - 2, p.y + h - 3), col(style::kTownshipFill));
        dl->AddRect(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + w - 2, p.y + h - 3), col(style::kBoundary.casing), 0, 0,
                    (style::kBoundary.widthPx + 2 * style::kBoundary.casingPx) * s);
        dl->AddRect(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + w - 2, p.y + h - 3), col(style::kBoundary.fill), 0, 0,
                    style::kBoundary.widthPx * s);
        ImGui::TextUnformatted(tr("镇界", "Township boundary"));
    }
    if (gui.model.hasLayer(MapLayer::Districts)) {
        ImVec2 p = row(w, h);
        float cw = (w - 4) / 4;
        for (int i = 0; i < 4; ++i)
            dl->AddRectFilled(ImVec2(p.x + 2 + cw * static_cast<float>(i), p.y + 3), ImVec2(p.x + 2 + cw * static_cast<float>(i + 1), p.y + h - 3),
                              col(style::kDistrictFills[static_cast<size_t>(i)]));
        dl->AddRect(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + w - 2, p.y + h - 3), col(style::kDistrictOutline.fill), 0, 0, s);
        ImGui::TextUnformatted(tr("片区", "Districts"));
    }
    if (const geo::Layer* v = gui.model.layer(MapLayer::Villages)) {
        ImVec2 p = row(w, h);
        ImVec2 c(p.x + w / 2, p.y + h / 2);
        if (v->kind == geo::GeomKind::Polygon) {
            dl->AddRectFilled(ImVec2(p.x + 8, p.y + 4), ImVec2(p.x + w - 8, p.y + h - 4), col(style::kVillageFill));
            dl->AddRect(ImVec2(p.x + 8, p.y + 4), ImVec2(p.x + w - 8, p.y + h - 4), col(style::kVillageOutline.fill), 0, 0, s);
        } else {
            dl->AddCircleFilled(c, (style::kVillageDot.widthPx / 2 + style::kVillageDot.casingPx) * s, col(style::kVillageDot.casing));
            dl->AddCircleFilled(c, style::kVillageDot.widthPx / 2 * s, col(style::kVillageDot.fill));
        }
        ImGui::TextUnformatted(tr("村庄", "Villages"));
    }
    if (gui.model.hasLayer(MapLayer::Roads)) {
        for (size_t c = 0; c < geo::kRoadClassCount; ++c) {
            if (c >= ui.overlay.roadClassCounts.size() || ui.overlay.roadClassCounts[c] == 0) continue;
            ImVec2 p = row(w, h);
            lineSymbol(dl, p, w, h, style::kRoads[c], s);
            ImGui::TextUnformatted(roadClassLabel(c));
            ImGui::SameLine();
            ImGui::TextDisabled("%lld", static_cast<long long>(ui.overlay.roadClassCounts[c]));
        }
    }
    planRows(gui, dl, w, h, s);
    returneeRows(gui, dl, w, h, s);
    ImGui::End();
}

}  // namespace app
