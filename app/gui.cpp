// The GUI: `cordon [WORKSPACE]` opens the map window; one draw function lists every window.
#include "app/gui.hpp"
#include "app/server_link.hpp"
#include "app/county_view.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/gl_context.hpp"
#include "app/gui_options.hpp"
#include "app/i18n.hpp"
#include "app/layout_log.hpp"
#include "app/map_tiles.hpp"
#include "app/presenter.hpp"
#include "app/screenshot.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"
#include "geo/analysis/figures.hpp"

namespace app {
namespace {

// Set by GLFW callbacks: something happened, so draw a few frames.
struct WindowEvents {
    bool any = true;
    float contentScale = 0;  // set when the window moves to a monitor of another scale
    std::vector<std::string> drops;
};

WindowEvents& events(GLFWwindow* w) { return *static_cast<WindowEvents*>(glfwGetWindowUserPointer(w)); }

void installWakeCallbacks(GLFWwindow* w) {
    glfwSetCursorPosCallback(w, [](GLFWwindow* win, double, double) { events(win).any = true; });
    glfwSetMouseButtonCallback(w, [](GLFWwindow* win, int, int, int) { events(win).any = true; });
    glfwSetScrollCallback(w, [](GLFWwindow* win, double, double) { events(win).any = true; });
    glfwSetKeyCallback(w, [](GLFWwindow* win, int, int, int, int) { events(win).any = true; });
    glfwSetCharCallback(w, [](GLFWwindow* win, unsigned int) { events(win).any = true; });
    glfwSetWindowFocusCallback(w, [](GLFWwindow* win, int) { events(win).any = true; });
    glfwSetCursorEnterCallback(w, [](GLFWwindow* win, int) { events(win).any = true; });
    glfwSetFramebufferSizeCallback(w, [](GLFWwindow* win, int, int) { events(win).any = true; });
    glfwSetWindowRefreshCallback(w, [](GLFWwindow* win) { events(win).any = true; });
    glfwSetWindowContentScaleCallback(w, [](GLFWwindow* win, float x, float y) {
        events(win).contentScale = std::max(x, y);
        events(win).any = true;
    });
    glfwSetDropCallback(w, [](GLFWwindow* win, int count, const char** paths) {
        for (int i = 0; i < count; ++i) events(win).drops.emplace_back(paths[i]);
        events(win).any = true;
    });
}

void applyStyle(float scale) {
    ImGui::GetStyle() = ImGuiStyle();  // sizes from scratch: ScaleAllSizes multiplies
    ImGui::StyleColorsLight();
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowRounding = 6;
    st.FrameRounding = 4;
    st.GrabRounding = 4;
    st.PopupRounding = 4;
    st.WindowBorderSize = 1;
    st.WindowPadding = ImVec2(10, 10);
    st.ItemSpacing = ImVec2(8, 6);
    st.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.98f, 0.94f);
    st.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.33f, 0.22f, 0.36f, 1.0f);
    st.Colors[ImGuiCol_TitleBg] = ImVec4(0.45f, 0.38f, 0.48f, 1.0f);
    st.Colors[ImGuiCol_Text] = ImVec4(0.12f, 0.12f, 0.14f, 1.0f);
    st.ScaleAllSizes(scale);
}

void drawMainMenu(GuiContext& gui) {
    UiState& ui = gui.ui;
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(tr("文件", "File"))) {
        if (ImGui::MenuItem("导出图片 Export snapshot...")) ui.snapshotDialog.isOpen = true;
        if (ImGui::MenuItem(tr("退出", "Quit"), "Ctrl+Q")) ui.quitRequested = true;
        ImGui::EndMenu();
    }
    if (ui.county && ImGui::BeginMenu(tr("视图", "View"))) {  // the county view: nothing that edits
        if (ImGui::MenuItem(tr("全图", "Fit to extent"), "F")) ui.fitRequested = true;
        ImGui::MenuItem(tr("图层面板", "Layer panel"), nullptr, &ui.showLayers);
        ImGui::MenuItem(tr("图例", "Legend"), nullptr, &ui.showLegend);
        ImGui::MenuItem(tr("全县形势", "County figures"), nullptr, &ui.showFigures);
        ImGui::EndMenu();
    }
    if (!ui.county && ImGui::BeginMenu(tr("视图", "View"))) {
        if (ImGui::MenuItem(tr("全图", "Fit to extent"), "F")) ui.fitRequested = true;
        ImGui::MenuItem(tr("图层面板", "Layer panel"), nullptr, &ui.showLayers);
        ImGui::MenuItem(tr("编辑图层", "Edit layers"), "E", &ui.edit.isOn, gui.model.isOpen());
        ImGui::MenuItem(tr("图例", "Legend"), nullptr, &ui.showLegend);
        ImGui::MenuItem(tr("卡口", "Checkpoints"), nullptr, &ui.showCheckpoints);
        ImGui::MenuItem(tr("方案", "Scenarios"), nullptr, &ui.showScenarios);
        ImGui::MenuItem(tr("形势", "Figures"), nullptr, &ui.showFigures);
        ImGui::MenuItem(tr("建议方案", "Suggest"), nullptr, &ui.showSuggest);
        ImGui::MenuItem(tr("排班", "Rota"), nullptr, &ui.rota.showWindow);
        ImGui::MenuItem(tr("扫描图配准", "Georeference a scan"), nullptr, &ui.georef.isOpen);
        if (ImGui::MenuItem("简报 Briefing", "F11")) setBriefing(gui, true);
        drawReturneesMenuItem(gui);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("语言", "Language"))) {
        if (ImGui::MenuItem("中文", nullptr, language() == Language::Chinese)) setLanguage(Language::Chinese);
        if (ImGui::MenuItem("English", nullptr, language() == Language::English)) setLanguage(Language::English);
        ImGui::EndMenu();
    }
    if (ui.county) {
        ImGui::SameLine(ImGui::GetWindowWidth() * 0.5f);
        ImGui::TextDisabled("%s", tr("全县 (只读)", "County (read-only)"));
    } else if (gui.model.isOpen()) {
        ImGui::SameLine(ImGui::GetWindowWidth() * 0.5f);
        ImGui::TextDisabled("%s", gui.model.path().filename().string().c_str());
    }
    ImGui::EndMainMenuBar();
}

// Every window, in one place. Add yours here (see app/ui_state.hpp).
void drawWindows(GuiContext& gui) {
    UiState& ui = gui.ui;
    if (ui.county) {  // every township at once, to look at: no plan, edit or import windows
        drawMainMenu(gui);
        drawMapOverlay(gui);
        drawCountyOverlay(gui);
        if (ui.showLayers) drawLayersWindow(gui);
        if (ui.showLegend && gui.model.isOpen()) drawLegendWindow(gui);
        if (ui.showFigures) drawCountyWindow(gui);
        drawNotices(gui);
        return;
    }
    drawBriefing(gui);
    if (ui.briefing.isOn) {  // read-only and full screen: no editing chrome
        drawNotices(gui);
        return;
    }
    drawMainMenu(gui);
    drawDateBar(gui);  // before the overlays and figures: it sets the day they are as of
    drawMapOverlay(gui);
    drawEntriesOverlay(gui);
    drawPlanOverlay(gui);
    drawRotaOverlay(gui);
    drawEditOverlay(gui);
    drawGeorefOverlay(gui);
    drawPlanToolsWindow(gui);
    drawEditToolsWindow(gui);
    if (ui.showLayers) drawLayersWindow(gui);
    if (ui.showLegend && gui.model.isOpen()) drawLegendWindow(gui);
    if (ui.showScenarios) drawScenariosWindow(gui);
    if (ui.showCheckpoints) drawCheckpointsWindow(gui);
    if (ui.showFigures) drawFiguresWindow(gui);
    if (ui.showSuggest) drawSuggestWindow(gui);
    drawReturneesWindow(gui);
    drawRotaWindow(gui);
    drawGeorefWindow(gui);
    drawImportWindow(gui);
    if (ui.snapshotDialog.isOpen) drawSnapshotDialog(gui);
    drawNotices(gui);
}

// Every string the UI may show beyond the literals of app/ (collected at build time): data, names, messages.
void collectShownTexts(const GuiContext& gui, std::vector<std::string_view>& out) {
    out.clear();
    out.push_back(gui.ui.overlay.text);
    out.push_back(gui.ui.overlay.crsLine);
    for (const Notice& n : gui.ui.notices) { out.push_back(n.title); out.push_back(n.message); }
    for (const auto& l : gui.ui.import.source.layers) {
        out.push_back(l.name);
        for (const auto& f : l.fields) out.push_back(f.name);
        for (const auto& row : l.sampleRows)
            for (const auto& v : row) out.push_back(v);
    }
    out.push_back(gui.ui.import.path);
    collectPlanTexts(gui.ui.plan, out);
    collectAnalysisTexts(gui.ui, out);
    collectReturneeTexts(gui.ui, out);
    collectReturneeImportTexts(gui.ui, out);
    collectRotaTexts(gui.ui, out);
    collectGeorefTexts(gui.ui, out);
    collectCountyTexts(gui.ui, out);
    out.push_back("底图无法显示");  // the basemap rows of the layers window and their notice
    for (const auto& b : gui.ui.basemaps.basemaps()) out.push_back(b.name);
}

// A scripted camera for frame-time benchmarks: zooms in and out while circling the centre.
void scriptCamera(Camera& camera, const Camera& base, int64_t frame) {
    constexpr double kPi = 3.14159265358979323846;
    double t = static_cast<double>(frame) / 60.0;
    double zoom = 1.0 + 7.0 * (0.5 - 0.5 * std::cos(2 * kPi * t / 10.0));
    double radius = 0.25 * base.widthPx * base.unitsPerPixel;
    camera.centerX = base.centerX + radius * std::sin(2 * kPi * t / 7.0);
    camera.centerY = base.centerY + radius * 0.6 * std::sin(2 * kPi * t / 5.0);
    camera.unitsPerPixel = base.unitsPerPixel / zoom;
}

// ImGui with the GLFW and OpenGL 3 backends on the planning window, for the run's lifetime.
class ImGuiSession {
public:
    ImGuiSession(GLFWwindow* window, float scale) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        applyStyle(scale);
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~ImGuiSession() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
};

// What the frame loop keeps from one frame to the next.
struct FrameLoop {
    FrameLoop(GuiOptions& o, GLFWwindow* w, WindowEvents& e, GuiContext& g, MapTileCache& t)
        : options(o), window(w), events(e), gui(g), tiles(t) {}
    GuiOptions& options;
    GLFWwindow* window;
    WindowEvents& events;
    GuiContext& gui;
    MapTileCache& tiles;
    std::unique_ptr<Presenter> presenter;
    std::unique_ptr<LayoutLog> layoutLog;
    std::FILE* frameLog = nullptr;
    std::vector<std::string_view> shownTexts;
    std::vector<uint8_t> pixels;
    size_t fontsKey = SIZE_MAX;
    int pendingFrames = 3;
    int64_t frame = 0;
    Camera scriptBase;
    std::chrono::steady_clock::time_point runStart = std::chrono::steady_clock::now();
    bool isAutomated = false;
    int status = 0;
    std::unique_ptr<ServerLink> link;  // a workspace pulled from a server: its live link
    std::unique_ptr<CountyView> county;  // the county view: its live townships
};

constexpr int64_t kScreenshotFrame = 4;  // windows have settled their sizes by then (and every tile is drawn)

// Waits for input when idle; true when a frame is to be drawn.
bool waitForWork(FrameLoop& loop) {
    UiState& ui = loop.gui.ui;
    const bool isBusy = loop.isAutomated || ui.import.job || loop.pendingFrames > 0 || ui.returnees.playing ||
                        ui.date.playing || ui.rota.isBusy();
    if (isBusy) glfwPollEvents();
    else glfwWaitEventsTimeout(ui.analysis.isBuilding() ? 0.1 : 0.5);  // look for the network now and then
    if (loop.events.any) { loop.pendingFrames = 3; loop.events.any = false; }
    if (loop.link) {  // the server's rows came down: draw, and the plan reloads them
        if (loop.link->takeRefreshed()) loop.pendingFrames = std::max(loop.pendingFrames, 2);
        while (auto refused = loop.link->takeMessage()) {
            ui.notices.push_back({tr("编辑未保存到服务器", "Edit not saved on the server"), *refused});
            loop.pendingFrames = std::max(loop.pendingFrames, 2);
        }
    }
    if (loop.county) {  // a township changed on the server: its new figures and marks, and the map's layers
        if (loop.county->take()) {  // the meshes are rebuilt only when the layers themselves changed
            const auto& layers = loop.county->snapshot().layers;
            bool isSame = true;
            for (size_t i = 0; i < kMapLayerCount; ++i)
                isSame = isSame && layers[i] == loop.gui.model.sharedLayer(static_cast<MapLayer>(i));
            if (!isSame) loop.gui.model.showLayers(layers);
            loop.pendingFrames = std::max(loop.pendingFrames, 2);
        }
        while (auto message = loop.county->takeMessage()) {
            ui.notices.push_back({tr("县域视图", "County view"), *message});
            loop.pendingFrames = std::max(loop.pendingFrames, 2);
        }
    }
    if (!loop.isAutomated && !ui.import.job && !ui.returnees.playing && !ui.date.playing && !ui.analysis.isBuilding() &&
        !ui.rota.isBusy() &&
        loop.pendingFrames == 0)
        return false;  // idle: draw nothing
    if (loop.pendingFrames > 0) --loop.pendingFrames;
    return true;
}

bool isPictureFile(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* picture : {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif"})
        if (ext == picture) return true;
    return false;
}

// Dropped files open the import dialog (the georeference window, while it is open, takes pictures);
// --drop-role imports at once, as its Import button does.
void takeDrops(FrameLoop& loop) {
    GuiContext& gui = loop.gui;
    if (gui.ui.county) loop.events.drops.clear();  // nothing is imported into the county view
    for (const std::string& path : loop.events.drops) {
        if (gui.ui.georef.isOpen && isPictureFile(path)) {
            startGeorefScan(gui, path);
            continue;
        }
        startImportPreview(gui, path);
        if (loop.options.dropRole.empty() || path != loop.options.drop || !gui.ui.import.dialogOpen) continue;
        if (loop.options.dropRole == "returnees") {
            gui.ui.import.role = kReturneesRole;
            startReturneeImport(gui);
        }
        for (size_t r = 0; r < kMapLayerCount; ++r)
            if (loop.options.dropRole == mapLayerName(static_cast<MapLayer>(r))) startImport(gui, static_cast<MapLayer>(r));
    }
    loop.events.drops.clear();
}

// The style at a new content scale, and the font atlas when what is shown needs other glyphs.
void updateFonts(FrameLoop& loop) {
    GuiContext& gui = loop.gui;
    UiState& ui = gui.ui;
    if (loop.events.contentScale > 0 && loop.events.contentScale != ui.contentScale) {
        ui.contentScale = std::clamp(loop.events.contentScale, 0.5f, 4.0f);
        applyStyle(ui.contentScale);
        loop.fontsKey = SIZE_MAX;
    }
    loop.events.contentScale = 0;
    if (ui.overlay.version != gui.model.version()) ui.overlay.rebuild(gui.model);
    const size_t key = gui.model.version() * 1000003u + ui.notices.size() * 31u + ui.import.path.size() +
                       (ui.import.dialogOpen ? 7u : 0u) + ui.plan.version() * 7919u + briefingFontsKey(ui.briefing) +
                       (loop.presenter ? loop.presenter->fontsKey() * 3u : 0u) +
                       ui.returnees.counts.origins.size() * 131u + ui.returnees.districtRows.size() * 137u +
                       ui.analysis.buildsTaken() * 104729u + ui.rota.version * 7907u +
                       ui.basemaps.basemaps().size() * 65537u +
                       (ui.county ? ui.county->snapshot().townships.size() * 7u + ui.county->snapshot().between.size() * 11u : 0u);
    if (key == loop.fontsKey) return;
    collectShownTexts(gui, loop.shownTexts);
    gui.fonts.build(ui.contentScale, loop.shownTexts);
    addBriefingFonts(gui, ui.briefing);
    if (loop.presenter) loop.presenter->addFonts(gui);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    loop.fontsKey = key;
}

// The first fit to the extent (with --zoom and --center), and the benchmark's scripted camera.
void placeCamera(FrameLoop& loop, int fbw, int fbh) {
    UiState& ui = loop.gui.ui;
    GuiOptions& options = loop.options;
    ui.camera.setViewport(fbw, fbh);
    if (ui.fitRequested && loop.gui.model.isOpen()) {
        const float top = ImGui::GetFrameHeight() * ImGui::GetIO().DisplayFramebufferScale.y;
        ui.camera.fit(loop.gui.model.extent(), 40.0 * ui.contentScale + top);
        if (loop.frame == 0 && options.zoom != 1) ui.camera.zoomAbout(fbw / 2.0, fbh / 2.0, options.zoom);
        ui.fitRequested = false;
        if (options.hasCenter) {
            double x = options.centerLon, y = options.centerLat;
            geo::Transformer("EPSG:4326", "EPSG:" + std::to_string(loop.gui.model.workingEpsg())).transformPoint(x, y);
            ui.camera.centerX = x;
            ui.camera.centerY = y;
            options.hasCenter = false;
        }
        loop.scriptBase = ui.camera;
    }
    if (options.cameraScript == "pan-zoom") scriptCamera(ui.camera, loop.scriptBase, loop.frame);
}

// Input, windows and the map of the planning window (not yet shown); false while tiles are missing.
bool drawPlanningFrame(FrameLoop& loop, int fbw, int fbh) {
    GuiContext& gui = loop.gui;
    UiState& ui = gui.ui;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    placeCamera(loop, fbw, fbh);
    if (ui.county) {
        handleMapInput(gui);  // the county view edits nothing: pan and zoom only
    } else if (!ui.briefing.isOn) {
        handlePlanInput(gui);  // before the map, so a plan gesture can keep the left button from panning
        handleEditInput(gui);  // likewise; in edit mode it owns the clicks instead of the plan
        handleMapInput(gui);
        handleGeorefMapInput(gui);
    }
    if (loop.presenter) loop.presenter->handlePlanningKeys(gui);
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed('Q')) ui.quitRequested = true;
    drawWindows(gui);
    ImGui::Render();
    if (loop.layoutLog) loop.layoutLog->write(loop.frame, loop.window, loop.presenter.get(), gui);

    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, fbw, fbh);
    gui.renderer.update(gui.model.mapData());
    MapDrawOptions drawOptions;
    drawOptions.layers = ui.layerViews;
    drawOptions.pixelScale = briefingMapPixelScale(ui.briefing, ui.contentScale);
    const bool isBasemapReady = ui.basemaps.update(gui.model, ui.camera, ui.notices);
    drawOptions.underlay = ui.basemaps.underlay();
    const bool isComplete = loop.tiles.draw(gui.renderer, ui.camera, drawOptions);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    return isComplete && isBasemapReady;
}

bool isScreenshotDue(const FrameLoop& loop, std::chrono::steady_clock::time_point frameStart) {
    const GuiOptions& options = loop.options;
    if (loop.gui.ui.rota.isBusy()) return false;  // --rota: the solved grid, its columns sized
    std::error_code whenError;
    if (!options.screenshotWhen.empty()) return std::filesystem::exists(options.screenshotWhen, whenError);
    if (options.screenshotAfter > 0)
        return std::chrono::duration<double>(frameStart - loop.runStart).count() >= options.screenshotAfter;
    return loop.frame >= kScreenshotFrame;
}

void saveScreenshot(FrameLoop& loop, int fbw, int fbh) {
    glReadBuffer(GL_BACK);
    readFramebuffer(fbw, fbh, loop.pixels);
    try {
        savePng(loop.options.screenshot, fbw, fbh, loop.pixels);
    } catch (const geo::Error& e) {
        std::fprintf(stderr, "cordon: %s\n", e.what());
        loop.status = 2;
    }
}

// The briefing window's frame; it closes alone (planning goes on) when the planner closes it.
bool drawPresenterFrame(FrameLoop& loop, bool isScreenshotFrame) {
    if (!loop.presenter) return true;
    if (loop.presenter->isClosed()) {
        loop.presenter.reset();
        loop.fontsKey = SIZE_MAX;  // its backend took the atlas texture with it
        return true;
    }
    try {
        return loop.presenter->drawFrame(loop.gui, isScreenshotFrame ? loop.options.presentScreenshot : std::string());
    } catch (const geo::Error& e) {
        std::fprintf(stderr, "cordon: %s\n", e.what());
        loop.status = 2;
        return true;
    }
}

void runFrames(FrameLoop& loop) {
    UiState& ui = loop.gui.ui;
    while (!glfwWindowShouldClose(loop.window) && !ui.quitRequested) {
        if (!waitForWork(loop)) continue;
        const auto start = std::chrono::steady_clock::now();
        takeDrops(loop);
        updateFonts(loop);
        int fbw = 0, fbh = 0;
        glfwGetFramebufferSize(loop.window, &fbw, &fbh);
        bool isComplete = drawPlanningFrame(loop, fbw, fbh);
        const bool isScreenshotFrame = !loop.options.screenshot.empty() && isScreenshotDue(loop, start) &&
                                       !ui.import.job && !ui.analysis.isBuilding();
        if (isScreenshotFrame && isComplete) saveScreenshot(loop, fbw, fbh);
        glfwSwapBuffers(loop.window);
        const bool isPresenterComplete = drawPresenterFrame(loop, isScreenshotFrame && isComplete);
        if (isScreenshotFrame && isComplete) {
            if (isPresenterComplete) ui.quitRequested = true;
            else std::remove(loop.options.screenshot.c_str());  // both windows in one frame, or neither
        }
        isComplete = isComplete && isPresenterComplete;
        if (!isComplete) loop.pendingFrames = std::max(loop.pendingFrames, 1);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (loop.frameLog) {
            std::fprintf(loop.frameLog, "%.3f\n", ms);
            std::fflush(loop.frameLog);  // scripts wait on it for their input to be seen
        }
        ++loop.frame;
        if (loop.options.frames > 0 && loop.frame >= loop.options.frames) ui.quitRequested = true;
    }
}

}  // namespace

int runGui(const std::vector<std::string>& argv, const ServerLinkFactory& makeLink, const CountyViewFactory& makeCounty) {
    GuiOptions options = parseGuiOptions(argv);
    WindowContext window(tr("Cordon 防控卡口规划", "Cordon checkpoint planning"), options.width, options.height);
    GLFWwindow* w = window.window();
    WindowEvents windowEvents;
    if (!options.drop.empty()) windowEvents.drops.push_back(options.drop);
    glfwSetWindowUserPointer(w, &windowEvents);
    installWakeCallbacks(w);  // before ImGui, which chains to them
    const bool isAutomated = !options.screenshot.empty() || options.frames > 0 || !options.cameraScript.empty();
    if (isAutomated) glfwSwapInterval(0);
    const float scale = window.contentScale();
    ImGuiSession imgui(w, scale);

    int status = 0;
    {
        MapRenderer renderer;
        MapTileCache tiles;
        AppModel model;
        UiState ui;
        Fonts fonts;
        ui.contentScale = scale;
        ui.plan.preferredScenario = options.scenario;
        ui.analysis.compareName = options.compare;
        ui.analysis.showDistrictEntries = options.districtEntries;
        ui.returnees.showWindow = options.returnees;
        if (options.date) {  // --date: open as of that day
            ui.date.isOn = true;
            setDay(ui.date, *options.date);
            ui.date.first = ui.date.last = *options.date;
        }
        if (!options.rotaFrom.empty()) {
            ui.rota.showWindow = ui.rota.solveRequested = true;
            std::snprintf(ui.rota.from, sizeof ui.rota.from, "%s", options.rotaFrom.c_str());
            ui.rota.days = options.rotaDays;
        }
        GuiContext gui{model, ui, renderer, fonts};
        if (!options.scenario.empty()) ui.briefing.scenarios.push_back(options.scenario);
        try {
            model.open(options.workspace);
        } catch (const geo::Error& e) {
            ui.notices.push_back({tr("无法打开工作空间", "Cannot open the workspace"), e.what()});
        }
        FrameLoop loop(options, w, windowEvents, gui, tiles);
        loop.isAutomated = isAutomated;
        if (!options.frameLog.empty() && !(loop.frameLog = std::fopen(options.frameLog.c_str(), "w")))
            throw geo::Error(options.frameLog + ": cannot write the frame log");
        if (!options.layoutLog.empty()) loop.layoutLog = std::make_unique<LayoutLog>(options.layoutLog);
        if (makeCounty) {  // before the first frame: the county's layers on the map, fitted to them
            loop.county = makeCounty([] { glfwPostEmptyEvent(); });
            ui.county = loop.county.get();
        }
        // The county view has no briefing of its own yet: --present and --briefing (the wall screen)
        // show its main window with the map and figures alone.
        if (ui.county && (options.present || options.briefing)) ui.showLayers = ui.showLegend = false;
        if (options.present && !ui.county) loop.presenter = std::make_unique<Presenter>(w, &windowEvents.any);
        if (options.briefing && !ui.county) setBriefing(gui, true);
        if (!options.georef.empty()) startGeorefScan(gui, options.georef);
        if (makeLink) loop.link = makeLink([] { glfwPostEmptyEvent(); });
        runFrames(loop);
        loop.link.reset();  // its last refresh done before the window goes
        ui.county = nullptr;
        loop.county.reset();
        loop.presenter.reset();  // before the renderer and the window it shares objects with
        if (loop.frameLog) std::fclose(loop.frameLog);
        if (ui.import.job) ui.import.job->cancel.store(true);  // its destructor joins the worker
        status = loop.status;
    }
    return status;
}

}  // namespace app
