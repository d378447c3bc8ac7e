// Drawing on a snapshot page with an ImGui draw list, recording what was drawn: the shared
// primitives of the page overlay, its legend and its map marks (app/snapshot_*.cpp only).
#pragma once
#include <imgui.h>

#include <string>

#include "app/snapshot.hpp"
#include "app/snapshot_overlay.hpp"

namespace app {

struct Palette {
    ImU32 page, text, muted, rule, boxFill, boxEdge, cardFill, cardValue, alert, halo;
};
Palette pagePalette(geo::LayoutStyle style);

inline ImVec2 v(double x, double y) { return ImVec2(static_cast<float>(x), static_cast<float>(y)); }

// The page being drawn: the draw list, its fonts and layout, and the report of what it drew.
struct PageCanvas {
    ImDrawList& dl;
    const PageFonts& fonts;
    const geo::PageLayout& layout;
    Palette palette;
    OverlayReport& report;

    ImVec2 measure(const ImFont* font, double size, const std::string& s) const;
    // Text at (x, y), its top-left corner, recorded with the panel it belongs in.
    void text(ImFont* font, double size, double x, double y, ImU32 colour, const std::string& s, const geo::Rect& panel);
    // The same with a halo so it reads over roads and dark cells.
    void haloText(ImFont* font, double size, double x, double y, ImU32 colour, ImU32 halo, const std::string& s,
                  const geo::Rect& panel);
    void drewSymbol(const std::string& key);  // once per key
};

// Legend row keys shared by the legend and the map marks.
std::string checkpointSymbolKey(geo::CheckpointKind kind);
inline const char* kOpenEntryKey = "entry:open";
inline const char* kNearEntryKey = "entry:near";
std::string returneeClassKey(int cls);

// The legend of everything the map shows (app/snapshot_legend.cpp).
void drawPageLegend(PageCanvas& canvas, const SnapshotData& data, double metresPerPixel);
// Entries, checkpoints with their numbers and names, district and village names, inside the
// map frame (app/snapshot_marks.cpp).
void drawMapMarks(PageCanvas& canvas, const SnapshotData& data, const geo::MapTransform& transform);
// Every legend text drawPageLegend may show, for the font atlas.
std::string legendText(const SnapshotData& data);
// The checkpoint table in layout.tableBox, when the layout has one (app/snapshot_table.cpp).
void drawCheckpointTable(PageCanvas& canvas, const SnapshotData& data);
std::string tableText(const SnapshotData& data);

}  // namespace app
