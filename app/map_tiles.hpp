// Draws big maps from cached raster tiles at power-of-two zoom levels, so that panning and
// zooming over a million road segments costs a few textured quads per frame. Small views are
// drawn directly. Missing tiles are rendered a few per frame, coarser or finer cached tiles
// standing in meanwhile.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "app/camera.hpp"
#include "app/gl.hpp"
#include "app/map_renderer.hpp"

namespace app {

class MapTileCache {
public:
    static constexpr int kTileSize = 512;        // pixels per side
    static constexpr size_t kMaxTiles = 128;     // 128 MiB of RGBA tiles at most
    static constexpr uint64_t kDirectSegments = 60000;  // default: fewer in view are drawn directly
    static constexpr int kRendersPerFrame = 1;

    MapTileCache();  // needs a current GL context
    // Draws the map for `camera` into the framebuffer bound now (viewport = camera size).
    // Returns false while tiles are still missing: draw another frame soon.
    bool draw(MapRenderer& renderer, const Camera& camera, const MapDrawOptions& options);
    void clear();
    void setDirectLimit(uint64_t segments) { directLimit_ = segments; }
    bool usedTilesLastFrame() const { return usedTiles_; }

private:
    struct Tile {
        int level = 0;
        int64_t tx = 0, ty = 0;
        GlTexture texture;
        uint64_t lastUsed = 0;
        bool valid = false;
    };
    Tile* find(int level, int64_t tx, int64_t ty);
    Tile& allocate();
    void render(MapRenderer& renderer, Tile& tile, const MapDrawOptions& options);
    void drawTile(const Tile& tile, const Camera& camera);
    static double levelUnits(int level);  // metres per pixel at a level

    std::vector<Tile> tiles_;
    GlFramebuffer fbo_;
    GlProgram program_;
    GLint rectUniform_;
    GlVertexArray vao_;
    GlBuffer corners_;
    uint64_t frame_ = 0;
    uint64_t version_ = UINT64_MAX;
    std::array<float, 2 * kMapLayerCount + 1> optionsKey_{};
    bool usedTiles_ = false;
    uint64_t directLimit_ = kDirectSegments;
};

}  // namespace app
