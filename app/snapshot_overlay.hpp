// The page furniture drawn over the map with an ImGui draw list: title, scenario and date,
// legend, figures, scale bar, north arrow, labels and attribution. Shared by snapshots and the
// briefing view.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "app/map_style.hpp"
#include "app/snapshot.hpp"
#include "geo/render/page_layout.hpp"
#include "geo/plan/plan.hpp"

struct ImDrawList;
struct ImFont;

namespace app {

struct SnapshotData;

struct PageFonts {
    ImFont* title = nullptr;
    ImFont* subtitle = nullptr;
    ImFont* heading = nullptr;
    ImFont* body = nullptr;
    ImFont* small = nullptr;
    ImFont* figure = nullptr;
};

struct PageContent {
    const SnapshotData* data = nullptr;
    std::string title, scenarioName, date;
    std::vector<FigureItem> figures;
    std::vector<std::string> sources;
    std::function<void(PageCanvas&)> drawPanels;  // may be empty
    std::string panelText;
};

// The page colour around the map frame.
Rgba overlayPageColour(geo::LayoutStyle style);
// Every string drawPageOverlay can show, for building a font atlas with just those glyphs.
std::string pageText(const PageContent& content);
// Adds the page's fonts, each rasterised at its exact pixel size, to the current ImGui atlas.
PageFonts addPageFonts(const geo::PageLayout& layout, const std::string& text);

// A checkpoint's symbol by kind (square township entry, triangle village gate, circle with a
// cross health station, barred bar road closure, circle road checkpoint), as the plan overlay
// and snapshots draw it. `fill` is an ImU32 colour; r and outlineWidth are in pixels.
void drawCheckpointSymbol(ImDrawList& dl, float x, float y, geo::CheckpointKind kind, unsigned fill, float r,
                          float outlineWidth);

// An open (unguarded) entry: a magenta warning triangle edged in white, `r` its half width.
void drawOpenEntryMarker(ImDrawList& dl, float x, float y, float r, float outlineWidth);
// A near entry (to review): the same triangle hollow.
void drawNearEntryMarker(ImDrawList& dl, float x, float y, float r, float outlineWidth);

// Draws everything but the map itself, in page pixels, and reports what it drew.
OverlayReport drawPageOverlay(ImDrawList& drawList, const PageFonts& fonts, const PageContent& content,
                              const geo::PageLayout& layout, const geo::MapTransform& transform);

}  // namespace app
