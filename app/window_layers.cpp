// The layer panel: visibility and opacity per layer, and labels on/off.
#include <imgui.h>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/plan_state.hpp"
#include "app/windows.hpp"

namespace app {
namespace {

// One opacity slider per basemap, top of the drawing order first; stored in the workspace on release.
void drawBasemapRows(GuiContext& gui) {
    auto& basemaps = gui.ui.basemaps.basemaps();
    if (basemaps.empty()) return;
    ImGui::Separator();
    ImGui::TextUnformatted(tr("底图", "Basemaps"));
    for (size_t i = basemaps.size(); i-- > 0;) {
        geo::Basemap& b = basemaps[i];
        ImGui::PushID(static_cast<int>(b.id));
        ImGui::SetNextItemWidth(170 * gui.ui.contentScale);
        float percent = static_cast<float>(b.opacity * 100);
        if (ImGui::SliderFloat("##basemap", &percent, 0.0f, 100.0f, "%.0f%%")) b.opacity = percent / 100.0f;
        if (ImGui::IsItemDeactivatedAfterEdit()) gui.ui.basemaps.lookChanged(gui.model, b);
        ImGui::SameLine();
        ImGui::TextUnformatted(b.name.c_str());
        ImGui::PopID();
    }
}

}  // namespace

void drawLayersWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    const float s = ui.contentScale;
    placeNextWindow(Panel::Layers, s);
    if (ImGui::Begin(tr("图层", "Layers"), &ui.showLayers)) {
        // Top of the drawing order first, as in every GIS.
        const MapLayer order[] = {MapLayer::Villages, MapLayer::Roads, MapLayer::Districts, MapLayer::Boundary};
        if (ImGui::BeginTable("##layers", 2, ImGuiTableFlags_SizingFixedFit)) {
            for (size_t i = 0; i < 4; ++i) {
                LayerView& v = ui.layerViews[static_cast<size_t>(order[i])];
                ImGui::PushID(static_cast<int>(i));
                bool present = gui.model.hasLayer(order[i]);
                if (!present) ImGui::BeginDisabled();
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::Checkbox(mapLayerLabel(order[i]), &v.visible);
                ImGui::TableSetColumnIndex(1);
                if (present)
                    ImGui::TextDisabled("%zu %s", gui.model.layer(order[i])->featureCount(), tr("要素", "features"));
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::SetNextItemWidth(170 * s);
                float percent = v.opacity * 100.0f;
                if (ImGui::SliderFloat("##opacity", &percent, 0.0f, 100.0f, "%.0f%%")) v.opacity = percent / 100.0f;
                if (!present) ImGui::EndDisabled();
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        drawBasemapRows(gui);
        ImGui::Separator();
        if (gui.model.isOpen() && !ui.county) {  // the county view edits nothing
            // Drawing by hand: a township without a boundary file starts here.
            if (ImGui::Button(ui.edit.isOn ? tr("结束编辑图层", "Stop editing layers") : tr("编辑图层 (E)", "Edit layers (E)")))
                ui.edit.isOn = !ui.edit.isOn;
            if (!gui.model.hasBoundary())
                ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.1f, 1), "%s", tr("尚无镇界：请绘制", "No boundary yet: draw it"));
        }
        ImGui::Checkbox(tr("图例", "Legend"), &ui.showLegend);
        if (!ui.county) ImGui::TextDisabled("%s", tr("将数据文件拖入窗口即可导入", "Drop a data file on the window to import it"));
    }
    ImGui::End();
}

}  // namespace app
