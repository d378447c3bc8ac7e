// The georeference window: a scanned paper map in a pane (wheel zooms, right-drag pans); a click on
// the scan and then on the map (or typed X/Y or lon/lat) makes a control point; the residuals and
// RMS follow each change; "Warp & add" warps on a worker thread and adds the scan as a basemap.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <optional>

#include "app/i18n.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

constexpr int kPreviewSide = 2048;  // texels a side of the scan's preview texture
constexpr geo::GeorefMethod kMethods[] = {geo::GeorefMethod::Auto, geo::GeorefMethod::Polynomial1,
                                          geo::GeorefMethod::Polynomial2, geo::GeorefMethod::ThinPlateSpline};
constexpr ImU32 kPointColour = IM_COL32(220, 30, 60, 255);
constexpr ImU32 kPendingColour = IM_COL32(255, 150, 0, 255);

bool isReady(const auto& future) {
    return future.valid() && future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

void refit(GeorefView& g) {
    g.isFitStale = false;
    g.hasFit = false;
    g.fitProblem.clear();
    if (g.points.size() < 3) {
        char text[160];
        std::snprintf(text, sizeof text, tr("还需 %zu 个控制点（至少 3 个）", "%zu more control points needed (3 at least)"),
                      3 - g.points.size());
        g.fitProblem = text;
        return;
    }
    try {
        g.fit = geo::fitControlPoints(g.points, kMethods[g.method]);
        g.hasFit = true;
    } catch (const geo::Error& e) {
        g.fitProblem = e.what();
    }
}

void crossAt(ImDrawList* dl, ImVec2 p, ImU32 colour, float size, int number) {
    dl->AddLine(ImVec2(p.x - size, p.y), ImVec2(p.x + size, p.y), colour, 2);
    dl->AddLine(ImVec2(p.x, p.y - size), ImVec2(p.x, p.y + size), colour, 2);
    if (number > 0) {
        char text[16];
        std::snprintf(text, sizeof text, "%d", number);
        dl->AddText(ImVec2(p.x + size * 0.6f, p.y - size * 1.6f), colour, text);
    }
}

// Polls the preview being read and the warp in progress.
void collectJobs(GuiContext& gui) {
    GeorefView& g = gui.ui.georef;
    if (isReady(g.loading)) {
        try {
            geo::ScanPreview preview = g.loading.get();
            gui.renderer.setScanPicture(preview.image);
            g.scanWidth = preview.width;
            g.scanHeight = preview.height;
            g.hasPicture = true;
            g.zoom = 0;
        } catch (const geo::Error& e) {
            g.hasPicture = false;
            gui.ui.notices.push_back({tr("无法打开扫描图", "Cannot open the scan"), e.what()});
        }
    }
    if (isReady(g.warping)) {
        try {
            const geo::GeorefResult r = g.warping.get();
            char text[512];
            std::snprintf(text, sizeof text, tr("底图“%s”已%s（RMS %.2f 像素，%.2f 米）", "Basemap '%s' %s (RMS %.2f px, %.2f m)"),
                          r.basemap.name.c_str(), r.replaced ? tr("替换", "replaced") : tr("添加", "added"), r.fit.rmsPixels,
                          r.fit.rmsMetres);
            g.status = text;
            gui.ui.basemaps.reload();
        } catch (const geo::Error& e) {
            g.status.clear();
            gui.ui.notices.push_back({tr("配准失败", "Georeferencing failed"), e.what()});
        }
    }
}

// The scan, zoomed and panned; a left click without a drag picks a scan point.
void drawScanPane(GuiContext& gui, ImVec2 size) {
    GeorefView& g = gui.ui.georef;
    ImGui::BeginChild("scan", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (!g.hasPicture) {
        ImGui::TextDisabled("%s", g.loading.valid() ? tr("正在读取扫描图……", "Reading the scan…")
                                                   : tr("打开一张扫描的纸质地图（JPEG、PNG、TIFF）", "Open a scanned paper map (JPEG, PNG, TIFF)"));
        ImGui::EndChild();
        return;
    }
    if (g.zoom <= 0) {  // fit the whole scan
        g.zoom = std::min(avail.x / static_cast<float>(g.scanWidth), avail.y / static_cast<float>(g.scanHeight));
        g.viewPixel = g.viewLine = 0;
    }
    // True on the release of a press that began on the pane (not one that closed a popup above it).
    const bool isClicked =
        ImGui::InvisibleButton("scan-canvas", avail, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    g.paneX = origin.x;
    g.paneY = origin.y;
    g.paneW = avail.x;
    g.paneH = avail.y;
    const ImGuiIO& io = ImGui::GetIO();
    auto toScreen = [&](double pixel, double line) {
        return ImVec2(origin.x + static_cast<float>((pixel - g.viewPixel) * g.zoom), origin.y + static_cast<float>((line - g.viewLine) * g.zoom));
    };
    const double mousePixel = g.viewPixel + (io.MousePos.x - origin.x) / g.zoom;
    const double mouseLine = g.viewLine + (io.MousePos.y - origin.y) / g.zoom;
    if (ImGui::IsItemHovered()) {
        if (io.MouseWheel != 0) {
            const double factor = std::pow(1.25, static_cast<double>(io.MouseWheel));
            g.zoom *= factor;
            g.viewPixel = mousePixel - (mousePixel - g.viewPixel) / factor;
            g.viewLine = mouseLine - (mouseLine - g.viewLine) / factor;
        }
        if (isClicked && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f && mousePixel >= 0 &&
            mouseLine >= 0 && mousePixel <= g.scanWidth && mouseLine <= g.scanHeight) {
            g.pendingPixel = mousePixel;
            g.pendingLine = mouseLine;
            g.isAwaitingMap = true;
        }
    }
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Left, 6))) {
        g.viewPixel -= io.MouseDelta.x / g.zoom;
        g.viewLine -= io.MouseDelta.y / g.zoom;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(gui.renderer.scanPictureTexture())), toScreen(0, 0),
                 toScreen(g.scanWidth, g.scanHeight));
    const float s = gui.ui.contentScale;
    for (size_t i = 0; i < g.points.size(); ++i)
        crossAt(dl, toScreen(g.points[i].pixel, g.points[i].line), kPointColour, 8 * s, static_cast<int>(i + 1));
    if (g.isAwaitingMap) crossAt(dl, toScreen(g.pendingPixel, g.pendingLine), kPendingColour, 10 * s, 0);
    ImGui::EndChild();
}

void addPoint(GeorefView& g, double x, double y) {
    g.points.push_back({g.pendingPixel, g.pendingLine, x, y});
    g.isAwaitingMap = false;
    g.isFitStale = true;
    g.typedX[0] = g.typedY[0] = '\0';
}

// X/Y (working CRS) or lon/lat typed for the pending scan point.
void drawTypedPoint(GuiContext& gui) {
    GeorefView& g = gui.ui.georef;
    const float w = 130 * gui.ui.contentScale;
    ImGui::SetNextItemWidth(w);
    ImGui::InputText(g.typedLonLat ? tr("经度", "Lon") : "X", g.typedX, sizeof g.typedX, ImGuiInputTextFlags_CharsScientific);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::InputText(g.typedLonLat ? tr("纬度", "Lat") : "Y", g.typedY, sizeof g.typedY, ImGuiInputTextFlags_CharsScientific);
    ImGui::SameLine();
    ImGui::Checkbox(tr("经纬度", "lon/lat"), &g.typedLonLat);
    ImGui::SameLine();
    ImGui::BeginDisabled(!g.isAwaitingMap || !g.typedX[0] || !g.typedY[0]);
    if (ImGui::Button(tr("添加", "Add"))) {
        char* endX = nullptr;
        char* endY = nullptr;
        const double a = std::strtod(g.typedX, &endX), b = std::strtod(g.typedY, &endY);
        try {
            if (*endX || *endY) throw geo::Error(tr("坐标不是数字", "the coordinates are not numbers"));
            if (g.typedLonLat) {
                const geo::ControlPoint p = geo::controlPointFromLonLat(g.pendingPixel, g.pendingLine, a, b, gui.model.workingEpsg());
                addPoint(g, p.x, p.y);
            } else {
                addPoint(g, a, b);
            }
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({tr("控制点", "Control point"), e.what()});
        }
    }
    ImGui::EndDisabled();
}

void drawPointTable(GeorefView& g) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("gcps", 8, flags)) return;
    for (const char* h : {"#", tr("列", "Pixel"), tr("行", "Line"), "X", "Y", tr("残差 像素", "Residual px"), tr("残差 米", "Residual m"), ""})
        ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    size_t removed = g.points.size();
    for (size_t i = 0; i < g.points.size(); ++i) {
        const geo::ControlPoint& p = g.points[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%zu", i + 1);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", p.pixel);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", p.line);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", p.x);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", p.y);
        ImGui::TableNextColumn();
        if (g.hasFit) ImGui::Text("%.2f", g.fit.residuals[i].pixels);
        ImGui::TableNextColumn();
        if (g.hasFit) ImGui::Text("%.2f", g.fit.residuals[i].metres);
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(tr("删除", "Delete"))) removed = i;
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (removed < g.points.size()) {
        g.points.erase(g.points.begin() + static_cast<std::ptrdiff_t>(removed));
        g.isFitStale = true;
    }
}

void startWarp(GuiContext& gui) {
    GeorefView& g = gui.ui.georef;
    geo::GeorefRequest request;
    request.workspacePath = gui.model.path().string();
    request.scanFile = g.shownPath;
    request.name = g.name;
    request.kind = g.link ? geo::BasemapKind::Link : geo::BasemapKind::Embed;
    request.points = g.points;
    request.method = kMethods[g.method];
    g.status = tr("正在校正……", "Warping…");
    g.warping = std::async(std::launch::async, [request] { return geo::georeferenceScan(request); });
}

// A basemap georeferenced before: its scan, GCPs and transform back in the window, to adjust and warp again.
void drawReopenCombo(GuiContext& gui) {
    geo::Workspace* ws = gui.model.workspace();
    if (!ws || gui.ui.basemaps.basemaps().empty()) return;
    ImGui::SetNextItemWidth(260 * gui.ui.contentScale);
    if (!ImGui::BeginCombo("##reopen", tr("调整已配准的扫描图……", "Adjust a georeferenced scan…"))) return;
    GeorefView& g = gui.ui.georef;
    if (ImGui::IsWindowAppearing()) {  // the list's first frame: which basemaps are scans, read once
        g.reopenable.clear();
        for (const geo::Basemap& b : gui.ui.basemaps.basemaps()) {
            try {
                if (auto scan = geo::basemapControlPoints(ws->db(), b.id)) g.reopenable.push_back({b, std::move(*scan)});
            } catch (const geo::Error&) {
            }
        }
    }
    for (size_t i = 0; i < g.reopenable.size(); ++i) {
        if (!ImGui::Selectable(g.reopenable[i].basemap.name.c_str())) continue;
        const GeorefView::Reopenable chosen = g.reopenable[i];  // startGeorefScan may change the view
        startGeorefScan(gui, chosen.scan.scanFile);
        std::snprintf(g.name, sizeof g.name, "%s", chosen.basemap.name.c_str());
        g.points = chosen.scan.points;
        g.method = 0;
        for (int m = 0; m < IM_ARRAYSIZE(kMethods); ++m)
            if (kMethods[m] == chosen.scan.method) g.method = m;
        g.link = chosen.basemap.kind == geo::BasemapKind::Link;
        g.isFitStale = true;
        break;
    }
    ImGui::EndCombo();
}

}  // namespace

void startGeorefScan(GuiContext& gui, const std::string& path) {
    GeorefView& g = gui.ui.georef;
    g.isOpen = true;
    std::snprintf(g.scanPath, sizeof g.scanPath, "%s", path.c_str());
    if (g.name[0] == '\0' || g.shownPath != path)
        std::snprintf(g.name, sizeof g.name, "%s", std::filesystem::path(path).stem().string().c_str());
    if (g.shownPath != path) {
        g.points.clear();
        g.isAwaitingMap = false;
        g.isFitStale = true;
    }
    g.shownPath = path;
    g.hasPicture = false;
    g.loading = std::async(std::launch::async, [path] { return geo::readScanPreview(path, kPreviewSide); });
}

bool handleGeorefMapInput(GuiContext& gui) {
    GeorefView& g = gui.ui.georef;
    const ImGuiIO& io = ImGui::GetIO();
    if (!g.isOpen || !g.isAwaitingMap || io.WantCaptureMouse || !gui.ui.cursorOnMap) return false;
    if (!ImGui::IsMouseReleased(ImGuiMouseButton_Left) || io.MouseDragMaxDistanceSqr[0] >= 16.0f) return false;
    addPoint(g, gui.ui.cursorX, gui.ui.cursorY);
    return true;
}

void drawGeorefOverlay(GuiContext& gui) {
    const GeorefView& g = gui.ui.georef;
    if (!g.isOpen || g.points.empty()) return;
    const float fbScale = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    for (size_t i = 0; i < g.points.size(); ++i) {
        const ScreenPoint p = gui.ui.camera.worldToScreen(g.points[i].x, g.points[i].y);
        crossAt(dl, ImVec2(static_cast<float>(p.x) / fbScale, static_cast<float>(p.y) / fbScale), kPointColour,
                9 * gui.ui.contentScale, static_cast<int>(i + 1));
    }
}

void drawGeorefWindow(GuiContext& gui) {
    GeorefView& g = gui.ui.georef;
    collectJobs(gui);
    if (!g.isOpen) return;
    const float s = gui.ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(std::max(0.0f, display.x - 740 * s), 70 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(720 * s, 760 * s), ImGuiCond_FirstUseEver);
    char title[96];
    std::snprintf(title, sizeof title, "%s###georef", tr("扫描图配准", "Georeference a scan"));
    if (!ImGui::Begin(title, &g.isOpen)) {
        ImGui::End();
        return;
    }
    ImGui::SetNextItemWidth(-90 * s);
    const bool entered = ImGui::InputText("##scan", g.scanPath, sizeof g.scanPath, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(tr("打开", "Open")) || entered) && g.scanPath[0]) startGeorefScan(gui, g.scanPath);
    drawReopenCombo(gui);
    drawScanPane(gui, ImVec2(0, 360 * s));
    if (g.isAwaitingMap) {
        ImGui::TextColored(ImVec4(0.9f, 0.5f, 0, 1), "%s (%.1f, %.1f)",
                           tr("再在地图上点击同一地点，或输入其坐标", "Now click the same place on the map, or type its coordinates"),
                           g.pendingPixel, g.pendingLine);
    } else {
        ImGui::TextDisabled("%s", tr("在扫描图上点击一个可辨认的地点（路口、桥、村口）；滚轮缩放，右键拖动",
                                     "Click a place you can recognise on the scan (a crossing, bridge, village gate); wheel zooms, right-drag pans"));
    }
    drawTypedPoint(gui);
    if (g.isFitStale) refit(g);
    drawPointTable(g);
    if (g.hasFit)
        ImGui::Text("RMS %.2f %s, %.2f %s (%s %s)", g.fit.rmsPixels, tr("像素", "px"), g.fit.rmsMetres, tr("米", "m"),
                    tr("阶数", "order"), geo::georefMethodName(g.fit.method));
    else
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", g.fitProblem.c_str());
    ImGui::SetNextItemWidth(200 * s);
    ImGui::InputText(tr("名称", "Name"), g.name, sizeof g.name);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140 * s);
    const char* methods[] = {tr("自动", "auto"), tr("一阶", "order 1"), tr("二阶", "order 2"), tr("薄板样条", "thin-plate spline")};
    if (ImGui::Combo(tr("变换", "Transform"), &g.method, methods, IM_ARRAYSIZE(methods))) g.isFitStale = true;
    ImGui::SameLine();
    ImGui::Checkbox(tr("链接（不嵌入）", "Link (not embedded)"), &g.link);
    const bool isBusy = g.warping.valid();
    ImGui::BeginDisabled(!g.hasFit || isBusy || !gui.model.isOpen() || (gui.model.workspace() && gui.model.workspace()->isReadOnly()));
    if (ImGui::Button(tr("校正并添加为底图", "Warp & add as basemap"))) startWarp(gui);
    ImGui::EndDisabled();
    g.warpX = ImGui::GetItemRectMin().x;
    g.warpY = ImGui::GetItemRectMin().y;
    g.warpW = ImGui::GetItemRectSize().x;
    g.warpH = ImGui::GetItemRectSize().y;
    if (!g.status.empty()) {
        ImGui::SameLine();
        ImGui::TextUnformatted(g.status.c_str());
    }
    ImGui::End();
}

void collectGeorefTexts(const UiState& ui, std::vector<std::string_view>& out) {
    out.push_back(ui.georef.scanPath);
    out.push_back(ui.georef.name);
    out.push_back(ui.georef.fitProblem);
    out.push_back(ui.georef.status);
}

}  // namespace app
