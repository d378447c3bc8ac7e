// The basemap warper: the overview that suits the output resolution is the one read, files are
// opened once and kept between pictures, palette sheets come out in their colours, and a file
// that cannot be read is named.
#include <doctest/doctest.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "geo/basemap/basemap_warper.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kEpsg = 3857;
constexpr int kSide = 1024;
constexpr double kMinX = 12'410'000, kMaxY = 4'215'000, kPixel = 2;  // 2 m pixels, 2048 m a side

GDALDatasetH createRaster(const std::string& path, int bands) {
    geo::initGdal();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), kSide, kSide, bands, GDT_Byte, nullptr);
    REQUIRE(ds);
    double gt[6] = {kMinX, kPixel, 0, kMaxY, 0, -kPixel};
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, kEpsg);
    GDALSetSpatialRef(ds, srs);
    OSRDestroySpatialReference(srs);
    return ds;
}

// Red at full resolution; each overview (2x, 4x, 8x) painted its own colour, so that a picture
// tells which level it was read from.
constexpr std::array<std::array<int, 3>, 4> kLevelColours = {{{200, 20, 20}, {20, 200, 20}, {20, 20, 200}, {200, 200, 20}}};

std::string writeLevelled(const fs::path& dir) {
    const std::string path = (dir / "levels.tif").string();
    GDALDatasetH ds = createRaster(path, 3);
    for (int b = 1; b <= 3; ++b) GDALFillRaster(GDALGetRasterBand(ds, b), kLevelColours[0][static_cast<size_t>(b - 1)], 0);
    int factors[3] = {2, 4, 8};
    REQUIRE(GDALBuildOverviews(ds, "NEAREST", 3, factors, 0, nullptr, nullptr, nullptr) == CE_None);
    for (int b = 1; b <= 3; ++b)
        for (int o = 0; o < 3; ++o)
            GDALFillRaster(GDALGetOverview(GDALGetRasterBand(ds, b), o), kLevelColours[static_cast<size_t>(o + 1)][static_cast<size_t>(b - 1)], 0);
    GDALClose(ds);
    return path;
}

geo::Basemap linked(const std::string& path, const std::string& name) {
    geo::Basemap b;
    b.name = name;
    b.kind = geo::BasemapKind::Link;
    b.source = path;
    b.extent.add(kMinX, kMaxY - kSide * kPixel);
    b.extent.add(kMinX + kSide * kPixel, kMaxY);
    return b;
}

// The centre pixel of a 64 x 64 picture of the raster's middle at `metresPerPixel`.
std::array<int, 4> centreAt(geo::BasemapWarper& warper, const geo::Basemap& b, double metresPerPixel) {
    const double half = 32 * metresPerPixel, cx = kMinX + kSide * kPixel / 2, cy = kMaxY - kSide * kPixel / 2;
    geo::Bbox box;
    box.add(cx - half, cy - half);
    box.add(cx + half, cy + half);
    const geo::RgbaImage image = warper.warp(b, "/nowhere/ws.gpkg", kEpsg, box, 64, 64);
    REQUIRE(image.width == 64);
    const uint8_t* px = &image.pixels[(32 * 64 + 32) * 4];
    return {px[0], px[1], px[2], px[3]};
}

bool isColour(const std::array<int, 4>& px, const std::array<int, 3>& rgb) {
    for (size_t c = 0; c < 3; ++c)
        if (std::abs(px[c] - rgb[c]) > 2) return false;
    return px[3] == 255;
}

}  // namespace

TEST_CASE("the warper reads the coarsest overview that still has a pixel for each output pixel") {
    testing::TempDir tmp;
    const geo::Basemap b = linked(writeLevelled(tmp.path()), "levels");
    geo::BasemapWarper warper;
    CHECK(isColour(centreAt(warper, b, 1.0), kLevelColours[0]));   // finer than the raster: full resolution
    CHECK(isColour(centreAt(warper, b, 2.0), kLevelColours[0]));   // one raster pixel per output pixel
    CHECK(isColour(centreAt(warper, b, 4.0), kLevelColours[1]));   // the 2x overview
    CHECK(isColour(centreAt(warper, b, 3.8), kLevelColours[1]));   // within 1.2 of it: not 4 times the reading
    CHECK(isColour(centreAt(warper, b, 3.0), kLevelColours[0]));   // 1.5 raster pixels: the 2x one would blur
    CHECK(isColour(centreAt(warper, b, 8.0), kLevelColours[2]));
    CHECK(isColour(centreAt(warper, b, 16.0), kLevelColours[3]));
    CHECK(isColour(centreAt(warper, b, 64.0), kLevelColours[3]));  // beyond the coarsest: the coarsest
}

TEST_CASE("the warper opens each level of a file once and keeps it for the next pictures") {
    testing::TempDir tmp;
    const geo::Basemap b = linked(writeLevelled(tmp.path()), "levels");
    geo::BasemapWarper warper;
    for (int i = 0; i < 20; ++i) {
        centreAt(warper, b, 2.0);
        centreAt(warper, b, 4.0);
    }
    CHECK(warper.opened() == 2);  // the full raster and the 2x overview
    centreAt(warper, b, 8.0);
    CHECK(warper.opened() == 3);

    // A second basemap of its own; more basemaps than are kept open close the least recently used.
    geo::Basemap other = b;
    other.name = "other";
    other.crsOverride = "EPSG:3857";  // another reprojection of the same file: kept apart
    centreAt(warper, other, 2.0);
    CHECK(warper.opened() == 4);
    centreAt(warper, b, 2.0);
    CHECK(warper.opened() == 4);
    warper.close();  // a workspace replaced under the same name: opened anew
    CHECK(warper.openFiles() == 0);
    centreAt(warper, b, 2.0);
    CHECK(warper.opened() == 5);
}

TEST_CASE("the warper holds a few files open at most, and reopens one let go when it is needed again") {
    testing::TempDir tmp;
    const geo::Basemap b = linked(writeLevelled(tmp.path()), "levels");
    geo::BasemapWarper warper;
    // Four reprojections of the file (each with its own files), every level of each: 16 levels.
    for (int round = 0; round < 2; ++round)
        for (const char* crs : {"", "EPSG:3857", "EPSG:900913",
                                "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs"}) {
            geo::Basemap copy = b;
            copy.crsOverride = crs;
            for (size_t level = 0; level < 4; ++level) {
                const double metres = 2.0 * static_cast<double>(1 << level);
                CHECK(isColour(centreAt(warper, copy, metres), kLevelColours[level]));
            }
            CHECK(warper.openFiles() <= geo::BasemapWarper::kMaxOpenLevels);
        }
    CHECK(warper.openFiles() == geo::BasemapWarper::kMaxOpenLevels);
    CHECK(warper.opened() > 16);  // the second round reopened what the first had let go
}

TEST_CASE("a palette sheet is warped in its colours, from its overviews too") {
    testing::TempDir tmp;
    const std::string path = (tmp.path() / "sheet.tif").string();
    GDALDatasetH ds = createRaster(path, 1);
    GDALColorTableH table = GDALCreateColorTable(GPI_RGB);
    const GDALColorEntry paper{250, 245, 230, 255}, contour{170, 110, 60, 255};
    GDALSetColorEntry(table, 0, &paper);
    GDALSetColorEntry(table, 1, &contour);
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    GDALSetRasterColorTable(band, table);
    GDALDestroyColorTable(table);
    // Contour lines every 64 pixels, 8 wide: paper in the middle of each cell.
    std::vector<uint8_t> row(kSide);
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) row[static_cast<size_t>(x)] = (x % 64 < 8 || y % 64 < 8) ? 1 : 0;
        REQUIRE(GDALRasterIO(band, GF_Write, 0, y, kSide, 1, row.data(), kSide, 1, GDT_Byte, 0, 0) == CE_None);
    }
    int factors[1] = {2};
    REQUIRE(GDALBuildOverviews(ds, "NEAREST", 1, factors, 0, nullptr, nullptr, nullptr) == CE_None);
    GDALClose(ds);

    const geo::Basemap b = linked(path, "sheet");
    geo::BasemapWarper warper;
    // The centre (512, 512) lies on a contour line (512 % 64 == 0); at full resolution and from the overview.
    for (double metres : {1.0, 4.0}) {
        const auto px = centreAt(warper, b, metres);
        CAPTURE(metres);
        CHECK(isColour(px, {contour.c1, contour.c2, contour.c3}));
    }
    CHECK(warper.opened() == 2);
    // Paper between the lines.
    geo::Bbox cell;
    const double x0 = kMinX + (512 + 24) * kPixel, y0 = kMaxY - (512 + 24) * kPixel;
    cell.add(x0, y0 - 16 * kPixel);
    cell.add(x0 + 16 * kPixel, y0);
    const geo::RgbaImage image = warper.warp(b, "/nowhere/ws.gpkg", kEpsg, cell, 16, 16);
    const uint8_t* px = &image.pixels[(8 * 16 + 8) * 4];
    CHECK(isColour({px[0], px[1], px[2], px[3]}, {paper.c1, paper.c2, paper.c3}));
}

// The pixel of a 64 x 64 picture at `metresPerPixel` centred `dx` raster pixels right of the middle.
std::array<int, 4> pixelAt(geo::BasemapWarper& warper, const geo::Basemap& b, double metresPerPixel, double dx) {
    const double half = 32 * metresPerPixel, cx = kMinX + (kSide / 2 + dx) * kPixel, cy = kMaxY - kSide * kPixel / 2;
    geo::Bbox box;
    box.add(cx - half, cy - half);
    box.add(cx + half, cy + half);
    const geo::RgbaImage image = warper.warp(b, "/nowhere/ws.gpkg", kEpsg, box, 64, 64);
    const uint8_t* px = &image.pixels[(32 * 64 + 32) * 4];
    return {px[0], px[1], px[2], px[3]};
}

// Left half one value, right half another, per band; overviews 2x and 4x.
std::string writeHalves(const fs::path& path, int bands, const std::vector<std::array<uint8_t, 2>>& leftRight, bool alpha,
                        std::optional<double> noData) {
    GDALDatasetH ds = createRaster(path.string(), bands);
    if (alpha) GDALSetRasterColorInterpretation(GDALGetRasterBand(ds, bands), GCI_AlphaBand);
    std::vector<uint8_t> row(kSide);
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        if (noData) GDALSetRasterNoDataValue(band, *noData);
        for (int x = 0; x < kSide; ++x) row[static_cast<size_t>(x)] = leftRight[static_cast<size_t>(b - 1)][x < kSide / 2 ? 0 : 1];
        for (int y = 0; y < kSide; ++y) REQUIRE(GDALRasterIO(band, GF_Write, 0, y, kSide, 1, row.data(), kSide, 1, GDT_Byte, 0, 0) == CE_None);
    }
    int factors[2] = {2, 4};
    REQUIRE(GDALBuildOverviews(ds, "NEAREST", 2, factors, 0, nullptr, nullptr, nullptr) == CE_None);
    GDALClose(ds);
    return path.string();
}

TEST_CASE("transparency survives the overviews: an alpha band, and no-data values") {
    testing::TempDir tmp;
    geo::BasemapWarper warper;
    SUBCASE("RGBA: the left half transparent") {
        const geo::Basemap b = linked(writeHalves(tmp.path() / "rgba.tif", 4, {{0, 200}, {0, 30}, {0, 30}, {0, 255}}, true, {}), "rgba");
        for (double metres : {2.0, 4.0, 8.0}) {
            CAPTURE(metres);
            CHECK(pixelAt(warper, b, metres, -200)[3] == 0);
            CHECK(isColour(pixelAt(warper, b, metres, 200), {200, 30, 30}));
        }
    }
    SUBCASE("RGB with no data 0: black is no data, a dark blue with two channels at 0 is not") {
        const geo::Basemap b = linked(writeHalves(tmp.path() / "nodata.tif", 3, {{0, 0}, {0, 0}, {0, 50}}, false, 0.0), "nodata");
        for (double metres : {2.0, 4.0, 8.0}) {
            CAPTURE(metres);
            CHECK(pixelAt(warper, b, metres, -200)[3] == 0);
            CHECK(isColour(pixelAt(warper, b, metres, 200), {0, 0, 50}));
        }
    }
}

TEST_CASE("a file without a CRS is read in the CRS given for it, and reprojected to another working CRS") {
    testing::TempDir tmp;
    const std::string path = (tmp.path() / "nocrs.tif").string();
    geo::initGdal();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), kSide, kSide, 3, GDT_Byte, nullptr);
    double gt[6] = {kMinX, kPixel, 0, kMaxY, 0, -kPixel};
    GDALSetGeoTransform(ds, gt);
    for (int b = 1; b <= 3; ++b) GDALFillRaster(GDALGetRasterBand(ds, b), kLevelColours[0][static_cast<size_t>(b - 1)], 0);
    GDALClose(ds);
    geo::Basemap b = linked(path, "nocrs");
    b.crsOverride = "EPSG:3857";
    // The raster's middle in CGCS2000 / 3-degree GK CM 111E (the demo's working CRS).
    OGRSpatialReferenceH merc = OSRNewSpatialReference(nullptr), gk = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(merc, 3857);
    OSRImportFromEPSG(gk, 4546);
    OSRSetAxisMappingStrategy(merc, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(gk, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(merc, gk);
    double x = kMinX + kSide * kPixel / 2, y = kMaxY - kSide * kPixel / 2;
    REQUIRE(OCTTransform(ct, 1, &x, &y, nullptr));
    OCTDestroyCoordinateTransformation(ct);
    OSRDestroySpatialReference(merc);
    OSRDestroySpatialReference(gk);
    geo::Bbox box;
    box.add(x - 100, y - 100);
    box.add(x + 100, y + 100);
    geo::BasemapWarper warper;
    const geo::RgbaImage image = warper.warp(b, "/nowhere/ws.gpkg", 4546, box, 32, 32);
    const uint8_t* px = &image.pixels[(16 * 32 + 16) * 4];
    CHECK(isColour({px[0], px[1], px[2], px[3]}, kLevelColours[0]));
    b.crsOverride.clear();  // no CRS at all: refused in one line, not drawn somewhere wrong
    geo::BasemapWarper fresh;
    CHECK_THROWS_AS(fresh.warp(b, "/nowhere/ws.gpkg", 4546, box, 32, 32), geo::Error);
}

TEST_CASE("the warper names a basemap whose file is gone or damaged, and keeps working for the others") {
    testing::TempDir tmp;
    const geo::Basemap good = linked(writeLevelled(tmp.path()), "levels");
    geo::BasemapWarper warper;
    geo::Basemap gone = linked((tmp.path() / "gone.tif").string(), "gone");
    CHECK_THROWS_WITH_AS(centreAt(warper, gone, 2.0), doctest::Contains("gone.tif is gone"), geo::Error);
    const fs::path damaged = tmp.path() / "damaged.tif";
    fs::copy_file(good.source, damaged);
    fs::resize_file(damaged, 300);
    CHECK_THROWS_AS(centreAt(warper, linked(damaged.string(), "damaged"), 2.0), geo::Error);
    CHECK(isColour(centreAt(warper, good, 2.0), kLevelColours[0]));
}
