// Level-of-detail build speed on a workspace's roads: all levels (the GUI) and the one level a
// 4K snapshot of the whole area needs. Prints CPU and wall medians over 3 runs.
//   lod_bench WS.gpkg [metres per pixel, default: the roads' extent over 3400 px]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <vector>

#include "geo/render/render_lod.hpp"
#include "geo/workspace/workspace.hpp"

namespace {

struct Times { double wall, cpu; };

template <class F>
Times median3(F&& f) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < 3; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        f();
        cpu.push_back(double(std::clock() - c0) / CLOCKS_PER_SEC);
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[1], cpu[1]};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: lod_bench WS.gpkg [metres-per-pixel]\n");
        return 2;
    }
    const geo::Workspace ws = geo::Workspace::open(argv[1], geo::Workspace::Mode::ReadOnly);
    const geo::Layer roads = ws.readLayer("roads");
    const std::vector<geo::RoadClass> classes = geo::roadClasses(roads);
    const geo::Bbox e = roads.bbox();
    const double metresPerPixel = argc > 2 ? std::atof(argv[2]) : std::max(e.width(), e.height()) / 3400;
    auto style = [&](size_t f) { return static_cast<uint8_t>(classes[f]); };
    std::printf("roads: %zu features, %zu segments; snapshot zoom %.2f m/px\n", roads.featureCount(),
                roads.segmentCount(), metresPerPixel);
    size_t segments = 0;
    std::vector<geo::LineLod> levels;
    const Times all = median3([&] {
        geo::LineLodBuilder b(0.5 * (e.minX + e.maxX), 0.5 * (e.minY + e.maxY));
        b.addLines(roads, style);
        levels = b.finish(roads.segmentCount());
    });
    std::printf("all levels:        %.3f s wall  %.3f s cpu\n", all.wall, all.cpu);
    for (const auto& l : levels) std::printf("  cell %8.2f m: %zu segments\n", l.gridMetres, l.mesh.segmentCount());
    const Times one = median3([&] {
        geo::LineLodBuilder b(0.5 * (e.minX + e.maxX), 0.5 * (e.minY + e.maxY));
        b.addLines(roads, style);
        geo::LineLodOptions o;
        o.onlyCellMetres = 0.5 * metresPerPixel;
        levels = b.finish(roads.segmentCount(), o);
        segments = levels.empty() ? 0 : levels[0].mesh.segmentCount();
    });
    std::printf("snapshot level:    %.3f s wall  %.3f s cpu  (%zu segments)\n", one.wall, one.cpu, segments);
    return 0;
}
