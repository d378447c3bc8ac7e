// Fill triangulation and line meshes: areas, counts and ordering invariants.
#include <doctest/doctest.h>

#include <cmath>

#include "geo/render/mesh.hpp"

namespace {

void ring(geo::Layer& l, std::initializer_list<std::pair<double, double>> pts) {
    for (auto [x, y] : pts) l.addVertex(x, y);
    l.endRing();
}

double meshArea(const geo::FillMesh& m) {
    double sum = 0;
    for (size_t t = 0; t < m.triangleCount(); ++t) {
        const float* p = &m.xy[6 * t];
        sum += std::fabs(double(p[2] - p[0]) * double(p[5] - p[1]) - double(p[4] - p[0]) * double(p[3] - p[1])) / 2;
    }
    return sum;
}

// Two features: a square with two holes, and a two-part L-shape plus triangle; far from 0.
geo::Layer polygons() {
    geo::Layer l;
    l.kind = geo::GeomKind::Polygon;
    const double X = 561000, Y = 3893000;
    ring(l, {{X, Y}, {X + 100, Y}, {X + 100, Y + 100}, {X, Y + 100}, {X, Y}});
    ring(l, {{X + 10, Y + 10}, {X + 10, Y + 30}, {X + 30, Y + 30}, {X + 30, Y + 10}, {X + 10, Y + 10}});
    ring(l, {{X + 50, Y + 50}, {X + 50, Y + 90}, {X + 90, Y + 90}, {X + 90, Y + 50}, {X + 50, Y + 50}});
    l.endPart();
    l.endFeature();
    ring(l, {{X + 200, Y}, {X + 260, Y}, {X + 260, Y + 20}, {X + 220, Y + 20}, {X + 220, Y + 60}, {X + 200, Y + 60}});  // open ring
    l.endPart();
    ring(l, {{X + 300, Y}, {X + 340, Y}, {X + 300, Y + 30}, {X + 300, Y}});
    l.endPart();
    l.endFeature();
    return l;
}

}  // namespace

TEST_CASE("fill triangles cover each polygon's area, holes excluded") {
    geo::Layer l = polygons();
    geo::FillMesh mesh;
    mesh.originX = 561150;
    mesh.originY = 3893050;
    CHECK(geo::appendFillMesh(l, mesh) == 0);
    REQUIRE(mesh.vertexCount() % 3 == 0);
    REQUIRE(mesh.vertexFeature.size() == mesh.vertexCount());
    double expected = geo::featureArea(l, 0) + geo::featureArea(l, 1);
    CHECK(expected == doctest::Approx(100 * 100 - 400 - 1600 + (60 * 20 + 20 * 40) + 40 * 30 / 2.0));
    CHECK(meshArea(mesh) == doctest::Approx(expected).epsilon(1e-6));
    // Per feature too.
    geo::FillMesh first;
    first.originX = mesh.originX;
    first.originY = mesh.originY;
    for (size_t v = 0; v < mesh.vertexCount(); v += 3)
        if (mesh.vertexFeature[v] == 0) first.xy.insert(first.xy.end(), &mesh.xy[2 * v], &mesh.xy[2 * v + 6]);
    CHECK(meshArea(first) == doctest::Approx(geo::featureArea(l, 0)).epsilon(1e-6));
    // No triangle vertex lies inside a hole.
    for (size_t v = 0; v < first.xy.size(); v += 2) {
        double x = first.xy[v] + mesh.originX - 561000, y = first.xy[v + 1] + mesh.originY - 3893000;
        CHECK_FALSE((x > 10.001 && x < 29.999 && y > 10.001 && y < 29.999));
    }
}

TEST_CASE("a self-intersecting polygon is repaired before triangulation, not dropped") {
    geo::Layer l;
    l.kind = geo::GeomKind::Polygon;
    ring(l, {{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}});  // a bow tie
    l.endPart();
    l.endFeature();
    geo::FillMesh mesh;
    CHECK(geo::appendFillMesh(l, mesh) == 0);
    CHECK(meshArea(mesh) == doctest::Approx(50.0).epsilon(1e-6));
}

TEST_CASE("line meshes hold one instance per segment, grouped by style then cell") {
    geo::Layer roads;
    roads.kind = geo::GeomKind::Line;
    for (int f = 0; f < 50; ++f) {
        for (int v = 0; v < 5; ++v) roads.addVertex(1000.0 * f + 3 * v, 20.0 * v + f);
        roads.endRing();
        roads.endPart();
        if (f % 7 == 0) {  // a second part
            roads.addVertex(1000.0 * f, -500);
            roads.addVertex(1000.0 * f + 10, -510);
            roads.endRing();
            roads.endPart();
        }
        roads.endFeature();
    }
    geo::Layer points;
    points.kind = geo::GeomKind::Point;
    for (int i = 0; i < 7; ++i) { points.addVertex(100.0 * i, 5); points.endRing(); points.endPart(); points.endFeature(); }

    geo::LineMeshBuilder builder(25000, 0);
    builder.addLines(roads, [](size_t f) { return static_cast<uint8_t>(f % 3); });
    builder.addPoints(points, 11);
    geo::LineMesh mesh;
    builder.finish(mesh);
    CHECK(mesh.segmentCount() == roads.segmentCount() + 7);
    CHECK(mesh.segments.size() == 4 * mesh.segmentCount());
    REQUIRE(mesh.cellStart.size() == size_t(geo::LineMesh::kMaxStyles) * geo::LineMesh::kCells + 1);
    CHECK(mesh.cellStart.back() == mesh.segmentCount());
    // Styles are sorted, and each cell range holds only its own style.
    for (size_t i = 1; i < mesh.style.size(); ++i) CHECK(mesh.style[i - 1] <= mesh.style[i]);
    for (size_t s = 0; s < size_t(geo::LineMesh::kMaxStyles); ++s) {
        uint32_t a = mesh.cellStart[s * geo::LineMesh::kCells], b = mesh.cellStart[(s + 1) * geo::LineMesh::kCells];
        for (uint32_t i = a; i < b; ++i) CHECK(mesh.style[i] == float(s));
    }
    // Dots are zero-length segments at the points.
    uint32_t dots = mesh.cellStart[11 * geo::LineMesh::kCells];
    CHECK(mesh.segments[4 * dots] == mesh.segments[4 * dots + 2]);
    CHECK(mesh.maxSegmentLength == doctest::Approx(std::hypot(3.0, 20.0)).epsilon(1e-4));
}

TEST_CASE("touching polygons get different colours") {
    geo::Layer l;
    l.kind = geo::GeomKind::Polygon;
    for (int i = 0; i < 4; ++i) {
        double x = 10.0 * i;
        ring(l, {{x, 0}, {x + 10, 0}, {x + 10, 10}, {x, 10}, {x, 0}});
        l.endPart();
        l.endFeature();
    }
    auto c = geo::distinctColors(l, 8);
    for (size_t i = 1; i < c.size(); ++i) CHECK(c[i] != c[i - 1]);
}

TEST_CASE("a label point lies inside a concave polygon") {
    geo::Layer l;
    l.kind = geo::GeomKind::Polygon;
    ring(l, {{0, 0}, {100, 0}, {100, 10}, {10, 10}, {10, 90}, {100, 90}, {100, 100}, {0, 100}, {0, 0}});  // a C shape
    l.endPart();
    l.endFeature();
    double x, y;
    geo::labelPoint(l, 0, x, y);
    CHECK(geo::featureContains(l, 0, x, y));
}

TEST_CASE("a grid side of no length (one straight road) is one cell, with what lies off it before or after") {
    using geo::LineMesh;
    CHECK(LineMesh::gridCell(5, 5, 0) == 0);
    CHECK(LineMesh::gridCell(4, 5, 0) == -1);
    CHECK(LineMesh::gridCell(6, 5, 0) == LineMesh::kGrid);
    CHECK(LineMesh::gridCell(-1e300, 5, 0) == -1);  // far off: no overflow
    CHECK(LineMesh::gridCell(1e300, 5, 0) == LineMesh::kGrid);
    CHECK(LineMesh::gridCell(std::nan(""), 5, 10) == -1);
    CHECK(LineMesh::gridCell(5, 5, 32) == 0);
    CHECK(LineMesh::gridCell(5.99, 5, 32) == 0);
    CHECK(LineMesh::gridCell(36.5, 5, 32) == 31);
    CHECK(LineMesh::gridCell(37, 5, 32) == LineMesh::kGrid);
    CHECK(LineMesh::gridCell(4.5, 5, 32) == -1);
}

TEST_CASE("a straight east-west road is meshed into the cells along it, each segment in one") {
    geo::Layer road;
    road.kind = geo::GeomKind::Line;
    road.addVertex(1000, 500);
    road.addVertex(2000, 500);
    road.endRing();
    road.endPart();
    road.endFeature();
    geo::LineMeshBuilder builder(1500, 500);
    builder.addLines(road, 1);
    geo::LineMesh mesh;
    builder.finish(mesh);
    CHECK(mesh.extent.height() == 0);
    REQUIRE(mesh.segmentCount() >= static_cast<size_t>(geo::LineMesh::kGrid));
    // Row 0 of style 1 holds every segment.
    const uint32_t* cells = &mesh.cellStart[size_t(1) * geo::LineMesh::kCells];
    CHECK(cells[geo::LineMesh::kGrid] - cells[0] == mesh.segmentCount());
}
