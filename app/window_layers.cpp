// The layer panel: visibility and opacity per layer, and labels on/off.
#include <imgui.h>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/windows.hpp"

namespace app {

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
        ImGui::Separator();
        ImGui::Checkbox(tr("图例", "Legend"), &ui.showLegend);
        ImGui::TextDisabled("%s", tr("将数据文件拖入窗口即可导入", "Drop a data file on the window to import it"));
    }
    ImGui::End();
}

}  // namespace app
