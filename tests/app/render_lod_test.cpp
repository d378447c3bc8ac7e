// A dense road map drawn from its level of detail against the same map from the full geometry.
#include <doctest/doctest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>

#include "app/camera.hpp"
#include "app/gl_context.hpp"
#include "app/map_renderer.hpp"
#include "../geo/winding_roads.hpp"

namespace {

// Winding roads of short segments, as surveyed village lanes are, classes mixed.
struct DenseRoads {
    geo::Layer roads;
    std::vector<geo::RoadClass> classes;
    DenseRoads(int lines, int steps, double side, double step)
        : roads(testing::windingRoads(lines, steps, side, step, 0.2, 11)) {
        for (int i = 0; i < lines; ++i) classes.push_back(static_cast<geo::RoadClass>(i % geo::kRoadClassCount));
    }
    app::MapData data(double finestUnitsPerPixel = 0) const {
        app::MapData d{nullptr, nullptr, &roads, nullptr, &classes, 1};
        d.finestUnitsPerPixel = finestUnitsPerPixel;
        return d;
    }
};

struct Difference {
    double meanAbs = 0;      // per channel, 0..255
    double shareOver = 0;    // pixels with a channel off by more than the threshold
};

// Each pixel of `b` against the closest of the 3 x 3 pixels around it in `a`: a level of detail
// moves edges by under a pixel, which this forgives; a missing, extra, recoloured or displaced
// road it does not.
Difference compare(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, int width, int threshold) {
    Difference d;
    const int height = static_cast<int>(a.size() / 4 / static_cast<size_t>(width));
    size_t over = 0;
    double sum = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
            int best = INT32_MAX, bestSum = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int nx = std::clamp(x + dx, 0, width - 1), ny = std::clamp(y + dy, 0, height - 1);
                    const size_t j = (static_cast<size_t>(ny) * static_cast<size_t>(width) + static_cast<size_t>(nx)) * 4;
                    int worst = 0, total = 0;
                    for (size_t k = 0; k < 3; ++k) {
                        const int diff = std::abs(int(a[j + k]) - int(b[i + k]));
                        worst = std::max(worst, diff);
                        total += diff;
                    }
                    if (worst < best) best = worst, bestSum = total;
                }
            sum += bestSum;
            over += best > threshold ? 1 : 0;
        }
    d.meanAbs = sum / double(a.size() / 4 * 3);
    d.shareOver = double(over) / double(a.size() / 4);
    return d;
}

}  // namespace

TEST_CASE("a dense map drawn from its level of detail matches the full geometry pixel for pixel") {
    const DenseRoads dense(500, 400, 6000, 3.0);  // 200,000 segments of 3 m over 6 km
    constexpr int W = 800, H = 800;
    app::HeadlessContext gl;
    app::MapRenderer renderer;
    renderer.update(dense.data());
    REQUIRE(renderer.lineLevels() >= 3);
    app::Camera camera;
    camera.setViewport(W, H);
    camera.fit(dense.roads.bbox(), 10);  // about 7.5 m per pixel: most segments under half a pixel
    app::OffscreenTarget target(W, H);
    std::vector<uint8_t> full, simplified, zoomedFull, zoomedSimplified;
    app::MapDrawOptions options;

    target.bind();
    options.simplify = false;
    renderer.draw(camera, options);
    const uint64_t fullSegments = renderer.lastStats().segmentsDrawn;
    target.readPixels(full);
    target.bind();
    options.simplify = true;
    renderer.draw(camera, options);
    const uint64_t lodSegments = renderer.lastStats().segmentsDrawn;
    target.readPixels(simplified);

    CHECK(lodSegments * 2 < fullSegments);
  // these lanes wind more than real ones do

    const Difference d = compare(full, simplified, W, 48);
    std::printf("level of detail against full geometry: %llu of %llu segments, mean |diff| %.3f, %.4f%% of pixels off by > 48 (3 x 3 neighbourhood)\n",
                static_cast<unsigned long long>(lodSegments), static_cast<unsigned long long>(fullSegments), d.meanAbs,
                100 * d.shareOver);
    CHECK(d.meanAbs < 3.0);
    CHECK(d.shareOver < 0.01);

    SUBCASE("zoomed in, the finer level or the full geometry is drawn and still matches") {
        camera.zoomAbout(W / 2.0, H / 2.0, 8);
        target.bind();
        options.simplify = false;
        renderer.draw(camera, options);
        target.readPixels(zoomedFull);
        target.bind();
        options.simplify = true;
        renderer.draw(camera, options);
        target.readPixels(zoomedSimplified);
        const Difference z = compare(zoomedFull, zoomedSimplified, W, 48);
        CHECK(z.meanAbs < 3.0);
        CHECK(z.shareOver < 0.01);
    }

    SUBCASE("a snapshot's upload for one zoom keeps no full mesh and draws the same") {
        app::MapRenderer single;
        single.update(dense.data(camera.unitsPerPixel));
        CHECK_FALSE(single.hasFullRoads());
        CHECK(renderer.hasFullRoads());
        REQUIRE(single.lineLevels() >= 1);
        CHECK(single.lineLevels() < renderer.lineLevels());
        std::vector<uint8_t> same;
        target.bind();
        single.draw(camera, {});
        target.readPixels(same);
        const Difference s = compare(full, same, W, 48);
        CHECK(s.meanAbs < 3.0);
        CHECK(s.shareOver < 0.01);
    }
}
