// Notices (load failures, import results) as modal dialogs, one at a time until dismissed.
#include <imgui.h>

#include "app/i18n.hpp"
#include "app/windows.hpp"

namespace app {

void drawNotices(GuiContext& gui) {
    UiState& ui = gui.ui;
    if (ui.notices.empty()) return;
    const char* id = "##notice";
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(360 * ui.contentScale, 0), ImVec2(720 * ui.contentScale, display.y));
    if (ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) {
        const Notice& n = ui.notices.front();
        ImGui::PushFont(gui.fonts.heading());
        ImGui::TextUnformatted(n.title.c_str());
        ImGui::PopFont();
        ImGui::Separator();
        ImGui::PushTextWrapPos(700 * ui.contentScale);
        ImGui::TextUnformatted(n.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        if (ImGui::Button(tr("确定", "OK"), ImVec2(120 * ui.contentScale, 0)) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            ui.notices.erase(ui.notices.begin());
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace app
