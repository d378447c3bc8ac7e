// Presenter mode (`cordon WS --present`): the briefing in a second window, full screen on a
// monitor other than the planning window's (a plain window beside it when there is one monitor).
// One process, two GLFW windows whose GL contexts share objects (textures, buffers, programs);
// the briefing window has its own ImGui context over the planning window's font atlas. The
// scenario and the district shown follow each other in both windows.
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/basemap_tiles.hpp"
#include "app/briefing.hpp"
#include "app/camera.hpp"
#include "app/map_renderer.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace app {

struct GuiContext;
class MapTileCache;

struct MonitorArea {
    int x = 0, y = 0, width = 0, height = 0;  // screen coordinates of the monitor's video mode
};

// The monitor the briefing goes full screen on: the first one that does not hold the planning
// window's centre (the primary, index 0, when none holds it); -1 when there is no other monitor.
int briefingMonitor(const std::vector<MonitorArea>& monitors, int planningCentreX, int planningCentreY);

class Presenter {
public:
    struct InputLink {  // the briefing window's GLFW user pointer
        ImGuiContext* imgui = nullptr;
        bool* wake = nullptr;
    };

    // Opens the briefing window; the planning window's GL and ImGui contexts are current before
    // and after. `wake` is set by the briefing window's input, as the planning window's is.
    Presenter(GLFWwindow* planning, bool* wake);
    ~Presenter();  // the planning window's contexts must still exist
    Presenter(const Presenter&) = delete;
    Presenter& operator=(const Presenter&) = delete;

    GLFWwindow* window() const { return window_; }
    bool isFullScreen() const;
    bool isClosed() const;  // the planner closed the briefing window: planning goes on alone
    const BriefingState& briefing() const { return briefing_; }

    // In the planning window's frame: digits 0-9 (not while typing) pick the district shown.
    void handlePlanningKeys(GuiContext& gui);
    // In the font atlas rebuild (planning context current): the briefing's fonts for this window.
    size_t fontsKey() const;
    void addFonts(GuiContext& gui);
    // Draws and shows one briefing frame (after the planning window's), then keeps both windows
    // on the same scenario and district. With `screenshot` set, saves this frame's pixels there.
    // Returns false while map tiles are still missing.
    bool drawFrame(GuiContext& gui, const std::string& screenshot);

private:
    void makeCurrent() const;
    void restorePlanning() const;
    void followPlanning(GuiContext& gui);
    void followBriefing(GuiContext& gui);

    GLFWwindow* planning_;
    InputLink link_;
    GLFWwindow* window_ = nullptr;
    ImGuiContext* planningImgui_ = nullptr;
    ImGuiContext* imgui_ = nullptr;
    std::unique_ptr<MapRenderer> renderer_;  // VAOs are not shared between contexts
    std::unique_ptr<MapTileCache> tiles_;
    std::unique_ptr<BasemapTiles> basemapTiles_;  // its own, fed from the planning window's list
    uint64_t basemapRevision_ = UINT64_MAX;
    std::vector<std::string> basemapProblems_;  // the planning window shows them
    BriefingState briefing_;
    Camera camera_;
    int64_t seenPlanScenario_ = -1;   // the plan's scenario id the briefing last followed
    size_t seenBriefingScenario_ = SIZE_MAX;
    int seenDistrict_ = -1;
    std::vector<uint8_t> pixels_;
};

}  // namespace app
