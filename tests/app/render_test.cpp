// Headless map rendering (EGL surfaceless, llvmpipe) checked by pixels at known map positions.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <random>

#include "app/camera.hpp"
#include "app/gl_context.hpp"
#include "app/map_renderer.hpp"
#include "app/map_style.hpp"
#include "app/map_tiles.hpp"
#include "geo/io/demo.hpp"
#include "geo/core/error.hpp"
#include "geo/workspace/workspace.hpp"

namespace {

struct DemoWorkspace {
    std::filesystem::path dir;
    geo::Layer boundary, districts, roads, villages;
    std::vector<geo::RoadClass> classes;
    DemoWorkspace() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("cordon-render-test-" + std::to_string(rd()));
        geo::DemoOptions o;
        o.outDir = (dir / "demo").string();
        geo::generateDemo(o);
        auto ws = geo::Workspace::open((dir / "demo" / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
        boundary = ws.readLayer("boundary");
        districts = ws.readLayer("districts");
        roads = ws.readLayer("roads");
        villages = ws.readLayer("villages");
        classes = geo::roadClasses(roads);
    }
    ~DemoWorkspace() { std::error_code ec; std::filesystem::remove_all(dir, ec); }
    app::MapData data() const { return {&boundary, &districts, &roads, &villages, &classes, 1}; }
};

const DemoWorkspace& demo() {
    static DemoWorkspace d;
    return d;
}

struct Pixel { int r, g, b; };
Pixel pixelAt(const std::vector<uint8_t>& rgba, int width, app::ScreenPoint p) {
    size_t i = (static_cast<size_t>(std::lround(p.y - 0.5)) * static_cast<size_t>(width) + static_cast<size_t>(std::lround(p.x - 0.5))) * 4;
    return {rgba[i], rgba[i + 1], rgba[i + 2]};
}
bool near(Pixel p, app::Rgba c, int tolerance = 3) {
    return std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance && std::abs(p.b - c.b) <= tolerance;
}

// Distance from (x, y) to the nearest vertex or segment of `layer` other than feature `skip`.
double distanceToLayer(const geo::Layer& layer, double x, double y, size_t skip = SIZE_MAX) {
    double best = 1e300;
    for (size_t f = 0; f < layer.featureCount(); ++f) {
        if (f == skip) continue;
        for (size_t r = layer.partStart[layer.featureStart[f]]; r < layer.partStart[layer.featureStart[f + 1]]; ++r) {
            size_t a = layer.ringStart[r], b = layer.ringStart[r + 1];
            for (size_t v = a; v < b; ++v) {
                double x0 = layer.xy[2 * v], y0 = layer.xy[2 * v + 1];
                double x1 = v + 1 < b ? layer.xy[2 * v + 2] : x0, y1 = v + 1 < b ? layer.xy[2 * v + 3] : y0;
                double dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
                double t = l2 > 0 ? std::clamp(((x - x0) * dx + (y - y0) * dy) / l2, 0.0, 1.0) : 0.0;
                best = std::min(best, std::hypot(x - (x0 + t * dx), y - (y0 + t * dy)));
            }
        }
    }
    return best;
}

// A headless context with the demo uploaded and a camera fitted to the township.
struct DemoView {
    app::HeadlessContext gl;
    app::MapRenderer renderer;
    app::Camera camera;
    DemoView(int width, int height, double marginPx) {
        renderer.update(demo().data());
        camera.setViewport(width, height);
        camera.fit(demo().boundary.bbox(), marginPx);
    }
};

}  // namespace

TEST_CASE("the demo township renders with class colours, district fills and background outside") {
    const DemoWorkspace& d = demo();
    constexpr int W = 900, H = 900;
    DemoView view(W, H, 30);
    app::MapRenderer& renderer = view.renderer;
    app::Camera& camera = view.camera;
    app::OffscreenTarget target(W, H);
    target.bind();
    app::MapDrawOptions options;
    renderer.draw(camera, options);
    std::vector<uint8_t> pixels;
    target.readPixels(pixels);
    REQUIRE(pixels.size() == size_t(W) * H * 4);

    SUBCASE("outside the boundary is background") {
        double x, y;
        camera.screenToWorld(2, 2, x, y);
        REQUIRE_FALSE(geo::featureContains(d.boundary, 0, x, y));
        CHECK(near(pixelAt(pixels, W, {2.5, 2.5}), app::style::kBackground));
    }

    SUBCASE("each district shows its fill away from lines") {
        std::vector<int> colors = geo::distinctColors(d.districts, int(app::style::kDistrictFills.size()));
        int checked = 0;
        for (size_t f = 0; f < d.districts.featureCount(); ++f) {
            double x, y;
            geo::labelPoint(d.districts, f, x, y);
            double clearance = 14 * camera.unitsPerPixel;
            if (distanceToLayer(d.roads, x, y) < clearance || distanceToLayer(d.villages, x, y) < clearance ||
                distanceToLayer(d.districts, x, y) < clearance)
                continue;
            CAPTURE(f);
            CHECK(near(pixelAt(pixels, W, camera.worldToScreen(x, y)), app::style::kDistrictFills[size_t(colors[f])]));
            ++checked;
        }
        CHECK(checked >= 2);
    }

    SUBCASE("a road pixel has its class colour") {
        // The middle of the longest segment of the highest class present, clear of other features.
        int checkedClasses = 0;
        for (size_t c = 0; c < 3; ++c) {
            double bestLength = 0, bx = 0, by = 0;
            for (size_t f = 0; f < d.roads.featureCount(); ++f) {
                if (size_t(d.classes[f]) != c) continue;
                for (size_t r = d.roads.partStart[d.roads.featureStart[f]]; r < d.roads.partStart[d.roads.featureStart[f + 1]]; ++r)
                    for (size_t v = d.roads.ringStart[r]; v + 1 < d.roads.ringStart[r + 1]; ++v) {
                        double x = 0.5 * (d.roads.xy[2 * v] + d.roads.xy[2 * v + 2]), y = 0.5 * (d.roads.xy[2 * v + 1] + d.roads.xy[2 * v + 3]);
                        double len = std::hypot(d.roads.xy[2 * v + 2] - d.roads.xy[2 * v], d.roads.xy[2 * v + 3] - d.roads.xy[2 * v + 1]);
                        if (len <= bestLength || !camera.visibleWorld().contains(x, y)) continue;
                        if (distanceToLayer(d.roads, x, y, f) < 12 * camera.unitsPerPixel) continue;
                        if (distanceToLayer(d.villages, x, y) < 12 * camera.unitsPerPixel) continue;
                        if (distanceToLayer(d.boundary, x, y) < 12 * camera.unitsPerPixel) continue;
                        bestLength = len; bx = x; by = y;
                    }
            }
            if (bestLength == 0) continue;
            CAPTURE(c);
            CHECK(near(pixelAt(pixels, W, camera.worldToScreen(bx, by)), app::style::kRoads[c].fill));
            ++checkedClasses;
        }
        CHECK(checkedClasses >= 1);
    }
}

TEST_CASE("zooming in draws fewer segments and keeps widths by class") {
    const DemoWorkspace& d = demo();
    DemoView view(400, 300, 20);
    app::MapRenderer& renderer = view.renderer;
    app::Camera& camera = view.camera;
    app::OffscreenTarget target(400, 300);
    target.bind();
    renderer.draw(camera, {});
    uint64_t all = renderer.lastStats().segmentsDrawn;
    camera.zoomAbout(200, 150, 16);
    renderer.draw(camera, {});
    CHECK(renderer.lastStats().segmentsDrawn < all / 4);
    CHECK(app::MapRenderer::roadWidthPx(geo::RoadClass::National, 10, 1) >
          app::MapRenderer::roadWidthPx(geo::RoadClass::Village, 10, 1));
    CHECK(app::MapRenderer::roadWidthPx(geo::RoadClass::National, 1, 1) >
          app::MapRenderer::roadWidthPx(geo::RoadClass::National, 50, 1));
    // Unchanged data is not uploaded again.
    renderer.update(d.data());
    CHECK(renderer.uploadedVersion() == 1);
}

TEST_CASE("a multisampled target resolves on read") {
    const DemoWorkspace& d = demo();
    DemoView view(300, 200, 10);
    app::MapRenderer& renderer = view.renderer;
    app::Camera& camera = view.camera;
    app::OffscreenTarget target(300, 200, 4);
    target.bind();
    renderer.draw(camera, {.layers = {}, .pixelScale = 2.0f});
    std::vector<uint8_t> px;
    target.readPixels(px);
    REQUIRE(px.size() == 300u * 200u * 4u);
    CHECK(near(pixelAt(px, 300, {1.5, 1.5}), app::style::kBackground));
    // The township centre is not background.
    geo::Bbox e = d.boundary.bbox();
    Pixel centre = pixelAt(px, 300, camera.worldToScreen(0.5 * (e.minX + e.maxX), 0.5 * (e.minY + e.maxY)));
    CHECK_FALSE(near(centre, app::style::kBackground));
}

TEST_CASE("an offscreen target larger than the GL limit is refused with a reason") {
    app::HeadlessContext gl;
    CHECK_THROWS_AS(app::OffscreenTarget(100000, 10), geo::Error);
}

TEST_CASE("a map drawn from cached tiles matches the direct drawing") {
    const DemoWorkspace& d = demo();
    app::HeadlessContext gl;
    app::MapRenderer renderer;
    renderer.update(d.data());
    constexpr int W = 1024, H = 1024;
    app::Camera camera;
    camera.setViewport(W, H);
    camera.unitsPerPixel = 8;  // a tile level: tiles are shown at their own size
    const double tileMeters = app::MapTileCache::kTileSize * 8.0;
    geo::Bbox e = d.boundary.bbox();
    camera.centerX = std::round(0.5 * (e.minX + e.maxX) / tileMeters) * tileMeters;
    camera.centerY = std::round(0.5 * (e.minY + e.maxY) / tileMeters) * tileMeters;
    app::OffscreenTarget target(W, H);
    target.bind();
    app::MapDrawOptions crowded;
    crowded.dense = true;  // as tiles are drawn
    renderer.draw(camera, crowded);
    std::vector<uint8_t> direct, tiled;
    target.readPixels(direct);

    app::MapTileCache tiles;
    tiles.setDirectLimit(0);
    int frames = 0;
    target.bind();
    while (!tiles.draw(renderer, camera, {}) && frames < 50) ++frames;
    CHECK(tiles.usedTilesLastFrame());
    CHECK(frames >= 3);  // a few tiles per frame, not all at once
    target.bind();
    REQUIRE(tiles.draw(renderer, camera, {}));
    target.readPixels(tiled);
    size_t differing = 0;
    for (size_t i = 0; i < direct.size(); i += 4)
        for (size_t k = 0; k < 3; ++k)
            if (std::abs(int(direct[i + k]) - int(tiled[i + k])) > 2) { ++differing; break; }
    CHECK(differing < direct.size() / 4 / 1000);  // under 0.1% of the pixels
}

TEST_CASE("a see-through road layer blends once, joins included") {
    const DemoWorkspace& d = demo();
    constexpr int W = 900, H = 900;
    DemoView view(W, H, 30);
    app::MapRenderer& renderer = view.renderer;
    app::Camera& camera = view.camera;
    camera.zoomAbout(W / 2.0, H / 2.0, 3);
    app::OffscreenTarget target(W, H);
    auto render = [&](bool roadsVisible, float opacity) {
        app::MapDrawOptions o;
        o.layers[size_t(app::MapLayer::Roads)] = {roadsVisible, opacity};
        o.layers[size_t(app::MapLayer::Villages)].visible = false;
        target.bind();
        renderer.draw(camera, o);
        std::vector<uint8_t> px;
        target.readPixels(px);
        return px;
    };
    std::vector<uint8_t> under = render(false, 1), half = render(true, 0.5f);
    // Interior vertices (joins) of national and provincial roads, away from other roads.
    int checked = 0;
    for (size_t f = 0; f < d.roads.featureCount() && checked < 20; ++f) {
        if (d.classes[f] > geo::RoadClass::Provincial) continue;
        const app::Rgba fill = app::style::kRoads[size_t(d.classes[f])].fill;
        for (size_t r = d.roads.partStart[d.roads.featureStart[f]]; r < d.roads.partStart[d.roads.featureStart[f + 1]]; ++r)
            for (size_t v = d.roads.ringStart[r] + 1; v + 1 < d.roads.ringStart[r + 1]; ++v) {
                double x = d.roads.xy[2 * v], y = d.roads.xy[2 * v + 1];
                app::ScreenPoint p = camera.worldToScreen(x, y);
                if (p.x < 5 || p.y < 5 || p.x > W - 5 || p.y > H - 5) continue;
                if (distanceToLayer(d.roads, x, y, f) < 12 * camera.unitsPerPixel) continue;
                if (distanceToLayer(d.boundary, x, y) < 12 * camera.unitsPerPixel) continue;
                if (distanceToLayer(d.districts, x, y) < 12 * camera.unitsPerPixel) continue;
                Pixel u = pixelAt(under, W, p), h = pixelAt(half, W, p);
                app::Rgba expected{uint8_t((fill.r + u.r) / 2), uint8_t((fill.g + u.g) / 2), uint8_t((fill.b + u.b) / 2), 255};
                CAPTURE(f);
                CAPTURE(v);
                CHECK(near(h, expected, 4));
                ++checked;
            }
    }
    CHECK(checked >= 3);
}

TEST_CASE("villages given as polygons are filled and outlined") {
    const DemoWorkspace& d = demo();
    constexpr int W = 600, H = 600;
    DemoView view(W, H, 20);
    // The district polygons stand in for village polygons.
    app::MapData data{&d.boundary, nullptr, nullptr, &d.districts, nullptr, 99};
    view.renderer.update(data);
    app::OffscreenTarget target(W, H);
    target.bind();
    view.renderer.draw(view.camera, {});
    std::vector<uint8_t> px;
    target.readPixels(px);
    const app::Rgba v = app::style::kVillageFill, t = app::style::kTownshipFill;
    auto mix = [&](uint8_t a, uint8_t b) { return uint8_t((a * v.a + b * (255 - v.a)) / 255); };
    const app::Rgba expected{mix(v.r, t.r), mix(v.g, t.g), mix(v.b, t.b), 255};
    int checked = 0;
    for (size_t f = 0; f < d.districts.featureCount(); ++f) {
        double x, y;
        geo::labelPoint(d.districts, f, x, y);
        if (distanceToLayer(d.districts, x, y) < 5 * view.camera.unitsPerPixel) continue;
        CAPTURE(f);
        CHECK(near(pixelAt(px, W, view.camera.worldToScreen(x, y)), expected, 4));
        ++checked;
    }
    CHECK(checked >= 3);
}

TEST_CASE("the map draws into part of a target, leaving the rest alone") {
    DemoView view(200, 150, 5);
    app::OffscreenTarget target(400, 300);
    target.bind();
    glClearColor(1, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glViewport(100, 50, 200, 150);  // GL's origin is the bottom left
    view.renderer.draw(view.camera, {});
    app::MapTileCache tiles;
    tiles.setDirectLimit(0);
    while (!tiles.draw(view.renderer, view.camera, {})) {}
    std::vector<uint8_t> px;
    target.readPixels(px);
    const app::Rgba red{255, 0, 0, 255};
    CHECK(near(pixelAt(px, 400, {10.5, 10.5}), red));
    CHECK(near(pixelAt(px, 400, {390.5, 290.5}), red));
    CHECK(near(pixelAt(px, 400, {99.5, 150.5}), red));
    CHECK(near(pixelAt(px, 400, {101.5, 101.5}), app::style::kBackground));  // top left of the viewport
    CHECK(near(pixelAt(px, 400, {298.5, 248.5}), app::style::kBackground));
}
