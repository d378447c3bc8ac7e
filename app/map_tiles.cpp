// Tile cache: level choice, rendering tiles through MapRenderer into textures, stand-ins.
#include "app/map_tiles.hpp"

#include <algorithm>
#include <cmath>

#include "app/map_style.hpp"
#include "shaders_embedded.hpp"

namespace app {

MapTileCache::MapTileCache() : program_(compileProgram("tile", shaders::tile_vert, shaders::tile_frag)) {
    rectUniform_ = program_.uniform("u_rect");
    glUseProgram(program_.id());
    glUniform1i(program_.uniform("u_texture"), 0);
    glUseProgram(0);
    uploadCorners(vao_, corners_, {0, 0, 1, 0, 0, 1, 1, 1});
    glBindVertexArray(0);
    tiles_.reserve(kMaxTiles);
    slots_.assign(kSlots, kEmpty);
    missing_.reserve(kMaxTiles);
}

double MapTileCache::levelUnits(int level) { return std::ldexp(1.0, level); }

void MapTileCache::clear() {
    for (Tile& t : tiles_) t.valid = false;
    std::fill(slots_.begin(), slots_.end(), kEmpty);
    erased_ = 0;
}

size_t MapTileCache::slotOf(int level, int64_t tx, int64_t ty) {
    uint64_t h = static_cast<uint64_t>(tx) * 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(ty) * 0xC2B2AE3D27D4EB4Full ^
                 static_cast<uint64_t>(static_cast<int64_t>(level) + 1024) * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    return static_cast<size_t>(h) & (kSlots - 1);
}

MapTileCache::Tile* MapTileCache::find(int level, int64_t tx, int64_t ty) {
    for (size_t i = slotOf(level, tx, ty), probes = 0; probes < kSlots; i = (i + 1) & (kSlots - 1), ++probes) {
        int32_t k = slots_[i];
        if (k == kEmpty) return nullptr;
        if (k == kErased) continue;
        Tile& t = tiles_[static_cast<size_t>(k)];
        if (t.valid && t.level == level && t.tx == tx && t.ty == ty) return &t;
    }
    return nullptr;
}

void MapTileCache::indexInsert(int32_t tile) {
    const Tile& t = tiles_[static_cast<size_t>(tile)];
    for (size_t i = slotOf(t.level, t.tx, t.ty);; i = (i + 1) & (kSlots - 1))
        if (slots_[i] < 0) {
            if (slots_[i] == kErased) --erased_;
            slots_[i] = tile;
            return;
        }
}

void MapTileCache::indexErase(const Tile& tile) {
    const auto index = static_cast<int32_t>(&tile - tiles_.data());
    for (size_t i = slotOf(tile.level, tile.tx, tile.ty), probes = 0; probes < kSlots; i = (i + 1) & (kSlots - 1), ++probes) {
        if (slots_[i] == kEmpty) return;
        if (slots_[i] == index) {
            slots_[i] = kErased;
            if (++erased_ > kSlots / 4) indexRebuild();
            return;
        }
    }
}

void MapTileCache::indexRebuild() {
    std::fill(slots_.begin(), slots_.end(), kEmpty);
    erased_ = 0;
    for (size_t i = 0; i < tiles_.size(); ++i)
        if (tiles_[i].valid) indexInsert(static_cast<int32_t>(i));
}

MapTileCache::Tile& MapTileCache::allocate() {
    for (Tile& t : tiles_)
        if (!t.valid) return t;
    if (tiles_.size() < kMaxTiles) {
        Tile& t = tiles_.emplace_back();
        defineTexture(t.texture, kTileSize, kTileSize, GL_LINEAR);
        return t;
    }
    // Least recently used.
    Tile* oldest = &tiles_[0];
    for (Tile& t : tiles_)
        if (t.lastUsed < oldest->lastUsed) oldest = &t;
    indexErase(*oldest);
    oldest->valid = false;
    return *oldest;
}

void MapTileCache::render(MapRenderer& renderer, Tile& tile, const MapDrawOptions& options) {
    double units = levelUnits(tile.level);
    Camera c;
    c.setViewport(kTileSize, kTileSize);
    c.unitsPerPixel = units;
    c.centerX = (static_cast<double>(tile.tx) + 0.5) * kTileSize * units;
    c.centerY = (static_cast<double>(tile.ty) + 0.5) * kTileSize * units;
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tile.texture.id(), 0);
    glViewport(0, 0, kTileSize, kTileSize);
    MapDrawOptions o = options;
    o.clear = true;
    o.transparent = isUnderlaid_;  // the underlay is drawn once under all the tiles
    o.dense = true;  // tiles are only used for crowded maps
    renderer.draw(c, o);
    tile.valid = true;
    indexInsert(static_cast<int32_t>(&tile - tiles_.data()));
}

void MapTileCache::drawTile(const Tile& tile, const Camera& camera) {
    double size = kTileSize * levelUnits(tile.level);
    double x0 = static_cast<double>(tile.tx) * size, y0 = static_cast<double>(tile.ty) * size;
    // World -> clip space for this camera.
    auto clipX = [&](double x) { return static_cast<float>((x - camera.centerX) / camera.unitsPerPixel * 2.0 / camera.widthPx); };
    auto clipY = [&](double y) { return static_cast<float>((y - camera.centerY) / camera.unitsPerPixel * 2.0 / camera.heightPx); };
    glBindTexture(GL_TEXTURE_2D, tile.texture.id());
    glUniform4f(rectUniform_, clipX(x0), clipY(y0), clipX(x0 + size), clipY(y0 + size));
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

bool MapTileCache::draw(MapRenderer& renderer, const Camera& camera, const MapDrawOptions& options) {
    ++frame_;
    std::array<float, 2 * kMapLayerCount + 1> key{};
    for (size_t i = 0; i < kMapLayerCount; ++i) {
        key[2 * i] = options.layers[i].visible ? 1.0f : 0.0f;
        key[2 * i + 1] = options.layers[i].opacity;
    }
    key.back() = options.pixelScale;
    // Over an underlay the tiles are transparent and its fills only tint it: other tiles.
    const bool isUnderlaid = options.underlay && options.underlay->isActive() && options.basemapOpacity > 0;
    if (renderer.uploadedVersion() != version_ || key != optionsKey_ || isUnderlaid != isUnderlaid_) {
        isUnderlaid_ = isUnderlaid;
        clear();
        version_ = renderer.uploadedVersion();
        optionsKey_ = key;
    }
    usedTiles_ = renderer.segmentsInView(camera, options.pixelScale) > directLimit_;
    if (!usedTiles_) {
        renderer.draw(camera, options);
        return true;
    }
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    std::array<GLint, 4> viewport{};
    glGetIntegerv(GL_VIEWPORT, viewport.data());  // the caller's, possibly a part of its target
    // The level at or just finer than the camera: tiles are shown at 50-100% of their size.
    int level = static_cast<int>(std::floor(std::log2(camera.unitsPerPixel)));
    geo::Bbox view = camera.visibleWorld();
    double size = kTileSize * levelUnits(level);
    int64_t tx0 = static_cast<int64_t>(std::floor(view.minX / size)), tx1 = static_cast<int64_t>(std::floor(view.maxX / size));
    int64_t ty0 = static_cast<int64_t>(std::floor(view.minY / size)), ty1 = static_cast<int64_t>(std::floor(view.maxY / size));
    bool complete = true;
    missing_.clear();
    const double midX = 0.5 * (view.minX + view.maxX) / size - 0.5, midY = 0.5 * (view.minY + view.maxY) / size - 0.5;
    for (int64_t ty = ty0; ty <= ty1; ++ty)
        for (int64_t tx = tx0; tx <= tx1; ++tx) {
            if (Tile* t = find(level, tx, ty)) {
                t->lastUsed = frame_;
            } else if (missing_.size() < missing_.capacity()) {
                double dx = static_cast<double>(tx) - midX, dy = static_cast<double>(ty) - midY;
                missing_.push_back({tx, ty, dx * dx + dy * dy});
            }
        }
    const bool resting = camera.centerX == lastCenterX_ && camera.centerY == lastCenterY_ && camera.unitsPerPixel == lastUnits_;
    lastCenterX_ = camera.centerX, lastCenterY_ = camera.centerY, lastUnits_ = camera.unitsPerPixel;
    const size_t renders = std::min(missing_.size(), static_cast<size_t>(resting ? kRendersAtRest : kRendersWhileMoving));
    std::partial_sort(missing_.begin(), missing_.begin() + static_cast<std::ptrdiff_t>(renders), missing_.end(),
                      [](const Missing& a, const Missing& b) { return a.distance < b.distance; });
    for (size_t i = 0; i < renders; ++i) {
        Tile& t = allocate();
        t.level = level;
        t.tx = missing_[i].tx;
        t.ty = missing_[i].ty;
        render(renderer, t, options);
        t.lastUsed = frame_;
    }
    complete = missing_.size() == renders;

    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
    if (options.clear) {
        const Rgba bg = style::kBackground;
        clearViewport(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
    }
    if (isUnderlaid_) {
        options.underlay->drawUnder(camera, options.basemapOpacity);
        glEnable(GL_BLEND);
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // the tiles hold premultiplied colour
    } else {
        glDisable(GL_BLEND);
    }
    glUseProgram(program_.id());
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_.id());
    if (!complete && isUnderlaid_) {
        drawStandInsScissored(camera, level, renders, viewport);
    } else if (!complete) {  // opaque tiles: stand-ins first (coarser, then finer levels), exact tiles on top
        for (int l : {level + 2, level + 1, level - 1})
            for (Tile& t : tiles_) {
                if (!t.valid || t.level != l) continue;
                double s = kTileSize * levelUnits(l);
                geo::Bbox b;
                b.add(static_cast<double>(t.tx) * s, static_cast<double>(t.ty) * s);
                b.add(static_cast<double>(t.tx + 1) * s, static_cast<double>(t.ty + 1) * s);
                if (b.intersects(view)) { drawTile(t, camera); t.lastUsed = frame_; }
            }
    }
    for (Tile& t : tiles_)
        if (t.valid && t.level == level && t.lastUsed == frame_) drawTile(t, camera);
    glBindVertexArray(0);
    glUseProgram(0);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    return complete;
}

void MapTileCache::drawStandInsScissored(const Camera& camera, int level, size_t rendered, const std::array<GLint, 4>& viewport) {
    // Transparent tiles cannot lie over one another: each missing tile gets one stand-in (the
    // parent, else its children, else the grandparent), clipped to the missing tile's square.
    const double size = kTileSize * levelUnits(level);
    for (size_t i = rendered; i < missing_.size(); ++i) {
        const int64_t tx = missing_[i].tx, ty = missing_[i].ty;
        scissorToWorld(camera, viewport, static_cast<double>(tx) * size, static_cast<double>(ty) * size,
                       static_cast<double>(tx + 1) * size, static_cast<double>(ty + 1) * size);
        if (Tile* parent = find(level + 1, tx >> 1, ty >> 1)) {
            drawTile(*parent, camera);
            parent->lastUsed = frame_;
            continue;
        }
        bool anyChild = false;
        for (int64_t c = 0; c < 4; ++c)
            if (Tile* child = find(level - 1, 2 * tx + (c & 1), 2 * ty + (c >> 1))) {
                drawTile(*child, camera);
                child->lastUsed = frame_;
                anyChild = true;
            }
        if (anyChild) continue;
        if (Tile* grandparent = find(level + 2, tx >> 2, ty >> 2)) {
            drawTile(*grandparent, camera);
            grandparent->lastUsed = frame_;
        }
    }
    glDisable(GL_SCISSOR_TEST);
}

}  // namespace app
