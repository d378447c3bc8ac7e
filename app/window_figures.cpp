// The Figures window (live figures, unguarded entries by class, comparison with another
// scenario) and the entries drawn on the map, unguarded ones in a warning colour; on request the
// district-boundary entries, and the checkpoints added and removed against the compared scenario.
#include <algorithm>
#include <cstdio>
#include <imgui.h>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/snapshot_overlay.hpp"
#include "app/windows.hpp"
#include "geo/plan/plan_compare.hpp"

namespace app {
namespace {

constexpr double kCompareToleranceM = 5;  // checkpoints of two scenarios this close, of one kind, are the same

ImVec2 onScreen(const UiState& ui, double x, double y) {
    ScreenPoint p = ui.camera.worldToScreen(x, y);
    float s = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
    return ImVec2(static_cast<float>(p.x) / s, static_cast<float>(p.y) / s);
}

void centreOn(UiState& ui, double x, double y) {
    ui.camera.centerX = x;
    ui.camera.centerY = y;
    ui.camera.unitsPerPixel = std::min(ui.camera.unitsPerPixel, 4.0);
}

void compareRow(const char* label, long long a, const long long* b) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    ImGui::TableNextColumn();
    ImGui::Text("%lld", a);
    ImGui::TableNextColumn();
    if (b) ImGui::Text("%lld", *b);
    ImGui::TableNextColumn();
    if (b && *b != a) ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.1f, 1), "%+lld", *b - a);
}

void drawComparison(GuiContext& gui) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    AnalysisState& an = ui.analysis;
    if (!plan.isOpen() || plan.scenarios().size() < 2) return;
    const char* current = tr("无", "none");
    for (const auto& s : plan.scenarios())
        if (s.id == an.compareWith) current = s.name.c_str();
    if (ImGui::BeginCombo(tr("对比方案", "Compare with"), current)) {
        if (ImGui::Selectable(tr("无", "none"), an.compareWith == 0)) an.compareWith = 0;
        for (const auto& s : plan.scenarios())
            if (s.id != plan.scenarioId() && ImGui::Selectable(s.name.c_str(), s.id == an.compareWith)) an.compareWith = s.id;
        ImGui::EndCombo();
    }
    const geo::Figures* other = an.compareWith == plan.scenarioId() ? nullptr : an.compareFigures(plan, an.compareWith);
    if (!other) return;
    const geo::Figures& f = an.figures();
    if (ImGui::BeginTable("##compare", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn(tr("指标", "Figure"));
        ImGui::TableSetupColumn(plan.scenario().name.c_str());
        ImGui::TableSetupColumn(current);
        ImGui::TableSetupColumn(tr("差", "Diff"));
        ImGui::TableHeadersRow();
        long long v;
        v = other->checkpoints; compareRow(tr("卡口", "Checkpoints"), f.checkpoints, &v);
        v = other->closures; compareRow(tr("封路", "Closures"), f.closures, &v);
        v = other->staffRequired; compareRow(tr("人员需要", "Staff required"), f.staffRequired, &v);
        v = other->entriesGuarded; compareRow(tr("入口已守", "Entries guarded"), f.entriesGuarded, &v);
        v = other->returneesUnassigned; compareRow(tr("未分配", "Returnees unassigned"), f.returneesUnassigned, &v);
        ImGui::EndTable();
    }
    geo::PlanDifference diff = geo::compareScenarios(plan.scenario(), an.compareScenario(), kCompareToleranceM);
    ImGui::TextColored(ImVec4(0.1f, 0.55f, 0.2f, 1), "+ %s %zu", tr("新增卡口", "added"), diff.added.size());
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.8f, 0.15f, 0.1f, 1), "x %s %zu", tr("撤除卡口", "removed"), diff.removed.size());
}

}  // namespace

void collectAnalysisTexts(const UiState& ui, std::vector<std::string_view>& out) {
    out.push_back(ui.analysis.error());
    if (!ui.analysis.isReady()) return;
    for (const auto& e : ui.analysis.network().entries()) out.push_back(e.road);
    for (const auto& d : ui.analysis.network().districtNames()) out.push_back(d);
    for (const auto& [origin, n] : ui.analysis.figures().returneesByOrigin) out.push_back(origin);
    out.push_back(ui.suggest.result);
}

namespace {

// Entries where roads pass between districts: diamonds, hollow when guarded.
void drawDistrictEntries(GuiContext& gui, ImDrawList* dl, ImVec2 display) {
    UiState& ui = gui.ui;
    const float s = ui.contentScale;
    const auto& entries = ui.analysis.districtEntries(ui.plan);
    const auto& guarded = ui.analysis.districtGuarded();
    for (size_t i = 0; i < entries.size(); ++i) {
        ImVec2 p = onScreen(ui, entries[i].x, entries[i].y);
        if (p.x < -20 || p.y < -20 || p.x > display.x + 20 || p.y > display.y + 20) continue;
        float r = 7 * s;
        ImVec2 a(p.x, p.y - r), b(p.x + r, p.y), c(p.x, p.y + r), d(p.x - r, p.y);
        if (i < guarded.size() && guarded[i]) {
            dl->AddQuad(a, b, c, d, IM_COL32(30, 90, 170, 240), 2.5f * s);
        } else {
            dl->AddQuadFilled(a, b, c, d, IM_COL32(150, 40, 170, 240));
            dl->AddQuad(a, b, c, d, IM_COL32(255, 255, 255, 255), 1.5f * s);
        }
    }
}

// Against the compared scenario: a green ring with a plus on checkpoints added in the current
// one, a red cross where the other has a checkpoint the current one lacks.
void drawPlanDifference(GuiContext& gui, ImDrawList* dl) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    AnalysisState& an = ui.analysis;
    if (!an.compareName.empty() && plan.isOpen()) {
        for (const auto& sc : plan.scenarios())
            if (sc.name == an.compareName) an.compareWith = sc.id;
        an.compareName.clear();
    }
    if (!ui.showFigures || an.compareWith == 0 || an.compareWith == plan.scenarioId()) return;
    if (!an.compareFigures(plan, an.compareWith)) return;
    const float s = ui.contentScale;
    geo::PlanDifference diff = geo::compareScenarios(plan.scenario(), an.compareScenario(), kCompareToleranceM);
    const ImU32 white = IM_COL32(255, 255, 255, 255);
    for (size_t i : diff.added) {
        const auto& c = plan.scenario().checkpoints[i];
        ImVec2 p = onScreen(ui, c.x, c.y);
        const ImU32 green = IM_COL32(20, 170, 60, 255);
        dl->AddCircle(p, 15 * s, white, 0, 5.5f * s);
        dl->AddCircle(p, 15 * s, green, 0, 3 * s);
        ImVec2 q(p.x + 15 * s, p.y - 15 * s);
        dl->AddCircleFilled(q, 7 * s, green);
        dl->AddLine(ImVec2(q.x - 4 * s, q.y), ImVec2(q.x + 4 * s, q.y), white, 2 * s);
        dl->AddLine(ImVec2(q.x, q.y - 4 * s), ImVec2(q.x, q.y + 4 * s), white, 2 * s);
    }
    for (size_t j : diff.removed) {
        const auto& c = an.compareScenario().checkpoints[j];
        ImVec2 p = onScreen(ui, c.x, c.y);
        const float r = 9 * s;
        for (auto [w, col] : {std::pair{7.5f, white}, std::pair{4.5f, IM_COL32(215, 30, 30, 255)}}) {
            dl->AddLine(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), col, w * s);
            dl->AddLine(ImVec2(p.x - r, p.y + r), ImVec2(p.x + r, p.y - r), col, w * s);
        }
    }
}

}  // namespace

void drawEntryMark(ImDrawList& dl, ImVec2 p, bool isGuarded, float s) {
    if (isGuarded) {
        dl.AddCircle(p, 7 * s, IM_COL32(30, 140, 60, 230), 0, 2.5f * s);
    } else {
        // Unguarded: the open-entry marker of every map, white-edged so it reads on any background.
        drawOpenEntryMarker(dl, p.x, p.y, 8 * s, 1.5f * s);
    }
}

void drawEntriesOverlay(GuiContext& gui) {
    UiState& ui = gui.ui;
    ui.analysis.update(gui.model, ui.plan);
    if (!ui.analysis.isReady()) return;
    const auto& entries = ui.analysis.network().entries();
    const auto& guarded = ui.analysis.figures().entryGuarded;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = ui.contentScale;
    ImVec2 display = ImGui::GetIO().DisplaySize;
    for (size_t i = 0; i < entries.size(); ++i) {
        ImVec2 p = onScreen(ui, entries[i].x, entries[i].y);
        if (p.x < -20 || p.y < -20 || p.x > display.x + 20 || p.y > display.y + 20) continue;
        drawEntryMark(*dl, p, i < guarded.size() && guarded[i], s);
    }
    if (ui.analysis.showDistrictEntries) drawDistrictEntries(gui, dl, display);
    drawPlanDifference(gui, dl);
}

void drawFiguresWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    AnalysisState& an = ui.analysis;
    an.update(gui.model, ui.plan);
    if (!an.isReady() && !an.isBuilding() && an.error().empty()) return;
    const float s = ui.contentScale;
    placeNextWindow(Panel::Figures, s);
    char title[64];
    std::snprintf(title, sizeof title, "%s###figures", tr("形势", "Figures"));
    if (!ImGui::Begin(title, &ui.showFigures)) {
        ImGui::End();
        return;
    }
    if (!an.isReady()) {
        // The map stays usable while the network is built on a worker thread.
        if (an.isBuilding()) ImGui::TextUnformatted(tr("正在分析路网…", "Analysing the road network…"));
        else ImGui::TextWrapped("%s", an.error().c_str());
        ImGui::End();
        return;
    }
    drawAsOfFigures(gui);  // while a date is chosen on the date bar: the day's figures and charts
    const geo::Figures& f = an.figures();
    const auto& entries = an.network().entries();
    ImGui::Text("%s %d  (+%s %d)", tr("卡口", "Checkpoints"), f.checkpoints, tr("封路", "closures"), f.closures);
    bool isShort = f.staffRequired > f.staffAvailable;
    ImGui::TextColored(isShort ? ImVec4(0.85f, 0.2f, 0.1f, 1) : ImVec4(0.1f, 0.45f, 0.2f, 1), "%s %d / %d%s",
                       tr("值班人员", "Staff"), f.staffRequired, f.staffAvailable,
                       isShort ? tr("  人员不足", "  short") : "");
    ImGui::Text("%s %s %d / %d", tr("入口", "Entries"), tr("已守", "guarded"), f.entriesGuarded, f.entriesTotal);
    ImGui::Text("%s %lld", tr("返乡人员", "Returnees"), static_cast<long long>(f.returneesTotal));
    for (const auto& [origin, n] : f.returneesByOrigin) {
        ImGui::SameLine();
        ImGui::Text("%s %lld", origin.c_str(), static_cast<long long>(n));
    }
    // The comparison right under the headline figures, so it shows without scrolling.
    ImGui::Separator();
    drawComparison(gui);
    if (!f.districts.empty() && ImGui::BeginTable("##districts", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn(tr("片区", "District"));
        ImGui::TableSetupColumn(tr("值班人员", "Staff"));
        ImGui::TableSetupColumn(tr("入口", "Entries"));
        ImGui::TableSetupColumn(tr("返乡人员", "Returnees"));
        ImGui::TableHeadersRow();
        for (const auto& d : f.districts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(d.name.c_str());
            ImGui::TableNextColumn();
            if (d.staffAvailable >= 0) ImGui::Text("%d / %d", d.staffRequired, d.staffAvailable);
            else ImGui::Text("%d", d.staffRequired);
            ImGui::TableNextColumn();
            ImGui::Text("%d / %d", d.entriesGuarded, d.entriesTotal);
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(d.returnees));
        }
        ImGui::EndTable();
    }
    if (!f.districts.empty()) {
        ImGui::Checkbox(tr("片区间入口", "District-boundary entries"), &an.showDistrictEntries);
        if (an.showDistrictEntries) {
            const auto& de = an.districtEntries(ui.plan);
            const auto& dg = an.districtGuarded();
            ImGui::SameLine();
            ImGui::Text("%s %d / %zu", tr("已守", "guarded"),
                        static_cast<int>(std::count(dg.begin(), dg.end(), uint8_t{1})), de.size());
        }
    }
    ImGui::Separator();
    ImGui::Text("%s (%zu)  %s", tr("未守入口", "Unguarded entries"), f.unguarded.size(),
                tr("点击定位", "click to centre"));
    size_t lastClass = SIZE_MAX;
    for (size_t k = 0; k < f.unguarded.size(); ++k) {
        const geo::Entry& e = entries[f.unguarded[k]];
        size_t cls = static_cast<size_t>(e.roadClass);
        if (cls != lastClass) {
            ImGui::TextColored(ImVec4(0.8f, 0.35f, 0.05f, 1), "%s", roadClassLabel(cls));
            lastClass = cls;
        }
        char label[256];
        std::snprintf(label, sizeof label, "   %s##entry%zu", e.road.empty() ? "-" : e.road.c_str(), k);
        if (ImGui::Selectable(label)) centreOn(ui, e.x, e.y);
    }
    if (!f.checkpointLoad.empty()) {
        ImGui::Separator();
        ImGui::Text("%s", tr("卡口负荷", "Checkpoint load"));
        if (ImGui::BeginTable("##load", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn(tr("卡口", "Checkpoint"));
            ImGui::TableSetupColumn(tr("返乡人员", "Returnees"));
            ImGui::TableSetupColumn(tr("每人", "Per staff"));
            ImGui::TableHeadersRow();
            for (const auto& l : f.checkpointLoad) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(l.name.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(l.returnees));
                ImGui::TableNextColumn();
                if (l.isMostLoaded)
                    ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.1f, 1), "%.1f  %s", l.loadPerStaff, tr("最忙", "busiest"));
                else ImGui::Text("%.1f", l.loadPerStaff);
            }
            ImGui::EndTable();
        }
        if (f.returneesUnassigned > 0)
            ImGui::Text("%s %lld", tr("未分配", "Unassigned"), static_cast<long long>(f.returneesUnassigned));
    }
    ImGui::End();
}

}  // namespace app
