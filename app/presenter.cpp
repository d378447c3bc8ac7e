// Presenter mode: the briefing's own window, its ImGui context and map renderer, and the two-way
// link of scenario and district with the planning window.
#include "app/presenter.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>

#include "app/gl_context.hpp"
#include "app/i18n.hpp"
#include "app/map_tiles.hpp"
#include "app/screenshot.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

// The monitor for the briefing (nullptr: none but the planning window's) and the planning one.
GLFWmonitor* chooseMonitor(GLFWwindow* planning, GLFWmonitor*& home) {
    int x = 0, y = 0, w = 0, h = 0, count = 0;
    glfwGetWindowPos(planning, &x, &y);
    glfwGetWindowSize(planning, &w, &h);
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    std::vector<MonitorArea> areas(static_cast<size_t>(std::max(count, 0)));
    for (size_t i = 0; i < areas.size(); ++i) {
        glfwGetMonitorPos(monitors[i], &areas[i].x, &areas[i].y);
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitors[i])) {
            areas[i].width = mode->width;
            areas[i].height = mode->height;
        }
    }
    const int chosen = briefingMonitor(areas, x + w / 2, y + h / 2);
    home = glfwGetPrimaryMonitor();
    for (size_t i = 0; i < areas.size(); ++i)
        if (x + w / 2 >= areas[i].x && x + w / 2 < areas[i].x + areas[i].width && y + h / 2 >= areas[i].y &&
            y + h / 2 < areas[i].y + areas[i].height)
            home = monitors[i];
    return chosen < 0 ? nullptr : monitors[chosen];
}

// Input to the briefing window goes to its own ImGui context, whichever one is current.
template <class Call>
void toBriefing(GLFWwindow* window, Call&& call) {
    const auto& link = *static_cast<const Presenter::InputLink*>(glfwGetWindowUserPointer(window));
    *link.wake = true;
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(link.imgui);
    call();
    ImGui::SetCurrentContext(previous);
}

void installInput(GLFWwindow* w) {
    glfwSetKeyCallback(w, [](GLFWwindow* win, int key, int code, int action, int mods) {
        toBriefing(win, [&] { ImGui_ImplGlfw_KeyCallback(win, key, code, action, mods); });
    });
    glfwSetCharCallback(w, [](GLFWwindow* win, unsigned int c) { toBriefing(win, [&] { ImGui_ImplGlfw_CharCallback(win, c); }); });
    glfwSetMouseButtonCallback(w, [](GLFWwindow* win, int button, int action, int mods) {
        toBriefing(win, [&] { ImGui_ImplGlfw_MouseButtonCallback(win, button, action, mods); });
    });
    glfwSetScrollCallback(w, [](GLFWwindow* win, double x, double y) {
        toBriefing(win, [&] { ImGui_ImplGlfw_ScrollCallback(win, x, y); });
    });
    glfwSetWindowFocusCallback(w, [](GLFWwindow* win, int focused) {
        toBriefing(win, [&] { ImGui_ImplGlfw_WindowFocusCallback(win, focused); });
    });
    glfwSetCursorEnterCallback(w, [](GLFWwindow* win, int entered) {
        toBriefing(win, [&] { ImGui_ImplGlfw_CursorEnterCallback(win, entered); });
    });
    glfwSetCursorPosCallback(w, [](GLFWwindow* win, double, double) { toBriefing(win, [] {}); });
    glfwSetFramebufferSizeCallback(w, [](GLFWwindow* win, int, int) { toBriefing(win, [] {}); });
    glfwSetWindowRefreshCallback(w, [](GLFWwindow* win) { toBriefing(win, [] {}); });
}

}  // namespace

int briefingMonitor(const std::vector<MonitorArea>& monitors, int planningCentreX, int planningCentreY) {
    int home = 0;
    for (size_t i = 0; i < monitors.size(); ++i) {
        const MonitorArea& m = monitors[i];
        if (planningCentreX >= m.x && planningCentreX < m.x + m.width && planningCentreY >= m.y &&
            planningCentreY < m.y + m.height)
            home = static_cast<int>(i);
    }
    for (size_t i = 0; i < monitors.size(); ++i)
        if (static_cast<int>(i) != home && monitors[i].width > 0) return static_cast<int>(i);
    return -1;
}

Presenter::Presenter(GLFWwindow* planning, bool* wake)
    : planning_(planning), planningImgui_(ImGui::GetCurrentContext()) {
    link_.wake = wake;
    GLFWmonitor* home = nullptr;
    GLFWmonitor* target = chooseMonitor(planning, home);
    const char* title = "简报 Briefing";
    if (const GLFWvidmode* mode = target ? glfwGetVideoMode(target) : nullptr) {
        window_ = glfwCreateWindow(mode->width, mode->height, title, target, planning);
    } else {  // one monitor: a window over the lower right quarter of the planning one
        int x = 0, y = 0, w = 1280, h = 800;
        glfwGetMonitorWorkarea(home, &x, &y, &w, &h);
        window_ = glfwCreateWindow(std::max(w / 2, 320), std::max(h / 2, 240), title, nullptr, planning);
        if (window_) glfwSetWindowPos(window_, x + w / 2, y + h / 2);
    }
    if (!window_) {
        const char* reason = nullptr;
        glfwGetError(&reason);
        throw geo::Error(std::string("cannot open the briefing window: ") + (reason ? reason : "unknown error"));
    }
    glfwSetWindowUserPointer(window_, &link_);
    installInput(window_);

    const ImGuiStyle style = ImGui::GetStyle();
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(0);  // the planning window's swap paces both
    imgui_ = ImGui::CreateContext(ImGui::GetIO().Fonts);  // one atlas: its texture is shared
    link_.imgui = imgui_;
    ImGui::SetCurrentContext(imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImGui::GetStyle() = style;
    int w = 0, h = 0;
    glfwGetWindowSize(window_, &w, &h);
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));  // the first font build's page
    ImGui_ImplGlfw_InitForOpenGL(window_, false);  // input arrives through installInput
    ImGui_ImplOpenGL3_Init("#version 330 core");
    renderer_ = std::make_unique<MapRenderer>();
    tiles_ = std::make_unique<MapTileCache>();
    basemapTiles_ = std::make_unique<BasemapTiles>();
    briefing_.isOn = true;
    restorePlanning();
}

Presenter::~Presenter() {
    makeCurrent();
    basemapTiles_.reset();
    tiles_.reset();
    renderer_.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(imgui_);
    restorePlanning();
    glfwDestroyWindow(window_);
}

void Presenter::makeCurrent() const {
    glfwMakeContextCurrent(window_);
    ImGui::SetCurrentContext(imgui_);
}

void Presenter::restorePlanning() const {
    glfwMakeContextCurrent(planning_);
    ImGui::SetCurrentContext(planningImgui_);
}

bool Presenter::isFullScreen() const { return glfwGetWindowMonitor(window_) != nullptr; }

bool Presenter::isClosed() const { return glfwWindowShouldClose(window_); }

size_t Presenter::fontsKey() const {
    ImGui::SetCurrentContext(imgui_);  // the page is this window's
    const size_t key = briefingFontsKey(briefing_);
    ImGui::SetCurrentContext(planningImgui_);
    return key;
}

void Presenter::addFonts(GuiContext& gui) {
    ImGui::SetCurrentContext(imgui_);
    addBriefingFonts(gui, briefing_);
    ImGui::SetCurrentContext(planningImgui_);
}

void Presenter::handlePlanningKeys(GuiContext& gui) {
    if (ImGui::GetIO().WantCaptureKeyboard || gui.ui.briefing.isOn) return;
    const size_t districts = briefing_.data ? briefing_.data->districts.featureCount() : 0;
    for (int k = 0; k <= 9; ++k)
        if ((ImGui::IsKeyPressed(GLFW_KEY_0 + k, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_0 + k, false)) &&
            static_cast<size_t>(k) <= districts)
            briefing_.focusDistrict = k - 1;
}

// The planning window switched scenario: the briefing shows it.
void Presenter::followPlanning(GuiContext& gui) {
    loadBriefingData(gui, briefing_);
    PlanState& plan = gui.ui.plan;
    if (!plan.isOpen() || plan.scenarioId() == seenPlanScenario_) return;
    const auto at = std::find(briefing_.scenarios.begin(), briefing_.scenarios.end(), plan.scenario().name);
    if (at != briefing_.scenarios.end()) briefing_.scenario = static_cast<size_t>(at - briefing_.scenarios.begin());
    seenPlanScenario_ = plan.scenarioId();
    seenBriefingScenario_ = briefing_.scenario;
}

// The briefing switched scenario (arrows) or district (digits, here or in the planning window):
// the planning window opens that scenario and shows that district.
void Presenter::followBriefing(GuiContext& gui) {
    PlanState& plan = gui.ui.plan;
    if (briefing_.scenario != seenBriefingScenario_ && briefing_.scenario < briefing_.scenarios.size() && plan.isOpen()) {
        try {
            for (const auto& s : plan.scenarios())
                if (s.name == briefing_.scenarios[briefing_.scenario]) {
                    plan.switchTo(s.id);
                    break;
                }
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({tr("方案", "Scenarios"), e.what()});
        }
        seenBriefingScenario_ = briefing_.scenario;
        seenPlanScenario_ = plan.scenarioId();
    }
    if (briefing_.focusDistrict != seenDistrict_ && briefing_.data) {
        seenDistrict_ = briefing_.focusDistrict;
        const SnapshotData& data = *briefing_.data;
        const bool isDistrict = seenDistrict_ >= 0 && static_cast<size_t>(seenDistrict_) < data.districts.featureCount();
        gui.ui.camera.fit(isDistrict ? data.districts.featureBbox(static_cast<size_t>(seenDistrict_)) : data.extent,
                          40.0 * gui.ui.contentScale);
    }
}

bool Presenter::drawFrame(GuiContext& planningGui, const std::string& screenshot) {
    GuiContext gui{planningGui.model, planningGui.ui, *renderer_, planningGui.fonts};
    makeCurrent();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    int fbw = 0, fbh = 0;
    glfwGetFramebufferSize(window_, &fbw, &fbh);
    camera_.setViewport(fbw, fbh);
    followPlanning(gui);
    drawBriefingView(gui, briefing_, camera_);
    ImGui::Render();

    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, fbw, fbh);
    renderer_->update(gui.model.mapData());
    MapDrawOptions options;
    options.layers = gui.ui.layerViews;
    options.pixelScale = briefingMapPixelScale(briefing_, 1.0f);
    if (gui.ui.basemaps.revision() != basemapRevision_) {
        gui.ui.basemaps.feed(*basemapTiles_);
        basemapRevision_ = gui.ui.basemaps.revision();
    }
    const bool isBasemapReady = basemapTiles_->update(camera_, basemapProblems_);
    basemapProblems_.clear();
    options.underlay = basemapTiles_.get();
    const bool isComplete = tiles_->draw(*renderer_, camera_, options) && isBasemapReady;
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    std::string failure;
    if (!screenshot.empty() && isComplete) {
        glReadBuffer(GL_BACK);
        readFramebuffer(fbw, fbh, pixels_);
        try {
            savePng(screenshot, fbw, fbh, pixels_);
        } catch (const geo::Error& e) {
            failure = e.what();
        }
    }
    glfwSwapBuffers(window_);
    restorePlanning();
    followBriefing(planningGui);
    if (!failure.empty()) throw geo::Error(failure);
    return isComplete;
}

}  // namespace app
