// The map window's world coordinates and ImGui's logical pixels (the framebuffer may be scaled).
#pragma once
#include <imgui.h>

#include "app/ui_state.hpp"

namespace app {

inline float framebufferScale() {
    const float s = ImGui::GetIO().DisplayFramebufferScale.x;
    return s > 0 ? s : 1.0f;
}

inline ImVec2 toScreen(const UiState& ui, double x, double y) {
    const ScreenPoint p = ui.camera.worldToScreen(x, y);
    return ImVec2(static_cast<float>(p.x) / framebufferScale(), static_cast<float>(p.y) / framebufferScale());
}

inline void toWorld(const UiState& ui, ImVec2 p, double& x, double& y) {
    ui.camera.screenToWorld(static_cast<double>(p.x * framebufferScale()), static_cast<double>(p.y * framebufferScale()), x, y);
}

}  // namespace app
