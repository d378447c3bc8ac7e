// The returnee choropleth rendered headless: each class's colour shows at the centre of its cells.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "app/camera.hpp"
#include "app/gl_context.hpp"
#include "app/map_renderer.hpp"
#include "app/map_style.hpp"
#include "app/returnee_view.hpp"
#include "geo/io/demo.hpp"
#include "geo/workspace/workspace.hpp"

TEST_CASE("the returnee choropleth shows each class's ramp colour at its cells") {
    std::random_device rd;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("cordon-choropleth-test-" + std::to_string(rd()));
    geo::DemoOptions o;
    o.outDir = (dir / "demo").string();
    geo::generateDemo(o);
    geo::Layer boundary, districts;
    app::ReturneeView view;
    {
        auto ws = geo::Workspace::open((dir / "demo" / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
        boundary = ws.readLayer("boundary");
        districts = ws.readLayer("districts");
        view.load(geo::loadReturneeCounts(ws));
    }
    std::filesystem::remove_all(dir);
    REQUIRE(view.counts.total == 829);
    view.showWindow = true;
    view.cellM = 1000;
    view.method = geo::ClassMethod::Quantiles;
    view.classes = 4;
    view.opacity = 1.0f;
    REQUIRE(view.refresh(&boundary, &districts, nullptr));
    REQUIRE(view.breaks.size() == 4);
    CHECK_FALSE(view.refresh(&boundary, &districts, nullptr));  // nothing changed: nothing recomputed

    app::HeadlessContext gl;
    app::MapRenderer renderer;
    renderer.update({&boundary, nullptr, nullptr, nullptr, nullptr, 1});
    renderer.setChoropleth(&view.polygons, view.colors, view.key);
    constexpr int W = 800, H = 800;
    app::Camera camera;
    camera.setViewport(W, H);
    camera.fit(boundary.bbox(), 20);
    app::OffscreenTarget target(W, H);
    target.bind();
    renderer.draw(camera, app::MapDrawOptions{});
    std::vector<uint8_t> pixels;
    target.readPixels(pixels);
    REQUIRE(pixels.size() == size_t(W) * H * 4);

    auto pixel = [&](double x, double y) {
        app::ScreenPoint p = camera.worldToScreen(x, y);
        size_t i = (static_cast<size_t>(std::lround(p.y - 0.5)) * W + static_cast<size_t>(std::lround(p.x - 0.5))) * 4;
        return app::Rgba{pixels[i], pixels[i + 1], pixels[i + 2], 255};
    };
    auto near = [](app::Rgba a, uint32_t packed) {
        return std::abs(a.r - int(packed & 0xff)) <= 3 && std::abs(a.g - int((packed >> 8) & 0xff)) <= 3 &&
               std::abs(a.b - int((packed >> 16) & 0xff)) <= 3;
    };
    std::vector<int> checked(view.breaks.size() + 1, 0);
    for (size_t i = 0; i < view.results.size(); ++i) {
        const geo::AreaCount& a = view.results[i];
        // Cells wholly inside the township: their centres lie far from the boundary line.
        if (a.areaKm2 < 0.999) continue;
        int cls = view.classOfArea[i];
        CAPTURE(a.name);
        CAPTURE(cls);
        uint32_t expected = cls >= 0 ? geo::rampColor(cls, static_cast<int>(view.breaks.size()))
                                     : app::packRgba(app::style::kTownshipFill);
        CHECK(near(pixel(a.x, a.y), expected));
        ++checked[static_cast<size_t>(cls + 1)];
    }
    for (size_t c = 0; c < checked.size(); ++c) {
        CAPTURE(c);
        CHECK(checked[c] > 0);  // every class, and the empty cells, seen on screen
    }

    // Hidden again: the township fill is back where a class was.
    renderer.setChoropleth(nullptr, {}, 0);
    renderer.draw(camera, app::MapDrawOptions{});
    target.readPixels(pixels);
    for (size_t i = 0; i < view.results.size(); ++i)
        if (view.classOfArea[i] >= 0 && view.results[i].areaKm2 >= 0.999) {
            CHECK(near(pixel(view.results[i].x, view.results[i].y), app::packRgba(app::style::kTownshipFill)));
            break;
        }
}
