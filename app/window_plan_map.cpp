// Checkpoints on the map: symbols by kind and staffing, labels, tooltip, the add tool with its
// snap tolerance, drag to move, click / shift / box select, Delete, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include <imgui.h>

#include <utility>

#include "app/i18n.hpp"
#include "app/labels.hpp"
#include "app/map_pointer.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_overlay.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/daily.hpp"

namespace app {
// Fill colour by staffing: a closure is a barrier (grey), an unstaffed checkpoint is red, one in
// a district short of staff is orange, otherwise green.
unsigned checkpointStatusColor(const geo::Checkpoint& c, const geo::StaffingTotals& f) {
    if (c.kind == geo::CheckpointKind::RoadClosure) return IM_COL32(70, 70, 70, 255);
    if (c.staffPerShift <= 0) return IM_COL32(215, 40, 40, 255);
    for (const auto& d : f.districts)
        if (d.name == c.district && d.staffAvailable >= 0 && d.staffRequired > d.staffAvailable) return IM_COL32(240, 140, 20, 255);
    if (f.isShort()) return IM_COL32(240, 140, 20, 255);
    return IM_COL32(30, 150, 70, 255);
}

void haloLabel(ImDrawList* dl, ImVec2 p, ImU32 color, const char* text) {
    for (int dx = -1; dx <= 1; ++dx)
        for (int dy = -1; dy <= 1; ++dy)
            if (dx || dy) dl->AddText(ImVec2(p.x + static_cast<float>(dx), p.y + static_cast<float>(dy)), IM_COL32(255, 255, 255, 220), text);
    dl->AddText(p, color, text);
}

namespace {

constexpr float kPickRadiusPx = 9;

// The checkpoint under the pointer, 0 for none.
int64_t pick(const UiState& ui, ImVec2 mouse) {
    int64_t best = 0;
    float bestD2 = kPickRadiusPx * kPickRadiusPx * ui.contentScale * ui.contentScale;
    for (const auto& c : ui.plan.scenario().checkpoints) {
        ImVec2 p = toScreen(ui, c.x, c.y);
        float d2 = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = c.id;
        }
    }
    return best;
}

void notify(UiState& ui, const char* title, const std::exception& e) { ui.notices.push_back({title, e.what()}); }

void drawSymbol(ImDrawList* dl, ImVec2 p, geo::CheckpointKind kind, ImU32 fill, float r, bool selected) {
    if (selected) dl->AddCircle(p, r * 1.9f, IM_COL32(255, 200, 0, 255), 0, r * 0.5f);
    drawCheckpointSymbol(*dl, p.x, p.y, kind, fill, r, 1.5f);
}


// A checkpoint or closure not active on the chosen day: a faint grey dashed ring and its number.
void drawInactive(ImDrawList* dl, ImVec2 p, float r, const char* number, bool selected) {
    constexpr int kDashes = 8;
    constexpr float kPi = 3.14159265f;
    const ImU32 faint = IM_COL32(110, 110, 120, 150);
    if (selected) dl->AddCircle(p, r * 1.9f, IM_COL32(255, 200, 0, 160), 0, r * 0.4f);
    for (int k = 0; k < kDashes; ++k) {
        const float a0 = 2 * kPi * static_cast<float>(k) / kDashes, a1 = a0 + kPi / kDashes;
        dl->PathArcTo(p, r, a0, a1, 4);
        dl->PathStroke(faint, 0, 1.5f);
    }
    dl->AddText(ImVec2(p.x + r + 3, p.y - r - 2), faint, number);
}

void drawTooltip(const geo::Checkpoint& c, const std::vector<geo::Checkpoint>& checkpoints, const std::optional<int>& day) {
    ImGui::BeginTooltip();
    const auto& list = checkpoints;
    size_t index = 0;
    while (index < list.size() && list[index].id != c.id) ++index;
    ImGui::Text("%d  %s", checkpointNumber(list, index), c.name.c_str());
    ImGui::Text("%s: %s", tr("类型", "Kind"), checkpointKindLabel(c.kind));
    if (c.roadFid >= 0)
        ImGui::Text("%s: %s (%s)", tr("道路", "Road"), c.road.c_str(),
                    roadClassLabel(static_cast<size_t>(c.roadClass)));
    else
        ImGui::Text("%s: %s", tr("道路", "Road"), tr("路外", "off-road"));
    ImGui::Text("%s: %s", tr("片区", "District"), c.district.empty() ? tr("未分片区", "none") : c.district.c_str());
    ImGui::Text("%s: %d x %d = %d %s", tr("人员配置", "Staff"), c.staffPerShift, c.shifts, c.staffRequired(),
                tr("人", ""));
    if (!c.activeFrom.empty() || !c.activeUntil.empty())
        ImGui::Text("%s: %s .. %s", tr("启用", "Active"), c.activeFrom.empty() ? "" : c.activeFrom.c_str(),
                    c.activeUntil.empty() ? "" : c.activeUntil.c_str());
    if (day && !geo::isActiveOn(c, *day))
        ImGui::TextColored(ImVec4(0.6f, 0.3f, 0.1f, 1), "%s", tr("当日未启用", "Not active on this day"));
    ImGui::EndTooltip();
}

// The tool bar's Undo, Redo and Delete buttons and their keys end here, enabled alike: a key
// does nothing where its button is greyed out (nothing to undo, nothing selected, read-only).
enum class PlanAction { None, Undo, Redo, Delete };

bool canRun(PlanState& plan, PlanAction action) {
    switch (action) {
    case PlanAction::Undo: return plan.canUndo();
    case PlanAction::Redo: return plan.canRedo();
    case PlanAction::Delete: return !plan.selection.empty() && !plan.isReadOnly();
    case PlanAction::None: break;
    }
    return false;
}

void runPlanAction(UiState& ui, PlanAction action) {
    PlanState& plan = ui.plan;
    if (!canRun(plan, action)) return;
    try {
        if (action == PlanAction::Undo) plan.undo();
        if (action == PlanAction::Redo) plan.redo();
        if (action == PlanAction::Delete) plan.deleteSelected();
    } catch (const geo::Error& e) {
        notify(ui, tr("卡口", "Checkpoint"), e);
    }
}

// Ctrl+Z, Ctrl+Y or Ctrl+Shift+Z, Delete; not while text is typed (a field's own undo) or a
// modal notice is up (it covers the buttons too). No key repeat: on a slow frame a held Ctrl+Z
// would otherwise undo twice.
PlanAction keyAction() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return PlanAction::None;
    if (io.KeyCtrl && ImGui::IsKeyPressed('Z', false)) return io.KeyShift ? PlanAction::Redo : PlanAction::Undo;
    if (io.KeyCtrl && ImGui::IsKeyPressed('Y', false)) return PlanAction::Redo;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false)) return PlanAction::Delete;
    return PlanAction::None;
}

}  // namespace

bool handlePlanInput(GuiContext& gui) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    ui.leftDragCaptured = false;
    try {
        plan.attach(gui.model.workspace(), gui.model.version());
        plan.reloadIfChangedElsewhere();
    } catch (const geo::Error& e) {
        notify(ui, tr("方案", "Scenarios"), e);
    }
    if (!plan.damagedNotice.empty())
        ui.notices.push_back({tr("方案中有损坏的卡口", "Damaged checkpoints"), std::exchange(plan.damagedNotice, {})});
    if (!plan.isOpen() || ui.edit.isOn) return false;  // in edit mode the edit tools own clicks and keys
    ImGuiIO& io = ImGui::GetIO();
    try {
        runPlanAction(ui, keyAction());
        if (!io.WantCaptureKeyboard && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) plan.tool = PlanTool::Select;

        bool onMap = !io.WantCaptureMouse && ImGui::IsMousePosValid();
        ImVec2 mouse = io.MousePos;
        if (onMap && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            plan.pressX = mouse.x;
            plan.pressY = mouse.y;
            plan.dragMoved = false;
            int64_t hit = pick(ui, mouse);
            if (plan.tool == PlanTool::AddCheckpoint) {
                double x, y;
                toWorld(ui, mouse, x, y);
                if (plan.isReadOnly()) throw geo::Error(tr("只读：不能编辑", "read-only: edits are not possible"));
                plan.addAt(x, y, plan.offRoad, plan.outside);
                ui.leftDragCaptured = true;
            } else if (hit) {
                if (io.KeyShift) {
                    if (!plan.selection.erase(hit)) plan.selection.insert(hit);
                } else {
                    if (!plan.selection.count(hit)) plan.selection = {hit};
                    plan.dragId = plan.isReadOnly() ? 0 : hit;
                }
                ui.leftDragCaptured = true;
            } else if (io.KeyShift) {
                plan.boxSelecting = true;
                ui.leftDragCaptured = true;
            } else {
                plan.selection.clear();
            }
        }
        if (plan.dragId || plan.boxSelecting || (plan.tool == PlanTool::AddCheckpoint && ImGui::IsMouseDown(ImGuiMouseButton_Left)))
            ui.leftDragCaptured = true;
        if ((plan.dragId || plan.boxSelecting) && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) plan.dragMoved = true;
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
            if (plan.dragId && plan.dragMoved) {
                double x, y;
                toWorld(ui, mouse, x, y);
                int64_t id = plan.dragId;
                plan.dragId = 0;
                plan.moveTo(id, x, y, plan.offRoad, plan.outside);
            }
            if (plan.boxSelecting) {
                float x0 = std::min(static_cast<float>(plan.pressX), mouse.x), x1 = std::max(static_cast<float>(plan.pressX), mouse.x);
                float y0 = std::min(static_cast<float>(plan.pressY), mouse.y), y1 = std::max(static_cast<float>(plan.pressY), mouse.y);
                for (const auto& c : plan.scenario().checkpoints) {
                    ImVec2 p = toScreen(ui, c.x, c.y);
                    if (p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1) plan.selection.insert(c.id);
                }
            }
            plan.dragId = 0;
            plan.boxSelecting = false;
        }
    } catch (const geo::Error& e) {
        plan.dragId = 0;
        plan.boxSelecting = false;
        notify(ui, tr("卡口", "Checkpoint"), e);
    }
    return ui.leftDragCaptured;
}

void drawPlanOverlay(GuiContext& gui) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    if (!plan.isOpen()) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    ImGuiIO& io = ImGui::GetIO();
    const float s = ui.contentScale;
    const float r = 6.5f * s;
    const geo::StaffingTotals staffing = plan.staffing();
    ImVec2 display = io.DisplaySize;
    bool onMap = !io.WantCaptureMouse && ImGui::IsMousePosValid();
    int64_t hover = onMap ? pick(ui, io.MousePos) : 0;
    const auto& checkpoints = plan.scenario().checkpoints;
    const std::optional<int>& day = ui.analysis.day();  // the date bar's, when a date is chosen
    LabelPlacer& placer = ui.overlay.placer;  // holds the map's own labels of this frame, when shown
    if (!ui.showLabels) placer.clear();
    char number[16];
    for (size_t i = 0; i < checkpoints.size(); ++i) {
        const auto& c = checkpoints[i];
        ImVec2 p = c.id == plan.dragId && plan.dragMoved ? io.MousePos : toScreen(ui, c.x, c.y);
        if (p.x < -50 || p.y < -50 || p.x > display.x + 50 || p.y > display.y + 50) continue;
        std::snprintf(number, sizeof number, "%d", checkpointNumber(checkpoints, i));
        if (day && !geo::isActiveOn(c, *day)) {
            // Not active on the date bar's day: a faint dashed ring and number, no symbol, no name.
            drawInactive(dl, p, r, number, plan.selection.count(c.id) > 0);
            continue;
        }
        drawSymbol(dl, p, c.kind, checkpointStatusColor(c, staffing), r, plan.selection.count(c.id) > 0);
        // The number always, as on the printed map; the name where it overlaps no other label.
        const ImVec2 at(p.x + r + 3 * s, p.y - r - 2 * s);
        const ImVec2 ns = ImGui::CalcTextSize(number);
        placer.block({at.x, at.y, at.x + ns.x, at.y + ns.y});
        haloLabel(dl, at, IM_COL32(20, 20, 60, 255), number);
        if (!ui.showLabels || c.name.empty()) continue;
        const ImVec2 nameAt(at.x + ns.x + 4 * s, at.y);
        const ImVec2 ts = ImGui::CalcTextSize(c.name.c_str());
        if (placer.tryPlace({nameAt.x, nameAt.y, nameAt.x + ts.x, nameAt.y + ts.y}))
            haloLabel(dl, nameAt, IM_COL32(20, 20, 60, 255), c.name.c_str());
    }
    if (hover && !plan.dragId)
        for (const auto& c : plan.scenario().checkpoints)
            if (c.id == hover) drawTooltip(c, plan.scenario().checkpoints, day);
    if (plan.boxSelecting) {
        ImVec2 a(static_cast<float>(plan.pressX), static_cast<float>(plan.pressY));
        dl->AddRectFilled(a, io.MousePos, IM_COL32(60, 120, 220, 40));
        dl->AddRect(a, io.MousePos, IM_COL32(60, 120, 220, 200));
    }
    // The add tool: the tolerance circle around the pointer and where a click would land.
    if (plan.tool == PlanTool::AddCheckpoint && onMap) {
        float radius = static_cast<float>(plan.toleranceM / (ui.camera.unitsPerPixel * framebufferScale()));
        dl->AddCircle(io.MousePos, radius, IM_COL32(40, 90, 200, 200), 0, 1.5f);
        double x, y;
        toWorld(ui, io.MousePos, x, y);
        auto hit = plan.roads().snap(x, y, plan.toleranceM);
        char text[256];
        if (hit) {
            ImVec2 q = toScreen(ui, hit->x, hit->y);
            dl->AddCircleFilled(q, r * 0.7f, IM_COL32(40, 90, 200, 255));
            dl->AddLine(io.MousePos, q, IM_COL32(40, 90, 200, 160), 1.0f);
            std::snprintf(text, sizeof text, "%s (%s)", hit->road.empty() ? "-" : hit->road.c_str(),
                          roadClassLabel(static_cast<size_t>(hit->roadClass)));
            haloLabel(dl, ImVec2(io.MousePos.x + 14 * s, io.MousePos.y + 10 * s), IM_COL32(20, 40, 120, 255), text);
        } else {
            std::snprintf(text, sizeof text, "%s %.0f %s", tr("容差内没有道路", "no road within"),
                          static_cast<double>(plan.toleranceM), tr("米", "m"));
            haloLabel(dl, ImVec2(io.MousePos.x + 14 * s, io.MousePos.y + 10 * s),
                     plan.offRoad ? IM_COL32(80, 80, 80, 255) : IM_COL32(200, 30, 30, 255), text);
        }
    }
}

void drawPlanToolsWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    if (!plan.isOpen() || ui.edit.isOn) return;  // the edit tool bar stands here in edit mode
    const float s = ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Fixed at the top centre so the tool is always in the same place (the GUI test clicks it).
    ImGui::SetNextWindowPos(ImVec2(display.x / 2 - 360 * s, 30 * s), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(720 * s, 0), ImGuiCond_Always);
    ImGui::Begin("##plan_tools", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    bool adding = plan.tool == PlanTool::AddCheckpoint;
    if (adding) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.25f, 0.45f, 0.85f, 1.0f));
    if (ImGui::Button(tr("添加卡口", "Add checkpoint"), ImVec2(150 * s, 28 * s)))
        plan.tool = adding ? PlanTool::Select : PlanTool::AddCheckpoint;
    if (adding) ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Button(tr("选择", "Select"), ImVec2(80 * s, 28 * s))) plan.tool = PlanTool::Select;
    ImGui::SameLine();
    ImGui::Checkbox(tr("路外", "Off-road"), &plan.offRoad);
    ImGui::SameLine();
    ImGui::Checkbox(tr("镇外", "Outside"), &plan.outside);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120 * s);
    ImGui::SliderFloat("##tol", &plan.toleranceM, 10.0f, 500.0f, "%.0f m");
    PlanAction action = PlanAction::None;  // run after End()
    for (const auto& [button, label] : {std::pair{PlanAction::Undo, tr("撤销", "Undo")},
                                        std::pair{PlanAction::Redo, tr("重做", "Redo")},
                                        std::pair{PlanAction::Delete, tr("删除所选", "Delete selected")}}) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!canRun(plan, button));
        if (ImGui::Button(label)) action = button;
        ImGui::EndDisabled();
    }
    if (plan.isReadOnly())
        ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s",
                           tr("只读：不能编辑", "Read-only: edits are not possible"));
    else if (adding)
        ImGui::TextUnformatted(tr("点击道路添加卡口", "Click a road to add a checkpoint"));
    if (!plan.lastPlaced.empty()) {
        ImGui::SameLine();
        ImGui::Text("%s %s", tr("已放在", "Placed on"), plan.lastPlaced.c_str());
    }
    ImGui::End();
    runPlanAction(ui, action);
}

}  // namespace app
