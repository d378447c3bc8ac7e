// The legend: symbols drawn with the map's own colours and widths, only for what the map holds.
#include <imgui.h>

#include "app/i18n.hpp"
#include "app/map_style.hpp"
#include "app/windows.hpp"

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

}  // namespace

void drawLegendWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    const float s = ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x - 12 * s, 40 * s), ImGuiCond_FirstUseEver, ImVec2(1, 0));
    if (!ImGui::Begin(tr(Text::Legend), &ui.showLegend, ImGuiWindowFlags_AlwaysAutoResize)) {
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
        ImGui::TextUnformatted(tr(Text::Boundary));
    }
    if (gui.model.hasLayer(MapLayer::Districts)) {
        ImVec2 p = row(w, h);
        float cw = (w - 4) / 4;
        for (int i = 0; i < 4; ++i)
            dl->AddRectFilled(ImVec2(p.x + 2 + cw * static_cast<float>(i), p.y + 3), ImVec2(p.x + 2 + cw * static_cast<float>(i + 1), p.y + h - 3),
                              col(style::kDistrictFills[static_cast<size_t>(i)]));
        dl->AddRect(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + w - 2, p.y + h - 3), col(style::kDistrictOutline.fill), 0, 0, s);
        ImGui::TextUnformatted(tr(Text::Districts));
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
        ImGui::TextUnformatted(tr(Text::Villages));
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
    ImGui::End();
}

}  // namespace app
