// "Export snapshot": the same PNG as `cordon render`, from the open workspace, with a preview of
// the page's layout; drawn with the window's GL context.
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "app/briefing.hpp"
#include "app/snapshot.hpp"
#include "geo/io/output_file.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"
#include "geo/render/png_writer.hpp"

namespace app {
namespace {

geo::PageSize dialogPage(const SnapshotDialogState& d) {
    if (d.pageKind == 0) return geo::pageFromPixels(std::to_string(d.width) + "x" + std::to_string(d.height));
    return geo::pageFromPaper(d.pageKind == 1 ? "A4" : "A3", d.isLandscape, d.dpi);
}

// The page's boxes, scaled into the dialog: where the map, title, legend and figures will go.
void drawLayoutPreview(const geo::PageLayout& l) {
    const float previewW = 320 * ImGui::GetIO().FontGlobalScale;
    const float s = previewW / static_cast<float>(std::max(l.width, l.height));
    const ImVec2 size(static_cast<float>(l.width) * s, static_cast<float>(l.height) * s);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto box = [&](const geo::Rect& r, ImU32 fill, ImU32 edge) {
        const ImVec2 a(o.x + static_cast<float>(r.x) * s, o.y + static_cast<float>(r.y) * s);
        const ImVec2 b(o.x + static_cast<float>(r.right()) * s, o.y + static_cast<float>(r.bottom()) * s);
        dl->AddRectFilled(a, b, fill);
        dl->AddRect(a, b, edge);
    };
    const bool isBriefing = l.style == geo::LayoutStyle::Briefing;
    box({0, 0, double(l.width), double(l.height)}, isBriefing ? IM_COL32(24, 33, 43, 255) : IM_COL32(255, 255, 255, 255),
        IM_COL32(120, 120, 120, 255));
    box(l.mapFrame, IM_COL32(226, 229, 231, 255), IM_COL32(60, 60, 60, 255));
    box(l.titleBox, IM_COL32(90, 90, 90, 120), 0);
    box(l.legendBox, IM_COL32(200, 215, 235, 255), IM_COL32(120, 120, 120, 255));
    box(l.figuresBox, IM_COL32(235, 220, 200, 255), IM_COL32(120, 120, 120, 255));
    box(l.scaleBarBox, IM_COL32(40, 40, 40, 200), 0);
    box(l.northArrowBox, IM_COL32(40, 40, 40, 200), 0);
    ImGui::Dummy(size);
}

void exportSnapshot(GuiContext& gui, const geo::PageSize& page) {
    SnapshotDialogState& d = gui.ui.snapshotDialog;
    SnapshotData data = loadSnapshotData(*gui.model.workspace());
    SnapshotRequest request;
    request.out = d.path;
    // Never over the open workspace, another one, or a file that is not a PNG.
    geo::checkOutputTarget(request.out, geo::OutputKind::Png, false, gui.model.workspace()->path());
    request.page = page;
    request.style = d.isBriefing ? geo::LayoutStyle::Briefing : geo::LayoutStyle::Report;
    request.title = d.title[0] ? std::string(d.title)
                               : defaultTitle(gui.model.workspace()->meta("title"), data.townshipName, data.workspaceName);
    // The scenario being planned, with its numbered checkpoints, open entries and figures.
    if (gui.ui.plan.isOpen()) loadSnapshotScenario(*gui.model.workspace(), gui.ui.plan.scenario().name, data);
    request.scenarioName = data.scenarioName.empty() ? "空白方案 Empty plan" : data.scenarioName;
    request.date = todayText();
    request.figures = snapshotFigures(data, request.scenarioName);
    request.sources = dataSources(*gui.model.workspace());
    request.useCurrentContext = true;
    const SnapshotResult r = renderSnapshot(data, request);
    d.lastResult = "wrote " + request.out.string() + " (" + std::to_string(r.width) + " x " + std::to_string(r.height) + ")";
}

}  // namespace

void drawSnapshotDialog(GuiContext& gui) {
    SnapshotDialogState& d = gui.ui.snapshotDialog;
    ImGui::SetNextWindowSize(ImVec2(380 * ImGui::GetIO().FontGlobalScale + 40, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("导出图片 Export snapshot", &d.isOpen)) {
        ImGui::End();
        return;
    }
    ImGui::InputText("File (.png)", d.path, sizeof d.path);
    ImGui::InputText("Title", d.title, sizeof d.title);
    ImGui::RadioButton("Pixels", &d.pageKind, 0);
    ImGui::SameLine();
    ImGui::RadioButton("A4", &d.pageKind, 1);
    ImGui::SameLine();
    ImGui::RadioButton("A3", &d.pageKind, 2);
    if (d.pageKind == 0) {
        ImGui::InputInt("Width", &d.width, 0);
        ImGui::InputInt("Height", &d.height, 0);
    } else {
        ImGui::Checkbox("Landscape", &d.isLandscape);
        ImGui::InputInt("dpi", &d.dpi, 0);
    }
    ImGui::Checkbox("Briefing layout", &d.isBriefing);
    std::string problem;
    geo::PageSize page;
    try {
        page = dialogPage(d);
        if (std::filesystem::path(d.path).extension() != ".png") problem = "the file must end in .png";
        else geo::checkOutputFolder(d.path);
    } catch (const geo::Error& e) {
        problem = e.what();
    }
    if (problem.empty()) {
        ImGui::Text("%d x %d pixels at %.0f dpi", page.width, page.height, page.dpi);
        drawLayoutPreview(geo::layoutPage(page, d.isBriefing ? geo::LayoutStyle::Briefing : geo::LayoutStyle::Report));
        if (ImGui::Button("Export") && gui.model.isOpen()) {
            try {
                exportSnapshot(gui, page);
            } catch (const geo::Error& e) {
                gui.ui.notices.push_back({"Snapshot not written", e.what()});
            }
        }
    } else {
        ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1), "%s", problem.c_str());
    }
    if (!d.lastResult.empty()) ImGui::TextWrapped("%s", d.lastResult.c_str());
    ImGui::End();
}

}  // namespace app
