// Temporary folders and the shared demo for tests.
#include "test_support.hpp"

#include <atomic>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include <gdal_priv.h>

#include "geo/io/demo.hpp"
#include "geo/io/layer_reader.hpp"

namespace testing {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("cordon-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

const std::filesystem::path& demoDir() {
    static TempDir dir;
    static bool made = false;
    if (!made) {
        geo::DemoOptions o;
        o.outDir = (dir.path() / "demo").string();
        geo::generateDemo(o);
        made = true;
    }
    static std::filesystem::path p = dir.path() / "demo";
    return p;
}

std::string demoWorkspaceCopy(const TempDir& tmp) {
    std::string path = tmp / "ws.gpkg";
    std::filesystem::copy_file(demoDir() / "demo.gpkg", path);
    return path;
}

std::filesystem::path realData() {
    std::filesystem::path p = std::filesystem::path(CORDON_TEST_DATA) / "realdata";
    std::error_code ec;
    return std::filesystem::exists(p, ec) ? std::filesystem::canonical(p) : std::filesystem::path();
}

geo::Checkpoint checkpointAt(double x, double y, geo::CheckpointKind kind) {
    geo::Checkpoint c;
    c.x = x;
    c.y = y;
    c.kind = kind;
    return c;
}

namespace {

uint32_t be32(const unsigned char* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// GDAL's PNG driver does not report pHYs, so the chunk is found here (pixels per metre -> dpi).
double pngDpi(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (size_t at = 8; at + 12 <= b.size();) {
        uint32_t len = be32(&b[at]);
        if (at + 12 + size_t{len} > b.size()) break;
        if (std::memcmp(&b[at + 4], "pHYs", 4) == 0 && len == 9 && b[at + 16] == 1) return be32(&b[at + 8]) * 0.0254;
        if (std::memcmp(&b[at + 4], "IDAT", 4) == 0) break;
        at += 12 + size_t{len};
    }
    return 0;
}

}  // namespace

PngImage decodePng(const std::filesystem::path& path) {
    geo::initGdal();
    const char* const pngOnly[] = {"PNG", nullptr};
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, pngOnly));
    if (!ds) throw std::runtime_error(path.string() + ": GDAL cannot open it as a PNG");
    PngImage img;
    img.width = ds->GetRasterXSize();
    img.height = ds->GetRasterYSize();
    img.channels = ds->GetRasterCount();
    if (img.channels != 3 && img.channels != 4) throw std::runtime_error(path.string() + ": not RGB or RGBA");
    img.pixels.resize(static_cast<size_t>(img.width) * static_cast<size_t>(img.height) * static_cast<size_t>(img.channels));
    const int pixelSpace = img.channels;
    if (ds->RasterIO(GF_Read, 0, 0, img.width, img.height, img.pixels.data(), img.width, img.height, GDT_Byte,
                     img.channels, nullptr, pixelSpace, static_cast<GSpacing>(pixelSpace) * img.width, 1, nullptr) != CE_None)
        throw std::runtime_error(path.string() + ": GDAL cannot decode it (" + CPLGetLastErrorMsg() + ")");
    img.dpi = pngDpi(path);
    return img;
}

}  // namespace testing
