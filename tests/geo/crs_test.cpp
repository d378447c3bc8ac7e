// Working CRS choice, reprojection against known coordinates, web-map offsets.
#include <cmath>
#include <doctest/doctest.h>
#include <numbers>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"

TEST_CASE("the working CRS is the CGCS2000 3-degree zone in China and UTM elsewhere") {
    CHECK(geo::chooseWorkingEpsg(111.67, 35.17) == 4546);
    CHECK(geo::chooseWorkingEpsg(107.9, 30.0) == 4545);  // 106.5-109.5E
    CHECK(geo::chooseWorkingEpsg(75.2, 39.0) == 4534);
    CHECK(geo::chooseWorkingEpsg(9.55, 47.15) == 32632);  // Liechtenstein
    CHECK(geo::chooseWorkingEpsg(-70.0, -33.0) == 32719);
}

TEST_CASE("lon/lat reproject to EPSG:4546 at the surveyed coordinates") {
    geo::Transformer t("EPSG:4326", "EPSG:4546");
    double x = 111.67, y = 35.17;
    t.transformPoint(x, y);
    CHECK(x == doctest::Approx(561036.78).epsilon(1e-8));
    CHECK(y == doctest::Approx(3893658.63).epsilon(1e-8));
    geo::Transformer back("EPSG:4546", "EPSG:4326");
    back.transformPoint(x, y);
    CHECK(x == doctest::Approx(111.67).epsilon(1e-10));
    CHECK(y == doctest::Approx(35.17).epsilon(1e-10));
}

TEST_CASE("GCJ-02 and BD-09 offsets round-trip and move points by hundreds of metres") {
    double lon = 111.67, lat = 35.17;
    double gLon = lon, gLat = lat;
    geo::wgs84ToGcj02(gLon, gLat);
    double metres = std::hypot((gLon - lon) * 111320 * std::cos(lat * std::numbers::pi / 180), (gLat - lat) * 110540);
    CHECK(metres > 100);
    CHECK(metres < 800);
    double bLon = gLon, bLat = gLat;
    geo::gcj02ToBd09(bLon, bLat);
    double xy[2] = {bLon, bLat};
    geo::toWgs84(geo::WebCoords::Bd09, xy, 1);
    CHECK(xy[0] == doctest::Approx(lon).epsilon(1e-8));
    CHECK(xy[1] == doctest::Approx(lat).epsilon(1e-8));
    double g[2] = {gLon, gLat};
    geo::toWgs84(geo::WebCoords::Gcj02, g, 1);
    CHECK(std::fabs(g[0] - lon) < 1e-7);
    CHECK(std::fabs(g[1] - lat) < 1e-7);
}

TEST_CASE("EPSG codes parse and unknown ones are refused") {
    CHECK(geo::parseEpsg("EPSG:4546") == 4546);
    CHECK(geo::parseEpsg("4546") == 4546);
    CHECK(geo::parseEpsg("EPSG:abc") == 0);
    CHECK(geo::isKnownEpsg(4546));
    CHECK_FALSE(geo::isKnownEpsg(999999));
    CHECK_THROWS_AS(geo::parseWebCoords("mercator"), geo::Error);
}
