// The Suggest panel: a seal or budget placement from the current scenario, saved as a new
// scenario (the planner's own scenario is never edited) and switched to.
#include <cstdio>
#include <cstring>
#include <imgui.h>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"
#include "geo/analysis/suggest.hpp"

namespace app {

void drawSuggestWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    AnalysisState& an = ui.analysis;
    SuggestState& st = ui.suggest;
    if (!plan.isOpen() || !an.isReady()) return;
    const float s = ui.contentScale;
    placeNextWindow(Panel::Suggest, s);
    char title[64];
    std::snprintf(title, sizeof title, "%s###suggest", tr("建议方案", "Suggest"));
    if (!ImGui::Begin(title, &ui.showSuggest)) {
        ImGui::End();
        return;
    }
    ImGui::RadioButton(tr("封闭 (最少卡口)", "Seal (fewest checkpoints)"), &st.mode, 0);
    ImGui::RadioButton(tr("按预算", "Budget"), &st.mode, 1);
    if (st.mode == 0) {
        ImGui::Checkbox(tr("按道路等级计人员", "Weigh by road class (staff)"), &st.isWeighted);
    } else {
        ImGui::Checkbox(tr("按人员预算", "Limit by staff"), &st.byStaff);
        if (st.byStaff) ImGui::InputInt(tr("人员", "Staff"), &st.staff);
        else ImGui::InputInt(tr("卡口数", "Checkpoints"), &st.checkpoints);
        st.staff = std::max(st.staff, 1);
        st.checkpoints = std::max(st.checkpoints, 1);
    }
    ImGui::Checkbox(tr("保留现有卡口", "Keep existing checkpoints"), &st.keepExisting);
    if (st.name[0] == 0)
        std::snprintf(st.name, sizeof st.name, "%s-%s", plan.scenario().name.c_str(), tr("建议", "suggested"));
    ImGui::InputText(tr("新方案名称", "New scenario"), st.name, sizeof st.name);
    ImGui::BeginDisabled(plan.isReadOnly());
    if (ImGui::Button(tr("生成新方案", "Create scenario"))) {
        try {
            geo::SuggestOptions o;
            o.isBudget = st.mode == 1;
            o.isWeighted = st.isWeighted;
            o.maxCheckpoints = st.mode == 1 && !st.byStaff ? st.checkpoints : 0;
            o.maxStaff = st.mode == 1 && st.byStaff ? st.staff : 0;
            o.keepExisting = st.keepExisting;
            geo::Suggestion sug = geo::suggestPlan(an.network(), plan.scenario(), o, an.returnees());
            geo::snapSuggested(sug, plan.roads(), plan.districts());
            if (plan.session().findScenario(st.name)) throw geo::Error(std::string("scenario '") + st.name + "' already exists");
            plan.createSuggestedScenario(st.name, std::string(o.isBudget ? "budget" : "seal") + " suggestion from '" + plan.scenario().name + "'",
                                         sug.checkpoints);
            char buf[256];
            std::snprintf(buf, sizeof buf, "%s: %zu %s", st.name, sug.suggested,
                          tr("个建议卡口", "suggested checkpoints"));
            st.result = buf;
            st.name[0] = 0;
        } catch (const geo::Error& e) {
            ui.notices.push_back({tr("无法生成方案", "Could not create the scenario"), e.what()});
        }
    }
    ImGui::EndDisabled();
    if (!st.result.empty()) ImGui::TextWrapped("%s", st.result.c_str());
    ImGui::End();
}

}  // namespace app
