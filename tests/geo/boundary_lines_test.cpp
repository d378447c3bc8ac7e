// Boundary lines polygonised into districts: snapping closes small gaps, dangles are left out,
// the areas tile the boundary, names come from labels or villages, nothing closed is refused.
#include <cmath>
#include <doctest/doctest.h>
#include <string>

#include "geo/core/error.hpp"
#include "geo/io/boundary_lines.hpp"
#include "geo/io/lines_as_areas.hpp"

namespace {

void addLine(geo::Layer& l, std::initializer_list<std::pair<double, double>> points) {
    for (auto [x, y] : points) l.addVertex(x, y);
    l.endRing();
    l.endPart();
    l.endFeature();
}

// A 1000 m square of four lines, split in two by a north-south line that reaches `splitTopM`.
geo::Layer splitSquare(double splitTopM = 1000) {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    l.epsg = 4546;
    const double x0 = 550000, y0 = 3890000;
    addLine(l, {{x0, y0}, {x0 + 1000, y0}});
    addLine(l, {{x0 + 1000, y0}, {x0 + 1000, y0 + 1000}});
    addLine(l, {{x0 + 1000, y0 + 1000}, {x0, y0 + 1000}});
    addLine(l, {{x0, y0 + 1000}, {x0, y0}});
    addLine(l, {{x0 + 500, y0}, {x0 + 500, y0 + splitTopM}});
    return l;
}

// The square split by a line that stops 0.5 m short of the north edge, and a dangle inside the
// west half that encloses nothing.
geo::Layer squareWithGap() {
    geo::Layer l = splitSquare(999.5);
    addLine(l, {{550000 + 250, 3890000 + 400}, {550000 + 250, 3890000 + 700}});
    return l;
}

geo::Layer points(std::initializer_list<std::pair<double, double>> xy, const char* field,
                  std::initializer_list<const char*> values) {
    geo::Layer l;
    l.kind = geo::GeomKind::Point;
    l.epsg = 4546;
    for (auto [x, y] : xy) {
        l.addVertex(550000 + x, 3890000 + y);
        l.endRing();
        l.endPart();
        l.endFeature();
    }
    l.fields.emplace_back();
    l.fields.back().name = field;
    for (const char* v : values) l.fields.back().push(v);
    return l;
}

// Four short strokes inside: roads, whose ends dangle.
geo::Layer roadLike() {
    geo::Layer l = splitSquare();
    const double x0 = 550000, y0 = 3890000;
    for (int i = 0; i < 4; ++i) addLine(l, {{x0 + 60 + 250 * i, y0 + 100}, {x0 + 110 + 250 * i, y0 + 300}});
    return l;
}

const std::string kWhy = "b.shp: no usable districts geometries (the layer holds Line String)";

}  // namespace

TEST_CASE("boundary lines with a 0.5 m gap become two districts once snapped, the dangle left out") {
    geo::PolygonizeReport r;
    geo::Layer areas = geo::polygonizeLines(squareWithGap(), 1.0, r);
    CHECK(r.lines == 6);
    REQUIRE(areas.featureCount() == 2);
    CHECK(r.areas == 2);
    CHECK(r.danglingLines >= 1);
    CHECK(r.danglingEnds == 2);  // both ends of the dangle; the snapped line meets the north edge
    double total = 0;
    for (size_t f = 0; f < 2; ++f) {
        CHECK(geo::featureArea(areas, f) == doctest::Approx(500000).epsilon(0.001));
        total += geo::featureArea(areas, f);
    }
    CHECK(total == doctest::Approx(1e6).epsilon(0.001));  // the union is the square (less the 0.5 m notch)
    CHECK(areas.epsg == 4546);
    // West before east at the same latitude: the first area is the western half.
    CHECK(areas.featureBbox(0).maxX == doctest::Approx(550500).epsilon(1e-9));
    CHECK(areas.featureBbox(1).minX == doctest::Approx(550500).epsilon(1e-9));
    CHECK(geo::polygonizeSummary(r, 1.0, "boundary and districts").find("into 2 areas") != std::string::npos);
}

TEST_CASE("without snapping the short line does not close, and the square stays one area") {
    geo::PolygonizeReport r;
    geo::Layer areas = geo::polygonizeLines(squareWithGap(), 0.0, r);
    REQUIRE(areas.featureCount() == 1);
    CHECK(geo::featureArea(areas, 0) == doctest::Approx(1e6).epsilon(1e-6));
    CHECK(r.danglingEnds == 3);
}

TEST_CASE("lines that close nothing are refused with the dangling ends, the nearest gap and a tolerance to try") {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    l.epsg = 4546;
    const double x0 = 550000, y0 = 3890000;
    addLine(l, {{x0, y0}, {x0 + 1000, y0}, {x0 + 1000, y0 + 1000}});
    addLine(l, {{x0 + 1000, y0 + 1000}, {x0, y0 + 1000}, {x0, y0 + 14}});
    geo::PolygonizeReport r;
    std::string message;
    try {
        geo::polygonizeLines(l, 1.0, r);
    } catch (const geo::Error& e) {
        message = e.what();
    }
    INFO(message);
    CHECK(message.rfind("boundary lines enclose no area: 2 dangling ends, nearest gap 14 m at ", 0) == 0);
    CHECK(message.find("; try --snap-lines 20") != std::string::npos);
    CHECK(message.find("E ") != std::string::npos);  // the place in lon/lat
    // The suggested tolerance closes it.
    geo::Layer closed = geo::polygonizeLines(l, 20, r);
    CHECK(closed.featureCount() == 1);
    CHECK(geo::featureArea(closed, 0) == doctest::Approx(1e6).epsilon(0.01));
}

TEST_CASE("a line whose ends almost meet closes on itself") {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    addLine(l, {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0.4}});
    geo::PolygonizeReport r;
    CHECK(geo::polygonizeLines(l, 1.0, r).featureCount() == 1);
    CHECK_THROWS_AS(geo::polygonizeLines(l, 0.1, r), geo::Error);
}

TEST_CASE("the areas are named from label points, then from a field the villages share, else 片区N") {
    geo::PolygonizeReport r;
    geo::Layer areas = geo::polygonizeLines(squareWithGap(), 1.0, r);
    std::string how;
    geo::Layer labels = points({{750, 500}}, "名称", {"东片"});
    auto names = geo::nameAreas(areas, &labels, nullptr, how);
    REQUIRE(names.size() == 2);
    CHECK(names[0] == "片区1");
    CHECK(names[1] == "东片");
    CHECK(how.find("label points: 1 of 2") != std::string::npos);

    geo::Layer villages = points({{100, 100}, {200, 800}, {300, 300}, {700, 200}, {900, 900}}, "行政村",
                                 {"甲村", "甲村", "丙村", "乙村", "乙村"});
    names = geo::nameAreas(areas, nullptr, &villages, how);
    CHECK(names[0] == "甲村");
    CHECK(names[1] == "乙村");
    CHECK(how.find("行政村") != std::string::npos);

    // Villages that do not agree name nothing: the areas are numbered.
    geo::Layer mixed = points({{100, 100}, {200, 800}, {700, 200}}, "行政村", {"甲村", "丙村", "甲村"});
    names = geo::nameAreas(areas, nullptr, &mixed, how);
    CHECK(names[0] == "片区1");
    CHECK(names[1] == "片区2");

    geo::Layer districts = geo::namedDistricts(areas, names);
    REQUIRE(districts.fieldIndex("name") == 0);
    CHECK(districts.attr(1, 0) == "片区2");
}

TEST_CASE("the suggested snapping tolerance covers the gap with a margin") {
    CHECK(geo::suggestedSnapM(0.3) == 1);
    CHECK(geo::suggestedSnapM(14) == 20);
    CHECK(geo::suggestedSnapM(40) == 100);
    CHECK(geo::suggestedSnapM(3000) == 4000);
}

TEST_CASE("a border drawn twice leaves a sliver: no district, but no crack in the boundary") {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    l.epsg = 4546;
    addLine(l, {{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}});
    addLine(l, {{500, 0}, {500, 1000}});
    addLine(l, {{500, 0}, {501.5, 500}, {500, 1000}});  // the same border again, 1.5 m off at most
    geo::PolygonizeReport r;
    geo::Layer outline;
    geo::Layer areas = geo::polygonizeLines(l, 1.0, r, &outline);
    CHECK(areas.featureCount() == 2);
    CHECK(r.slivers == 1);
    REQUIRE(outline.featureCount() == 1);
    CHECK(geo::featureArea(outline, 0) == doctest::Approx(1e6).epsilon(1e-9));
    CHECK(geo::polygonizeSummary(r, 1.0, "districts").find("1 sliver") != std::string::npos);
}

// Lines found where areas were asked for: polygonised unless they look like roads (a road class
// field, or more dangling ends than half the lines); errors name the source file.
TEST_CASE("lines where areas are asked for become the areas they enclose, and the outline") {
    geo::PolygonizeReport r;
    geo::Layer outline;
    geo::Layer areas = geo::areasFromLines(splitSquare(), "/data/b.shp", 1.0, kWhy, r, &outline);
    CHECK(areas.featureCount() == 2);
    CHECK(r.areas == 2);
    REQUIRE(outline.featureCount() == 1);
    CHECK(geo::featureArea(outline, 0) == doctest::Approx(1e6).epsilon(0.001));
}

TEST_CASE("lines with a road class field are refused for the reason areas were not found") {
    geo::Layer l = splitSquare();
    l.fields.emplace_back();
    l.fields.back().name = "highway";
    for (size_t i = 0; i < l.featureCount(); ++i) l.fields.back().push("residential");
    geo::PolygonizeReport r;
    CHECK_THROWS_WITH_AS(geo::areasFromLines(l, "/data/b.shp", 1.0, kWhy, r), kWhy.c_str(), geo::Error);
    // Given as boundary lines (no reason to doubt them), the same lines are polygonised.
    CHECK(geo::areasFromLines(l, "/data/b.shp", 1.0, "", r).featureCount() == 2);
}

TEST_CASE("lines leaving more dangling ends than half their count are refused as roads, unless given as lines") {
    geo::PolygonizeReport r;
    CHECK_THROWS_WITH_AS(geo::areasFromLines(roadLike(), "/data/b.shp", 1.0, kWhy, r),
                         doctest::Contains("; its lines leave 8 ends dangling, as roads do (give it as --boundary-lines"),
                         geo::Error);
    CHECK(geo::areasFromLines(roadLike(), "/data/b.shp", 1.0, "", r).featureCount() == 2);
    CHECK(r.danglingEnds == 8);
}

TEST_CASE("lines that close nothing are refused naming the source file") {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    l.epsg = 4546;
    addLine(l, {{550000, 3890000}, {551000, 3890000}, {551000, 3891000}});
    geo::PolygonizeReport r;
    CHECK_THROWS_WITH_AS(geo::areasFromLines(l, "/data/b.shp", 1.0, "", r),
                         doctest::Contains("b.shp: boundary lines enclose no area"), geo::Error);
}
