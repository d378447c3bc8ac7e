// Basemap pixels for a map frame: warped into memory (BasemapWarper picks the overview for the
// output size), then composited on the CPU.
#include "geo/basemap/basemap_image.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "geo/basemap/basemap_gdal.hpp"
#include "geo/core/error.hpp"

namespace geo {
namespace {

bool overlaps(const Bbox& a, const Bbox& b) {
    return !a.isEmpty() && !b.isEmpty() && a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

}  // namespace

RgbaImage warpBasemap(const Basemap& basemap, const std::string& workspacePath, int workingEpsg, const Bbox& extent,
                      int width, int height) {
    BasemapWarper warper;
    return warper.warp(basemap, workspacePath, workingEpsg, extent, width, height);
}

void compositeBasemap(RgbaImage& into, const RgbaImage& layer, double opacity, double brightness) {
    if (into.width != layer.width || into.height != layer.height) throw Error("basemap pictures of different sizes");
    const size_t count = static_cast<size_t>(layer.width) * static_cast<size_t>(layer.height);
    const float o = static_cast<float>(std::clamp(opacity, 0.0, 1.0));
    const float light = static_cast<float>(std::clamp(brightness, -1.0, 1.0));
    for (size_t i = 0; i < count; ++i) {
        const uint8_t* s = &layer.pixels[i * 4];
        uint8_t* d = &into.pixels[i * 4];
        const float a = s[3] / 255.0f * o;
        if (a <= 0) continue;
        const float below = d[3] / 255.0f;
        const float outA = a + below * (1 - a);
        for (int c = 0; c < 3; ++c) {
            float v = s[c];
            v = light >= 0 ? v + (255 - v) * light : v * (1 + light);
            const float mixed = (v * a + d[c] * below * (1 - a)) / outA;
            d[c] = static_cast<uint8_t>(std::lround(std::clamp(mixed, 0.0f, 255.0f)));
        }
        d[3] = static_cast<uint8_t>(std::lround(outA * 255));
    }
}

BasemapPicture renderBasemaps(BasemapWarper& warper, const std::vector<Basemap>& basemaps,
                              const std::string& workspacePath, int workingEpsg, const Bbox& extent, int width, int height) {
    BasemapPicture picture;
    for (const Basemap& b : basemaps) {
        if (b.opacity <= 0 || !overlaps(b.extent, extent)) continue;
        try {
            RgbaImage layer = warper.warp(b, workspacePath, workingEpsg, extent, width, height);
            if (picture.image.isEmpty() && b.opacity >= 1 && b.brightness == 0) {
                picture.image = std::move(layer);  // what laying it over nothing would give
                picture.drawn.push_back(b.name);
                continue;
            }
            if (picture.image.isEmpty()) {
                picture.image.width = width;
                picture.image.height = height;
                picture.image.pixels.assign(layer.pixels.size(), 0);
            }
            compositeBasemap(picture.image, layer, b.opacity, b.brightness);
            picture.drawn.push_back(b.name);
        } catch (const Error& e) {
            picture.problems.push_back(e.what());
        }
    }
    return picture;
}

BasemapPicture renderBasemaps(const std::vector<Basemap>& basemaps, const std::string& workspacePath, int workingEpsg,
                              const Bbox& extent, int width, int height) {
    BasemapWarper warper;
    return renderBasemaps(warper, basemaps, workspacePath, workingEpsg, extent, width, height);
}

}  // namespace geo
