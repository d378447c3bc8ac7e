// Where each window opens: docked to the edges so that, on first open at any screen size, no
// window covers another (left column: layers over legend; right column: figures; the plan tools
// centred on top, the date bar right of them; the status bar at the bottom). The planner may move them afterwards.
#pragma once

namespace app {

enum class Panel { PlanTools, Layers, Legend, Figures, Returnees, Scenarios, Checkpoints, Suggest, StatusBar, DateBar };

struct PanelRect {
    float x = 0, y = 0, w = 0, h = 0;  // logical pixels, origin top-left
    bool overlaps(const PanelRect& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

// The panel's place on a display of `width` x `height` logical pixels at a content scale.
PanelRect panelRect(Panel panel, float width, float height, float scale);
// Sets the next ImGui window's position and size to the panel's, on its first use only.
void placeNextWindow(Panel panel, float scale);

}  // namespace app
