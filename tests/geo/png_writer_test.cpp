// PNG writing (decoded by GDAL's PNG driver, not our own code): decoded pixels equal the input, resolution recorded, failures leave nothing behind.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "geo/core/error.hpp"
#include "geo/render/png_writer.hpp"
#include "test_support.hpp"

namespace {

std::vector<uint8_t> pattern(int w, int h, int channels) {
    std::vector<uint8_t> px(static_cast<size_t>(w * h * channels));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c)
                px[static_cast<size_t>((y * w + x) * channels + c)] =
                    static_cast<uint8_t>((x * 7 + y * 13 + c * 101 + (x * y) % 17) & 0xff);
    return px;
}

size_t filesIn(const std::filesystem::path& dir) {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("an RGB image decodes to the same pixels and records its dpi") {
    testing::TempDir dir;
    const int w = 123, h = 77;
    auto px = pattern(w, h, 3);
    geo::PngOptions o;
    o.dpi = 300;
    geo::writePng(dir / "a.png", px.data(), w, h, o);
    testing::PngImage img = testing::decodePng(dir / "a.png");
    CHECK(img.width == w);
    CHECK(img.height == h);
    CHECK(img.channels == 3);
    CHECK(img.pixels == px);
    // 300 dpi is 11811 pixels per metre, which reads back within a hundredth of a dot.
    CHECK(img.dpi == doctest::Approx(300).epsilon(0.0001));
    CHECK(filesIn(dir.path()) == 1);  // no temporary file left beside it
}

TEST_CASE("RGBA images keep their alpha") {
    testing::TempDir dir;
    auto px = pattern(40, 30, 4);
    geo::PngOptions o;
    o.format = geo::PngFormat::Rgba;
    geo::writePng(dir / "b.png", px.data(), 40, 30, o);
    testing::PngImage img = testing::decodePng(dir / "b.png");
    CHECK(img.channels == 4);
    CHECK(img.pixels == px);
    CHECK(img.dpi == 0);
}

TEST_CASE("streaming band by band gives the same image as one buffer") {
    testing::TempDir dir;
    const int w = 301, h = 257;
    auto px = pattern(w, h, 3);
    geo::PngOptions o;
    o.dpi = 96;
    o.bufferLimitBytes = 4096;  // forces the streaming path
    geo::PngWriter writer(dir / "s.png", w, h, o);
    CHECK(writer.isStreaming());
    const auto stride = static_cast<std::ptrdiff_t>(w * 3);
    // Uneven bands, the last one written bottom-up in memory, as glReadPixels returns them.
    writer.writeRows(px.data(), 100, stride);
    writer.writeRows(px.data() + 100 * stride, 50, stride);
    std::vector<uint8_t> flipped(static_cast<size_t>(107 * stride));
    for (int r = 0; r < 107; ++r)
        std::copy_n(px.data() + (150 + r) * stride, stride, flipped.data() + (106 - r) * stride);
    writer.writeRows(flipped.data() + 106 * stride, 107, -stride);
    writer.finish();
    testing::PngImage img = testing::decodePng(dir / "s.png");
    CHECK(img.pixels == px);
    CHECK(img.dpi == doctest::Approx(96).epsilon(0.001));
}

TEST_CASE("an image compressed in parts on several threads decodes to the same pixels as one compressed in one call") {
    testing::TempDir dir;
    // 3 MB of filtered rows per part: three parts here, each ending mid-image on a flush.
    const int w = 1024, h = 3000;
    auto px = pattern(w, h, 3);
    geo::PngOptions parts;
    parts.threads = 3;
    geo::writePng(dir / "p.png", px.data(), w, h, parts);
    geo::PngOptions single = parts;
    single.threads = 1;
    geo::writePng(dir / "one.png", px.data(), w, h, single);
    const testing::PngImage a = testing::decodePng(dir / "p.png");
    const testing::PngImage b = testing::decodePng(dir / "one.png");
    CHECK(a.width == w);
    CHECK(a.height == h);
    CHECK(a.pixels == px);
    CHECK(b.pixels == px);
    // Separate streams: the files differ, so the parallel path really ran.
    CHECK(std::filesystem::file_size(dir / "p.png") != std::filesystem::file_size(dir / "one.png"));
}

TEST_CASE("a missing output folder is an error and is not created") {
    testing::TempDir dir;
    auto px = pattern(4, 4, 3);
    const auto target = dir.path() / "no-such-folder" / "x.png";
    CHECK_THROWS_AS(geo::writePng(target, px.data(), 4, 4, {}), geo::Error);
    CHECK_FALSE(std::filesystem::exists(target.parent_path()));
}

TEST_CASE("an image missing rows is never written") {
    testing::TempDir dir;
    auto px = pattern(10, 10, 3);
    {
        geo::PngWriter writer(dir / "cut.png", 10, 10, {});
        writer.writeRows(px.data(), 6, 30);
        CHECK_THROWS_AS(writer.finish(), geo::Error);
    }
    {
        geo::PngWriter writer(dir / "abandoned.png", 10, 10, {});
        writer.writeRows(px.data(), 10, 30);
    }  // destroyed without finish(): nothing is left
    CHECK(filesIn(dir.path()) == 0);
}

TEST_CASE("an existing file is replaced only by a complete image") {
    testing::TempDir dir;
    auto a = pattern(8, 8, 3);
    geo::writePng(dir / "r.png", a.data(), 8, 8, {});
    {
        geo::PngWriter writer(dir / "r.png", 16, 16, {});
        writer.writeRows(a.data(), 4, 24);
    }
    CHECK(testing::decodePng(dir / "r.png").pixels == a);
}

TEST_CASE("impossible sizes are refused") {
    testing::TempDir dir;
    CHECK_THROWS_AS(geo::PngWriter(dir / "z.png", 0, 10, {}), geo::Error);
    CHECK_THROWS_AS(geo::PngWriter(dir / "z.png", 10, -1, {}), geo::Error);
    CHECK(filesIn(dir.path()) == 0);
}

TEST_CASE("the decoder these tests use refuses a truncated PNG, so a broken image cannot pass") {
    testing::TempDir dir;
    auto px = pattern(50, 50, 3);
    geo::writePng(dir / "t.png", px.data(), 50, 50, {});
    std::filesystem::resize_file(dir.path() / "t.png", std::filesystem::file_size(dir.path() / "t.png") - 20);
    CHECK_THROWS_AS(testing::decodePng(dir / "t.png"), std::runtime_error);
}
