// ImGui draw data (the page overlay) rasterised on the CPU into an RGB band, for snapshots drawn
// without GL: indexed triangles with per-vertex colour and UV into the font atlas, clip rects,
// blended as ImGui's OpenGL backend blends.
#pragma once
#include <cstdint>

#include "app/map_raster.hpp"

struct ImDrawData;

namespace app {

// The font atlas as ImGui gives it (io.Fonts->GetTexDataAsRGBA32), sampled bilinearly as the GL
// backend's texture is.
struct RgbaTexture {
    const uint8_t* pixels = nullptr;
    int width = 0, height = 0;
};

// Draws every command list of `drawData` (page pixels: DisplayPos (0, 0), as the page drew it) that
// falls in the band. Reads drawData and the texture only: bands may be drawn on several threads.
void rasteriseDrawData(const ImDrawData& drawData, const RgbaTexture& texture, const RgbBand& band);

}  // namespace app
