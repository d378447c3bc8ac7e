// The returnees window: choropleth settings and legend, date and origin filters with a play
// button, the per-district table and arrivals per day stacked by origin; plus the map tooltip.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/windows.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(text);
}

// Okabe-Ito: origins stay distinguishable for colour-blind viewers.
constexpr ImU32 kOriginColors[] = {IM_COL32(230, 159, 0, 255), IM_COL32(86, 180, 233, 255), IM_COL32(0, 158, 115, 255),
                                   IM_COL32(213, 94, 0, 255),  IM_COL32(0, 114, 178, 255),  IM_COL32(204, 121, 167, 255),
                                   IM_COL32(240, 228, 66, 255), IM_COL32(90, 90, 90, 255)};
ImU32 originColor(size_t i) { return kOriginColors[i % (sizeof kOriginColors / sizeof kOriginColors[0])]; }

void drawLegend(const ReturneeView& v, float s) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float box = ImGui::GetTextLineHeight();
    std::vector<int> inClass(v.breaks.size(), 0);
    int none = 0;
    for (int c : v.classOfArea) (c >= 0 ? inClass[static_cast<size_t>(c)] : none) += 1;
    auto row = [&](ImU32 color, const std::string& label, int n) {
        ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(p, ImVec2(p.x + box * 1.6f, p.y + box), color);
        dl->AddRect(p, ImVec2(p.x + box * 1.6f, p.y + box), IM_COL32(90, 90, 90, 255));
        ImGui::Dummy(ImVec2(box * 1.6f + 6 * s, box));
        ImGui::SameLine();
        ImGui::Text("%s  (%d %s)", label.c_str(), n, tr("个区域", "areas"));
    };
    for (size_t c = 0; c < v.breaks.size(); ++c)
        row(geo::rampColor(static_cast<int>(c), static_cast<int>(v.breaks.size())),
            geo::classRangeLabel(v.breaks, static_cast<int>(c), v.smallestPositive), inClass[c]);
    row(IM_COL32(255, 255, 255, 0), std::string("0 / ") + tr("无", "None"), none);
}

void drawChart(const ReturneeView& v, float s) {
    if (v.perDay.empty()) return;
    int64_t peak = 1;
    for (const auto& day : v.perDay) {
        int64_t t = 0;
        for (int64_t n : day) t += n;
        peak = std::max(peak, t);
    }
    const float h = 120 * s, w = std::max(200.0f * s, ImGui::GetContentRegionAvail().x);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##perday", ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), IM_COL32(160, 160, 160, 255));
    const float barW = w / static_cast<float>(v.perDay.size());
    int hovered = ImGui::IsItemHovered() ? static_cast<int>((ImGui::GetIO().MousePos.x - p.x) / barW) : -1;
    for (size_t d = 0; d < v.perDay.size(); ++d) {
        float y = p.y + h, x0 = p.x + barW * static_cast<float>(d) + 1, x1 = x0 + barW - 2;
        for (size_t o = 0; o < v.perDay[d].size(); ++o) {
            float bh = h * static_cast<float>(v.perDay[d][o]) / static_cast<float>(peak);
            if (bh <= 0) continue;
            dl->AddRectFilled(ImVec2(x0, y - bh), ImVec2(x1, y), originColor(o));
            y -= bh;
        }
    }
    if (hovered >= 0 && hovered < static_cast<int>(v.perDay.size())) {
        ImGui::BeginTooltip();
        ImGui::Text("%s", geo::formatDay(v.counts.minDay + hovered).c_str());
        for (size_t o = 0; o < v.counts.origins.size(); ++o)
            ImGui::Text("%s  %lld", v.counts.origins[o].c_str(), static_cast<long long>(v.perDay[static_cast<size_t>(hovered)][o]));
        ImGui::EndTooltip();
    }
}

void drawDistrictTable(const ReturneeView& v) {
    if (v.districtRows.empty()) return;
    const int cols = 3 + static_cast<int>(v.counts.origins.size());
    if (!ImGui::BeginTable("##districts", cols, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn(tr("片区", "Districts"));
    ImGui::TableSetupColumn(tr("合计", "Total"));
    for (const auto& o : v.counts.origins) ImGui::TableSetupColumn(o.c_str());
    ImGui::TableSetupColumn(tr("最新一天", "Last day"));
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < v.districtRows.size(); ++i) {
        const auto& d = v.districtRows[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(d.total));
        for (int64_t n : d.byOrigin) {
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(n));
        }
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(i < v.districtLatest.size() ? v.districtLatest[i] : 0));
    }
    ImGui::EndTable();
}

void drawTooltip(GuiContext& gui) {
    const ReturneeView& v = gui.ui.returnees;
    if (!gui.ui.cursorOnMap || ImGui::GetIO().WantCaptureMouse) return;
    int a = v.areaAt(gui.ui.cursorX, gui.ui.cursorY);
    if (a < 0) return;
    const geo::AreaCount& r = v.results[static_cast<size_t>(a)];
    // In the user's language, the area by its kind rather than a raw cell id, and small counts hidden.
    const int threshold = gui.ui.plan.isOpen() ? gui.ui.plan.scenario().params.smallCountThreshold : 5;
    const Language lang = language();
    ImGui::BeginTooltip();
    ImGui::Text("%s: %s", areaText(r.name, v.areas == ReturneeAreas::Grid, v.cellM, lang).c_str(),
                peopleText(static_cast<long long>(r.total), threshold, lang).c_str());
    if (r.areaKm2 > 0 && r.total >= threshold)
        ImGui::Text(tr("每平方公里 %.1f 人", "%.1f per km²"), static_cast<double>(r.total) / r.areaKm2);
    // Origins are kept per village only: those of the villages whose site lies in this area.
    if (std::any_of(r.byOrigin.begin(), r.byOrigin.end(), [](int64_t n) { return n > 0; }))
        ImGui::TextDisabled("%s", tr("来源地（按所在村）:", "Origins (by village sited here):"));
    for (size_t o = 0; o < r.byOrigin.size(); ++o)
        if (r.byOrigin[o] > 0)
            ImGui::Text("%s  %s", v.counts.origins[o].c_str(), peopleText(static_cast<long long>(r.byOrigin[o]), threshold, lang).c_str());
    ImGui::EndTooltip();
}

}  // namespace

void collectReturneeTexts(const UiState& ui, std::vector<std::string_view>& out) {
    for (const auto& o : ui.returnees.counts.origins) out.push_back(o);
    for (const auto& d : ui.returnees.districtRows) out.push_back(d.name);
}

void drawReturneesMenuItem(GuiContext& gui) {
    ImGui::MenuItem(tr("返乡人员", "Returnees"), nullptr, &gui.ui.returnees.showWindow);
}

void drawReturneesWindow(GuiContext& gui) {
    ReturneeView& v = gui.ui.returnees;
    const bool wanted = v.showWindow && gui.model.isOpen();
    if (wanted && v.loadedVersion != gui.model.version()) {
        v.loadedVersion = gui.model.version();
        try {
            v.load(geo::loadReturneeCounts(*gui.model.workspace()));
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({tr("返乡人员", "Returnees"), e.what()});
            v.load({});
        }
    }
    if (wanted) {
        try {
            v.refresh(gui.model.layer(MapLayer::Boundary), gui.model.layer(MapLayer::Districts), gui.model.layer(MapLayer::Villages));
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({tr("返乡人员", "Returnees"), e.what()});
            v.showOnMap = false;
        }
    }
    gui.renderer.setChoropleth(wanted && v.showOnMap ? &v.polygons : nullptr, v.colors, wanted && v.showOnMap ? v.key : 0);
    if (!wanted) return;
    if (v.showOnMap) drawTooltip(gui);

    // Play: one day more every 0.6 s until the end of the data.
    if (v.playing) {
        double now = glfwGetTime();
        if (now - v.lastStepTime > 0.6) {
            v.lastStepTime = now;
            if (v.toDay + 1 < v.dayCount()) ++v.toDay;
            else v.playing = false;
        }
    }

    const float s = gui.ui.contentScale;
    placeNextWindow(Panel::Returnees, s);
    if (!ImGui::Begin(tr("返乡人员", "Returnees"), &v.showWindow)) {
        ImGui::End();
        return;
    }
    if (v.counts.total == 0) {
        ImGui::TextWrapped("%s", tr("工作区中没有返乡人员记录（用 cordon returnees 导入）",
                                    "No returnee records (import with cordon returnees)"));
        ImGui::End();
        return;
    }
    ImGui::Checkbox(tr("在地图上显示", "Show on map"), &v.showOnMap);
    int areas = static_cast<int>(v.areas);
    const char* areaNames[] = {tr("网格", "Grid"), tr("片区", "Districts"), tr("村", "Villages")};
    const geo::Layer* villages = gui.model.layer(MapLayer::Villages);
    int areaChoices = villages && villages->kind == geo::GeomKind::Polygon ? 3 : 2;
    if (ImGui::Combo(tr("区域", "Areas"), &areas, areaNames, areaChoices)) v.areas = static_cast<ReturneeAreas>(areas);
    if (v.areas == ReturneeAreas::Grid)
        ImGui::SliderFloat("##cell", &v.cellM, 100, 2000, tr("网格大小 %.0f 米", "Cell %.0f m"));
    ImGui::Checkbox(tr("每平方公里", "Per km²"), &v.perKm2);
    int method = static_cast<int>(v.method);
    const char* methods[] = {tr("分位数", "Quantiles"), tr("等间距", "Equal interval"),
                             tr("自然断点", "Natural breaks"), tr("手动", "Manual")};
    if (ImGui::Combo(tr("分级方法", "Classes by"), &method, methods, 4))
        v.method = static_cast<geo::ClassMethod>(method);
    ImGui::SliderInt(tr("级数", "Classes"), &v.classes, 2, geo::kMaxClasses);
    if (v.method == geo::ClassMethod::Manual)
        for (int k = 0; k + 1 < v.classes; ++k) {
            ImGui::PushID(k);
            ImGui::InputFloat(tr("上限", "Limit"), &v.manualLimits[static_cast<size_t>(k)], 1, 10, "%.1f");
            ImGui::PopID();
        }
    ImGui::SliderFloat(tr("透明度", "Opacity"), &v.opacity, 0.2f, 1.0f, "%.2f");

    heading(tr("返乡日期", "Arrival dates"));
    int range[2] = {v.fromDay, v.toDay};
    std::string from = geo::formatDay(v.counts.minDay + v.fromDay), to = geo::formatDay(v.counts.minDay + v.toDay);
    if (ImGui::SliderInt2("##days", range, 0, std::max(0, v.dayCount() - 1), "")) {
        v.fromDay = std::min(range[0], range[1]);
        v.toDay = std::max(range[0], range[1]);
    }
    ImGui::Text("%s .. %s", from.c_str(), to.c_str());
    ImGui::SameLine();
    if (ImGui::Button(v.playing ? tr("暂停", "Pause") : tr("播放", "Play"))) {
        v.playing = !v.playing;
        if (v.playing && v.toDay + 1 >= v.dayCount()) v.toDay = v.fromDay;
        v.lastStepTime = glfwGetTime();
    }

    heading(tr("来源地", "Origins"));
    for (size_t o = 0; o < v.counts.origins.size(); ++o) {
        bool shown = v.originShown[o] != 0;
        ImGui::PushStyleColor(ImGuiCol_CheckMark, originColor(o));
        if (ImGui::Checkbox(v.counts.origins[o].c_str(), &shown)) v.originShown[o] = shown ? 1 : 0;
        ImGui::PopStyleColor();
        if (o + 1 < v.counts.origins.size() && (o + 1) % 4 != 0) ImGui::SameLine();
    }
    if (v.isFilteredByVillage)
        ImGui::TextWrapped(
            "%s", tr("按日期或来源地筛选时按村统计：各村的人数显示在村的位置",
                     "Date and origin filters count by village: each village's returnees are shown at the village"));

    heading(tr("图例", "Legend"));
    ImGui::TextDisabled("%s", tr("精确数字，仅供内部使用，不得公开", "Exact counts: not for publication"));
    drawLegend(v, s);
    heading(tr("片区", "Districts"));
    drawDistrictTable(v);
    heading(tr("每日返乡", "Arrivals per day"));
    drawChart(v, s);
    ImGui::End();
}

}  // namespace app
