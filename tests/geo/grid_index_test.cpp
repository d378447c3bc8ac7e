// The one grid index against brute force: every item whose box meets a query box comes back,
// and only items of the cells it touches.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <vector>

#include "geo/core/grid_index.hpp"

namespace {

struct Boxes {
    std::vector<geo::Bbox> boxes;
    geo::Bbox extent;
};

// Short segments' boxes over a 10 km square, a few long ones, some degenerate (points).
Boxes randomBoxes(uint32_t count, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> pos(0, 10000), len(-80, 80), longLen(-3000, 3000);
    Boxes b;
    for (uint32_t i = 0; i < count; ++i) {
        double x = pos(rng), y = pos(rng);
        double dx = i % 50 == 0 ? longLen(rng) : i % 7 == 0 ? 0 : len(rng);
        double dy = i % 50 == 0 ? longLen(rng) : i % 7 == 0 ? 0 : len(rng);
        geo::Bbox box{std::min(x, x + dx), std::min(y, y + dy), std::max(x, x + dx), std::max(y, y + dy)};
        b.boxes.push_back(box);
        b.extent.add(box);
    }
    return b;
}

}  // namespace

TEST_CASE("grid index queries find exactly what brute force finds, within one cell") {
    for (double cell : {17.0, 120.0, 900.0, 20000.0}) {
        CAPTURE(cell);
        Boxes b = randomBoxes(3000, 7);
        geo::GridIndex grid(b.extent, cell, static_cast<uint32_t>(b.boxes.size()), [&](uint32_t i) { return b.boxes[i]; });
        REQUIRE_FALSE(grid.isEmpty());
        CHECK(grid.cols() == static_cast<int64_t>(b.extent.width() / cell) + 1);
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> pos(-500, 10500), radius(0, 400);
        int missed = 0, tooFar = 0, hits = 0;
        for (int q = 0; q < 400; ++q) {
            double x = pos(rng), y = pos(rng), r = radius(rng);
            geo::Bbox query{x - r, y - r, x + r, y + r};
            std::set<uint32_t> found;
            grid.forEachNear(query.minX, query.minY, query.maxX, query.maxY, [&](uint32_t i) { found.insert(i); });
            for (uint32_t i = 0; i < b.boxes.size(); ++i) {
                bool meets = b.boxes[i].intersects(query);
                hits += meets;
                if (meets && !found.count(i)) ++missed;
            }
            // What comes back lies in the cells the query touches: within one cell of it.
            geo::Bbox grown{query.minX - cell, query.minY - cell, query.maxX + cell, query.maxY + cell};
            for (uint32_t i : found)
                if (!b.boxes[i].intersects(grown)) ++tooFar;
        }
        CHECK(hits > 0);
        CHECK(missed == 0);
        CHECK(tooFar == 0);
    }
}

TEST_CASE("grid index cells list each item whose box touches them, once") {
    Boxes b = randomBoxes(500, 3);
    const double cell = 250;
    geo::GridIndex grid(b.extent, cell, static_cast<uint32_t>(b.boxes.size()), [&](uint32_t i) { return b.boxes[i]; });
    const double x0 = b.extent.minX, y0 = b.extent.minY;
    int wrong = 0;
    for (int64_t r = 0; r < grid.rows(); ++r)
        for (int64_t c = 0; c < grid.cols(); ++c) {
            auto items = grid.cell(c, r);
            std::set<uint32_t> inCell(items.begin(), items.end());
            if (inCell.size() != items.size()) ++wrong;  // listed twice
            // Half-open cells [x0 + c*cell, x0 + (c+1)*cell): a box touches the cells its corners fall in and all between.
            for (uint32_t i = 0; i < b.boxes.size(); ++i) {
                const geo::Bbox& box = b.boxes[i];
                bool touches = std::floor((box.minX - x0) / cell) <= static_cast<double>(c) &&
                               std::floor((box.maxX - x0) / cell) >= static_cast<double>(c) &&
                               std::floor((box.minY - y0) / cell) <= static_cast<double>(r) &&
                               std::floor((box.maxY - y0) / cell) >= static_cast<double>(r);
                if (touches != (inCell.count(i) == 1)) ++wrong;
            }
        }
    CHECK(wrong == 0);
    CHECK(grid.cell(-1, 0).empty());
    CHECK(grid.cell(0, grid.rows()).empty());
    CHECK(grid.colOf(x0 - 1) == -1);
    CHECK(grid.rowOf(y0 + 2.5 * cell) == 2);
}

TEST_CASE("grid index: no items, empty boxes, NaN and far queries give nothing") {
    geo::GridIndex none;
    int calls = 0;
    none.forEachNear(0, 0, 1, 1, [&](uint32_t) { ++calls; });
    CHECK(calls == 0);

    geo::Bbox extent{0, 0, 100, 100};
    std::vector<geo::Bbox> boxes{{10, 10, 20, 20}, {}, {50, 50, 50, 50}};  // the empty one is left out
    geo::GridIndex grid(extent, 10, 3, [&](uint32_t i) { return boxes[i]; });
    std::set<uint32_t> all;
    grid.forEachNear(-1e300, -1e300, 1e300, 1e300, [&](uint32_t i) { all.insert(i); });
    CHECK(all == std::set<uint32_t>{0, 2});
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    grid.forEachNear(nan, 0, 5, 5, [&](uint32_t) { ++calls; });
    grid.forEachNear(200, 200, 300, 300, [&](uint32_t) { ++calls; });
    grid.forEachNear(-50, -50, -1, -1, [&](uint32_t) { ++calls; });
    CHECK(calls == 0);
    std::set<uint32_t> wide;
    grid.forEachNear(-inf, -inf, inf, inf, [&](uint32_t i) { wide.insert(i); });
    CHECK(wide == all);
}
