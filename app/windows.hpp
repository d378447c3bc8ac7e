// Every GUI window's draw function; app/gui.cpp lists them in drawWindows().
#pragma once
#include "app/app_model.hpp"
#include "app/fonts.hpp"
#include "app/map_renderer.hpp"
#include "app/ui_state.hpp"

#include <string>
#include <string_view>
#include <vector>

struct ImDrawList;
struct ImVec2;
namespace geo {
struct Checkpoint;
struct StaffingTotals;
}

namespace app {

// What a window may use; one per GUI, alive for the whole run.
struct GuiContext {
    AppModel& model;
    UiState& ui;
    MapRenderer& renderer;
    Fonts& fonts;
};

void handleMapInput(GuiContext& gui);     // pan, zoom, cursor read-out (window_map.cpp)
void drawMapOverlay(GuiContext& gui);     // labels, scale bar, status bar (window_map.cpp)
void drawLayersWindow(GuiContext& gui);   // window_layers.cpp
void drawLegendWindow(GuiContext& gui);   // window_legend.cpp
void drawImportWindow(GuiContext& gui);   // window_import.cpp: the dialog for a dropped file
void drawNotices(GuiContext& gui);        // window_notices.cpp: modal notices
bool handlePlanInput(GuiContext& gui);   // window_plan_map.cpp: add/move/select, Delete, undo/redo keys
void drawPlanOverlay(GuiContext& gui);   // window_plan_map.cpp: checkpoint symbols, labels, tooltip, tool preview
void drawPlanToolsWindow(GuiContext& gui);  // window_plan_map.cpp: add tool, off-road, tolerance, undo/redo
// window_edit_layers.cpp: drawing boundary, districts and villages by hand.
bool handleEditInput(GuiContext& gui);     // clicks, drags and keys of the edit tools; true while it owns the left button
void drawEditOverlay(GuiContext& gui);     // handles, the area being drawn, the snap marker
void drawEditToolsWindow(GuiContext& gui); // layer, tools, snapping, undo/redo, name
void drawCheckpointsWindow(GuiContext& gui);  // window_checkpoints.cpp: table and staffing
void drawScenariosWindow(GuiContext& gui);    // window_scenarios.cpp
void drawEntriesOverlay(GuiContext& gui);
// An entry on the map: a green ring when guarded, the open-entry marker when not (window_figures.cpp).
void drawEntryMark(ImDrawList& dl, ImVec2 p, bool isGuarded, float contentScale);
// A checkpoint's fill by its staffing (window_plan_map.cpp), and text with a white halo.
unsigned checkpointStatusColor(const geo::Checkpoint& c, const geo::StaffingTotals& staffing);
void haloLabel(ImDrawList* dl, ImVec2 p, unsigned color, const char* text);
// window_county.cpp: the county view (app/county_view.hpp), in place of the planning windows.
void drawCountyOverlay(GuiContext& gui);  // township names, checkpoints, entries, entries between
void drawCountyWindow(GuiContext& gui);   // figures per township and in total; a row centres the map
void collectCountyTexts(const UiState& ui, std::vector<std::string_view>& out);  // window_figures.cpp: entries, unguarded in a warning colour
void drawFiguresWindow(GuiContext& gui);   // window_figures.cpp: live figures, unguarded list, comparison
void drawSuggestWindow(GuiContext& gui);   // window_suggest.cpp: seal/budget into a new scenario
// window_date.cpp: the date bar (slider, step, play, all dates) and the figures as of its day.
void drawDateBar(GuiContext& gui);
void drawAsOfFigures(GuiContext& gui);     // in the Figures window, while a date is chosen
void collectAnalysisTexts(const UiState& ui, std::vector<std::string_view>& out);  // glyphs they show
// window_returnees.cpp: called every frame (it also sets or hides the map's choropleth).
void drawReturneesWindow(GuiContext& gui);
void drawReturneesMenuItem(GuiContext& gui);
void collectReturneeTexts(const UiState& ui, std::vector<std::string_view>& out);
void startImportPreview(GuiContext& gui, const std::string& path);  // window_import.cpp
void startImport(GuiContext& gui, MapLayer role);  // runs the previewed import on a worker thread
// window_returnee_import.cpp: the dialog's returnee role.
void prepareReturneePreview(GuiContext& gui);      // reads the header and first rows, detects columns
void drawReturneeImportSection(GuiContext& gui);   // preview, column combos, year, batch, skip-bad
void startReturneeImport(GuiContext& gui);         // imports with the dialog's choices on a worker
void finishReturneeImport(GuiContext& gui);        // the notice; the returnee window reloads
void collectReturneeImportTexts(const UiState& ui, std::vector<std::string_view>& out);
// window_rota.cpp: called every frame (it also collects a finished solve).
void drawRotaWindow(GuiContext& gui);
void drawRotaOverlay(GuiContext& gui);  // posts short of staff ringed on the map, "缺 N 人"
void collectRotaTexts(const UiState& ui, std::vector<std::string_view>& out);
// window_georef.cpp: georeferencing a scanned paper map by control points.
void drawGeorefWindow(GuiContext& gui);   // called every frame (it also collects a finished warp)
void drawGeorefOverlay(GuiContext& gui);  // the control points on the map
bool handleGeorefMapInput(GuiContext& gui);  // a click on the map gives the pending point its map position
void startGeorefScan(GuiContext& gui, const std::string& path);  // opens the window and reads the scan
void collectGeorefTexts(const UiState& ui, std::vector<std::string_view>& out);

}  // namespace app
