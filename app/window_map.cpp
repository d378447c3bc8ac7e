// The map under every window: pan, zoom, labels, scale bar and the cursor read-out.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app/i18n.hpp"
#include "app/panel_layout.hpp"
#include "app/windows.hpp"

namespace app {
namespace {

constexpr ImU32 kHalo = IM_COL32(255, 255, 255, 215);
constexpr ImU32 kDistrictText = IM_COL32(72, 52, 90, 255);
constexpr ImU32 kVillageText = IM_COL32(38, 38, 42, 255);

void haloText(ImDrawList* dl, ImFont* font, float size, ImVec2 p, ImU32 color, const char* b, const char* e) {
    const float r = std::max(1.0f, size / 12.0f);
    for (int dx = -1; dx <= 1; ++dx)
        for (int dy = -1; dy <= 1; ++dy)
            if (dx || dy) dl->AddText(font, size, ImVec2(p.x + static_cast<float>(dx) * r, p.y + static_cast<float>(dy) * r), kHalo, b, e);
    dl->AddText(font, size, p, color, b, e);
}

// 1, 2 or 5 times a power of ten, at most `limit`.
double niceLength(double limit) {
    double p = std::pow(10.0, std::floor(std::log10(limit)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= limit) return m * p;
    return p;
}

void drawLabels(GuiContext& gui, float fbScale) {
    UiState& ui = gui.ui;
    MapOverlayCache& cache = ui.overlay;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    cache.placer.clear();
    const auto& views = ui.layerViews;
    bool showDistricts = views[size_t(MapLayer::Districts)].visible;
    bool showVillages = views[size_t(MapLayer::Villages)].visible;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    for (const LabelAnchor& a : cache.anchors) {
        if (a.isDistrict ? !showDistricts : !showVillages) continue;
        ScreenPoint s = ui.camera.worldToScreen(a.x, a.y);
        float x = static_cast<float>(s.x) / fbScale, y = static_cast<float>(s.y) / fbScale;
        if (x < -200 || y < -50 || x > display.x + 200 || y > display.y + 50) continue;
        ImFont* font = a.isDistrict ? gui.fonts.labelLarge() : gui.fonts.label();
        float size = font->FontSize;
        const char* b = cache.text.data() + a.textBegin;
        const char* e = cache.text.data() + a.textEnd;
        ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0, b, e);
        const float pad = 2.0f * ui.contentScale;
        if (a.isPoint) {
            // Beside the dot: right, left, above, below; the dot itself is kept clear.
            float dot = 5.0f * ui.contentScale;
            const ImVec2 offsets[] = {{dot + pad, -ts.y / 2}, {-dot - pad - ts.x, -ts.y / 2},
                                      {-ts.x / 2, -dot - ts.y}, {-ts.x / 2, dot}};
            for (const ImVec2& o : offsets) {
                LabelBox box{x + o.x - pad, y + o.y - pad, x + o.x + ts.x + pad, y + o.y + ts.y + pad};
                if (cache.placer.tryPlace(box)) {
                    haloText(dl, font, size, ImVec2(x + o.x, y + o.y), kVillageText, b, e);
                    break;
                }
            }
        } else {
            LabelBox box{x - ts.x / 2 - pad, y - ts.y / 2 - pad, x + ts.x / 2 + pad, y + ts.y / 2 + pad};
            if (cache.placer.tryPlace(box))
                haloText(dl, font, size, ImVec2(x - ts.x / 2, y - ts.y / 2), a.isDistrict ? kDistrictText : kVillageText, b, e);
        }
    }
}

// The selected district's outline, traced in screen space on top of the map.
void drawSelection(GuiContext& gui, float fbScale) {
    const UiState& ui = gui.ui;
    const geo::Layer* d = gui.model.layer(MapLayer::Districts);
    if (!d || ui.selectedDistrict < 0 || static_cast<size_t>(ui.selectedDistrict) >= d->featureCount()) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    size_t f = static_cast<size_t>(ui.selectedDistrict);
    for (size_t r = d->partStart[d->featureStart[f]]; r < d->partStart[d->featureStart[f + 1]]; ++r) {
        for (size_t v = d->ringStart[r]; v < d->ringStart[r + 1]; ++v) {
            ScreenPoint p = ui.camera.worldToScreen(d->xy[2 * v], d->xy[2 * v + 1]);
            dl->PathLineTo(ImVec2(static_cast<float>(p.x) / fbScale, static_cast<float>(p.y) / fbScale));
        }
        dl->PathStroke(IM_COL32(40, 90, 200, 230), ImDrawFlags_Closed, 3.0f * ui.contentScale);
    }
}

void drawScaleBar(GuiContext& gui, float fbScale) {
    const UiState& ui = gui.ui;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = ui.contentScale;
    double metersPerPoint = ui.camera.unitsPerPixel * fbScale;
    double meters = niceLength(150.0 * s * metersPerPoint);
    float length = static_cast<float>(meters / metersPerPoint);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    float statusHeight = ui.showStatusBar ? ImGui::GetFrameHeight() + 4 * s : 0;
    // Right of the docked left column (layers and legend), so no window hides it.
    const PanelRect legend = panelRect(Panel::Legend, display.x, display.y, s);
    ImVec2 origin((gui.ui.showLegend || gui.ui.showLayers ? legend.x + legend.w : 0) + 16 * s, display.y - statusHeight - 18 * s);
    float h = 6 * s;
    dl->AddRectFilled(ImVec2(origin.x - 8 * s, origin.y - 28 * s), ImVec2(origin.x + length + 56 * s, origin.y + h + 8 * s),
                      IM_COL32(255, 255, 255, 200), 4 * s);
    for (int i = 0; i < 4; ++i) {
        float x0 = origin.x + length * static_cast<float>(i) / 4, x1 = origin.x + length * static_cast<float>(i + 1) / 4;
        dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x1, origin.y + h), i % 2 ? IM_COL32(255, 255, 255, 255) : IM_COL32(40, 40, 40, 255));
    }
    dl->AddRect(ImVec2(origin.x, origin.y), ImVec2(origin.x + length, origin.y + h), IM_COL32(40, 40, 40, 255), 0, 0, 1.0f * s);
    char text[32];
    if (meters >= 1000) std::snprintf(text, sizeof text, "%g %s", meters / 1000, tr("千米", "km"));
    else std::snprintf(text, sizeof text, "%g %s", meters, tr("米", "m"));
    ImFont* font = gui.fonts.ui();
    dl->AddText(font, font->FontSize, ImVec2(origin.x, origin.y - font->FontSize - 4 * s), IM_COL32(30, 30, 30, 255), "0");
    ImVec2 ts = font->CalcTextSizeA(font->FontSize, 1e9f, 0, text);
    dl->AddText(font, font->FontSize, ImVec2(origin.x + length - ts.x / 2, origin.y - font->FontSize - 4 * s),
                IM_COL32(30, 30, 30, 255), text);
}

void drawStatusBar(GuiContext& gui) {
    UiState& ui = gui.ui;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    float h = ImGui::GetFrameHeight() + 4 * ui.contentScale;
    ImGui::SetNextWindowPos(ImVec2(0, display.y - h));
    ImGui::SetNextWindowSize(ImVec2(display.x, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * ui.contentScale, 2 * ui.contentScale));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));  // else 32 px tall: its bottom off the screen
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::AlignTextToFramePadding();
    if (!gui.model.isOpen()) {
        ImGui::TextUnformatted(tr("未打开工作空间", "No workspace open"));
    } else {
        double lon = 0, lat = 0;
        if (ui.cursorOnMap && gui.model.toLonLat(ui.cursorX, ui.cursorY, lon, lat))
            ImGui::Text("%s  %.6f°%s  %.6f°%s   |   %.1f E  %.1f N", tr("光标", "Cursor"), std::fabs(lon),
                        lon >= 0 ? "E" : "W", std::fabs(lat), lat >= 0 ? "N" : "S", ui.cursorX, ui.cursorY);
        else
            ImGui::TextUnformatted(tr("光标", "Cursor"));
        ImGui::SameLine(0, 24 * ui.contentScale);
        // Map scale at 96 dpi logical pixels.
        double scale = ui.camera.unitsPerPixel * ImGui::GetIO().DisplayFramebufferScale.x / 0.0254 * 96;
        ImGui::TextDisabled("|");
        ImGui::SameLine(0, 24 * ui.contentScale);
        ImGui::Text("%s 1 : %.0f", tr("比例尺", "Scale"), scale);
        if (ui.selectedDistrict >= 0) {
            std::string_view name = gui.model.featureName(MapLayer::Districts, static_cast<size_t>(ui.selectedDistrict));
            ImGui::SameLine(0, 24 * ui.contentScale);
            ImGui::TextDisabled("|");
            ImGui::SameLine(0, 24 * ui.contentScale);
            ImGui::Text("%s %.*s", tr("片区", "District"), static_cast<int>(name.size()), name.data());
        }
        // The working CRS, right-aligned when there is room.
        char crs[160];
        std::snprintf(crs, sizeof crs, "%s  %s", tr("工作坐标系", "Working CRS"), ui.overlay.crsLine.c_str());
        float width = ImGui::CalcTextSize(crs).x;
        float right = ImGui::GetWindowContentRegionMax().x - width;
        ImGui::SameLine(0, 24 * ui.contentScale);
        if (right > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(right);
        ImGui::TextUnformatted(crs);
    }
    ImGui::End();
    ImGui::PopStyleVar(3);
}

}  // namespace

void handleMapInput(GuiContext& gui) {
    UiState& ui = gui.ui;
    ImGuiIO& io = ImGui::GetIO();
    const float fbScale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
    bool mouseOnMap = !io.WantCaptureMouse && ImGui::IsMousePosValid();
    ui.cursorOnMap = mouseOnMap;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left) && !ImGui::IsMouseDown(ImGuiMouseButton_Middle)) ui.isPanning = false;
    if (mouseOnMap) {
        double sx = io.MousePos.x * fbScale, sy = io.MousePos.y * fbScale;
        ui.camera.screenToWorld(sx, sy, ui.cursorX, ui.cursorY);
        if (io.MouseWheel != 0) ui.camera.zoomAbout(sx, sy, std::pow(1.25, static_cast<double>(io.MouseWheel)));
        // A drag pans from the frame after the press, so the jump to the press point never counts;
        // a plan gesture (add, move, box select) that owns the left button stops the pan.
        if ((ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !ui.leftDragCaptured) ||
            ImGui::IsMouseClicked(ImGuiMouseButton_Middle))
            ui.isPanning = true;
        else if (ui.isPanning && !(ui.leftDragCaptured && !ImGui::IsMouseDown(ImGuiMouseButton_Middle)))
            ui.camera.panPixels(io.MouseDelta.x * fbScale, io.MouseDelta.y * fbScale);
        // A click that did not drag selects the district under the pointer (or clears it).
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f) {
            ui.selectedDistrict = -1;
            if (const geo::Layer* d = gui.model.layer(MapLayer::Districts))
                for (size_t f = 0; f < d->featureCount(); ++f)
                    if (geo::featureContains(*d, f, ui.cursorX, ui.cursorY)) ui.selectedDistrict = static_cast<int>(f);
        }
    }
    if (!io.WantCaptureKeyboard) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home)) || ImGui::IsKeyPressed('F')) ui.fitRequested = true;
        if (ImGui::IsKeyPressed('=') || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)))
            ui.camera.zoomAbout(ui.camera.widthPx / 2.0, ui.camera.heightPx / 2.0, 1.5);
        if (ImGui::IsKeyPressed('-')) ui.camera.zoomAbout(ui.camera.widthPx / 2.0, ui.camera.heightPx / 2.0, 1 / 1.5);
    }
}

void drawMapOverlay(GuiContext& gui) {
    UiState& ui = gui.ui;
    if (ui.overlay.version != gui.model.version()) ui.overlay.rebuild(gui.model);
    const float fbScale = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
    drawSelection(gui, fbScale);
    if (ui.showLabels) drawLabels(gui, fbScale);
    if (gui.model.isOpen()) drawScaleBar(gui, fbScale);
    if (ui.showStatusBar) drawStatusBar(gui);
}

}  // namespace app
