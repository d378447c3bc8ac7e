// The CPU snapshot engine against the GL one: same page, same style, pixel for pixel within a
// small tolerance; decoded by GDAL, an independent PNG reader.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "app/map_style.hpp"
#include "app/snapshot.hpp"
#include "app/snapshot_data.hpp"
#include "tests/app/snapshot_support.hpp"

namespace {

using snapshot_test::ScratchDir;
using snapshot_test::demoData;
using snapshot_test::request;

struct Comparison {
    double meanDiff = 0;      // per channel, 0..255
    double shareOff = 0;      // pixels with a channel off by more than the tolerance
};

Comparison compare(const testing::PngImage& a, const testing::PngImage& b, int tolerance) {
    Comparison c;
    size_t off = 0;
    double sum = 0;
    for (size_t i = 0; i < a.pixels.size(); i += 3) {
        int d = 0;
        for (size_t k = 0; k < 3; ++k) {
            const int dk = std::abs(a.pixels[i + k] - b.pixels[i + k]);
            d = std::max(d, dk);
            sum += dk;
        }
        off += d > tolerance;
    }
    const double pixels = static_cast<double>(a.pixels.size() / 3);
    c.meanDiff = sum / (3 * pixels);
    c.shareOff = static_cast<double>(off) / pixels;
    return c;
}

size_t pixelsOf(const testing::PngImage& img, app::Rgba colour) {
    size_t n = 0;
    for (size_t i = 0; i < img.pixels.size(); i += 3)
        n += img.pixels[i] == colour.r && img.pixels[i + 1] == colour.g && img.pixels[i + 2] == colour.b;
    return n;
}

}  // namespace

TEST_CASE("the CPU engine draws the demo page as the GL engine does") {
    ScratchDir dir;
    auto gl = request(dir / "gl.png", geo::pageFromPixels("1600x1000"));
    auto cpu = request(dir / "cpu.png", geo::pageFromPixels("1600x1000"));
    cpu.engine = app::SnapshotEngine::Cpu;
    const app::SnapshotResult g = app::renderSnapshot(demoData(), gl);
    const app::SnapshotResult c = app::renderSnapshot(demoData(), cpu);
    CHECK(c.glRenderer == "cpu");
    CHECK(c.overlay.symbolsDrawn == g.overlay.symbolsDrawn);
    CHECK(c.overlay.legendRows == g.overlay.legendRows);
    CHECK(c.scaleDenominator == doctest::Approx(g.scaleDenominator));
    CHECK(c.segmentsDrawn > 0);
    const testing::PngImage a = testing::decodePng(gl.out), b = testing::decodePng(cpu.out);
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    REQUIRE(a.channels == 3);
    REQUIRE(b.channels == 3);
    const Comparison d = compare(a, b, 48);
    CAPTURE(d.meanDiff);
    CAPTURE(d.shareOff);
    // Fills are antialiased on the CPU only, and glyphs' edges round differently: a few edge pixels.
    CHECK(d.shareOff < 0.01);
    CHECK(d.meanDiff < 1.5);
    // Every layer's colour, exactly as the style gives it, is on both pages.
    for (const app::Rgba colour : {app::style::kDistrictFills[1], app::style::kBackground, app::style::kBoundary.fill,
                                   app::style::kRoads[1].fill, app::style::kRoads[3].fill, app::style::kDistrictFills[0]}) {
        CAPTURE(int(colour.r));
        CAPTURE(int(colour.g));
        CAPTURE(int(colour.b));
        const size_t inGl = pixelsOf(a, colour), inCpu = pixelsOf(b, colour);
        CHECK(inGl > 0);
        CHECK(inCpu > 0);
        CHECK(std::abs(static_cast<double>(inGl) - static_cast<double>(inCpu)) < 0.1 * static_cast<double>(inGl) + 50);
    }
}

TEST_CASE("the CPU engine draws the same image in strips as in one pass") {
    ScratchDir dir;
    auto single = request(dir / "single.png", geo::pageFromPixels("1000x700"));
    auto strips = request(dir / "strips.png", geo::pageFromPixels("1000x700"));
    single.engine = strips.engine = app::SnapshotEngine::Cpu;
    strips.stripBudgetBytes = 1000 * 3 * 180;  // rows of 180 pixels: 4 strips, the last 160
    const app::SnapshotResult a = app::renderSnapshot(demoData(), single);
    const app::SnapshotResult b = app::renderSnapshot(demoData(), strips);
    CHECK(a.tiles == 1);
    CHECK(b.tiles == 4);
    const testing::PngImage x = testing::decodePng(single.out), y = testing::decodePng(strips.out);
    REQUIRE(x.pixels.size() == y.pixels.size());
    int maxDiff = 0;
    for (size_t i = 0; i < x.pixels.size(); ++i) maxDiff = std::max(maxDiff, std::abs(x.pixels[i] - y.pixels[i]));
    // Lines and the overlay are drawn in page coordinates whatever the band; AGG clips fills at
    // the band's edges, which moves an edge pixel's coverage by one step at most.
    CHECK(maxDiff <= 1);
}

TEST_CASE("the CPU engine draws a paper report with its checkpoint table") {
    ScratchDir dir;
    auto gl = request(dir / "gl.png", geo::pageFromPaper("A4", true, 100));
    auto cpu = request(dir / "cpu.png", geo::pageFromPaper("A4", true, 100));
    cpu.engine = app::SnapshotEngine::Cpu;
    const app::SnapshotResult g = app::renderSnapshot(demoData(), gl);
    const app::SnapshotResult c = app::renderSnapshot(demoData(), cpu);
    CHECK(c.overlay.texts.size() == g.overlay.texts.size());
    const testing::PngImage a = testing::decodePng(gl.out), b = testing::decodePng(cpu.out);
    REQUIRE(a.pixels.size() == b.pixels.size());
    CHECK(a.dpi == doctest::Approx(b.dpi));
    const Comparison d = compare(a, b, 48);
    CAPTURE(d.meanDiff);
    CAPTURE(d.shareOff);
    CHECK(d.shareOff < 0.01);
}
