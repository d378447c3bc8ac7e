// What the GL and CPU snapshot paths share (app/snapshot*.cpp only): the page's ImGui context,
// the check that the map was drawn, and the check of the written file.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <filesystem>

#include "app/map_style.hpp"
#include "app/snapshot.hpp"
#include "app/snapshot_overlay.hpp"
#include "geo/basemap/basemap_image.hpp"
#include "geo/render/page_layout.hpp"

namespace geo {
class PngWriter;
}

namespace app {

struct SnapshotData;
class StageClock;

// An ImGui context of our own for the page (the GUI's, if any, is restored afterwards). With
// `withGl`, ImGui's OpenGL backend draws it; without, the font atlas is kept as RGBA for the
// CPU rasteriser.
class OverlayContext {
public:
    OverlayContext(const geo::PageLayout& layout, const PageContent& content, bool withGl);
    ~OverlayContext();
    OverlayContext(const OverlayContext&) = delete;
    OverlayContext& operator=(const OverlayContext&) = delete;
    const PageFonts& fonts() const { return fonts_; }
    ImDrawList& drawList() { return *ImGui::GetBackgroundDrawList(); }
    void finish();
    void renderView(const geo::Tile& view);  // GL only
    const ImDrawData& drawData() const { return *drawData_; }
    const uint8_t* atlasRgba() const { return atlas_; }
    int atlasWidth() const { return atlasWidth_; }
    int atlasHeight() const { return atlasHeight_; }

private:
    ImGuiContext* previous_ = nullptr;
    ImGuiContext* context_ = nullptr;
    bool hasBackend_ = false;
    PageFonts fonts_;
    ImDrawData* drawData_ = nullptr;
    unsigned char* atlas_ = nullptr;
    int atlasWidth_ = 0, atlasHeight_ = 0;
};

// Pixels of the map frame (less a 2-pixel edge) drawn over the background colours: none, or
// all of them, means the map did not come out.
class InkCounter {
public:
    explicit InkCounter(const geo::PageLayout& layout);
    int64_t countRow(const uint8_t* rgbRow, int y) const;  // row y of the page
    // Some of the frame drawn, not all of it; all of it too where a basemap covers the frame.
    bool hasInk(int64_t inkPixels, bool isFrameCovered = false) const;
private:
    int fx0_, fx1_, fy0_, fy1_, width_;
};

// The workspace's basemaps as one picture over the map frame at the output resolution (at most
// `maxSide` pixels a side), with the frame's extent in the working CRS; an empty image when none
// is drawn. A linked file gone throws: a printed map must not silently lack the picture it was
// planned on.
struct FramePicture {
    geo::RgbaImage image;
    geo::Bbox extent;
};
constexpr int kMaxBasemapSide = 16384;  // pixels a side of the basemap picture (one GL texture)
FramePicture basemapPicture(const SnapshotData& data, const geo::PageLayout& layout, const geo::MapTransform& transform,
                            int maxSide);

// The top-left pixel (page margin or title band) has the page colour: drawing did not fail.
bool hasPageColour(const uint8_t* rgb, geo::LayoutStyle style);

// Refuses a page whose map was not drawn (`isDrawn` false), else finishes the PNG and checks
// that the file written is a PNG of the page's size.
void finishSnapshot(geo::PngWriter& writer, const SnapshotRequest& request, const SnapshotResult& result, bool isDrawn,
                    StageClock& clock);

// The CPU path of renderSnapshot (app/snapshot_cpu.cpp): `result` has the layout and scale.
SnapshotResult renderSnapshotCpu(const SnapshotData& data, const SnapshotRequest& request, SnapshotResult result,
                                 const geo::MapTransform& transform);

}  // namespace app
