// The briefing view: full screen, read-only, large type sized by the screen's height; the map
// with title, scenario and date, figure cards, legend, scale bar and north arrow. Keyboard only.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "app/briefing.hpp"
#include "app/snapshot.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/scenario_store.hpp"

namespace app {
namespace {

bool pressed(int key) { return ImGui::IsKeyPressed(key, false); }

// The page the briefing lays out: the screen, in ImGui's display units.
geo::PageSize screenPage() {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    geo::PageSize page;
    page.width = std::max(16, static_cast<int>(size.x));
    page.height = std::max(16, static_cast<int>(size.y));
    return page;
}

}  // namespace

// The layers (when the model changed), the store's scenario list (when the plan changed) and
// the shown scenario's checkpoints and figures (when either changed or another is chosen).
void loadBriefingData(GuiContext& gui, BriefingState& b) {
    const uint64_t planVersion = gui.ui.plan.version();
    const DateState& date = gui.ui.date;  // the briefing follows the date bar's day
    const std::optional<int> day = date.isOn ? std::optional<int>(date.day) : std::nullopt;
    if (b.data && b.dataVersion == gui.model.version() && b.planVersion == planVersion && b.loadedScenario == b.scenario &&
        b.loadedDay == day)
        return;
    if (!gui.model.isOpen() || !gui.model.workspace()) {
        b.data.reset();
        return;
    }
    geo::Workspace& ws = *gui.model.workspace();
    try {
        if (!b.data || b.dataVersion != gui.model.version()) {
            b.data = std::make_unique<SnapshotData>(loadSnapshotData(ws));
            b.dataVersion = gui.model.version();
            b.planVersion = UINT64_MAX;
        }
        if (b.planVersion != planVersion) {
            // Keep showing the same scenario by name; the first time, the one --scenario named.
            const std::string shown = b.scenario < b.scenarios.size() ? b.scenarios[b.scenario] : "";
            b.scenarios.clear();
            for (const auto& summary : geo::openSqliteScenarioStore(ws)->listScenarios()) b.scenarios.push_back(summary.name);
            const auto at = std::find(b.scenarios.begin(), b.scenarios.end(), shown);
            b.scenario = at == b.scenarios.end() ? 0 : static_cast<size_t>(at - b.scenarios.begin());
            b.planVersion = planVersion;
            b.loadedScenario = SIZE_MAX;
        }
        if (b.loadedScenario != b.scenario || b.loadedDay != day) {
            loadSnapshotScenario(ws, b.scenarios.empty() ? "" : b.scenarios[b.scenario], *b.data, day);
            b.loadedScenario = b.scenario;
            b.loadedDay = day;
        }
    } catch (const geo::Error& e) {
        gui.ui.notices.push_back({"Briefing", e.what()});
        b.data.reset();
        b.isOn = false;
    }
}


void setBriefing(GuiContext& gui, bool on) {
    BriefingState& b = gui.ui.briefing;
    GLFWwindow* window = glfwGetCurrentContext();
    if (on == b.isOn || !window) {
        b.isOn = on;
        return;
    }
    if (on) {
        glfwGetWindowPos(window, &b.windowX, &b.windowY);
        glfwGetWindowSize(window, &b.windowWidth, &b.windowHeight);
        // The monitor holding the window's centre; the primary one when none does.
        GLFWmonitor* chosen = glfwGetPrimaryMonitor();
        int count = 0;
        GLFWmonitor** monitors = glfwGetMonitors(&count);
        const int cx = b.windowX + b.windowWidth / 2, cy = b.windowY + b.windowHeight / 2;
        for (int i = 0; i < count; ++i) {
            int mx = 0, my = 0;
            glfwGetMonitorPos(monitors[i], &mx, &my);
            const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
            if (mode && cx >= mx && cx < mx + mode->width && cy >= my && cy < my + mode->height) chosen = monitors[i];
        }
        if (const GLFWvidmode* mode = chosen ? glfwGetVideoMode(chosen) : nullptr)
            glfwSetWindowMonitor(window, chosen, 0, 0, mode->width, mode->height, mode->refreshRate);
        b.focusDistrict = -1;
    } else {
        glfwSetWindowMonitor(window, nullptr, b.windowX, b.windowY, std::max(b.windowWidth, 640),
                             std::max(b.windowHeight, 480), 0);
        gui.ui.fitRequested = true;
    }
    b.isOn = on;
}

float briefingMapPixelScale(const BriefingState& b, float normalScale) {
    if (!b.isOn) return normalScale;
    const float fbScale = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
    return static_cast<float>(snapshotPixelScale(geo::layoutPage(screenPage(), geo::LayoutStyle::Briefing))) * fbScale;
}

size_t briefingFontsKey(const BriefingState& b) {
    if (!b.isOn) return 0;
    return 0x9e3779b9u + static_cast<size_t>(screenPage().height) * 131u + b.scenario * 7u +
           static_cast<size_t>(b.data != nullptr);
}

void addBriefingFonts(GuiContext& gui, BriefingState& b) {
    if (!b.isOn) return;
    loadBriefingData(gui, b);
    PageContent content;
    content.data = b.data.get();
    content.title = gui.model.path().stem().string();
    for (const auto& s : b.scenarios) content.scenarioName += s;
    content.scenarioName += "空白方案 Empty plan";
    if (b.data) content.figures = snapshotFigures(*b.data, "");
    if (gui.model.workspace()) content.sources = dataSources(*gui.model.workspace());
    content.scenarioName += "片区 District: 封路 Closures 未守入口 Open entries 值班人员 Staff required 截至 As of 0123456789-";
    const geo::PageLayout layout = geo::layoutPage(screenPage(), geo::LayoutStyle::Briefing);
    b.fonts = addPageFonts(layout, pageText(content) +
                                       defaultTitle("", b.data ? b.data->townshipName : "", content.title));
}

void drawBriefing(GuiContext& gui) {
    BriefingState& b = gui.ui.briefing;
    if (pressed(GLFW_KEY_F11)) setBriefing(gui, !b.isOn);
    if (!b.isOn) return;
    if (pressed(GLFW_KEY_ESCAPE)) {
        setBriefing(gui, false);
        return;
    }
    drawBriefingView(gui, b, gui.ui.camera);
}

void drawBriefingView(GuiContext& gui, BriefingState& b, Camera& camera) {
    loadBriefingData(gui, b);
    if (!b.scenarios.empty()) {
        if (pressed(GLFW_KEY_RIGHT)) b.scenario = (b.scenario + 1) % b.scenarios.size();
        if (pressed(GLFW_KEY_LEFT)) b.scenario = (b.scenario + b.scenarios.size() - 1) % b.scenarios.size();
        loadBriefingData(gui, b);  // the map's checkpoints and the cards follow the scenario shown
    }
    // Page Up / Page Down: the day before / after, while the date bar has one (play goes on too).
    DateState& date = gui.ui.date;
    if (date.isOn) {
        const bool hasSpan = date.last > date.first;  // none yet when the briefing opened first (--briefing)
        if (pressed(GLFW_KEY_PAGE_UP) && (!hasSpan || date.day > date.first)) stepDay(date, -1);
        if (pressed(GLFW_KEY_PAGE_DOWN) && (!hasSpan || date.day < date.last)) stepDay(date, +1);
        advancePlay(date);
        loadBriefingData(gui, b);
    }
    if (!b.data || !b.fonts.title) return;  // fonts arrive with the next atlas build
    const SnapshotData& data = *b.data;
    // The returnee density under the marks; the returnee window sets its own again on leaving.
    if (data.isReturneeLayerShown())
        gui.renderer.setChoropleth(&data.returneeLayer.cells, data.returneeLayer.colors, (uint64_t(0xB1) << 56) | b.dataVersion);
    else
        gui.renderer.setChoropleth(nullptr, {}, 0);
    if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) b.focusDistrict = -1;
    for (int k = 1; k <= 9; ++k)
        if ((pressed(GLFW_KEY_0 + k) || pressed(GLFW_KEY_KP_0 + k)) && static_cast<size_t>(k) <= data.districts.featureCount())
            b.focusDistrict = k - 1;

    const geo::PageLayout layout = geo::layoutPage(screenPage(), geo::LayoutStyle::Briefing);
    const geo::MapTransform transform =
        b.focusDistrict < 0 ? geo::fitExtent(data.extent, layout.mapFrame)
                            : geo::fitFocus(data.districts.featureBbox(static_cast<size_t>(b.focusDistrict)), layout.mapFrame);
    // The map is drawn over the whole framebuffer; the overlay paints the page around its frame.
    const float fbScale = ImGui::GetIO().DisplayFramebufferScale.x > 0 ? ImGui::GetIO().DisplayFramebufferScale.x : 1.0f;
    camera.unitsPerPixel = transform.metresPerPixel / fbScale;
    camera.centerX = transform.toMetresX(layout.width / 2.0);
    camera.centerY = transform.toMetresY(layout.height / 2.0);

    PageContent content;
    content.data = &data;
    const std::string workspaceTitle = gui.model.workspace() ? gui.model.workspace()->meta("title") : "";
    content.title = defaultTitle(workspaceTitle, data.townshipName, gui.model.path().stem().string());
    content.scenarioName = "空白方案 Empty plan";
    if (!b.scenarios.empty()) {
        content.scenarioName = b.scenarios[b.scenario];
        if (b.scenarios.size() > 1)
            content.scenarioName += "  (" + std::to_string(b.scenario + 1) + "/" + std::to_string(b.scenarios.size()) + ")";
    }
    content.date = b.loadedDay && date.labelDay == *b.loadedDay ? std::string("截至 As of ") + date.label : todayText();
    content.figures = snapshotFigures(data, content.scenarioName);
    // Zoomed on a district (keys 1-9): its own figures, and its name beside the scenario's.
    if (b.focusDistrict >= 0 && data.nameFieldDistricts >= 0) {
        const std::string district(data.districts.attr(static_cast<size_t>(b.focusDistrict), data.nameFieldDistricts));
        if (auto figures = snapshotDistrictFigures(data, district); !figures.empty()) {
            content.figures = std::move(figures);
            content.scenarioName += "   ·   片区 District: " + district;
        }
    }
    content.sources = dataSources(*gui.model.workspace());
    drawPageOverlay(*ImGui::GetBackgroundDrawList(), b.fonts, content, layout, transform);
}

}  // namespace app
