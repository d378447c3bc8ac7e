// Off-screen snapshots: the map and its overlay drawn in tiles and streamed into a PNG.
#pragma once
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "geo/core/byte_buffer.hpp"
#include "geo/render/page_layout.hpp"

namespace app {

struct SnapshotData;
struct PageCanvas;
class MapPrerender;
class StageClock;

// One entry of the figures box: a label and its value ("Checkpoints", "37"). The analysis,
// plan and returnee figures fill these in; `isAlert` draws the value in the warning colour.
struct FigureItem {
    std::string label;
    std::string value;
    std::string detail;  // a smaller second line, may be empty
    bool isAlert = false;
};

// A count as a snapshot may show it: counts under `threshold` become "<threshold".
// The returnee figures must pass every small count through this (privacy rule of the brief).
std::string snapshotCount(int64_t count, int threshold);

// The figures box: the scenario's analysis (checkpoints, staff required / available with a
// deficit as an alert, entries guarded / total, returnees total and from 武汉, returnee counts
// suppressed under the scenario's threshold), then the map's content (roads, villages, area).
std::vector<FigureItem> snapshotFigures(const SnapshotData& data, const std::string& scenarioName);

// The same for one district (the briefing zoomed on it): its checkpoints, closures, staff,
// entries guarded / total, open entries and returnees. Empty when the analysis has no such district.
std::vector<FigureItem> snapshotDistrictFigures(const SnapshotData& data, const std::string& district);

// How a snapshot is drawn: OpenGL (the GUI's context or EGL), or on the CPU's cores (faster than
// a software GL driver, and no GL needed).
enum class SnapshotEngine { Gl, Cpu };

// The engine for a command-line page: the CPU's unless OpenGL would run on a GPU.
SnapshotEngine headlessEngine();

struct SnapshotRequest {
    std::filesystem::path out;
    geo::PageSize page;
    geo::LayoutStyle style = geo::LayoutStyle::Report;
    std::string title;
    std::string scenarioName;
    std::string date;  // as printed, e.g. "2020-01-28"
    std::vector<FigureItem> figures;
    std::vector<std::string> sources;  // data-source attribution, one per layer
    int maxTileSide = geo::kMaxTileSide;
    size_t stripBudgetBytes = size_t(96) << 20;
    int samples = 0;  // multisampling per pixel: the map antialiases its lines itself, and 4 samples double llvmpipe's time
    bool useCurrentContext = false;  // draw with the caller's GL context (the GUI) instead of EGL
    std::optional<geo::PageLayout> layout;         // a page of its own (the daily report); else from page and style
    std::function<void(PageCanvas&)> drawPanels;   // further panels, drawn over the page after the legend
    std::string panelText;                         // every string drawPanels shows, for the font atlas
    StageClock* clock = nullptr;                   // `--timings`: each stage marked on it
    SnapshotEngine engine = SnapshotEngine::Gl;    // Cpu ignores useCurrentContext, samples and maxTileSide
    MapPrerender* prerendered = nullptr;           // Cpu: the map drawn ahead, used when it is of this page
};

// A line of text the page drew, with the panel it belongs in (the map frame for map labels).
struct TextBox {
    geo::Rect box;
    geo::Rect panel;
    std::string text;
};

// What the page overlay drew, for checks: symbol keys ("entry:open", "checkpoint:road_closure",
// "road:national", "returnees:2", ...) each once, the legend's rows by the same keys, and every
// text in a panel.
struct OverlayReport {
    geo::ScaleBar scaleBar;
    std::vector<std::string> symbolsDrawn;
    std::vector<std::string> legendRows;
    std::vector<TextBox> texts;
};

struct SnapshotResult {
    int width = 0, height = 0;
    int tiles = 0;
    uint64_t segmentsDrawn = 0;  // road and outline segments drawn, summed over the tiles
    uint32_t drawCalls = 0;
    double metresPerPixel = 0;
    double scaleDenominator = 0;
    geo::ScaleBar scaleBar;
    OverlayReport overlay;
    geo::PageLayout layout;
    int64_t mapInkPixels = 0;   // pixels in the map frame drawn over the background
    std::string glRenderer;
};

// Today's date as YYYY-MM-DD (local time), as snapshots and the briefing print it.
std::string todayText();

// The default title: the workspace's "title" setting, else the township's name (the boundary
// layer's name field), else the workspace's file name, followed by what the map is.
std::string defaultTitle(const std::string& workspaceTitle, const std::string& townshipName,
                         const std::string& workspaceName);

// The map of a CPU snapshot drawn on other threads while the caller goes on (`cordon render`
// analyses the scenario meanwhile). The map's layers, extent and returnee layer in `data` must
// not change until it is destroyed or waited for; the other fields may.
class MapPrerender {
public:
    MapPrerender(const SnapshotData& data, const geo::PageLayout& layout);
    ~MapPrerender();  // waits for the drawing
    MapPrerender(const MapPrerender&) = delete;
    MapPrerender& operator=(const MapPrerender&) = delete;
    const geo::PageLayout& layout() const { return layout_; }
    // The page's RGB rows, top first, with the map drawn; rethrows a failure of the drawing.
    geo::ByteBuffer& wait();
    uint64_t segmentsDrawn() const { return segmentsDrawn_; }  // after wait()
    bool hasBasemap() const { return hasBasemap_; }            // after wait(): a basemap lies under the map
private:
    geo::PageLayout layout_;
    geo::ByteBuffer image_;
    uint64_t segmentsDrawn_ = 0;
    bool hasBasemap_ = false;
    std::exception_ptr failure_;
    std::thread thread_;
};

// Physical pixels per logical pixel for the map renderer on this page.
double snapshotPixelScale(const geo::PageLayout& layout);

// Renders and writes the PNG (atomically). Needs no display: makes its own EGL surfaceless
// context unless useCurrentContext, or uses no GL at all with SnapshotEngine::Cpu. Throws geo::Error with the reason when the image cannot be
// made, and never leaves a blank or partial file behind.
SnapshotResult renderSnapshot(const SnapshotData& data, const SnapshotRequest& request);

}  // namespace app
