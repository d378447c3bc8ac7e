// Scenarios: switch, create, duplicate, rename, delete (with confirmation), notes and parameters.
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>

#include <imgui.h>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

// The edited parameters, once a field was changed and left.
std::optional<geo::ScenarioParams> drawParams(PlanState& plan) {
    geo::ScenarioParams p = plan.scenario().params;
    bool changed = false;
    auto intField = [&](const char* label, int& v, int lo, int hi) {
        int x = v;
        ImGui::InputInt(label, &x, 1, 10);
        if (ImGui::IsItemDeactivatedAfterEdit() || (ImGui::IsItemEdited() && !ImGui::IsItemActive())) {
            x = x < lo ? lo : x > hi ? hi : x;
            if (x != v) { v = x; changed = true; }
        }
    };
    auto realField = [&](const char* label, double& v) {
        double x = v;
        ImGui::InputDouble(label, &x, 50, 500, "%.0f m");
        if ((ImGui::IsItemDeactivatedAfterEdit() || (ImGui::IsItemEdited() && !ImGui::IsItemActive())) && x > 0 && x != v) {
            v = x;
            changed = true;
        }
    };
    intField(tr("可用人员", "Staff available"), p.staffAvailable, 0, 100000);
    intField(tr("默认班次", "Default shifts"), p.defaultShifts, 1, 24);
    realField(tr("守卫距离", "Guard distance"), p.guardDistanceM);
    realField(tr("网格大小", "Grid size"), p.gridSizeM);
    intField(tr("小数阈值", "Small-count threshold"), p.smallCountThreshold, 0, 1000);
    for (const auto& name : plan.districts().names()) {
        auto it = p.staffByDistrict.find(name);
        int v = it == p.staffByDistrict.end() ? 0 : it->second;
        ImGui::PushID(name.c_str());
        char label[200];
        std::snprintf(label, sizeof label, "%s", name.c_str());
        int before = v;
        intField(label, v, 0, 100000);
        if (v != before) {
            if (v == 0) p.staffByDistrict.erase(name);
            else p.staffByDistrict[name] = v;
        }
        ImGui::PopID();
    }
    if (changed) return p;
    return std::nullopt;
}

}  // namespace

void drawScenariosWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    if (!plan.isOpen()) return;
    const float s = ui.contentScale;
    placeNextWindow(Panel::Scenarios, s);
    if (!ImGui::Begin(tr("方案###scenarios", "Scenarios###scenarios"), &ui.showScenarios)) {
        ImGui::End();
        return;
    }
    ScenarioEditState& st = ui.scenarioEdit;
    // Edits run after the window is closed, so a refused one cannot leave ImGui's stacks unbalanced.
    std::function<void()> action;
    {
        if (plan.isReadOnly())
            ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s",
                               tr("只读：不能编辑", "Read-only: edits are not possible"));
        for (const auto& sc : plan.scenarios()) {
            char label[300];
            std::snprintf(label, sizeof label, "%s  (%lld)", sc.name.c_str(), static_cast<long long>(sc.checkpoints));
            if (ImGui::Selectable(label, sc.id == plan.scenarioId())) action = [&plan, id = sc.id] { plan.switchTo(id); };
        }
        ImGui::Separator();
        ImGui::BeginDisabled(plan.isReadOnly());
        ImGui::SetNextItemWidth(160 * s);
        ImGui::InputTextWithHint("##newname", tr("新名称", "new name"), st.name, sizeof st.name);
        ImGui::SameLine();
        bool hasName = std::strlen(st.name) > 0;
        ImGui::BeginDisabled(!hasName);
        if (ImGui::Button(tr("新建", "New")))
            action = [&plan, &st] {
                plan.createScenario(st.name);
                st.name[0] = 0;
            };
        ImGui::BeginDisabled(!plan.scenarioId());
        ImGui::SameLine();
        if (ImGui::Button(tr("复制为", "Copy as")))
            action = [&plan, &st] {
                plan.copyScenario(st.name);
                st.name[0] = 0;
            };
        ImGui::SameLine();
        if (ImGui::Button(tr("重命名", "Rename")))
            action = [&plan, &st] {
                plan.renameScenario(st.name);
                st.name[0] = 0;
            };
        ImGui::EndDisabled();
        ImGui::EndDisabled();
        ImGui::BeginDisabled(!plan.scenarioId());
        if (ImGui::Button(tr("删除", "Delete"))) ImGui::OpenPopup("##confirm_delete");
        ImGui::EndDisabled();
        if (ImGui::BeginPopupModal("##confirm_delete", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
            ImGui::Text("%s  %s", plan.scenario().name.c_str(),
                        tr("该方案及其所有卡口将被删除。", "This scenario and all its checkpoints will be deleted."));
            if (ImGui::Button(tr("确认删除", "Delete it"))) {
                action = [&plan] { plan.deleteScenario(); };
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (ImGui::Button(tr("取消", "Cancel"))) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        if (plan.scenarioId()) {
            ImGui::Separator();
            ImGui::TextUnformatted(tr("备注", "Notes"));
            if (st.notesFor != plan.scenarioId() || st.notesVersion != plan.version()) {
                std::snprintf(st.notes, sizeof st.notes, "%s", plan.scenario().notes.c_str());
                st.notesFor = plan.scenarioId();
                st.notesVersion = plan.version();
            }
            ImGui::InputTextMultiline("##notes", st.notes, sizeof st.notes, ImVec2(-1, 70 * s));
            if (ImGui::IsItemDeactivatedAfterEdit() && plan.scenario().notes != st.notes)
                action = [&plan, &st] { plan.setNotes(st.notes); };
            ImGui::Separator();
            ImGui::TextUnformatted(tr("参数", "Parameters"));
            ImGui::PushItemWidth(130 * s);
            if (auto params = drawParams(plan))
                action = [&plan, p = *params] { plan.setParams(p); };
            ImGui::PopItemWidth();
        }
        ImGui::EndDisabled();
    }
    ImGui::End();
    if (!action) return;
    try {
        action();
    } catch (const geo::Error& e) {
        ui.notices.push_back({tr("方案", "Scenario"), e.what()});
        plan.reload();
    }
}

}  // namespace app
