// Camera transforms, zoom about a point, fit-to-extent, and label collision boxes.
#include <doctest/doctest.h>

#include "app/camera.hpp"
#include "app/labels.hpp"

TEST_CASE("world and screen transforms are inverse, with y pointing down on screen") {
    app::Camera c;
    c.setViewport(800, 600);
    c.centerX = 561036.78;
    c.centerY = 3893658.63;
    c.unitsPerPixel = 2.5;
    app::ScreenPoint p = c.worldToScreen(561036.78, 3893658.63);
    CHECK(p.x == doctest::Approx(400));
    CHECK(p.y == doctest::Approx(300));
    p = c.worldToScreen(561036.78 + 25, 3893658.63 + 25);
    CHECK(p.x == doctest::Approx(410));
    CHECK(p.y == doctest::Approx(290));
    double x, y;
    c.screenToWorld(123.5, 456.25, x, y);
    p = c.worldToScreen(x, y);
    CHECK(p.x == doctest::Approx(123.5));
    CHECK(p.y == doctest::Approx(456.25));
}

TEST_CASE("zooming about the cursor keeps the point under it") {
    app::Camera c;
    c.setViewport(1000, 700);
    c.centerX = 1000;
    c.centerY = 2000;
    c.unitsPerPixel = 10;
    double before[2], after[2];
    c.screenToWorld(130, 620, before[0], before[1]);
    c.zoomAbout(130, 620, 1.25 * 1.25);
    c.screenToWorld(130, 620, after[0], after[1]);
    CHECK(after[0] == doctest::Approx(before[0]));
    CHECK(after[1] == doctest::Approx(before[1]));
    CHECK(c.unitsPerPixel == doctest::Approx(10 / 1.5625));
    // Zoom stays within limits.
    for (int i = 0; i < 200; ++i) c.zoomAbout(0, 0, 2);
    CHECK(c.unitsPerPixel == doctest::Approx(app::Camera::kMinUnitsPerPixel));
    // Panning moves content with the pointer.
    c.unitsPerPixel = 1;
    double wx, wy;
    c.screenToWorld(500, 350, wx, wy);
    c.panPixels(40, -10);
    app::ScreenPoint moved = c.worldToScreen(wx, wy);
    CHECK(moved.x == doctest::Approx(540));
    CHECK(moved.y == doctest::Approx(340));
}

TEST_CASE("fit shows the whole extent inside the margins") {
    app::Camera c;
    c.setViewport(1920, 1080);
    geo::Bbox e;
    e.add(550000, 3880000);
    e.add(565000, 3897000);
    c.fit(e, 40);
    app::ScreenPoint a = c.worldToScreen(e.minX, e.maxY), b = c.worldToScreen(e.maxX, e.minY);
    CHECK(a.x >= 39.9);
    CHECK(a.y >= 39.9);
    CHECK(b.x <= 1920 - 39.9);
    CHECK(b.y <= 1080 - 39.9);
    // The tighter axis touches its margins.
    CHECK(a.y == doctest::Approx(40));
    CHECK(b.y == doctest::Approx(1040));
}

TEST_CASE("labels that would overlap a placed one are refused") {
    app::LabelPlacer placer;
    CHECK(placer.tryPlace({0, 0, 50, 20}));
    CHECK_FALSE(placer.tryPlace({40, 10, 90, 30}));
    CHECK(placer.tryPlace({50, 0, 100, 20}));  // touching is fine
    CHECK(placer.placedCount() == 2);
    placer.clear();
    CHECK(placer.tryPlace({40, 10, 90, 30}));
}
