// Basemap tiles: the workers' queue, uploads a few per frame, stand-ins while tiles are missing.
#include "app/basemap_tiles.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include "app/platform.hpp"
#include "geo/core/threads.hpp"
#include "shaders_embedded.hpp"

namespace app {
namespace {

constexpr int kRing = 1;  // tiles asked for around the view, for short pans

// Premultiplies in place (the composite program expects premultiplied alpha); true when every
// pixel is opaque, so the tile can be drawn without blending.
bool premultiply(geo::RgbaImage& image) {
    bool isOpaque = !image.isEmpty();
    for (size_t i = 0; i + 3 < image.pixels.size(); i += 4) {
        const unsigned a = image.pixels[i + 3];
        if (a == 255) continue;
        isOpaque = false;
        for (size_t c = 0; c < 3; ++c) image.pixels[i + c] = static_cast<uint8_t>((image.pixels[i + c] * a + 127) / 255);
    }
    return isOpaque;
}

}  // namespace

BasemapTiles::BasemapTiles() : program_(compileProgram("basemap", shaders::tile_vert, shaders::composite_frag)) {
    rectUniform_ = program_.uniform("u_rect");
    opacityUniform_ = program_.uniform("u_opacity");
    glUseProgram(program_.id());
    glUniform1i(program_.uniform("u_texture"), 0);
    glUseProgram(0);
    uploadCorners(vao_, corners_, {0, 0, 1, 0, 0, 1, 1, 1});
    glBindVertexArray(0);
    tiles_.reserve(kMaxTiles);
    wanted_.reserve(4096);
    missing_.reserve(4096);
    uploading_.reserve(kUploadsAtRest);
    queue_.reserve(4096);
    // GDAL's warp is single-threaded: one worker per core but one (the UI thread's), at least one,
    // and a few at most (each holds its own open files; the view's tiles come fast enough).
    const int workers = std::clamp(geo::workerCount() - 1, 1, kMaxWorkers);
    inFlight_.reserve(static_cast<size_t>(workers));
    for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

BasemapTiles::~BasemapTiles() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        queue_.clear();
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
}

geo::Bbox BasemapTiles::tileExtent(const Key& key) {
    const double size = kTileSize * levelUnits(key.level);
    geo::Bbox b;
    b.add(static_cast<double>(key.tx) * size, static_cast<double>(key.ty) * size);
    b.add(static_cast<double>(key.tx + 1) * size, static_cast<double>(key.ty + 1) * size);
    return b;
}

int BasemapTiles::levelFor(const Camera& camera) {
    // At or just finer than the camera: tiles are shown at 50-100% of their size.
    return static_cast<int>(std::floor(std::log2(camera.unitsPerPixel)));
}

void BasemapTiles::setSource(const std::vector<geo::Basemap>& basemaps, const std::string& workspacePath, int workingEpsg) {
    auto source = std::make_shared<Source>();
    for (const geo::Basemap& b : basemaps)
        if (b.opacity > 0) source->basemaps.push_back(b);
    source->workspacePath = workspacePath;
    source->workingEpsg = workingEpsg;
    source->generation = ++generation_;
    hasSource_ = !source->basemaps.empty();
    if (!hasSource_)
        for (Tile& t : tiles_) t.valid = false;
    {
        std::lock_guard lock(mutex_);
        source_ = hasSource_ ? std::move(source) : nullptr;
        queue_.clear();
        done_.clear();  // warped for the old source
    }
    wake_.notify_all();  // without a basemap, the workers let go of its files
}

void BasemapTiles::work() {
    lowerThisThreadPriority();  // frames first
    geo::BasemapWarper warper;   // this worker's open files and reprojections, kept between tiles
    uint64_t warperGeneration = 0;  // of the source those files were opened for
    for (;;) {
        Key key;
        std::shared_ptr<const Source> source;
        {
            std::unique_lock lock(mutex_);
            // Woken for a tile, to stop, or to let go of the files once no basemap is left.
            wake_.wait(lock, [&] { return stop_ || (!queue_.empty() && source_) || (!source_ && warperGeneration != 0); });
            if (stop_) return;
            if (!source_) {
                lock.unlock();
                warper.close();
                warperGeneration = 0;
                continue;
            }
            // While the camera moves, the workers together start one tile per period: on a machine
            // whose cores also draw the frames (software GL), warping competes with them.
            const auto now = std::chrono::steady_clock::now();
            if (isMoving_ && now < nextStart_) {
                wake_.wait_until(lock, nextStart_);
                continue;
            }
            nextStart_ = now + kMovingTilePeriod;
            key = queue_.back();
            queue_.pop_back();
            source = source_;
            inFlight_.push_back(key);
        }
        if (source->generation != warperGeneration) {
            warper.close();  // a new source may be a workspace replaced under the same name
            warperGeneration = source->generation;
        }
        Result result;
        result.key = key;
        result.generation = source->generation;
        geo::BasemapPicture picture = geo::renderBasemaps(warper, source->basemaps, source->workspacePath, source->workingEpsg,
                                                          tileExtent(key), kTileSize, kTileSize);
        result.isOpaque = premultiply(picture.image);
        result.image = std::move(picture.image);
        result.problems = std::move(picture.problems);
        {
            std::lock_guard lock(mutex_);
            inFlight_.erase(std::find(inFlight_.begin(), inFlight_.end(), key));
            if (source_ && source_->generation == result.generation) done_.push_back(std::move(result));
        }
        glfwPostEmptyEvent();  // wake the frame loop to show it
    }
}

size_t BasemapTiles::tilesQueued() {
    std::lock_guard lock(mutex_);
    return queue_.size() + inFlight_.size();
}

size_t BasemapTiles::tilesReady() {
    std::lock_guard lock(mutex_);
    return done_.size();
}

BasemapTiles::Tile* BasemapTiles::find(const Key& key) {
    for (Tile& t : tiles_)
        if (t.valid && t.key == key) return &t;
    return nullptr;
}

BasemapTiles::Tile& BasemapTiles::allocate() {
    for (Tile& t : tiles_)
        if (!t.valid) return t;
    if (tiles_.size() < kMaxTiles) {
        Tile& t = tiles_.emplace_back();
        // Nearest: tiles are shown at 50-100% of their size, and software GL samples nearest texels at
        // a fraction of linear filtering's cost.
        defineTexture(t.texture, kTileSize, kTileSize, GL_NEAREST);
        return t;
    }
    Tile* oldest = &tiles_[0];  // least recently used
    for (Tile& t : tiles_)
        if (t.lastUsed < oldest->lastUsed) oldest = &t;
    oldest->valid = false;
    return *oldest;
}

void BasemapTiles::upload(Result& result, std::vector<std::string>& problems) {
    for (std::string& p : result.problems)
        if (std::find(reported_.begin(), reported_.end(), p) == reported_.end()) {
            reported_.push_back(p);
            problems.push_back(std::move(p));
        }
    Tile* tile = find(result.key);
    if (!tile) tile = &allocate();
    tile->key = result.key;
    tile->generation = result.generation;
    tile->lastUsed = frame_;
    tile->valid = true;
    tile->empty = result.image.isEmpty();
    tile->isOpaque = result.isOpaque;
    if (tile->empty) return;
    glBindTexture(GL_TEXTURE_2D, tile->texture.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kTileSize, kTileSize, GL_RGBA, GL_UNSIGNED_BYTE, result.image.pixels.data());
    glBindTexture(GL_TEXTURE_2D, 0);
    ++warped_;
}

bool BasemapTiles::update(const Camera& camera, std::vector<std::string>& problems) {
    ++frame_;
    if (!hasSource_) return true;
    // Each upload makes a software GL driver finish the frames that sample textures: while the
    // camera moves, one a frame keeps frames even; at rest the view fills in quickly.
    const bool isMoving = camera.centerX != lastCamera_.centerX || camera.centerY != lastCamera_.centerY ||
                          camera.unitsPerPixel != lastCamera_.unitsPerPixel;
    lastCamera_ = camera;
    const auto now = std::chrono::steady_clock::now();
    if (isMoving) lastMoved_ = now;
    // While the camera moves, the tiles of the next coarser level are warped and shown: a quarter
    // of the work, started at a bounded pace, so that the frames keep theirs. The view's own level
    // follows once the camera has rested a moment, the coarser tiles standing in meanwhile.
    const bool isResting = now - lastMoved_ >= kRestDelay;
    const int level = levelFor(camera) + (isResting ? 0 : 1);
    level_ = level;
    const geo::Bbox view = camera.visibleWorld();
    const double size = kTileSize * levelUnits(level);
    const int64_t tx0 = static_cast<int64_t>(std::floor(view.minX / size)), tx1 = static_cast<int64_t>(std::floor(view.maxX / size));
    const int64_t ty0 = static_cast<int64_t>(std::floor(view.minY / size)), ty1 = static_cast<int64_t>(std::floor(view.maxY / size));
    const double midX = 0.5 * (view.minX + view.maxX) / size - 0.5, midY = 0.5 * (view.minY + view.maxY) / size - 0.5;
    // The order tiles are wanted in: the view's own by their distance from its centre (in tiles),
    // then the ring around it, then other levels.
    auto distance = [&](const Key& k) {
        const double dx = static_cast<double>(k.tx) - midX, dy = static_cast<double>(k.ty) - midY;
        const bool inView = k.level == level && k.tx >= tx0 && k.tx <= tx1 && k.ty >= ty0 && k.ty <= ty1;
        return (inView ? 0.0 : k.level == level ? 1e6 : 1e12) + dx * dx + dy * dy;
    };
    {
        // The finished tiles nearest the centre first: those of the view before the ring around it.
        std::lock_guard lock(mutex_);
        const size_t n = std::min(done_.size(), isMoving ? kUploadsWhileMoving : kUploadsAtRest);
        std::partial_sort(done_.begin(), done_.begin() + static_cast<std::ptrdiff_t>(n), done_.end(),
                          [&](const Result& a, const Result& b) { return distance(a.key) < distance(b.key); });
        for (size_t i = 0; i < n; ++i) uploading_.push_back(std::move(done_[i]));
        done_.erase(done_.begin(), done_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    for (Result& r : uploading_) upload(r, problems);
    uploading_.clear();

    // The view's tiles and a ring around them, nearest the centre first.
    bool complete = true;
    wanted_.clear();
    missing_.clear();
    for (int64_t ty = ty0 - kRing; ty <= ty1 + kRing; ++ty)
        for (int64_t tx = tx0 - kRing; tx <= tx1 + kRing; ++tx) {
            const Key key{level, tx, ty};
            Tile* t = find(key);
            if (t) t->lastUsed = frame_;
            if (t && t->generation == generation_) continue;
            const bool inView = tx >= tx0 && tx <= tx1 && ty >= ty0 && ty <= ty1;
            if (inView) {
                complete = false;
                if (missing_.size() < missing_.capacity()) missing_.push_back(key);
            }
            if (wanted_.size() == wanted_.capacity()) continue;
            wanted_.push_back(key);
        }
    // Farthest first: the workers take from the back.
    std::sort(wanted_.begin(), wanted_.end(), [&](const Key& a, const Key& b) { return distance(a) > distance(b); });
    {
        std::lock_guard lock(mutex_);
        isMoving_ = !isResting;
        queue_.clear();
        for (const Key& k : wanted_)
            if (std::find(inFlight_.begin(), inFlight_.end(), k) == inFlight_.end() &&
                std::none_of(done_.begin(), done_.end(), [&](const Result& r) { return r.key == k; }))
                queue_.push_back(k);  // neither being warped nor warped and waiting to be shown
    }
    if (!wanted_.empty()) wake_.notify_all();
    return complete && isResting;  // until then another frame is due, to show the view's own level
}

void BasemapTiles::drawTile(const Tile& tile, const Camera& camera) {
    const geo::Bbox b = tileExtent(tile.key);
    const double halfW = camera.widthPx / 2.0, halfH = camera.heightPx / 2.0;
    auto clipX = [&](double x) { return static_cast<float>((x - camera.centerX) / camera.unitsPerPixel / halfW); };
    auto clipY = [&](double y) { return static_cast<float>((y - camera.centerY) / camera.unitsPerPixel / halfH); };
    // The texture's first row is the tile's top: corner v = 0 goes to the top.
    glUniform4f(rectUniform_, clipX(b.minX), clipY(b.maxY), clipX(b.maxX), clipY(b.minY));
    glBindTexture(GL_TEXTURE_2D, tile.texture.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

void BasemapTiles::drawUnder(const Camera& camera, float opacity) {
    if (!hasSource_ || opacity <= 0 || tiles_.empty()) return;
    const int level = level_;
    const geo::Bbox view = camera.visibleWorld();
    glUseProgram(program_.id());
    glUniform1f(opacityUniform_, opacity);
    glActiveTexture(GL_TEXTURE0);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(vao_.id());
    // Opaque tiles at full opacity replace what is under them: no blending, which software GL
    // pays for in every pixel.
    const bool canReplace = opacity >= 1.0f;
    auto draw = [&](Tile& t) {
        t.lastUsed = frame_;
        if (t.empty) return;
        if (canReplace && t.isOpaque) glDisable(GL_BLEND);
        else glEnable(GL_BLEND);
        drawTile(t, camera);
    };
    // Each tile of the view still on its way gets one stand-in, clipped to its square: its earlier
    // look, else the nearest coarser tile, else its finer ones. A stand-in has no data where the
    // tile it stands for has none, and clipped stand-ins never lie over one another or over the
    // view's own tiles, so nothing is drawn twice.
    if (!missing_.empty()) {
        std::array<GLint, 4> viewport{};
        glGetIntegerv(GL_VIEWPORT, viewport.data());
        for (const Key& k : missing_) {
            const geo::Bbox square = tileExtent(k);
            scissorToWorld(camera, viewport, square.minX, square.minY, square.maxX, square.maxY);
            if (Tile* old = find(k)) {
                draw(*old);
                continue;
            }
            Tile* coarser = nullptr;
            for (int up = 1; up <= kStandInLevels && !coarser; ++up) coarser = find({level + up, k.tx >> up, k.ty >> up});
            if (coarser) {
                draw(*coarser);
                continue;
            }
            for (int64_t c = 0; c < 4; ++c)
                if (Tile* finer = find({level - 1, 2 * k.tx + (c & 1), 2 * k.ty + (c >> 1)})) draw(*finer);
        }
        glDisable(GL_SCISSOR_TEST);
    }
    for (Tile& t : tiles_)
        if (t.valid && t.key.level == level && t.generation == generation_ && tileExtent(t.key).intersects(view)) draw(t);
    glEnable(GL_BLEND);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(0);
}

}  // namespace app
