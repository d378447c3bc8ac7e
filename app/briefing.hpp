// State of the full-screen briefing view (app/window_briefing.cpp), kept in UiState.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/snapshot_data.hpp"
#include "app/snapshot_overlay.hpp"

namespace app {

struct BriefingState {
    bool isOn = false;
    int focusDistrict = -1;                // -1: the whole township; else a districts feature
    size_t scenario = 0;                   // index into scenarios
    std::vector<std::string> scenarios;    // filled from the scenario store; --scenario adds one
    uint64_t dataVersion = UINT64_MAX;     // model version `data` was read at
    std::unique_ptr<SnapshotData> data;
    PageFonts fonts;                       // in the GUI's atlas while isOn
    // Window placement before going full screen, restored on leaving.
    int windowX = 0, windowY = 0, windowWidth = 0, windowHeight = 0;
};

struct GuiContext;
// Enters or leaves full screen on the monitor the window is on.
void setBriefing(GuiContext& gui, bool on);
// Keys (F11, arrows, digits, Esc) and the briefing's camera and overlay; call every frame.
void drawBriefing(GuiContext& gui);
// The map renderer's pixel scale: the briefing's (from the screen height) while it is on.
float briefingMapPixelScale(const GuiContext& gui, float normalScale);
// A key for the font atlas: changes when the briefing's fonts must be rebuilt.
size_t briefingFontsKey(const GuiContext& gui);
// Adds the briefing's fonts after Fonts::build, when the briefing is on.
void addBriefingFonts(GuiContext& gui);

}  // namespace app
