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

// Texts of this window in both languages; listed so the font atlas holds their glyphs.
struct Phrase { const char* zh; const char* en; };
constexpr Phrase kPhrases[] = {
    {"返乡人员", "Returnees"}, {"在地图上显示", "Show on map"}, {"区域", "Areas"}, {"网格", "Grid"},
    {"片区", "Districts"}, {"村", "Villages"}, {"网格大小 %.0f 米", "Cell %.0f m"}, {"每平方公里", "Per km²"},
    {"分级方法", "Classes by"}, {"分位数", "Quantiles"}, {"等间距", "Equal interval"}, {"自然断点", "Natural breaks"},
    {"手动", "Manual"}, {"级数", "Classes"}, {"上限", "Limit"}, {"透明度", "Opacity"}, {"返乡日期", "Arrival dates"},
    {"播放", "Play"}, {"暂停", "Pause"}, {"来源地", "Origins"}, {"图例", "Legend"}, {"无", "None"},
    {"合计", "Total"}, {"最新一天", "Last day"}, {"每日返乡", "Arrivals per day"},
    {"精确数字，仅供内部使用，不得公开", "Exact counts: not for publication"},
    {"工作区中没有返乡人员记录（用 cordon returnees 导入）", "No returnee records (import with cordon returnees)"},
    {"个区域", "areas"}, {"人", "people"}, {"每平方公里 %.1f 人", "%.1f per km²"},
    {"按日期或来源地筛选时按村统计：各村的人数显示在村的位置", "Date and origin filters count by village: each village's returnees are shown at the village"},
    {"来源地（按所在村）:", "Origins (by village sited here):"}};

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(text);
}

const char* rt(size_t i) { return language() == Language::Chinese ? kPhrases[i].zh : kPhrases[i].en; }
enum P : size_t {
    Title, ShowOnMap, Areas, Grid, DistrictsP, VillagesP, CellSize, PerKm2, Method, Quantiles, Equal, Natural,
    Manual, ClassesP, Limit, OpacityP, Dates, Play, Pause, Origins, LegendP, NoneP, Total, LastDay, PerDay,
    NotForPublication, NoRecords, AreasUnit, People, DensityFmt, FilterAtVillages, OriginsByVillage
};

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
        ImGui::Text("%s  (%d %s)", label.c_str(), n, rt(AreasUnit));
    };
    for (size_t c = 0; c < v.breaks.size(); ++c)
        row(geo::rampColor(static_cast<int>(c), static_cast<int>(v.breaks.size())),
            geo::classRangeLabel(v.breaks, static_cast<int>(c), v.smallestPositive), inClass[c]);
    row(IM_COL32(255, 255, 255, 0), std::string("0 / ") + rt(NoneP), none);
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
    ImGui::TableSetupColumn(rt(DistrictsP));
    ImGui::TableSetupColumn(rt(Total));
    for (const auto& o : v.counts.origins) ImGui::TableSetupColumn(o.c_str());
    ImGui::TableSetupColumn(rt(LastDay));
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
    if (r.areaKm2 > 0 && r.total >= threshold) ImGui::Text(rt(DensityFmt), static_cast<double>(r.total) / r.areaKm2);
    // Origins are kept per village only: those of the villages whose site lies in this area.
    if (std::any_of(r.byOrigin.begin(), r.byOrigin.end(), [](int64_t n) { return n > 0; }))
        ImGui::TextDisabled("%s", rt(OriginsByVillage));
    for (size_t o = 0; o < r.byOrigin.size(); ++o)
        if (r.byOrigin[o] > 0)
            ImGui::Text("%s  %s", v.counts.origins[o].c_str(), peopleText(static_cast<long long>(r.byOrigin[o]), threshold, lang).c_str());
    ImGui::EndTooltip();
}

}  // namespace

void collectReturneeTexts(const UiState& ui, std::vector<std::string_view>& out) {
    for (const Phrase& p : kPhrases) { out.push_back(p.zh); out.push_back(p.en); }
    for (const auto& o : ui.returnees.counts.origins) out.push_back(o);
    for (const auto& d : ui.returnees.districtRows) out.push_back(d.name);
}

void drawReturneesMenuItem(GuiContext& gui) { ImGui::MenuItem(rt(Title), nullptr, &gui.ui.returnees.showWindow); }

void drawReturneesWindow(GuiContext& gui) {
    ReturneeView& v = gui.ui.returnees;
    const bool wanted = v.showWindow && gui.model.isOpen();
    if (wanted && v.loadedVersion != gui.model.version()) {
        v.loadedVersion = gui.model.version();
        try {
            v.load(geo::loadReturneeCounts(*gui.model.workspace()));
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({rt(Title), e.what()});
            v.load({});
        }
    }
    if (wanted) {
        try {
            v.refresh(gui.model.layer(MapLayer::Boundary), gui.model.layer(MapLayer::Districts), gui.model.layer(MapLayer::Villages));
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({rt(Title), e.what()});
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
    if (!ImGui::Begin(rt(Title), &v.showWindow)) {
        ImGui::End();
        return;
    }
    if (v.counts.total == 0) {
        ImGui::TextWrapped("%s", rt(NoRecords));
        ImGui::End();
        return;
    }
    ImGui::Checkbox(rt(ShowOnMap), &v.showOnMap);
    int areas = static_cast<int>(v.areas);
    const char* areaNames[] = {rt(Grid), rt(DistrictsP), rt(VillagesP)};
    const geo::Layer* villages = gui.model.layer(MapLayer::Villages);
    int areaChoices = villages && villages->kind == geo::GeomKind::Polygon ? 3 : 2;
    if (ImGui::Combo(rt(Areas), &areas, areaNames, areaChoices)) v.areas = static_cast<ReturneeAreas>(areas);
    if (v.areas == ReturneeAreas::Grid) ImGui::SliderFloat("##cell", &v.cellM, 100, 2000, rt(CellSize));
    ImGui::Checkbox(rt(PerKm2), &v.perKm2);
    int method = static_cast<int>(v.method);
    const char* methods[] = {rt(Quantiles), rt(Equal), rt(Natural), rt(Manual)};
    if (ImGui::Combo(rt(Method), &method, methods, 4)) v.method = static_cast<geo::ClassMethod>(method);
    ImGui::SliderInt(rt(ClassesP), &v.classes, 2, geo::kMaxClasses);
    if (v.method == geo::ClassMethod::Manual)
        for (int k = 0; k + 1 < v.classes; ++k) {
            ImGui::PushID(k);
            ImGui::InputFloat(rt(Limit), &v.manualLimits[static_cast<size_t>(k)], 1, 10, "%.1f");
            ImGui::PopID();
        }
    ImGui::SliderFloat(rt(OpacityP), &v.opacity, 0.2f, 1.0f, "%.2f");

    heading(rt(Dates));
    int range[2] = {v.fromDay, v.toDay};
    std::string from = geo::formatDay(v.counts.minDay + v.fromDay), to = geo::formatDay(v.counts.minDay + v.toDay);
    if (ImGui::SliderInt2("##days", range, 0, std::max(0, v.dayCount() - 1), "")) {
        v.fromDay = std::min(range[0], range[1]);
        v.toDay = std::max(range[0], range[1]);
    }
    ImGui::Text("%s .. %s", from.c_str(), to.c_str());
    ImGui::SameLine();
    if (ImGui::Button(v.playing ? rt(Pause) : rt(Play))) {
        v.playing = !v.playing;
        if (v.playing && v.toDay + 1 >= v.dayCount()) v.toDay = v.fromDay;
        v.lastStepTime = glfwGetTime();
    }

    heading(rt(Origins));
    for (size_t o = 0; o < v.counts.origins.size(); ++o) {
        bool shown = v.originShown[o] != 0;
        ImGui::PushStyleColor(ImGuiCol_CheckMark, originColor(o));
        if (ImGui::Checkbox(v.counts.origins[o].c_str(), &shown)) v.originShown[o] = shown ? 1 : 0;
        ImGui::PopStyleColor();
        if (o + 1 < v.counts.origins.size() && (o + 1) % 4 != 0) ImGui::SameLine();
    }
    if (v.isFilteredByVillage) ImGui::TextWrapped("%s", rt(FilterAtVillages));

    heading(rt(LegendP));
    ImGui::TextDisabled("%s", rt(NotForPublication));
    drawLegend(v, s);
    heading(rt(DistrictsP));
    drawDistrictTable(v);
    heading(rt(PerDay));
    drawChart(v, s);
    ImGui::End();
}

}  // namespace app
