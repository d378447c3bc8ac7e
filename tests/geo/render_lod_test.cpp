// Levels of detail of line meshes: snapping bounds, duplicates, dots, and the level picked per zoom.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "geo/render/render_lod.hpp"
#include "winding_roads.hpp"

namespace {

constexpr double X0 = testing::kWindingX0, Y0 = testing::kWindingY0;

// Distance from (x, y) to the nearest segment of the layer.
double distanceToLayer(const geo::Layer& l, double x, double y) {
    double best = 1e300;
    for (size_t r = 0; r < l.ringCount(); ++r)
        for (size_t v = l.ringStart[r]; v + 1 < l.ringStart[r + 1]; ++v) {
            const double ax = l.xy[2 * v], ay = l.xy[2 * v + 1], bx = l.xy[2 * v + 2], by = l.xy[2 * v + 3];
            const double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
            const double t = l2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / l2, 0.0, 1.0) : 0.0;
            best = std::min(best, std::hypot(x - ax - t * dx, y - ay - t * dy));
        }
    return best;
}

}  // namespace

TEST_CASE("levels of detail shrink with the grid and stay within half a cell of the lines") {
    const geo::Layer roads = testing::windingRoads(300, 200, 20000, 3.0, 0.6, 7);  // 60,000 segments of 3 m
    geo::LineLodBuilder builder(X0 + 10000, Y0 + 10000);
    builder.addLines(roads, [](size_t f) { return static_cast<uint8_t>(f % 3); });
    const std::vector<geo::LineLod> levels = builder.finish(roads.segmentCount());
    REQUIRE(levels.size() >= 4);
    for (size_t i = 0; i < levels.size(); ++i) {
        const geo::LineLod& level = levels[i];
        CAPTURE(i);
        CHECK(level.mesh.segmentCount() < roads.segmentCount());
        if (i > 0) {
            CHECK(level.gridMetres > levels[i - 1].gridMetres);
            CHECK(level.mesh.segmentCount() < levels[i - 1].mesh.segmentCount());
        }
        // Every segment end is a cell centre near the lines (a sample of them, checked exactly).
        const geo::LineMesh& m = level.mesh;
        REQUIRE(m.segments.size() == 4 * m.segmentCount());
        for (size_t s = 0; s < m.segmentCount(); s += 97) {
            const double x = m.originX + m.segments[4 * s], y = m.originY + m.segments[4 * s + 1];
            CHECK(distanceToLayer(roads, x, y) <= level.gridMetres * std::sqrt(0.5) + 1e-3);
            CHECK(m.style[s] < 3);
        }
        // Cell ranges cover every segment once, as the full mesh's do.
        REQUIRE(m.cellStart.size() == size_t(geo::LineMesh::kMaxStyles) * geo::LineMesh::kCells + 1);
        CHECK(m.cellStart.back() == m.segmentCount());
    }
    // The coarsest level of 300 lines over 20 km: thousands of segments, not tens of thousands.
    CHECK(levels.back().mesh.segmentCount() < roads.segmentCount() / 10);
}

TEST_CASE("a level simplifies straight runs, draws a road folding back once and a short line as a dot") {
    geo::Layer l;
    // A straight road out along 100 vertices and back over itself, and a 1 cm stub far away.
    for (int k = 0; k <= 200; ++k) l.addVertex(X0 + 100.0 * (k <= 100 ? k : 200 - k), Y0);
    l.endRing(); l.endPart(); l.endFeature();
    l.addVertex(X0 + 5000, Y0 + 8000.004);
    l.addVertex(X0 + 5000.01, Y0 + 8000.004);
    l.endRing(); l.endPart(); l.endFeature();
    geo::LineLodBuilder builder(X0, Y0);
    builder.addLines(l, [](size_t) { return uint8_t(4); });
    geo::LineLodOptions options;
    options.finestCellsAcross = 64;  // 156 m cells over the 10 km extent
    options.levels = 1;
    options.keepRatio = 1;
    const std::vector<geo::LineLod> levels = builder.finish(l.segmentCount(), options);
    REQUIRE(levels.size() == 1);
    const geo::LineMesh& m = levels[0].mesh;
    int dots = 0, segments = 0;
    double length = 0;
    for (size_t s = 0; s < m.segmentCount(); ++s) {
        const float* p = &m.segments[4 * s];
        if (p[0] == p[2] && p[1] == p[3]) ++dots;
        else ++segments, length += std::hypot(p[2] - p[0], p[3] - p[1]);
        CHECK(m.style[s] == 4);
    }
    CHECK(dots == 1);
    // One straight segment, out and back drawn once, cut into pieces of at most half a culling
    // cell (10 km / 32 / 2) as the full mesh's are; the far end may be cut by up to the
    // tolerance (one cell) where the road turns back.
    CHECK(segments >= 63);
    CHECK(segments <= 64);
    CHECK(length >= 10000.0 - 157);
    CHECK(length <= 10000.0 + 1);
}

TEST_CASE("no level is kept that would not save segments, and the pick follows the zoom") {
    geo::Layer l;  // a few long segments: no grid makes them fewer
    for (int i = 0; i < 4; ++i) {
        l.addVertex(X0, Y0 + 1000.0 * i);
        l.addVertex(X0 + 5000, Y0 + 1000.0 * i);
        l.endRing(); l.endPart(); l.endFeature();
    }
    geo::LineLodBuilder builder(X0, Y0);
    builder.addLines(l, [](size_t) { return uint8_t(0); });
    CHECK(builder.finish(l.segmentCount()).empty());

    std::vector<geo::LineLod> levels(3);
    levels[0].gridMetres = 1;
    levels[1].gridMetres = 2;
    levels[2].gridMetres = 4;
    CHECK(geo::pickLineLod(levels, 0.5) == -1);
    CHECK(geo::pickLineLod(levels, 1) == 0);
    CHECK(geo::pickLineLod(levels, 3.9) == 1);
    CHECK(geo::pickLineLod(levels, 100) == 2);

    geo::LineLodBuilder empty(0, 0);
    CHECK(empty.finish(0).empty());

    // Damaged coordinates build without undefined behaviour (the suite runs under UBSan).
    geo::Layer damaged = testing::windingRoads(20, 50, 1000, 3.0, 0.3, 5);
    damaged.xy[10] = std::numeric_limits<double>::quiet_NaN();
    geo::LineLodBuilder withNan(X0, Y0);
    withNan.addLines(damaged, [](size_t) { return uint8_t(1); });
    CHECK_FALSE(withNan.finish(damaged.segmentCount()).empty());
    damaged.xy[12] = std::numeric_limits<double>::infinity();
    geo::LineLodBuilder withInfinity(X0, Y0);
    withInfinity.addLines(damaged, [](size_t) { return uint8_t(1); });
    CHECK(withInfinity.finish(damaged.segmentCount()).empty());
}

TEST_CASE("a snapshot's single level has exactly the cell asked for, none when cells would be too fine") {
    const geo::Layer roads = testing::windingRoads(50, 100, 5000, 3.0, 0.3, 3);
    geo::LineLodBuilder builder(X0, Y0);
    builder.addLines(roads, [](size_t) { return uint8_t(2); });
    geo::LineLodOptions options;
    options.onlyCellMetres = 2.5;
    const std::vector<geo::LineLod> levels = builder.finish(roads.segmentCount(), options);
    REQUIRE(levels.size() == 1);
    CHECK(levels[0].gridMetres == 2.5);
    CHECK(geo::pickLineLod(levels, 2.5) == 0);
    CHECK(levels[0].mesh.segmentCount() < roads.segmentCount() / 2);
    options.onlyCellMetres = 1e-6;  // 5 km in micrometre cells: more than the indices hold
    CHECK(builder.finish(roads.segmentCount(), options).empty());
}
