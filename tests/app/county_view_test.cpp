// The county view's map: every township's layers joined in the county's CRS, and the places of
// the entries between townships.
#include <doctest/doctest.h>

#include <cmath>

#include "app/county_view.hpp"
#include "geo/core/crs.hpp"

namespace {

// A township whose boundary is one square of side `side` at (x, y), in `epsg`.
app::TownshipAnalysis squareTownship(const char* name, int epsg, double x, double y, double side) {
    auto boundary = std::make_shared<geo::Layer>();
    boundary->name = "boundary";
    boundary->kind = geo::GeomKind::Polygon;
    boundary->epsg = epsg;
    for (auto [dx, dy] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {1.0, 1.0}, {0.0, 1.0}, {0.0, 0.0}}) boundary->addVertex(x + dx * side, y + dy * side);
    boundary->endRing();
    boundary->endPart();
    boundary->endFeature();
    app::TownshipAnalysis t;
    t.name = name;
    t.epsg = epsg;
    t.layers[static_cast<size_t>(app::MapLayer::Boundary)] = boundary;
    return t;
}

}  // namespace

TEST_CASE("the county's layers join every township's, one in another CRS moved into the county's") {
    // 西镇 in CGCS2000 / 3-degree Gauss-Kruger CM 111E (the county's), 东镇 in lon/lat.
    std::vector<app::TownshipAnalysis> towns{squareTownship("西镇", 4546, 570000, 3896000, 1000),
                                             squareTownship("东镇", 4326, 111.80, 35.20, 0.01)};
    auto layers = app::countyLayers(towns, 4546);
    const geo::Layer* boundary = layers[static_cast<size_t>(app::MapLayer::Boundary)].get();
    REQUIRE(boundary != nullptr);
    CHECK(layers[static_cast<size_t>(app::MapLayer::Roads)] == nullptr);  // no township has roads
    REQUIRE(boundary->featureCount() == 2);
    CHECK(boundary->epsg == 4546);
    CHECK(boundary->featureBbox(0).minX == 570000);
    double x = 111.805, y = 35.205;  // the middle of 东镇's square
    geo::Transformer("EPSG:4326", "EPSG:4546").transformPoint(x, y);
    CHECK(geo::featureContains(*boundary, 1, x, y));
    CHECK_FALSE(geo::featureContains(*boundary, 0, x, y));
    CHECK(boundary->featureBbox(1).width() == doctest::Approx(910).epsilon(0.02));  // 0.01 degree of longitude at 35.2 N
}

TEST_CASE("an entry between townships is placed in the county's CRS") {
    std::vector<app::Crossing> crossings{{"西镇", "东镇", "G241", 111.805, 35.205}};
    auto between = app::countyCrossings(crossings, 4546);
    REQUIRE(between.size() == 1);
    double x = 111.805, y = 35.205;
    geo::Transformer("EPSG:4326", "EPSG:4546").transformPoint(x, y);
    CHECK(between[0].x == doctest::Approx(x));
    CHECK(between[0].y == doctest::Approx(y));
    CHECK(between[0].road == "G241");
    CHECK(app::countyCrossings({}, 4546).empty());
}

TEST_CASE("villages kept as points in one township and as areas in another join as points") {
    std::vector<app::TownshipAnalysis> towns{squareTownship("西镇", 4546, 570000, 3896000, 1000),
                                             squareTownship("东镇", 4546, 572000, 3896000, 1000)};
    // 西镇's villages are areas (its boundary's square), 东镇's a point; and the other way round.
    auto point = std::make_shared<geo::Layer>();
    point->name = "villages";
    point->kind = geo::GeomKind::Point;
    point->epsg = 4546;
    point->addVertex(572500, 3896500);
    point->endRing();
    point->endPart();
    point->endFeature();
    const auto villages = static_cast<size_t>(app::MapLayer::Villages);
    towns[0].layers[villages] = towns[0].layers[static_cast<size_t>(app::MapLayer::Boundary)];
    towns[1].layers[villages] = point;
    for (bool areasFirst : {true, false}) {
        if (!areasFirst) std::swap(towns[0], towns[1]);
        auto layers = app::countyLayers(towns, 4546);
        const geo::Layer* joined = layers[villages].get();
        REQUIRE(joined != nullptr);
        CHECK(joined->kind == geo::GeomKind::Point);
        REQUIRE(joined->featureCount() == 2);
        const geo::Bbox all = joined->bbox();
        CHECK(all.minX == doctest::Approx(570500));  // the area's middle
        CHECK(all.maxX == doctest::Approx(572500));
    }
}
