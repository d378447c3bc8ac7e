// What the GUI shows, apart from the model: open windows, camera, selection, notices.
//
// How to add a window (Tracy's View::DrawImpl pattern):
//   1. Add `bool showMyThing = false;` below and a menu item for it in app/gui.cpp (drawMainMenu).
//   2. Write app/window_my_thing.cpp with `void drawMyThingWindow(GuiContext& gui)` and declare
//      it in app/windows.hpp; CMake picks up the new file by itself.
//   3. Add `if (gui.ui.showMyThing) drawMyThingWindow(gui);` to drawWindows() in app/gui.cpp.
// A window reads the model (gui.model), changes it only through its verbs (which bump
// model.version(), so the map re-uploads), keeps its view state here, catches geo::Error at the
// action that started the work and pushes a Notice, and allocates nothing on idle frames.
#pragma once
#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/analysis_state.hpp"
#include "app/basemap_view.hpp"
#include "app/briefing.hpp"
#include "app/camera.hpp"
#include "app/date_state.hpp"
#include "app/georef_view.hpp"
#include "app/labels.hpp"
#include "app/layer_edit_state.hpp"
#include "app/map_renderer.hpp"
#include "app/plan_state.hpp"
#include "app/returnee_view.hpp"
#include "app/rota_view.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/returnees/returnees.hpp"

namespace app {

class CountyView;

// A message shown as a modal until dismissed (load failures, import results).
struct Notice {
    std::string title;
    std::string message;
};

// A layer import running on a worker thread; the UI thread polls it each frame.
struct ImportJob {
    std::atomic<double> progress{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};
    std::string error;     // written by the worker before `done`
    int64_t features = 0;  // likewise: features imported
    int64_t skipped = 0;
    std::vector<std::string> planLines;   // likewise: checkpoints re-snapped to replaced roads
    std::vector<std::string> notes;       // likewise: lines polygonised, village rows skipped
    geo::ReturneeImportReport returnees;  // likewise, for a returnee import
    std::thread worker;
    ~ImportJob() { if (worker.joinable()) worker.join(); }
};

constexpr int kReturneesRole = static_cast<int>(kMapLayerCount);  // the dialog's role after the map layers

// The returnee part of the import dialog: a preview of the table and the planner's choices.
struct ReturneeImportState {
    bool isPrepared = false;                      // read for the current file and layer
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // the first rows, decoded
    std::vector<uint8_t> isPersonal;              // per header column: never offered, never read
    std::string personalList;                     // those columns, comma separated
    std::string encoding;                         // what the preview was decoded as
    int encodingChoice = 0;                       // auto, UTF-8, GBK, GB18030
    bool isCsv = false;                           // encoding applies (GDAL decodes the others)
    bool hasGeometry = false;                     // a point layer: its geometry may locate the rows
    int locate = 0;                               // lon/lat, x/y + CRS, village, geometry
    geo::ReturneeColumns columns;
    int epsg = 4326;
    int year = 2020;
    char batch[256] = {};
    bool skipBad = false;
};

struct ImportState {
    std::string path;            // the dropped file
    geo::SourceInfo source;      // its layers, fields and sample rows
    int layerIndex = 0;
    int role = 2;                // MapLayer index: roads by default
    bool dialogOpen = false;
    bool isWorkspace = false;    // the dropped file is itself a Cordon workspace: it may be opened
    ReturneeImportState returnees;
    std::unique_ptr<ImportJob> job;
    MapLayer jobRole = MapLayer::Roads;
    bool jobIsReturnees = false;
};

// Text being typed in the scenarios window.
struct ScenarioEditState {
    char name[128] = {};
    char notes[4096] = {};
    int64_t notesFor = 0;       // scenario and plan version the notes buffer was filled from
    uint64_t notesVersion = 0;
};

struct UiState {
    // Windows.
    bool showLayers = true;
    bool showLegend = true;
    bool showStatusBar = true;
    bool showCheckpoints = false;  // opened from View or the plan tool bar; off at start so the map is clear
    bool showScenarios = false;
    bool showFigures = true;
    bool showSuggest = false;

    // Map view.
    Camera camera;
    bool fitRequested = true;  // fit the camera to the extent on the next frame
    bool isPanning = false;    // a drag that started on the map
    std::array<LayerView, kMapLayerCount> layerViews{};
    bool showLabels = true;
    MapOverlayCache overlay;   // label anchors etc., rebuilt when the model version changes
    float contentScale = 1.0f;

    // Cursor over the map, in the working CRS.
    bool cursorOnMap = false;
    double cursorX = 0, cursorY = 0;

    // Selection: a district by feature index, -1 for none.
    int selectedDistrict = -1;

    // The plan: scenarios, checkpoints, tools (app/plan_state.hpp).
    PlanState plan;
    ScenarioEditState scenarioEdit;
    bool leftDragCaptured = false;  // a plan gesture owns the left button: the map does not pan

    // Entries, guarding and figures of the current scenario; the Suggest panel.
    AnalysisState analysis;
    SuggestState suggest;
    DateState date;  // the date bar (window_date.cpp): figures, map and charts as of a day

    std::vector<Notice> notices;
    ImportState import;
    BriefingState briefing;  // full-screen briefing view (window_briefing.cpp)
    SnapshotDialogState snapshotDialog;  // window_snapshot.cpp
    ReturneeView returnees;    // the returnee window and its choropleth
    RotaView rota;             // the rota window and the shortfall on the map (window_rota.cpp)
    BasemapView basemaps;      // imagery and scanned maps under the map (cordon basemap)
    LayerEditState edit;       // drawing boundary, districts and villages by hand (window_edit_layers.cpp)
    GeorefView georef;         // the georeference window for a scanned paper map (window_georef.cpp)
    CountyView* county = nullptr;  // the county view (app/county_view.hpp), owned by the frame loop; none for a workspace
    bool quitRequested = false;
};

}  // namespace app
