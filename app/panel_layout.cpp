// The docked first-open layout of the GUI's windows.
#include "app/panel_layout.hpp"

#include <imgui.h>

#include <algorithm>

namespace app {

PanelRect panelRect(Panel panel, float width, float height, float s) {
    const float gap = 8 * s;
    const float toolsY = 30 * s, toolsH = 52 * s;         // the plan tool bar under the menu bar
    const float statusH = 26 * s;                          // ImGui frame height plus padding, generously
    const float top = toolsY + toolsH + gap, bottom = height - statusH - gap;
    const float columnH = std::max(bottom - top, 40 * s);
    const float leftW = std::min(290 * s, width * 0.22f), rightW = std::min(390 * s, width * 0.29f);
    const float middleX = gap + leftW + gap, middleW = std::max(width - leftW - rightW - 4 * gap, 100 * s);
    const float layersH = std::min(312 * s, columnH * 0.48f);  // its five rows and the labels switch, unscrolled
    switch (panel) {
    case Panel::PlanTools: return {width / 2 - 360 * s, toolsY, 720 * s, toolsH};
    case Panel::Layers: return {gap, top, leftW, layersH};
    case Panel::Legend: return {gap, top + layersH + gap, leftW, columnH - layersH - gap};
    case Panel::Figures: return {width - rightW - gap, top, rightW, columnH};
    case Panel::Returnees: return {middleX, top, std::min(420 * s, middleW), std::min(640 * s, columnH)};
    case Panel::Scenarios: {
        const float w = std::min(380 * s, middleW);
        return {width - rightW - 2 * gap - w, top, w, std::min(460 * s, columnH)};
    }
    case Panel::Checkpoints: {
        const float h = std::min(440 * s, columnH * 0.45f);
        return {middleX, bottom - h, middleW, h};
    }
    case Panel::Suggest: {
        const float w = std::min(360 * s, middleW);
        return {width - rightW - 2 * gap - w, top + std::min(460 * s, columnH) + gap, w, std::min(300 * s, columnH * 0.4f)};
    }
    case Panel::StatusBar: return {0, height - statusH, width, statusH};
    case Panel::DateBar: {  // on the tool bar's row, over the figures column: the map stays clear
        const float x = width / 2 + 360 * s + gap;
        return {x, toolsY, std::max(width - x - gap, 100 * s), toolsH};
    }
    }
    return {};
}

void placeNextWindow(Panel panel, float scale) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const PanelRect r = panelRect(panel, display.x, display.y, scale);
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_FirstUseEver);
}

}  // namespace app
