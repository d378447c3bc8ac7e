// The map window's basemaps as tiles at power-of-two zoom levels: warped by GDAL on worker
// threads (each tile from the overview that suits its level), uploaded a few per frame, and drawn
// under the vector layers. While the view's own tiles are on their way, coarser or finer ones and
// those of an earlier look stand in. While the camera moves, the level above the view's is warped
// and shown, at a bounded pace: the frames keep theirs, and the view sharpens when it rests. The
// vector tiles are independent of these, so a basemap tile arriving redraws nothing else.
#pragma once
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/camera.hpp"
#include "app/gl.hpp"
#include "app/map_renderer.hpp"
#include "geo/basemap/basemap_image.hpp"

namespace app {

class BasemapTiles final : public MapUnderlay {
public:
    static constexpr int kTileSize = 256;           // pixels a side
    static constexpr size_t kMaxTiles = 384;        // 96 MiB of RGBA textures at most
    static constexpr size_t kUploadsWhileMoving = 1;  // textures filled per frame (a quarter MiB each)
    static constexpr size_t kUploadsAtRest = 8;
    static constexpr int kStandInLevels = 3;        // coarser levels searched for a stand-in
    static constexpr int kMaxWorkers = 4;           // warping threads
    // A camera still this long is at rest: the view's own level is warped (coarser tiles before).
    static constexpr std::chrono::milliseconds kRestDelay{200};
    static constexpr std::chrono::milliseconds kMovingTilePeriod{40};  // tiles started while moving: 25 a second

    BasemapTiles();   // needs a current GL context
    ~BasemapTiles() override;  // stops the workers (a tile being warped is finished first)
    BasemapTiles(const BasemapTiles&) = delete;
    BasemapTiles& operator=(const BasemapTiles&) = delete;

    // The basemaps to draw (bottom to top, with their look) from this workspace; an empty list
    // draws nothing. Tiles already shown stand in until their new ones arrive.
    void setSource(const std::vector<geo::Basemap>& basemaps, const std::string& workspacePath, int workingEpsg);
    // Once a frame, before drawing: uploads finished tiles and asks for the view's missing ones,
    // nearest the centre first. Problems met by the workers (a linked file gone) are appended to
    // `problems`, each once. While the camera moves (and until it has rested kRestDelay), the next
    // coarser level is asked for and shown, its tiles started at most one per kMovingTilePeriod.
    // Returns false while the view's tiles at its own level are still on their way.
    bool update(const Camera& camera, std::vector<std::string>& problems);

    bool isActive() const override { return hasSource_; }
    void drawUnder(const Camera& camera, float opacity) override;

    // Tiles warped and shown so far, for the benchmark and tests.
    uint64_t tilesWarped() const { return warped_; }
    // Tiles asked for or being warped, and warped but not yet shown (tests).
    size_t tilesQueued();
    size_t tilesReady();
    // The view's own level: its tiles are shown at 50-100% of their size.
    static int levelFor(const Camera& camera);
    // The level shown (the view's own, or the next coarser while moving) and how many of the view's
    // tiles at it were missing at the last update (tests).
    int levelShown() const { return level_; }
    size_t tilesMissing() const { return missing_.size(); }

private:
    struct Key {
        int level = 0;
        int64_t tx = 0, ty = 0;
        bool operator==(const Key&) const = default;
    };
    struct Source {
        std::vector<geo::Basemap> basemaps;
        std::string workspacePath;
        int workingEpsg = 0;
        uint64_t generation = 0;
    };
    struct Result {
        Key key;
        uint64_t generation = 0;
        geo::RgbaImage image;  // premultiplied; empty where no basemap covers the tile
        std::vector<std::string> problems;
        bool isOpaque = false;  // every pixel opaque
    };
    struct Tile {
        Key key;
        uint64_t generation = 0;
        uint64_t lastUsed = 0;
        GlTexture texture;
        bool valid = false;
        bool empty = false;  // nothing to draw there
        bool isOpaque = false;  // every pixel opaque: drawn without blending at full opacity
    };

    static double levelUnits(int level) { return std::ldexp(1.0, level); }
    static geo::Bbox tileExtent(const Key& key);
    Tile* find(const Key& key);
    Tile& allocate();
    void upload(Result& result, std::vector<std::string>& problems);
    void drawTile(const Tile& tile, const Camera& camera);
    void work();

    std::vector<Tile> tiles_;
    uint64_t frame_ = 0;
    Camera lastCamera_;
    std::chrono::steady_clock::time_point lastMoved_{};
    int level_ = 0;  // the level drawn, chosen by update()
    uint64_t generation_ = 0;
    bool hasSource_ = false;
    std::vector<std::string> reported_;
    std::vector<Key> wanted_;  // this frame's missing tiles (capacity kept)
    std::vector<Key> missing_;  // of those, the ones in view (stand-ins are drawn for them)
    std::vector<Result> uploading_;
    uint64_t warped_ = 0;

    GlProgram program_;
    GLint rectUniform_ = -1, opacityUniform_ = -1;
    GlVertexArray vao_;
    GlBuffer corners_;

    // Shared with the workers, under mutex_.
    std::mutex mutex_;
    std::condition_variable wake_;
    std::shared_ptr<const Source> source_;
    std::vector<Key> queue_;      // asked for, nearest the centre last (popped from the back)
    std::vector<Key> inFlight_;   // being warped
    std::vector<Result> done_;    // warped, not yet uploaded
    bool stop_ = false;
    bool isMoving_ = false;
    std::chrono::steady_clock::time_point nextStart_{};
    std::vector<std::thread> workers_;
};

}  // namespace app
