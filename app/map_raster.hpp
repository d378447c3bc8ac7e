// The map drawn on the CPU into RGB bands of a page: AGG fills the polygons, and each line
// segment is covered by its distance as the line shader does, so both paths draw the same map.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "app/map_data.hpp"
#include "geo/basemap/basemap_image.hpp"
#include "geo/render/mesh.hpp"
#include "geo/render/page_layout.hpp"

namespace app {

// Rows [y0, y0 + height) of a page `width` pixels wide, RGB, top row first, `stride` bytes apart.
struct RgbBand {
    uint8_t* pixels = nullptr;  // row y0
    int width = 0, y0 = 0, height = 0;
    std::ptrdiff_t stride = 0;
};

// The map of a snapshot at one zoom: meshes are built once, then bands are drawn independently
// (drawBand is const and may run on several threads at once, each on its own band).
class MapRaster {
public:
    // `choropleth` (may be null) is drawn over the fills, one packed colour per feature.
    MapRaster(const MapData& data, const geo::MapTransform& transform, float pixelScale, const geo::Layer* choropleth,
              const std::vector<uint32_t>* choroplethColors);
    // Fills the band with the background colour and draws the map; returns the segments drawn.
    uint64_t drawBand(const RgbBand& band) const;
    // The basemap picture (straight alpha) stretched over `frame` (page pixels), laid on the
    // background before the fills, which then only tint it.
    void setBasemap(geo::RgbaImage picture, const geo::Rect& frame);
    bool hasBasemap() const { return !basemap_.isEmpty(); }

private:
    struct Fill {
        const geo::Layer* layer = nullptr;
        std::vector<uint32_t> colors;  // per feature (repeated when fewer); alpha 0: not drawn
        bool tintsBasemap = true;      // drawn at style::kFillOverBasemap over a basemap
    };
    void drawBasemap(const RgbBand& band) const;
    void drawFill(const RgbBand& band, const Fill& fill) const;
    uint64_t drawLines(const RgbBand& band, const geo::LineMesh& mesh, int style, float halfWidth, uint32_t color) const;

    geo::MapTransform transform_;
    float pixelScale_ = 1;
    double originX_ = 0, originY_ = 0;
    std::vector<Fill> fills_;          // in drawing order
    geo::LineMesh roads_, full_;       // roads_ empty when the full mesh carries them
    bool roadsInFull_ = true;
    geo::RgbaImage basemap_;
    geo::Rect basemapFrame_;
};

}  // namespace app
