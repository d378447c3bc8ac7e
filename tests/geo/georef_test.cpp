// Georeferencing a scanned map: a synthetic scan that is a known transform of a map area, its GCPs
// taken from that transform, the fit's residuals, and the warped marks where the transform puts them.
#include <doctest/doctest.h>
#include <gdal.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <functional>

#include "geo/basemap/basemap.hpp"
#include "geo/basemap/basemap_image.hpp"
#include "geo/basemap/basemap_source.hpp"
#include "geo/basemap/georef.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kWidth = 600, kHeight = 400;
constexpr int kEpsg = 4546;  // the demo workspace's CGCS2000 GK CM 111E

struct MapXY { double x, y; };
using ScanToMap = std::function<MapXY(double pixel, double line)>;

// Marks: dark 5x5 squares on white, centred on pixel (60 + 120 i, 50 + 100 j); a mark's centre in
// GDAL's pixel/line coordinates is that pixel's centre, +0.5.
std::vector<std::pair<int, int>> markPixels() {
    std::vector<std::pair<int, int>> out;
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 4; ++j) out.emplace_back(60 + 120 * i, 50 + 100 * j);
    return out;
}

void writeScan(const std::string& path) {
    geo::initGdal();
    std::vector<uint8_t> pixels(static_cast<size_t>(kWidth) * kHeight, 255);
    for (auto [cx, cy] : markPixels())
        for (int y = cy - 2; y <= cy + 2; ++y)
            for (int x = cx - 2; x <= cx + 2; ++x) pixels[static_cast<size_t>(y) * kWidth + static_cast<size_t>(x)] = 20;
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), kWidth, kHeight, 3, GDT_Byte, nullptr);
    REQUIRE(ds);
    for (int b = 1; b <= 3; ++b)
        REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, b), GF_Write, 0, 0, kWidth, kHeight, pixels.data(), kWidth, kHeight,
                             GDT_Byte, 0, 0) == CE_None);
    GDALClose(ds);
}

// 2.5 m a pixel, turned 10 degrees, north up on the scan; origin at (x0, y0).
ScanToMap affine(double x0, double y0) {
    const double a = 2.5 * std::cos(0.1745), b = 2.5 * std::sin(0.1745);
    return [=](double p, double l) { return MapXY{x0 + a * p + b * l, y0 + b * p - a * l}; };
}

// The same with a mild bend (a sheet that was not flat on the scanner): up to 9 m off the affine.
ScanToMap bent(double x0, double y0) {
    const ScanToMap base = affine(x0, y0);
    return [=](double p, double l) {
        MapXY m = base(p, l);
        m.x += 1e-4 * (p - 300) * (p - 300);
        m.y += 2e-5 * (p - 300) * (l - 200);
        return m;
    };
}

std::vector<geo::ControlPoint> controlPoints(const ScanToMap& f, const std::vector<std::pair<double, double>>& at) {
    std::vector<geo::ControlPoint> out;
    for (auto [p, l] : at) {
        const MapXY m = f(p, l);
        out.push_back({p, l, m.x, m.y});
    }
    return out;
}

const std::vector<std::pair<double, double>> kCorners = {{10, 12}, {590, 20}, {585, 390}, {15, 380}};
const std::vector<std::pair<double, double>> kGrid = {{10, 10},   {300, 15},  {590, 10}, {20, 200}, {310, 190},
                                                     {580, 210}, {15, 390},  {290, 385}, {590, 390}};

// The darkness-weighted centre of the mark nearest (u, v) in a north-up raster, in its pixel coordinates.
std::pair<double, double> markCentre(const std::vector<uint8_t>& grey, const std::vector<uint8_t>& alpha, int width,
                                     int height, double u, double v) {
    double sum = 0, su = 0, sv = 0;
    for (int y = static_cast<int>(v) - 10; y <= static_cast<int>(v) + 10; ++y)
        for (int x = static_cast<int>(u) - 10; x <= static_cast<int>(u) + 10; ++x) {
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            const size_t i = static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x);
            if (alpha[i] < 255) continue;
            const double w = std::max(0, 200 - grey[i]);
            sum += w;
            su += w * (x + 0.5);
            sv += w * (y + 0.5);
        }
    REQUIRE(sum > 0);
    return {su / sum, sv / sum};
}

// Every mark of the warped scan lies within one output pixel of where `f` puts it. Returns the worst distance.
double worstMarkOffset(GDALDatasetH warped, const ScanToMap& f) {
    std::array<double, 6> gt{};
    REQUIRE(GDALGetGeoTransform(warped, gt.data()) == CE_None);
    REQUIRE(gt[2] == 0);
    REQUIRE(gt[4] == 0);
    const int w = GDALGetRasterXSize(warped), h = GDALGetRasterYSize(warped);
    REQUIRE(GDALGetRasterCount(warped) == 4);
    std::vector<uint8_t> grey(static_cast<size_t>(w) * static_cast<size_t>(h)), alpha(grey.size());
    REQUIRE(GDALRasterIO(GDALGetRasterBand(warped, 1), GF_Read, 0, 0, w, h, grey.data(), w, h, GDT_Byte, 0, 0) == CE_None);
    REQUIRE(GDALRasterIO(GDALGetRasterBand(warped, 4), GF_Read, 0, 0, w, h, alpha.data(), w, h, GDT_Byte, 0, 0) == CE_None);
    double worst = 0;
    for (auto [cx, cy] : markPixels()) {
        const MapXY m = f(cx + 0.5, cy + 0.5);
        const double u = (m.x - gt[0]) / gt[1], v = (m.y - gt[3]) / gt[5];
        const auto [cu, cv] = markCentre(grey, alpha, w, h, u, v);
        const double off = std::hypot(cu - u, cv - v);
        INFO("mark at scan pixel " << cx << "," << cy << " is " << off << " output pixels from where it belongs");
        CHECK(off < 1.0);
        worst = std::max(worst, off);
    }
    MESSAGE("the farthest of " << markPixels().size() << " marks is " << worst << " output pixels from where it belongs");
    return worst;
}

}  // namespace

TEST_CASE("a scan that is an affine of the map is fitted exactly and its warped marks land within a pixel") {
    testing::TempDir tmp;
    writeScan(tmp / "scan.tif");
    const ScanToMap f = affine(480000, 3900000);
    const auto points = controlPoints(f, kCorners);
    const geo::GeorefFit fit = geo::fitControlPoints(points, geo::GeorefMethod::Auto);
    CHECK(fit.method == geo::GeorefMethod::Polynomial1);
    REQUIRE(fit.residuals.size() == 4);
    CHECK(fit.rmsPixels < 1e-3);
    CHECK(fit.rmsMetres < 1e-3);
    for (const char* method : {"1", "tps"}) {
        CAPTURE(method);
        const geo::WarpedScan warped = geo::warpScan(tmp / "scan.tif", points, geo::parseGeorefMethod(method), kEpsg);
        std::array<double, 6> gt{};
        GDALGetGeoTransform(warped.warped.get(), gt.data());
        CHECK(gt[1] == doctest::Approx(2.5).epsilon(0.2));  // about the scan's own resolution
        CHECK(worstMarkOffset(warped.warped.get(), f) < 1.0);
    }
}

TEST_CASE("a bent scan is fitted by order 2 within a pixel, where order 1 leaves residuals") {
    testing::TempDir tmp;
    writeScan(tmp / "scan.tif");
    const ScanToMap f = bent(480000, 3900000);
    const auto points = controlPoints(f, kGrid);
    const geo::GeorefFit order1 = geo::fitControlPoints(points, geo::GeorefMethod::Polynomial1);
    CHECK(order1.rmsMetres > 1.0);  // the bend shows in the residuals
    CHECK(order1.rmsPixels > 0.4);
    const geo::GeorefFit order2 = geo::fitControlPoints(points, geo::GeorefMethod::Auto);
    CHECK(order2.method == geo::GeorefMethod::Polynomial2);
    CHECK(order2.rmsMetres < 0.01);
    CHECK(order2.rmsPixels < 0.05);  // the inverse (map -> scan) of a quadratic is only nearly quadratic
    const geo::WarpedScan warped = geo::warpScan(tmp / "scan.tif", points, geo::GeorefMethod::Polynomial2, kEpsg);
    CHECK(worstMarkOffset(warped.warped.get(), f) < 1.0);
}

TEST_CASE("one control point clicked off shows in its own residual") {
    const ScanToMap f = affine(480000, 3900000);
    auto points = controlPoints(f, {{10, 12}, {590, 20}, {585, 390}, {15, 380}, {300, 200}});
    points[4].x += 20;  // 20 m east of where it belongs
    const geo::GeorefFit fit = geo::fitControlPoints(points, geo::GeorefMethod::Polynomial1);
    for (size_t i = 0; i < 4; ++i) CHECK(fit.residuals[i].metres < fit.residuals[4].metres);
    CHECK(fit.residuals[4].metres > 10);
    CHECK(fit.residuals[4].pixels == doctest::Approx(fit.residuals[4].metres / 2.5).epsilon(0.05));
    CHECK(fit.rmsMetres > 5);
}

TEST_CASE("too few, duplicate or collinear control points are refused with one line") {
    const ScanToMap f = affine(480000, 3900000);
    auto fit = [](const std::vector<geo::ControlPoint>& p, geo::GeorefMethod m = geo::GeorefMethod::Auto) {
        geo::fitControlPoints(p, m);
    };
    CHECK_THROWS_WITH_AS(fit(controlPoints(f, {{10, 10}, {500, 300}})),
                         "georeferencing needs at least 3 control points, 2 given", geo::Error);
    CHECK_THROWS_WITH_AS(fit(controlPoints(f, {{10, 10}, {200, 105}, {400, 205}, {500, 255}})),
                         "the control points lie on one line on the scan; spread them over the map sheet", geo::Error);
    CHECK_THROWS_WITH_AS(fit(controlPoints(f, {{10, 10}, {500, 20}, {10.2, 10.1}})),
                         "control points 1 and 3 are the same point on the scan (10.2, 10.1)", geo::Error);
    auto sameOnMap = controlPoints(f, {{10, 10}, {500, 20}, {300, 300}});
    sameOnMap[2].x = sameOnMap[1].x;
    sameOnMap[2].y = sameOnMap[1].y;
    CHECK_THROWS_WITH_AS(fit(sameOnMap), doctest::Contains("control points 2 and 3 are the same point on the map"), geo::Error);
    auto lineOnMap = controlPoints(f, {{10, 10}, {500, 20}, {300, 300}});
    lineOnMap[2].x = (lineOnMap[0].x + lineOnMap[1].x) / 2;
    lineOnMap[2].y = (lineOnMap[0].y + lineOnMap[1].y) / 2;
    CHECK_THROWS_WITH_AS(fit(lineOnMap), "the control points lie on one line on the map; spread them over the map sheet",
                         geo::Error);
    CHECK_THROWS_WITH_AS(fit(controlPoints(f, kCorners), geo::GeorefMethod::Polynomial2),
                         "order 2 needs at least 6 control points, 4 given", geo::Error);
    CHECK_THROWS_WITH_AS(geo::parseGeorefMethod("3"), "--order must be 1, 2, tps or auto, not '3'", geo::Error);
}

TEST_CASE("a georeferenced scan is embedded with its GCPs, drawn where they say, and replaced when done again") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    writeScan(tmp / "scan.tif");
    const geo::Bbox box = geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly).readLayer("boundary").bbox();
    const ScanToMap f = affine(box.minX, box.maxY - 200);
    geo::GeorefRequest request{ws, tmp / "scan.tif", "纸图", std::nullopt, controlPoints(f, kCorners), geo::GeorefMethod::Auto};
    const geo::GeorefResult first = geo::georeferenceScan(request);
    CHECK(!first.replaced);
    CHECK(first.basemap.kind == geo::BasemapKind::Embed);
    CHECK(first.basemap.origin == "scan.tif");
    CHECK(first.fit.rmsPixels < 1e-3);
    {
        geo::Workspace w = geo::Workspace::open(ws);
        CHECK(w.foreignObjects().empty());
        const auto all = geo::listBasemaps(w.db());
        REQUIRE(all.size() == 1);
        const auto stored = geo::basemapControlPoints(w.db(), all[0].id);
        REQUIRE(stored);
        CHECK(stored->scanFile == fs::absolute(tmp / "scan.tif").string());
        REQUIRE(stored->points.size() == 4);
        CHECK(stored->points[2].pixel == 585);
        CHECK(stored->points[2].x == request.points[2].x);
        // Drawn at 2.5 m a pixel over the scan's extent: each mark's dark pixel where the GCPs put it.
        const geo::Bbox extent = all[0].extent;
        const int width = static_cast<int>(std::round((extent.maxX - extent.minX) / 2.5));
        const int height = static_cast<int>(std::round((extent.maxY - extent.minY) / 2.5));
        const geo::RgbaImage image = geo::warpBasemap(all[0], ws, w.workingEpsg(), extent, width, height);
        for (auto [cx, cy] : markPixels()) {
            const MapXY m = f(cx + 0.5, cy + 0.5);
            const int u = static_cast<int>((m.x - extent.minX) / 2.5), v = static_cast<int>((extent.maxY - m.y) / 2.5);
            CAPTURE(cx);
            CAPTURE(cy);
            CHECK(image.pixels[(static_cast<size_t>(v) * static_cast<size_t>(width) + static_cast<size_t>(u)) * 4] < 120);
        }
    }
    // Again with one more point, after the planner set its look: the same basemap, new GCPs.
    geo::setBasemapLook(geo::Workspace::open(ws).db(), first.basemap, 0.6, std::nullopt);
    request.points = controlPoints(f, {{10, 12}, {590, 20}, {585, 390}, {15, 380}, {300, 200}});
    const geo::GeorefResult second = geo::georeferenceScan(request);
    CHECK(second.replaced);
    geo::Workspace w = geo::Workspace::open(ws);
    const auto all = geo::listBasemaps(w.db());
    REQUIRE(all.size() == 1);
    CHECK(all[0].name == "纸图");
    CHECK(all[0].opacity == doctest::Approx(0.6));
    CHECK(geo::basemapControlPoints(w.db(), all[0].id)->points.size() == 5);
    CHECK(!geo::tableExists(w.db(), first.basemap.source.c_str()));  // the old tiles are gone
    geo::Statement rows(w.db(), "SELECT count(*) FROM cordon_basemap_gcps");
    rows.step();
    CHECK(rows.integer(0) == 5);
    rows.reset();
    // Removing the basemap removes its GCPs.
    geo::removeBasemap(w.db(), all[0]);
    rows.step();
    CHECK(rows.integer(0) == 0);
}

TEST_CASE("a linked scan keeps its VRTs beside it; a basemap that is not a scan is not replaced") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    writeScan(tmp / "scan.tif");
    const geo::Bbox box = geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly).readLayer("boundary").bbox();
    const ScanToMap f = affine(box.minX, box.maxY - 200);
    geo::GeorefRequest request{ws, tmp / "scan.tif", "", geo::BasemapKind::Link, controlPoints(f, kCorners), geo::GeorefMethod::Polynomial1};
    const geo::GeorefResult r = geo::georeferenceScan(request);
    CHECK(r.basemap.name == "scan");
    CHECK(r.basemap.kind == geo::BasemapKind::Link);
    CHECK(fs::exists(tmp / "scan.gcps.vrt"));
    CHECK(r.basemap.source == fs::absolute(tmp / "scan.warped.vrt").string());
    const auto picture = geo::renderBasemaps(geo::listBasemaps(geo::Workspace::open(ws).db()), ws, kEpsg, r.basemap.extent, 64, 64);
    CHECK(picture.problems.empty());
    CHECK(picture.drawn.size() == 1);

    // A plain raster named like the scan is not replaced; a bad request leaves the workspace as it was.
    geo::BasemapRequest plain{ws, (tmp / "scan.warped.vrt"), "底图", geo::BasemapKind::Embed, ""};
    geo::addBasemap(plain);
    request.name = "底图";
    CHECK_THROWS_WITH_AS(geo::georeferenceScan(request),
                         "a basemap named '底图' exists already and is not a georeferenced scan (give another with --name)",
                         geo::Error);
    request.name = "另一张";
    request.points.resize(2);
    CHECK_THROWS_AS(geo::georeferenceScan(request), geo::Error);
    request.points = controlPoints(f, kCorners);
    request.scanFile = tmp / "missing.jpg";
    CHECK_THROWS_WITH_AS(geo::georeferenceScan(request), "missing.jpg: no such file", geo::Error);
    CHECK(geo::listBasemaps(geo::Workspace::open(ws).db()).size() == 2);
}

TEST_CASE("a workspace imported again carries a scan's GCPs with its basemap") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    writeScan(tmp / "scan.tif");
    const geo::Bbox box = geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly).readLayer("boundary").bbox();
    const auto points = controlPoints(affine(box.minX, box.maxY - 200), kCorners);
    geo::georeferenceScan({ws, tmp / "scan.tif", "纸图", std::nullopt, points, geo::GeorefMethod::Polynomial1});
    fs::create_directories(tmp.path() / "again");
    const std::string to = (tmp.path() / "again" / "ws.gpkg").string();
    fs::copy_file(testing::demoDir() / "demo.gpkg", to);
    const auto basemaps = geo::listBasemaps(geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly).db());
    const geo::BasemapCarry carry = geo::carryBasemaps(basemaps, ws, to);
    CHECK(carry.carried == 1);
    geo::Workspace w = geo::Workspace::open(to, geo::Workspace::Mode::ReadOnly);
    const auto carried = geo::listBasemaps(w.db());
    REQUIRE(carried.size() == 1);
    const auto stored = geo::basemapControlPoints(w.db(), carried[0].id);
    REQUIRE(stored);
    REQUIRE(stored->points.size() == 4);
    CHECK(stored->method == geo::GeorefMethod::Polynomial1);
    CHECK(stored->points[1].x == doctest::Approx(points[1].x).epsilon(1e-9));  // the same working CRS
}
