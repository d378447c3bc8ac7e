// PNG writing speed for a 3840 x 2160 map-like image: whole image in parts on every core, whole
// image by libdeflate on one core, and streamed zlib.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "geo/render/png_writer.hpp"

namespace {

// A light background with a few thousand coloured strokes and filled areas, like a rendered map.
std::vector<uint8_t> mapLikeImage(int w, int h) {
    std::vector<uint8_t> px(static_cast<size_t>(w) * static_cast<size_t>(h) * 3, 0);
    for (size_t i = 0; i < px.size(); i += 3) px[i] = 242, px[i + 1] = 239, px[i + 2] = 233;
    uint32_t seed = 2020;
    auto rnd = [&] { seed = seed * 1664525u + 1013904223u; return seed >> 8; };
    for (int s = 0; s < 6000; ++s) {
        double x = rnd() % static_cast<uint32_t>(w), y = rnd() % static_cast<uint32_t>(h);
        const double a = (rnd() % 6283) / 1000.0;
        const uint8_t r = static_cast<uint8_t>(rnd()), g = static_cast<uint8_t>(rnd()), b = static_cast<uint8_t>(rnd());
        for (int step = 0; step < 200; ++step) {
            x += std::cos(a), y += std::sin(a);
            const int ix = static_cast<int>(x), iy = static_cast<int>(y);
            if (ix < 0 || iy < 0 || ix >= w - 2 || iy >= h - 2) break;
            for (int d = 0; d < 2; ++d) {
                uint8_t* p = &px[(static_cast<size_t>(iy + d) * static_cast<size_t>(w) + static_cast<size_t>(ix)) * 3];
                p[0] = r, p[1] = g, p[2] = b;
            }
        }
    }
    return px;
}

template <class F>
double medianSeconds(F&& f, int runs) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

}  // namespace

int main() {
    const int w = 3840, h = 2160;
    const auto px = mapLikeImage(w, h);
    const auto out = std::filesystem::temp_directory_path() / "cordon_png_bench.png";
    std::printf("image %dx%d RGB, %.1f MB raw\n", w, h, static_cast<double>(px.size()) / 1e6);
    geo::PngOptions whole;
    whole.dpi = 192;
    const double wholeS = medianSeconds([&] { geo::writePng(out, px.data(), w, h, whole); }, 5);
    const auto wholeBytes = std::filesystem::file_size(out);
    geo::PngOptions single = whole;
    single.threads = 1;
    const double singleS = medianSeconds([&] { geo::writePng(out, px.data(), w, h, single); }, 5);
    const auto singleBytes = std::filesystem::file_size(out);
    geo::PngOptions streamed = whole;
    streamed.bufferLimitBytes = 0;
    const double streamS = medianSeconds([&] {
        geo::PngWriter writer(out, w, h, streamed);
        for (int y = 0; y < h; y += 512)
            writer.writeRows(px.data() + static_cast<size_t>(y) * w * 3, std::min(512, h - y), w * 3);
        writer.finish();
    }, 5);
    const auto streamBytes = std::filesystem::file_size(out);
    std::printf("%-28s %8s %10s\n", "writer", "median_s", "size_MB");
    std::printf("%-28s %8.3f %10.2f\n", ("zlib parts on " + std::to_string(std::thread::hardware_concurrency()) + " cores").c_str(), wholeS,
                static_cast<double>(wholeBytes) / 1e6);
    std::printf("%-28s %8.3f %10.2f\n", "libdeflate level 1 (whole)", singleS, static_cast<double>(singleBytes) / 1e6);
    std::printf("%-28s %8.3f %10.2f\n", "zlib level 1 (bands of 512)", streamS, static_cast<double>(streamBytes) / 1e6);
    std::filesystem::remove(out);
    return 0;
}
