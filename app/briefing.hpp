// State of the full-screen briefing view (app/window_briefing.cpp) and of the snapshot dialog
// (app/window_snapshot.cpp), kept in UiState.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/snapshot_data.hpp"
#include "app/snapshot_overlay.hpp"

namespace app {

struct BriefingState {
    bool isOn = false;
    int focusDistrict = -1;                // -1: the whole township; else a districts feature
    size_t scenario = 0;                   // index into scenarios
    std::vector<std::string> scenarios;    // the store's, in creation order; --scenario picks the first shown
    uint64_t dataVersion = UINT64_MAX;     // model version `data` was read at
    uint64_t planVersion = UINT64_MAX;     // plan version the scenario list and figures were read at
    size_t loadedScenario = SIZE_MAX;      // index whose checkpoints and figures `data` holds
    std::optional<int> loadedDay;          // the date bar's day `data` is as of (none: all dates)
    std::unique_ptr<SnapshotData> data;
    PageFonts fonts;                       // in the GUI's atlas while isOn
    // Window placement before going full screen, restored on leaving.
    int windowX = 0, windowY = 0, windowWidth = 0, windowHeight = 0;
};

// The "Export snapshot" dialog (app/window_snapshot.cpp).
struct SnapshotDialogState {
    bool isOpen = false;
    char path[512] = "map.png";
    char title[256] = "";
    int pageKind = 0;  // 0 pixels, 1 A4, 2 A3
    int width = 3840, height = 2160;
    int dpi = 300;
    bool isLandscape = true;
    bool isBriefing = false;
    std::string lastResult;  // what the last export wrote
};

struct GuiContext;
class Camera;
// The dialog: output file, page, title, a preview of the page's layout, and Export.
void drawSnapshotDialog(GuiContext& gui);
// Enters or leaves full screen on the monitor the window is on.
void setBriefing(GuiContext& gui, bool on);
// Reads what `b` shows: layers, the scenario list and the shown scenario (only what changed).
void loadBriefingData(GuiContext& gui, BriefingState& b);
// The planning window's briefing (ui.briefing): F11 and Esc, then drawBriefingView; every frame.
void drawBriefing(GuiContext& gui);
// Keys (arrows: scenario, digits: district) and the camera and overlay of a briefing shown in
// the current ImGui context's window; the presenter window has its own `b` and `camera`.
void drawBriefingView(GuiContext& gui, BriefingState& b, Camera& camera);
// The map renderer's pixel scale: the briefing's (from the screen height) while it is on.
float briefingMapPixelScale(const BriefingState& b, float normalScale);
// A key for the font atlas: changes when the briefing's fonts must be rebuilt.
size_t briefingFontsKey(const BriefingState& b);
// Adds the briefing's fonts after Fonts::build, when the briefing is on (current ImGui context).
void addBriefingFonts(GuiContext& gui, BriefingState& b);

}  // namespace app
