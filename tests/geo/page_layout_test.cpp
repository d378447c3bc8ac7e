// Page sizes, layout boxes, scale bars and tile plans for snapshots.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "geo/core/error.hpp"
#include "geo/render/page_layout.hpp"

namespace {

bool inside(const geo::Rect& inner, const geo::Rect& outer) {
    return inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9 && inner.right() <= outer.right() + 1e-9 &&
           inner.bottom() <= outer.bottom() + 1e-9;
}

bool overlaps(const geo::Rect& a, const geo::Rect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

}  // namespace

TEST_CASE("paper sizes at a dpi follow ISO 216") {
    auto a3 = geo::pageFromPaper("A3", true, 300);
    CHECK(a3.width == 4961);
    CHECK(a3.height == 3508);
    auto a3p = geo::pageFromPaper("A3", false, 300);
    CHECK(a3p.width == 3508);
    CHECK(a3p.height == 4961);
    auto a4 = geo::pageFromPaper("A4", true, 300);
    CHECK(a4.width == 3508);
    CHECK(a4.height == 2480);
    auto a4low = geo::pageFromPaper("a4", false, 150);
    CHECK(a4low.width == 1240);
    CHECK(a4low.height == 1754);
    CHECK(a4low.paper == "A4");
    // Millimetres on paper survive the round trip to pixels at any dpi.
    for (double dpi : {72.0, 96.0, 200.0, 300.0, 600.0}) {
        auto p = geo::pageFromPaper("A4", false, dpi);
        CHECK(std::fabs(p.width / dpi * 25.4 - 210) <= 25.4 / dpi);
        CHECK(std::fabs(p.height / dpi * 25.4 - 297) <= 25.4 / dpi);
    }
    CHECK_THROWS_AS(geo::pageFromPaper("A5", false, 300), geo::Error);
    CHECK_THROWS_AS(geo::pageFromPaper("A4", false, 0), geo::Error);
    CHECK_THROWS_AS(geo::pageFromPaper("A3", false, 2400), geo::Error);  // over 32768 pixels
}

TEST_CASE("pixel sizes are parsed strictly and bounded") {
    auto s = geo::pageFromPixels("3840x2160");
    CHECK(s.width == 3840);
    CHECK(s.height == 2160);
    CHECK(s.dpi == doctest::Approx(192));  // a 1080p screen scaled by two
    CHECK(geo::pageFromPixels("800x600").dpi == doctest::Approx(96));
    CHECK(geo::pageFromPixels("32768x32768").width == 32768);
    for (const char* bad : {"", "3840", "x2160", "3840x", "-5x10", "10x10x10", "3840 x 2160", "1e3x1e3", "32769x100",
                            "100x40000", "8x8"})
        CHECK_THROWS_AS(geo::pageFromPixels(bad), geo::Error);
}

TEST_CASE("layout boxes sit on the page without overlapping, in both styles and orientations") {
    for (auto style : {geo::LayoutStyle::Report, geo::LayoutStyle::Briefing}) {
        for (auto page : {geo::pageFromPixels("3840x2160"), geo::pageFromPixels("1920x1080"),
                          geo::pageFromPaper("A3", true), geo::pageFromPaper("A4", false),
                          geo::pageFromPixels("640x480")}) {
            CAPTURE(page.width);
            CAPTURE(page.height);
            auto l = geo::layoutPage(page, style);
            const geo::Rect whole{0, 0, double(page.width), double(page.height)};
            for (const auto& r : {l.mapFrame, l.titleBox, l.subtitleBox, l.legendBox, l.figuresBox, l.attributionBox}) {
                CHECK_FALSE(r.isEmpty());
                CHECK(inside(r, whole));
            }
            CHECK(inside(l.scaleBarBox, l.mapFrame));
            CHECK(inside(l.northArrowBox, l.mapFrame));
            CHECK_FALSE(overlaps(l.scaleBarBox, l.northArrowBox));
            CHECK_FALSE(overlaps(l.legendBox, l.figuresBox));
            CHECK_FALSE(overlaps(l.legendBox, l.mapFrame));
            CHECK_FALSE(overlaps(l.figuresBox, l.mapFrame));
            CHECK_FALSE(overlaps(l.titleBox, l.mapFrame));
            CHECK(l.mapFrame.w * l.mapFrame.h > 0.4 * page.width * page.height);
        }
    }
}

TEST_CASE("type and lines scale with the resolution") {
    auto a4at150 = geo::layoutPage(geo::pageFromPaper("A4", false, 150), geo::LayoutStyle::Report);
    auto a4at300 = geo::layoutPage(geo::pageFromPaper("A4", false, 300), geo::LayoutStyle::Report);
    CHECK(a4at300.titlePx == doctest::Approx(2 * a4at150.titlePx));
    CHECK(a4at300.bodyPx == doctest::Approx(2 * a4at150.bodyPx));
    // 18 pt at 300 dpi is 75 pixels: a quarter inch.
    CHECK(a4at300.titlePx == doctest::Approx(18.0 / 72 * 300));
    // The briefing follows the screen's height: twice the pixels on a 4K wall as on a 1080p projector.
    auto wall = geo::layoutPage(geo::pageFromPixels("3840x2160"), geo::LayoutStyle::Briefing);
    auto projector = geo::layoutPage(geo::pageFromPixels("1920x1080"), geo::LayoutStyle::Briefing);
    CHECK(wall.figurePx == doctest::Approx(2 * projector.figurePx));
    CHECK(projector.figurePx >= 60);  // large enough to read across a room
}

TEST_CASE("a fitted extent is centred in the frame and wholly visible") {
    geo::Bbox e;
    e.add(500000, 3800000);
    e.add(512000, 3806000);
    geo::Rect frame{100, 50, 1200, 800};
    auto t = geo::fitExtent(e, frame, 0.05);
    CHECK(t.toPixelX(e.minX) >= frame.x);
    CHECK(t.toPixelX(e.maxX) <= frame.right());
    CHECK(t.toPixelY(e.maxY) >= frame.y);
    CHECK(t.toPixelY(e.minY) <= frame.bottom());
    CHECK((t.toPixelX(e.minX) + t.toPixelX(e.maxX)) / 2 == doctest::Approx(frame.x + frame.w / 2));
    CHECK((t.toPixelY(e.minY) + t.toPixelY(e.maxY)) / 2 == doctest::Approx(frame.y + frame.h / 2));
    CHECK(t.toMetresX(t.toPixelX(503210.5)) == doctest::Approx(503210.5));
    CHECK(t.toMetresY(t.toPixelY(3801234.5)) == doctest::Approx(3801234.5));
    // Width is the limiting side here: 12 km over 90% of 1200 pixels.
    CHECK(t.metresPerPixel == doctest::Approx(12000.0 / 1080));
}

TEST_CASE("the scale bar is a 1-2-5 length whose pixels match the map scale") {
    for (double mpp : {0.37, 1.0, 2.5, 7.9, 13.0, 48.0, 333.0}) {
        for (double maxPx : {100.0, 300.0, 777.0}) {
            auto bar = geo::chooseScaleBar(mpp, maxPx);
            CAPTURE(mpp);
            CAPTURE(maxPx);
            CHECK(bar.lengthPx <= maxPx);
            CHECK(bar.lengthPx > maxPx * 0.39);  // the next step would not have fitted
            CHECK(bar.lengthPx * mpp == doctest::Approx(bar.lengthMetres));
            const double mantissa = bar.lengthMetres / std::pow(10.0, std::floor(std::log10(bar.lengthMetres) + 1e-9));
            CHECK((std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 || std::fabs(mantissa - 5) < 1e-9));
        }
    }
    auto km = geo::chooseScaleBar(10, 250);  // 2.5 km fits: 2 km
    CHECK(km.lengthMetres == doctest::Approx(2000));
    CHECK(km.unit == "km");
    CHECK(km.label(2000) == "2");
    CHECK(km.label(500) == "0.5");
    auto m = geo::chooseScaleBar(1, 600);
    CHECK(m.lengthMetres == doctest::Approx(500));
    CHECK(m.label(100) == "100");
}

TEST_CASE("map scale at the output resolution") {
    // 1 m per pixel at 254 dpi: 10,000 pixels per metre of paper, so 1:10,000.
    CHECK(geo::scaleDenominator(1.0, 254) == doctest::Approx(10000));
    CHECK(geo::scaleText(10000) == "1:10,000");
    CHECK(geo::scaleText(24876) == "1:25,000");
    CHECK(geo::scaleText(1234567) == "1:1,200,000");
}

TEST_CASE("tiles cover the page exactly once, whatever the size") {
    struct Case { int w, h, side; size_t budget; };
    for (auto c : {Case{3840, 2160, 4096, size_t(192) << 20}, Case{4961, 3508, 4096, size_t(192) << 20},
                   Case{1000, 700, 256, size_t(1) << 20}, Case{1001, 699, 300, 50000}, Case{17, 5, 4, 100},
                   Case{32768, 32768, 4096, size_t(192) << 20}}) {
        CAPTURE(c.w);
        CAPTURE(c.h);
        auto tiles = geo::planTiles(c.w, c.h, c.side, c.budget, 3);
        REQUIRE_FALSE(tiles.empty());
        long long area = 0;
        int rowY = 0, rowH = 0, nextX = 0;
        for (const auto& t : tiles) {
            CHECK(t.width <= c.side);
            CHECK(t.height <= c.side);
            CHECK(t.width > 0);
            CHECK(t.height > 0);
            if (t.x == 0) {  // a new row starts where the last one ended
                CHECK(nextX == (rowH == 0 ? 0 : c.w));
                rowY += rowH;
                rowH = t.height;
                nextX = 0;
            }
            CHECK(t.y == rowY);
            CHECK(t.height == rowH);
            CHECK(t.x == nextX);  // no gap, no overlap
            nextX = t.x + t.width;
            area += static_cast<long long>(t.width) * t.height;
        }
        CHECK(nextX == c.w);
        CHECK(rowY + rowH == c.h);
        CHECK(area == static_cast<long long>(c.w) * c.h);
        // One row of tiles stays within the memory budget (or is one pixel row when that is all it allows).
        CHECK((static_cast<size_t>(c.w) * 3 * static_cast<size_t>(rowH) <= c.budget || rowH == 1));
    }
    auto single = geo::planTiles(3840, 2160);
    CHECK(single.size() == 1);  // a 4K snapshot is one pass
}
