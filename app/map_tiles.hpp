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
    static constexpr int kTileSize = 64;         // pixels per side: small, so one render costs little
    static constexpr size_t kMaxTiles = 8192;    // 128 MiB of RGBA tiles at most
    static constexpr uint64_t kDirectSegments = 12000;  // default: fewer in view are drawn directly
    // Missing tiles rendered per frame, nearest the centre of the view first: while the camera
    // moves, one (the frame stays smooth, stand-ins show meanwhile); once it rests, more, so the
    // view fills in quickly.
    static constexpr int kRendersWhileMoving = 1;
    static constexpr int kRendersAtRest = 24;

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
    // An open-addressing index of the valid tiles by (level, tx, ty), sized once: no allocation
    // while frames are drawn.
    static size_t slotOf(int level, int64_t tx, int64_t ty);
    void indexInsert(int32_t tile);
    void indexErase(const Tile& tile);
    void indexRebuild();
    Tile& allocate();
    void render(MapRenderer& renderer, Tile& tile, const MapDrawOptions& options);
    void drawTile(const Tile& tile, const Camera& camera);
    void drawStandInsScissored(const Camera& camera, int level, size_t rendered, const std::array<GLint, 4>& viewport);
    static double levelUnits(int level);  // metres per pixel at a level

    std::vector<Tile> tiles_;
    static constexpr size_t kSlots = 4 * kMaxTiles;  // a power of two
    static constexpr int32_t kEmpty = -1, kErased = -2;
    std::vector<int32_t> slots_;
    size_t erased_ = 0;
    struct Missing { int64_t tx, ty; double distance; };
    std::vector<Missing> missing_;  // this frame's tiles still to render (capacity kept)
    double lastCenterX_ = 0, lastCenterY_ = 0, lastUnits_ = 0;
    GlFramebuffer fbo_;
    GlProgram program_;
    GLint rectUniform_;
    GlVertexArray vao_;
    GlBuffer corners_;
    uint64_t frame_ = 0;
    uint64_t version_ = UINT64_MAX;
    std::array<float, 2 * kMapLayerCount + 1> optionsKey_{};
    bool usedTiles_ = false;
    bool isUnderlaid_ = false;  // tiles drawn transparent over an underlay
    uint64_t directLimit_ = kDirectSegments;
};

}  // namespace app
