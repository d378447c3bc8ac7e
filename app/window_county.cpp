// The county view's map marks and its figures window (app/county_view.hpp holds the data).
#include <algorithm>
#include <cstdio>
#include <imgui.h>

#include "app/county_view.hpp"
#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/platform.hpp"
#include "app/snapshot_overlay.hpp"
#include "app/windows.hpp"

namespace app {
namespace {

constexpr ImU32 kTownshipText = IM_COL32(60, 20, 70, 255);
constexpr ImU32 kBetweenFill = IM_COL32(40, 90, 220, 255);

ImVec2 onScreen(const UiState& ui, double x, double y) {
    ScreenPoint p = ui.camera.worldToScreen(x, y);
    float s = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
    return ImVec2(static_cast<float>(p.x) / s, static_cast<float>(p.y) / s);
}

bool isOffScreen(ImVec2 p, ImVec2 display, float margin) {
    return p.x < -margin || p.y < -margin || p.x > display.x + margin || p.y > display.y + margin;
}

// An entry between two townships: a blue diamond edged in white, apart from either township's marks.
void drawBetweenMark(ImDrawList& dl, ImVec2 p, float s) {
    const float r = 9 * s;
    const ImVec2 a(p.x, p.y - r), b(p.x + r, p.y), c(p.x, p.y + r), d(p.x - r, p.y);
    dl.AddQuadFilled(a, b, c, d, IM_COL32(255, 255, 255, 235));
    const float q = r - 2.5f * s;
    dl.AddQuadFilled(ImVec2(p.x, p.y - q), ImVec2(p.x + q, p.y), ImVec2(p.x, p.y + q), ImVec2(p.x - q, p.y), kBetweenFill);
    dl.AddLine(ImVec2(p.x - q * 0.5f, p.y), ImVec2(p.x + q * 0.5f, p.y), IM_COL32(255, 255, 255, 255), 2 * s);
}

// Fits the camera to a township's extent.
void showTownship(UiState& ui, const CountyTownship& t) {
    if (t.extent.isEmpty()) return;
    const float top = ImGui::GetFrameHeight() * ImGui::GetIO().DisplayFramebufferScale.y;
    ui.camera.fit(t.extent, 40.0 * ui.contentScale + top);
}

void figureCells(const geo::Figures& f) {
    ImGui::TableNextColumn();
    ImGui::Text("%d", f.checkpoints);
    ImGui::TableNextColumn();
    ImGui::Text("%d", f.closures);
    ImGui::TableNextColumn();
    const bool isShort = f.staffRequired > f.staffAvailable;
    ImGui::TextColored(isShort ? ImVec4(0.85f, 0.2f, 0.1f, 1) : ImVec4(0.1f, 0.45f, 0.2f, 1), "%d / %d", f.staffRequired,
                       f.staffAvailable);
    ImGui::TableNextColumn();
    const bool isOpen = f.entriesGuarded < f.entriesTotal;
    ImGui::TextColored(isOpen ? ImVec4(0.75f, 0.1f, 0.45f, 1) : ImVec4(0.1f, 0.45f, 0.2f, 1), "%d / %d", f.entriesGuarded,
                       f.entriesTotal);
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(f.returneesTotal));
}

}  // namespace

void drawCountyOverlay(GuiContext& gui) {
    UiState& ui = gui.ui;
    if (!ui.county) return;
    const CountySnapshot& county = ui.county->snapshot();
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    for (const CountyTownship& t : county.townships) {
        for (const CountyEntry& e : t.entries) {
            ImVec2 p = onScreen(ui, e.x, e.y);
            if (!isOffScreen(p, display, 20)) drawEntryMark(*dl, p, e.isGuarded, s);
        }
        for (const geo::Checkpoint& c : t.checkpoints) {
            ImVec2 p = onScreen(ui, c.x, c.y);
            if (!isOffScreen(p, display, 20)) drawCheckpointSymbol(*dl, p.x, p.y, c.kind, checkpointStatusColor(c, t.staffing), 6.5f * s, 1.5f);
        }
    }
    for (const CountyCrossing& b : county.between) {
        ImVec2 p = onScreen(ui, b.x, b.y);
        if (!isOffScreen(p, display, 20)) drawBetweenMark(*dl, p, s);
    }
    // Each township's name over its area, large, above the marks.
    ImFont* font = gui.fonts.labelLarge();
    for (const CountyTownship& t : county.townships) {
        if (t.extent.isEmpty()) continue;
        ImVec2 p = onScreen(ui, 0.5 * (t.extent.minX + t.extent.maxX), 0.5 * (t.extent.minY + t.extent.maxY));
        const float size = font->FontSize * 1.4f;
        ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0, t.name.c_str());
        ImVec2 at(p.x - ts.x / 2, p.y - ts.y / 2);
        const float r = std::max(1.0f, size / 12.0f);
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy)
                if (dx || dy)
                    dl->AddText(font, size, ImVec2(at.x + static_cast<float>(dx) * r, at.y + static_cast<float>(dy) * r),
                                IM_COL32(255, 255, 255, 225), t.name.c_str());
        dl->AddText(font, size, at, kTownshipText, t.name.c_str());
    }
}

void drawCountyWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    if (!ui.county) return;
    CountyView& view = *ui.county;
    const CountySnapshot& county = view.snapshot();
    const float s = ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = 640 * s;
    const PanelRect figures = panelRect(Panel::Figures, display.x, display.y, s);
    ImGui::SetNextWindowPos(ImVec2(display.x - width - 12 * s, figures.y), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_FirstUseEver);
    char title[96];
    std::snprintf(title, sizeof title, "%s###county", tr("全县形势", "County figures"));
    if (!ImGui::Begin(title, &ui.showFigures)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("%s %zu  ·  %s %zu", tr("乡镇", "Townships"), county.townships.size(), tr("镇间入口", "Entries between townships"),
                       county.between.size());
    view.rows.assign(county.townships.size(), {});
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("##county", 6, flags)) {
        ImGui::TableSetupColumn(tr("乡镇", "Township"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr("卡口", "Checkpoints"));
        ImGui::TableSetupColumn(tr("封路", "Closures"));
        ImGui::TableSetupColumn(tr("人员 需/有", "Staff req/avail"));
        ImGui::TableSetupColumn(tr("入口 已守/总", "Entries guarded/total"));
        ImGui::TableSetupColumn(tr("返乡人员", "Returnees"));
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < county.townships.size(); ++i) {
            const CountyTownship& t = county.townships[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            // The name spans the row: a click anywhere on it centres the map on the township.
            if (ImGui::Selectable(t.name.c_str(), view.selected == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns)) {
                view.selected = static_cast<int>(i);
                showTownship(ui, t);
            }
            const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            view.rows[i] = {min.x, min.y, max.x - min.x, max.y - min.y};
            ImGui::PopID();
            figureCells(t.figures);
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr("全县合计", "County total"));
        figureCells(county.total);
        ImGui::EndTable();
    }
    // The township chosen above, opened for planning in a window of its own (`cordon PG:... --township NAME`);
    // shown disabled until a row is chosen, so that the window's first size has room for it.
    const bool isChosen = view.selected >= 0 && static_cast<size_t>(view.selected) < county.townships.size();
    static const std::string kNone;  // a conditional with a temporary would copy the name every frame
    const std::string& name = isChosen ? county.townships[static_cast<size_t>(view.selected)].name : kNone;
    char label[256];
    std::snprintf(label, sizeof label, "%s %s", tr("打开编辑", "Open for planning:"),
                  isChosen ? name.c_str() : tr("(先点选乡镇)", "(choose a township above)"));
    ImGui::BeginDisabled(!isChosen);
    if (ImGui::Button(label)) {
        const std::vector<std::string> args{view.server(), "--township", name, "--lang",
                                            language() == Language::Chinese ? "zh" : "en"};
        if (!startProcess(executablePath(), args))
            ui.notices.push_back({tr("无法打开乡镇", "Cannot open the township"), executablePath().string()});
    }
    ImGui::EndDisabled();
    if (isChosen) {
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        view.openButton = {min.x, min.y, max.x - min.x, max.y - min.y};
    }
    if (!county.between.empty() && ImGui::CollapsingHeader(tr("镇间入口", "Entries between townships"))) {
        for (const CountyCrossing& b : county.between)
            ImGui::BulletText("%s → %s  %s", b.from.c_str(), b.to.c_str(), b.road.empty() ? "-" : b.road.c_str());
    }
    ImGui::End();
}

void collectCountyTexts(const UiState& ui, std::vector<std::string_view>& out) {
    if (!ui.county) return;
    const CountySnapshot& county = ui.county->snapshot();
    for (const CountyTownship& t : county.townships) out.push_back(t.name);
    for (const CountyCrossing& b : county.between) {
        out.push_back(b.from);
        out.push_back(b.to);
        out.push_back(b.road);
    }
    out.push_back("→·");
}

}  // namespace app
