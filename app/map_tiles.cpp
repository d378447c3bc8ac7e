// Tile cache: level choice, rendering tiles through MapRenderer into textures, stand-ins.
#include "app/map_tiles.hpp"

#include <cmath>

#include "app/map_style.hpp"
#include "shaders_embedded.hpp"

namespace app {

MapTileCache::MapTileCache() : program_(compileProgram("tile", shaders::tile_vert, shaders::tile_frag)) {
    rectUniform_ = program_.uniform("u_rect");
    glUseProgram(program_.id());
    glUniform1i(program_.uniform("u_texture"), 0);
    glUseProgram(0);
    const float corners[] = {0, 0, 1, 0, 0, 1, 1, 1};
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, corners_.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindVertexArray(0);
    tiles_.reserve(kMaxTiles);
}

double MapTileCache::levelUnits(int level) { return std::ldexp(1.0, level); }

void MapTileCache::clear() {
    for (Tile& t : tiles_) t.valid = false;
}

MapTileCache::Tile* MapTileCache::find(int level, int64_t tx, int64_t ty) {
    for (Tile& t : tiles_)
        if (t.valid && t.level == level && t.tx == tx && t.ty == ty) return &t;
    return nullptr;
}

MapTileCache::Tile& MapTileCache::allocate() {
    for (Tile& t : tiles_)
        if (!t.valid) return t;
    if (tiles_.size() < kMaxTiles) {
        Tile& t = tiles_.emplace_back();
        glBindTexture(GL_TEXTURE_2D, t.texture.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kTileSize, kTileSize, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        return t;
    }
    // Least recently used.
    Tile* oldest = &tiles_[0];
    for (Tile& t : tiles_)
        if (t.lastUsed < oldest->lastUsed) oldest = &t;
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
    renderer.draw(c, o);
    tile.valid = true;
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
    if (renderer.uploadedVersion() != version_ || key != optionsKey_) {
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
    // The level at or just finer than the camera: tiles are shown at 50-100% of their size.
    int level = static_cast<int>(std::floor(std::log2(camera.unitsPerPixel)));
    geo::Bbox view = camera.visibleWorld();
    double size = kTileSize * levelUnits(level);
    int64_t tx0 = static_cast<int64_t>(std::floor(view.minX / size)), tx1 = static_cast<int64_t>(std::floor(view.maxX / size));
    int64_t ty0 = static_cast<int64_t>(std::floor(view.minY / size)), ty1 = static_cast<int64_t>(std::floor(view.maxY / size));
    bool complete = true;
    int renders = 0;
    for (int64_t ty = ty0; ty <= ty1; ++ty)
        for (int64_t tx = tx0; tx <= tx1; ++tx) {
            Tile* t = find(level, tx, ty);
            if (!t && renders < kRendersPerFrame) {
                t = &allocate();
                t->level = level;
                t->tx = tx;
                t->ty = ty;
                render(renderer, *t, options);
                ++renders;
            }
            if (t) t->lastUsed = frame_;
            else complete = false;
        }

    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
    glViewport(0, 0, camera.widthPx, camera.heightPx);
    if (options.clear) {
        const Rgba bg = style::kBackground;
        glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_BLEND);
    glUseProgram(program_.id());
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_.id());
    // Stand-ins first (coarser, then finer levels), exact tiles on top.
    if (!complete)
        for (int l : {level + 2, level + 1, level - 1})
            for (Tile& t : tiles_) {
                if (!t.valid || t.level != l) continue;
                double s = kTileSize * levelUnits(l);
                geo::Bbox b;
                b.add(static_cast<double>(t.tx) * s, static_cast<double>(t.ty) * s);
                b.add(static_cast<double>(t.tx + 1) * s, static_cast<double>(t.ty + 1) * s);
                if (b.intersects(view)) { drawTile(t, camera); t.lastUsed = frame_; }
            }
    for (Tile& t : tiles_)
        if (t.valid && t.level == level && t.lastUsed == frame_) drawTile(t, camera);
    glBindVertexArray(0);
    glUseProgram(0);
    glEnable(GL_BLEND);
    return complete;
}

}  // namespace app
