// The basemap picture under a snapshot's map: one texture over its extent, drawn first in each draw
// (the map window draws its basemaps as tiles, app/basemap_tiles.hpp).
#include "app/map_renderer.hpp"

namespace app {

void MapRenderer::setBasemap(const geo::RgbaImage* image, const geo::Bbox& extent) {
    const bool had = hasBasemap_;
    hasBasemap_ = image && !image->isEmpty() && !extent.isEmpty();
    if (had || hasBasemap_) ++choroplethRevision_;  // cached tiles hold the old picture
    if (!hasBasemap_) return;
    basemapExtent_ = extent;
    // The composite program expects premultiplied alpha.
    basemapScratch_.resize(image->pixels.size());
    for (size_t i = 0; i + 3 < image->pixels.size(); i += 4) {
        const unsigned a = image->pixels[i + 3];
        for (size_t c = 0; c < 3; ++c) basemapScratch_[i + c] = static_cast<uint8_t>((image->pixels[i + c] * a + 127) / 255);
        basemapScratch_[i + 3] = static_cast<uint8_t>(a);
    }
    // Nearest: the picture is warped at the output's own resolution (one texel a pixel), and
    // software GL samples it at half the cost of linear filtering.
    defineTexture(basemapTexture_, image->width, image->height, GL_NEAREST, basemapScratch_.data());
}

void MapRenderer::setScanPicture(const geo::RgbaImage& image) {
    glBindTexture(GL_TEXTURE_2D, scanTexture_.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);  // zoomed in: the scan's own pixels
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void MapRenderer::drawBasemap(const Camera& camera, float opacity) {
    if (!hasBasemap_ || opacity <= 0) return;
    const double halfW = camera.widthPx / 2.0, halfH = camera.heightPx / 2.0;
    auto clipX = [&](double x) { return static_cast<float>((x - camera.centerX) / camera.unitsPerPixel / halfW); };
    auto clipY = [&](double y) { return static_cast<float>((y - camera.centerY) / camera.unitsPerPixel / halfH); };
    glUseProgram(compositeProgram_.id());
    // The texture's first row is the picture's top: corner v = 0 goes to the extent's top.
    glUniform4f(compositeRect_, clipX(basemapExtent_.minX), clipY(basemapExtent_.maxY), clipX(basemapExtent_.maxX),
                clipY(basemapExtent_.minY));
    glUniform1f(compositeOpacity_, opacity);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, basemapTexture_.id());
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(quadVao_.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    ++stats_.drawCalls;
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(0);
}

}  // namespace app
