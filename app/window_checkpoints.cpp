// The checkpoint table (sortable, edited in place, totals; a row click centres the map) and the
// staffing figures: required against available, overall and per district, deficits in red.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>

#include <imgui.h>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

enum Column { ColId, ColName, ColKind, ColDistrict, ColRoad, ColStaff, ColShifts, ColRequired, ColCount };

void sortRows(std::vector<const geo::Checkpoint*>& rows, const ImGuiTableSortSpecs* specs) {
    if (!specs || specs->SpecsCount == 0) return;
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    auto key = [&](const geo::Checkpoint* a, const geo::Checkpoint* b) {
        switch (spec.ColumnIndex) {
        case ColName: return a->name < b->name;
        case ColKind: return a->kind < b->kind;
        case ColDistrict: return a->district < b->district;
        case ColRoad: return a->road < b->road;
        case ColStaff: return a->staffPerShift < b->staffPerShift;
        case ColShifts: return a->shifts < b->shifts;
        case ColRequired: return a->staffRequired() < b->staffRequired();
        default: return a->number < b->number;
        }
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const geo::Checkpoint* a, const geo::Checkpoint* b) {
        return spec.SortDirection == ImGuiSortDirection_Descending ? key(b, a) : key(a, b);
    });
}

void drawDistricts(const geo::StaffingTotals& f);

void drawStaffing(const geo::StaffingTotals& f) {
    int gap = f.staffAvailable - f.staffRequired;
    ImGui::Text("%s %d / %s %d", tr("需要", "Required"), f.staffRequired, tr("可用", "available"), f.staffAvailable);
    ImGui::SameLine();
    if (gap < 0)
        ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s %d %s", tr("缺口", "SHORT BY"), -gap, tr("人", ""));
    else ImGui::TextColored(ImVec4(0.1f, 0.55f, 0.2f, 1), "%s %d", tr("富余", "spare"), gap);
    if (ImGui::TreeNodeEx(tr("片区", "Per district"), ImGuiTreeNodeFlags_DefaultOpen)) {
        drawDistricts(f);
        ImGui::TreePop();
    }
}

void drawDistricts(const geo::StaffingTotals& f) {
    if (ImGui::BeginTable("##districts", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& d : f.districts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(d.name.empty() ? tr("未分片区", "no district") : d.name.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%s %d", tr("需要", "required"), d.staffRequired);
            ImGui::TableNextColumn();
            if (d.staffAvailable >= 0) ImGui::Text("%s %d", tr("可用", "available"), d.staffAvailable);
            else ImGui::TextDisabled("-");
            ImGui::TableNextColumn();
            if (d.staffAvailable >= 0 && d.staffRequired > d.staffAvailable)
                ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s %d", tr("缺口", "short by"),
                                   d.staffRequired - d.staffAvailable);
        }
        ImGui::EndTable();
    }
}

struct RowEdit {
    geo::Checkpoint edited;
    const char* label = "edit checkpoint";
};

// The editable cells of one row; an edit is returned when a field was changed and left, and is
// committed (undoable) after the table is closed.
std::optional<RowEdit> editRow(const geo::Checkpoint& c) {
    geo::Checkpoint edited = c;
    bool commit = false;
    const char* label = "edit checkpoint";
    ImGui::TableSetColumnIndex(ColName);
    char name[256];
    std::snprintf(name, sizeof name, "%s", c.name.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##name", name, sizeof name, ImGuiInputTextFlags_EnterReturnsTrue) || ImGui::IsItemDeactivatedAfterEdit()) {
        if (c.name != name) { edited.name = name; commit = true; label = "rename checkpoint"; }
    }
    ImGui::TableSetColumnIndex(ColKind);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##kind", checkpointKindLabel(c.kind))) {
        for (size_t k = 0; k < geo::kCheckpointKindCount; ++k) {
            auto kind = static_cast<geo::CheckpointKind>(k);
            if (ImGui::Selectable(checkpointKindLabel(kind), kind == c.kind) && kind != c.kind) {
                geo::setCheckpointKind(edited, kind);  // a closure loses its staff
                commit = true;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::TableSetColumnIndex(ColStaff);
    if (c.isClosure()) {
        ImGui::TextDisabled("%s", tr("无人员", "no staff"));  // a closure has none to set
    } else {
        int staff = c.staffPerShift;
        ImGui::SetNextItemWidth(-1);
        ImGui::InputInt("##staff", &staff, 0);
        if (ImGui::IsItemDeactivatedAfterEdit() && staff != c.staffPerShift) { edited.staffPerShift = staff; commit = true; }
    }
    ImGui::TableSetColumnIndex(ColShifts);
    int shifts = c.shifts;
    ImGui::SetNextItemWidth(-1);
    ImGui::InputInt("##shifts", &shifts, 0);
    if (ImGui::IsItemDeactivatedAfterEdit() && shifts != c.shifts) { edited.shifts = shifts; commit = true; }
    if (commit) return RowEdit{edited, label};
    return std::nullopt;
}

// The selected checkpoint's other fields (hours, duty leader, phone, notes), or, for several,
// kind and staffing applied to all of them at once. Returns the edits to commit (one undo step).
std::vector<geo::Checkpoint> drawSelection(PlanState& plan, const char*& label) {
    std::vector<geo::Checkpoint> out;
    std::vector<const geo::Checkpoint*> selected;
    for (const auto& c : plan.scenario().checkpoints)
        if (plan.selection.count(c.id)) selected.push_back(&c);
    if (selected.empty() || plan.isReadOnly()) return out;
    CheckpointEditState& d = plan.details;
    if (selected.size() == 1) {
        const geo::Checkpoint& c = *selected[0];
        if (d.forId != c.id || d.forVersion != plan.version()) {
            std::snprintf(d.hours, sizeof d.hours, "%s", c.hours.c_str());
            std::snprintf(d.leader, sizeof d.leader, "%s", c.leader.c_str());
            std::snprintf(d.phone, sizeof d.phone, "%s", c.phone.c_str());
            std::snprintf(d.notes, sizeof d.notes, "%s", c.notes.c_str());
            d.forId = c.id;
            d.forVersion = plan.version();
        }
        ImGui::Text("#%d %s", c.number, c.name.c_str());
        bool left = false;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::InputText(tr("时段", "Hours"), d.hours, sizeof d.hours);
        left |= ImGui::IsItemDeactivatedAfterEdit();
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::InputText(tr("值班负责人", "Duty leader"), d.leader, sizeof d.leader);
        left |= ImGui::IsItemDeactivatedAfterEdit();
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::InputText(tr("电话", "Phone"), d.phone, sizeof d.phone);
        left |= ImGui::IsItemDeactivatedAfterEdit();
        ImGui::SetNextItemWidth(-80);
        ImGui::InputText(tr("备注", "Notes"), d.notes, sizeof d.notes);
        left |= ImGui::IsItemDeactivatedAfterEdit();
        if (left && (c.hours != d.hours || c.leader != d.leader || c.phone != d.phone || c.notes != d.notes)) {
            geo::Checkpoint e = c;
            e.hours = d.hours;
            e.leader = d.leader;
            e.phone = d.phone;
            e.notes = d.notes;
            out.push_back(e);
            label = "edit checkpoint details";
        }
        return out;
    }
    ImGui::Text("%zu %s:", selected.size(), tr("卡口", "checkpoints selected"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (ImGui::BeginCombo("##bulk_kind", checkpointKindLabel(static_cast<geo::CheckpointKind>(d.kind)))) {
        for (int k = 0; k < static_cast<int>(geo::kCheckpointKindCount); ++k) {
            auto kind = static_cast<geo::CheckpointKind>(k);
            if (ImGui::Selectable(checkpointKindLabel(kind), k == d.kind)) d.kind = k;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt(tr("每班人数", "staff/shift"), &d.staffPerShift);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt(tr("班次", "shifts"), &d.shifts);
    ImGui::SameLine();
    if (ImGui::Button(tr("应用到所选", "Apply to selected"))) {
        for (const auto* c : selected) {
            geo::Checkpoint e = *c;
            geo::setCheckpointKind(e, static_cast<geo::CheckpointKind>(d.kind));
            if (!e.isClosure()) e.staffPerShift = d.staffPerShift;  // closures keep no staff
            e.shifts = d.shifts;
            out.push_back(e);
        }
        label = "edit checkpoints";
    }
    return out;
}

}  // namespace

void drawCheckpointsWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    PlanState& plan = ui.plan;
    if (!plan.isOpen()) return;
    const float s = ui.contentScale;
    placeNextWindow(Panel::Checkpoints, s);
    char title[300];
    std::snprintf(title, sizeof title, "%s: %s###checkpoints", tr("卡口", "Checkpoints"),
                  plan.scenario().name.empty() ? "-" : plan.scenario().name.c_str());
    if (!ImGui::Begin(title, &ui.showCheckpoints)) {
        ImGui::End();
        return;
    }
    if (!plan.scenarioId()) {
        ImGui::TextUnformatted(tr("还没有方案：请先新建一个方案", "No scenario yet: create one first"));
        ImGui::End();
        return;
    }
    const geo::StaffingTotals staffing = plan.staffing();
    drawStaffing(staffing);
    ImGui::Separator();
    const char* selectionLabel = "edit checkpoints";
    std::vector<geo::Checkpoint> selectionEdits = drawSelection(plan, selectionLabel);
    if (!plan.selection.empty()) ImGui::Separator();
    const auto& all = plan.scenario().checkpoints;
    std::vector<const geo::Checkpoint*> rows;
    rows.reserve(all.size());
    for (const auto& c : all) rows.push_back(&c);
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    std::optional<RowEdit> edit;
    {
        if (ImGui::BeginTable("##cp", ColCount, flags, ImVec2(0, -ImGui::GetFrameHeightWithSpacing()))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_DefaultSort, 0.4f);
            ImGui::TableSetupColumn(tr("名称", "Name"), 0, 2.0f);
            ImGui::TableSetupColumn(tr("类型", "Kind"), 0, 1.3f);
            ImGui::TableSetupColumn(tr("片区", "District"), 0, 1.0f);
            ImGui::TableSetupColumn(tr("道路", "Road"), 0, 1.6f);
            ImGui::TableSetupColumn(tr("每班人数", "Staff/shift"), 0, 0.7f);
            ImGui::TableSetupColumn(tr("班次", "Shifts"), 0, 0.6f);
            ImGui::TableSetupColumn(tr("所需人员", "Required"), 0, 0.7f);
            ImGui::TableHeadersRow();
            sortRows(rows, ImGui::TableGetSortSpecs());
            for (const geo::Checkpoint* c : rows) {
                ImGui::PushID(static_cast<int>(c->id));
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(ColId);
                char id[32];
                std::snprintf(id, sizeof id, "%d", c->number);
                bool selected = plan.selection.count(c->id) > 0;
                if (ImGui::Selectable(id, selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                    if (ImGui::GetIO().KeyShift) {
                        if (!plan.selection.erase(c->id)) plan.selection.insert(c->id);
                    } else {
                        plan.selection = {c->id};
                    }
                    ui.camera.centerX = c->x;  // centre the map on it
                    ui.camera.centerY = c->y;
                }
                ImGui::TableSetColumnIndex(ColDistrict);
                ImGui::TextUnformatted(c->district.c_str());
                ImGui::TableSetColumnIndex(ColRoad);
                if (c->roadFid >= 0) ImGui::Text("%s (%s)", c->road.c_str(), roadClassLabel(static_cast<size_t>(c->roadClass)));
                else ImGui::TextDisabled("%s", tr("路外", "off-road"));
                ImGui::TableSetColumnIndex(ColRequired);
                ImGui::Text("%d", c->staffRequired());
                if (!plan.isReadOnly()) {
                    if (auto e = editRow(*c)) edit = e;
                } else {
                    ImGui::TableSetColumnIndex(ColName);
                    ImGui::TextUnformatted(c->name.c_str());
                    ImGui::TableSetColumnIndex(ColKind);
                    ImGui::TextUnformatted(checkpointKindLabel(c->kind));
                    ImGui::TableSetColumnIndex(ColStaff);
                    if (c->isClosure()) ImGui::TextDisabled("%s", tr("无人员", "no staff"));
                    else ImGui::Text("%d", c->staffPerShift);
                    ImGui::TableSetColumnIndex(ColShifts);
                    ImGui::Text("%d", c->shifts);
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    ImGui::Text("%s: %zu %s, %s %d, %s %d", tr("合计", "Total"), plan.scenario().checkpoints.size(),
                tr("卡口", "checkpoints"), tr("每班人数", "staff per shift"), staffing.staffPerShift,
                tr("所需人员", "required"), staffing.staffRequired);
    ImGui::End();
    if (!edit && selectionEdits.empty()) return;
    try {
        if (edit) plan.update(edit->edited, edit->label);
        else plan.updateMany(selectionEdits, selectionLabel);
    } catch (const geo::Error& e) {
        ui.notices.push_back({tr("卡口", "Checkpoint"), e.what()});
        plan.reload();
    }
}

}  // namespace app
