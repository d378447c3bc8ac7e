#include <doctest/doctest.h>

#include "geo/core/error.hpp"
#include "geo/core/layer_append.hpp"

namespace {

// A layer of one square polygon per corner given, with field `field` = value.
geo::Layer squares(std::initializer_list<double> corners, const char* field, const char* value) {
    geo::Layer l;
    l.name = "boundary";
    l.kind = geo::GeomKind::Polygon;
    l.epsg = 4547;
    geo::StringColumn column;
    column.name = field;
    for (double c : corners) {
        for (auto [dx, dy] : {std::pair{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}) l.addVertex(c + dx, c + dy);
        l.endRing();
        l.endPart();
        l.endFeature();
        column.push(value);
    }
    l.fields.push_back(std::move(column));
    return l;
}

}  // namespace

TEST_CASE("appendLayer joins features, shifting their rings and matching fields by name") {
    geo::Layer county;
    geo::appendLayer(county, squares({0, 10}, "name", "甲镇"));
    geo::appendLayer(county, squares({100}, "名称", "乙镇"));
    REQUIRE(county.featureCount() == 3);
    CHECK(county.kind == geo::GeomKind::Polygon);
    CHECK(county.epsg == 4547);
    CHECK(county.vertexCount() == 15);
    // The third feature's ring is the appended square's, at its own vertices.
    const size_t ring = county.partStart[county.featureStart[2]];
    CHECK(county.ringStart[ring] == 10);
    CHECK(county.xy[2 * county.ringStart[ring]] == 100);
    CHECK(geo::featureContains(county, 2, 100.5, 100.5));
    CHECK_FALSE(geo::featureContains(county, 1, 100.5, 100.5));
    CHECK(county.attr(0, county.fieldIndex("name")) == "甲镇");
    CHECK(county.attr(2, county.fieldIndex("name")).empty());
    CHECK(county.attr(2, county.fieldIndex("名称")) == "乙镇");
    CHECK(county.attr(1, county.fieldIndex("名称")).empty());
    CHECK(county.bbox().maxX == 101);
}

TEST_CASE("appendLayer refuses another geometry kind or CRS and leaves the layer as it was") {
    geo::Layer county = squares({0}, "name", "甲镇");
    geo::Layer points = squares({5}, "name", "乙镇");
    points.kind = geo::GeomKind::Point;
    CHECK_THROWS_AS(geo::appendLayer(county, points), geo::Error);
    geo::Layer other = squares({5}, "name", "乙镇");
    other.epsg = 4326;
    CHECK_THROWS_AS(geo::appendLayer(county, other), geo::Error);
    CHECK(county.featureCount() == 1);
    CHECK(county.vertexCount() == 5);
}
