// The date bar: a slider over the workspace's data days with step back / forward (also Page Up /
// Page Down), play (a day every half second) and "all dates"; and, in the Figures window, the figures as of the day with
// arrivals and people under observation per day up to it. The chosen day keys the analysis.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/windows.hpp"
#include "geo/core/dates.hpp"

namespace app {
namespace {

int today() {
    return static_cast<int>(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count());
}

DateState::Rect lastItemRect() {
    const ImVec2 a = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    return {a.x, a.y, size.x, size.y};
}

}  // namespace

void setDay(DateState& date, int day) {
    date.day = day;
    if (date.labelDay == day) return;
    // Formatted only when the day changes (formatDay allocates).
    std::snprintf(date.label, sizeof date.label, "%s", geo::formatDay(day).c_str());
    date.labelDay = day;
}

void stepDay(DateState& date, int by) {
    setDay(date, date.day + by);
    date.playing = false;
}

void advancePlay(DateState& date) {
    if (!date.playing) return;
    const double now = ImGui::GetTime();
    if (!date.isOn || date.day >= date.last) {
        date.playing = false;
    } else if (now - date.lastStepTime >= kPlayStepSeconds) {
        setDay(date, date.day + 1);
        date.lastStepTime = now;
    }
}

void drawDateBar(GuiContext& gui) {
    UiState& ui = gui.ui;
    DateState& date = ui.date;
    AnalysisState& an = ui.analysis;
    an.update(gui.model, ui.plan);  // so that the day is set on the very frame the network arrives
    if (!ui.plan.isOpen() || !an.isReady()) {
        an.setDay(std::nullopt);
        return;
    }
    const geo::DataDays& data = an.dataDays();
    int first = data.hasDates ? data.first : today(), last = data.hasDates ? data.last : first;
    if (date.isOn) {  // a day from --date outside the data widens the slider rather than moving
        first = std::min(first, date.day);
        last = std::max(last, date.day);
    }
    date.first = first;
    date.last = last;
    advancePlay(date);
    // Page Up / Page Down step the day from the keyboard, as in the briefing (not while typing).
    if (date.isOn && !ImGui::GetIO().WantTextInput) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp), false) && date.day > first) stepDay(date, -1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown), false) && date.day < last) stepDay(date, +1);
    }

    const float s = ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const PanelRect r = panelRect(Panel::DateBar, display.x, display.y, s);
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, 0), ImGuiCond_Always);
    ImGui::Begin("##date_bar", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    bool isOn = date.isOn;
    if (ImGui::Checkbox(tr("按日期", "As of"), &isOn)) {
        date.isOn = isOn;
        date.playing = false;
        if (isOn) setDay(date, std::clamp(date.labelDay == INT_MIN ? last : date.day, first, last));
    }
    date.all = lastItemRect();
    const ImVec2 button(28 * s, 28 * s);
    if (!date.isOn) ImGui::BeginDisabled();
    ImGui::SameLine();
    if (ImGui::Button("<##date_back", button) && date.day > first) stepDay(date, -1);
    date.back = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("前一天", "Day before"));
    ImGui::SameLine();
    if (ImGui::Button(
            date.playing ? tr("暂停##date_play", "Pause##date_play") : tr("播放##date_play", "Play##date_play"),
            ImVec2(56 * s, 28 * s))) {
        date.playing = !date.playing;
        if (date.playing && date.day >= last) setDay(date, first);  // play again from the start
        date.lastStepTime = ImGui::GetTime();
    }
    date.play = lastItemRect();
    ImGui::SameLine();
    if (ImGui::Button(">##date_forward", button) && date.day < last) stepDay(date, +1);
    date.forward = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("后一天", "Day after"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, 60 * s));
    int offset = date.isOn ? date.day - first : last - first;
    // The slider shows the day itself; "all dates" when none is chosen.
    const char* shown = date.isOn ? date.label : tr("全部日期", "All dates");
    if (ImGui::SliderInt("##date_slider", &offset, 0, last - first, shown, ImGuiSliderFlags_AlwaysClamp)) {
        setDay(date, first + offset);
        date.playing = false;
    }
    if (ImGui::IsItemHovered() && !data.hasDates)
        ImGui::SetTooltip("%s", tr("无日期数据：今天", "No dated data: today"));
    if (!date.isOn) ImGui::EndDisabled();
    ImGui::End();
    an.setDay(date.isOn ? std::optional<int>(date.day) : std::nullopt);
}

void drawAsOfFigures(GuiContext& gui) {
    const AnalysisState& an = gui.ui.analysis;
    if (!an.day()) return;
    const geo::AsOfFigures& a = an.asOf();
    const geo::Figures& f = an.figures();
    const DateState& date = gui.ui.date;
    ImGui::TextColored(ImVec4(0.2f, 0.3f, 0.7f, 1), "%s %s", tr("截至", "As of"),
                       date.labelDay == *an.day() ? date.label : "");
    if (ImGui::BeginTable("##as_of", 4, ImGuiTableFlags_SizingStretchProp)) {
        const auto cell = [](const char* label, long long v) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label);
            ImGui::TableNextColumn();
            ImGui::Text("%lld", v);
        };
        cell(tr("启用卡口", "Checkpoints active"), a.checkpointsActive);
        cell(tr("值班人员", "Staff on duty"), a.staffOnDuty);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr("入口已守", "Entries guarded"));
        ImGui::TableNextColumn();
        ImGui::Text("%d / %d", f.entriesGuarded, f.entriesTotal);
        cell(tr("累计返乡", "Arrived to date"), a.returnees.returneesTotal);
        cell(tr("当日返乡", "Arrived that day"), a.returnees.arrivedOnDate);
        cell(tr("观察中", "Under observation"), a.returnees.underObservation);
        cell(tr("已解除", "Released"), a.returnees.released);
        cell(tr("发热", "Fever"), a.returnees.fever);
        ImGui::EndTable();
    }
    const auto& arrivals = an.arrivalsPerDay();
    const auto& under = an.underObservationPerDay();
    if (arrivals.empty()) return;
    const float s = gui.ui.contentScale;
    const float w = ImGui::GetContentRegionAvail().x;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%s  %zu %s", tr("每日返乡", "Arrivals per day"), arrivals.size(),
                  tr("天", "days"));
    ImGui::PlotHistogram("##arrivals_per_day", arrivals.data(), static_cast<int>(arrivals.size()), 0, overlay, 0.0f,
                         FLT_MAX, ImVec2(w, 56 * s));
    std::snprintf(overlay, sizeof overlay, "%s  %lld", tr("每日观察中", "Under observation per day"),
                  static_cast<long long>(a.returnees.underObservation));
    ImGui::PlotLines("##under_observation_per_day", under.data(), static_cast<int>(under.size()), 0, overlay, 0.0f,
                     FLT_MAX, ImVec2(w, 56 * s));
    ImGui::Separator();
}

}  // namespace app
