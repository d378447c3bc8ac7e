// Basemap tile warping, as the map window's workers do it: 256-pixel tiles at power-of-two levels
// over a workspace's first basemap, through one BasemapWarper kept between tiles (the workers' way)
// and through a fresh one per tile (the file opened and the reprojection made for every tile).
// Usage: basemap_bench WORKSPACE [TILES]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "geo/basemap/basemap_image.hpp"
#include "geo/core/error.hpp"
#include "geo/workspace/workspace.hpp"

namespace {

struct Figures {
    double median = 0, p90 = 0, max = 0;
};

Figures figures(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back()};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: basemap_bench WORKSPACE [TILES]\n");
        return 2;
    }
    const std::string ws = argv[1];
    const int tiles = argc > 2 ? std::max(10, std::atoi(argv[2])) : 200;
    try {
        geo::Workspace w = geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly);
        const std::vector<geo::Basemap> all = geo::listBasemaps(w.db());
        if (all.empty()) throw geo::Error(ws + ": has no basemap");
        const geo::Basemap& basemap = all[0];
        const int epsg = w.workingEpsg();
        // Tiles inside the basemap at levels of 1..64 m a pixel, in a fixed pseudo-random order.
        std::vector<geo::Bbox> extents;
        uint32_t seed = 2020;
        auto rnd = [&] { seed = seed * 1664525u + 1013904223u; return (seed >> 8) / 16777216.0; };
        for (int i = 0; i < tiles; ++i) {
            const double size = 256 * std::ldexp(1.0, static_cast<int>(rnd() * 7));
            const double x = basemap.extent.minX + rnd() * (basemap.extent.width() - size);
            const double y = basemap.extent.minY + rnd() * (basemap.extent.height() - size);
            geo::Bbox b;
            b.add(std::floor(x / size) * size, std::floor(y / size) * size);
            b.add(std::floor(x / size) * size + size, std::floor(y / size) * size + size);
            extents.push_back(b);
        }
        auto time = [](auto&& f) {
            const auto start = std::chrono::steady_clock::now();
            f();
            return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        };
        std::vector<double> kept, fresh;
        geo::BasemapWarper warper;
        for (const geo::Bbox& b : extents) kept.push_back(time([&] { warper.warp(basemap, ws, epsg, b, 256, 256); }));
        for (const geo::Bbox& b : extents) fresh.push_back(time([&] { geo::warpBasemap(basemap, ws, epsg, b, 256, 256); }));
        const Figures k = figures(kept), f = figures(fresh);
        std::printf("basemap '%s', %d tiles of 256 px at 1..64 m a pixel\n", basemap.name.c_str(), tiles);
        std::printf("tile warp, one warper kept (the workers)   median %6.2f ms  p90 %6.2f ms  max %6.2f ms  (%lld files opened)\n",
                    k.median, k.p90, k.max, static_cast<long long>(warper.opened()));
        std::printf("tile warp, file opened for every tile      median %6.2f ms  p90 %6.2f ms  max %6.2f ms\n", f.median,
                    f.p90, f.max);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "basemap_bench: %s\n", e.what());
        return 2;
    }
    return 0;
}
