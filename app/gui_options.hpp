// The GUI's command line: `cordon [WORKSPACE] [--briefing | --present] [--scenario NAME] ...`.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace app {

struct GuiOptions {
    std::filesystem::path workspace;
    std::string screenshot;     // save the window's pixels after the first drawn frames, then exit
    double screenshotAfter = 0; // ... or after this many seconds (scripted input meanwhile)
    std::string screenshotWhen; // ... or once this file exists (a script's input is done)
    int64_t frames = 0;         // exit after this many frames (0: run until closed)
    std::string frameLog;       // one line per frame: its time in ms
    std::string cameraScript;   // "pan-zoom"
    int width = 0, height = 0;  // window size; 0 fills the work area
    std::string scenario;       // --scenario NAME: the plan shown first
    std::string compare;        // --compare NAME: the scenario in the Figures comparison
    bool districtEntries = false;  // --district-entries: show district-boundary entries on the map
    double zoom = 1;            // initial zoom about the centre after fitting the extent
    std::string drop;           // handled as if dropped on the window (tests, scripts)
    std::string georef;         // --georef SCAN: open the georeference window with this scan
    bool hasCenter = false;     // --center LON,LAT: centre the first view there
    double centerLon = 0, centerLat = 0;
    std::string dropRole;       // with --drop: import it at once in this role, as the dialog's Import button
    bool briefing = false;      // start in the full-screen briefing view
    bool returnees = false;     // open the returnees window and its choropleth (scripts, screenshots)
    bool present = false;       // --present: the briefing in its own window (app/presenter.hpp)
    std::string presentScreenshot;  // with --present: the briefing window's pixels, when --screenshot is due
    std::string rotaFrom;       // --rota DATE[,DAYS]: open the rota window and solve from DATE (7 days by default)
    int rotaDays = 7;
    std::string layoutLog;      // --layout-log FILE (app/layout_log.hpp)
    std::optional<int> date;    // --date YYYY-MM-DD: open with the figures, map and charts as of that day
};

// Throws UsageError on a bad option, geo::Error when there is no display.
GuiOptions parseGuiOptions(const std::vector<std::string>& argv);

}  // namespace app
