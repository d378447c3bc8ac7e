// Basemap pixels for a map frame: gdalwarp into memory (it picks the overview for the output
// size), then composited on the CPU.
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
    if (width <= 0 || height <= 0 || extent.isEmpty()) throw Error("basemap '" + basemap.name + "': nothing to draw");
    const std::string wsName = std::filesystem::path(workspacePath).filename().string();
    if (std::string missing = missingBasemapMessage(basemap, wsName); !missing.empty()) throw Error(missing);
    const std::string shown = "basemap '" + basemap.name + "'";
    GdalRaster source = expandPalette(openRaster(basemapDatasetName(basemap, workspacePath), shown));
    std::vector<std::string> args = {"-of", "MEM", "-t_srs", workingCrsArgument(workingEpsg), "-te", gdalNumber(extent.minX),
                                     gdalNumber(extent.minY), gdalNumber(extent.maxX), gdalNumber(extent.maxY), "-ts",
                                     std::to_string(width), std::to_string(height), "-r", "bilinear", "-dstalpha"};
    if (basemap.kind == BasemapKind::Link && !basemap.crsOverride.empty())
        args.insert(args.end(), {"-s_srs", basemap.crsOverride});
    GdalRaster warped = warpRaster(source.get(), args, shown);
    const int bands = GDALGetRasterCount(warped.get());
    const size_t count = static_cast<size_t>(width) * static_cast<size_t>(height);
    std::vector<uint8_t> band(count);
    RgbaImage out;
    out.width = width;
    out.height = height;
    out.pixels.assign(count * 4, 0);
    // Colour bands then alpha (-dstalpha): grey, grey+alpha, RGB+alpha or RGBA+alpha (the source's alpha is used).
    const int colourBands = std::max(1, bands - 1);
    for (int b = 1; b <= bands; ++b) {
        CPLErr rc = GDALRasterIO(GDALGetRasterBand(warped.get(), b), GF_Read, 0, 0, width, height, band.data(), width,
                                 height, GDT_Byte, 0, 0);
        if (rc != CE_None) throw Error(shown + ": cannot be read (" + gdalLastError() + ")");
        const bool isAlpha = b == bands;
        for (size_t i = 0; i < count; ++i) {
            uint8_t* px = &out.pixels[i * 4];
            if (isAlpha) px[3] = band[i];
            else if (colourBands < 3) px[0] = px[1] = px[2] = band[i];
            else if (b <= 3) px[b - 1] = band[i];
        }
    }
    return out;
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

BasemapPicture renderBasemaps(const std::vector<Basemap>& basemaps, const std::string& workspacePath, int workingEpsg,
                              const Bbox& extent, int width, int height) {
    BasemapPicture picture;
    for (const Basemap& b : basemaps) {
        if (b.opacity <= 0 || !overlaps(b.extent, extent)) continue;
        try {
            RgbaImage layer = warpBasemap(b, workspacePath, workingEpsg, extent, width, height);
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

}  // namespace geo
