// Drawing the township's own layers by hand: vertex operations, snapping, validity, saving in
// one transaction, undo/redo, read-only refusal, a township without a boundary file, and the
// analysis following an edited boundary.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>

#include <sqlite3.h>

#include "geo/analysis/network.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/edit_snap.hpp"
#include "geo/plan/layer_edit_session.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

geo::EditRing square(double cx, double cy, double half) {
    return {{cx - half, cy - half}, {cx + half, cy - half}, {cx + half, cy + half}, {cx - half, cy + half}};
}

int64_t recordedFeatures(const geo::Workspace& ws, const std::string& name) {
    for (const auto& l : ws.layers())
        if (l.name == name) return l.features;
    return -1;
}

int64_t rowCount(const geo::Workspace& ws, const std::string& table) {
    sqlite3_stmt* st = nullptr;
    std::string sql = "SELECT count(*) FROM \"" + table + "\"";
    REQUIRE(sqlite3_prepare_v2(ws.db(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

// Two east-west roads 3.3 km apart in Yuanqu County, written as GeoJSON, imported with no boundary.
std::string importWithoutBoundary(const testing::TempDir& tmp) {
    std::ofstream(tmp / "roads.geojson")
        << R"({"type":"FeatureCollection","features":[)"
           R"({"type":"Feature","properties":{"name":"南路","highway":"primary"},"geometry":{"type":"LineString","coordinates":[[111.90,35.20],[111.92,35.20],[111.95,35.20]]}},)"
           R"({"type":"Feature","properties":{"name":"北路","highway":"secondary"},"geometry":{"type":"LineString","coordinates":[[111.90,35.23],[111.95,35.23]]}}]})";
    geo::ImportRequest req;
    req.workspacePath = tmp / "ws.gpkg";
    req.roads = geo::LayerSource{tmp / "roads.geojson", "", "", geo::WebCoords::None};
    req.noBoundary = true;
    geo::importWorkspace(req);
    return req.workspacePath;
}

// The middle of the southern road (its second vertex) in the working CRS.
geo::EditPoint southRoadMiddle(const geo::Workspace& ws) {
    geo::Layer roads = ws.readLayer("roads");
    return {roads.xy[2], roads.xy[3]};
}

}  // namespace

TEST_CASE("vertices of a drawn area move, are inserted on an edge and deleted down to a triangle") {
    geo::EditFeature f = geo::polygonFeature(square(0, 0, 10));
    geo::moveVertex(f, {0, 0, 2}, 20, 20);
    CHECK(f.parts[0][0][2].x == 20);
    CHECK(f.parts[0][0][2].y == 20);
    geo::VertexRef added = geo::insertVertex(f, {0, 0, 3}, -15, 0);  // on the closing edge
    CHECK(added.vertex == 4);
    REQUIRE(f.parts[0][0].size() == 5);
    CHECK(f.parts[0][0][4].x == -15);
    geo::deleteVertex(f, {0, 0, 4});
    geo::deleteVertex(f, {0, 0, 0});
    CHECK(f.parts[0][0].size() == 3);
    CHECK_THROWS_AS(geo::deleteVertex(f, {0, 0, 0}), geo::Error);  // an area keeps 3
    CHECK(f.parts[0][0].size() == 3);
    CHECK_THROWS_AS(geo::moveVertex(f, {0, 0, 7}, 0, 0), geo::Error);
    geo::EditFeature village = geo::pointFeature(5, 5);
    CHECK_THROWS_AS(geo::deleteVertex(village, {0, 0, 0}), geo::Error);
}

TEST_CASE("a self-crossing area is named invalid, a square is not") {
    geo::EditFeature ok = geo::polygonFeature(square(100, 100, 50));
    CHECK(geo::polygonProblem(ok, geo::GeomKind::Polygon).empty());
    geo::EditFeature bowtie = geo::polygonFeature({{0, 0}, {100, 100}, {100, 0}, {0, 100}});
    std::string why = geo::polygonProblem(bowtie, geo::GeomKind::Polygon);
    CHECK(why.find("crosses itself") != std::string::npos);
    CHECK(geo::polygonProblem(geo::polygonFeature({{0, 0}, {1, 1}}), geo::GeomKind::Polygon) != "");
    CHECK(geo::polygonProblem(geo::pointFeature(1, 2), geo::GeomKind::Point).empty());
}

TEST_CASE("snapping prefers a vertex within the tolerance, else the nearest point on a road segment") {
    auto roads = std::make_shared<geo::Layer>();
    roads->kind = geo::GeomKind::Line;
    roads->addVertex(0, 0);
    roads->addVertex(1000, 0);
    roads->addVertex(1000, 1000);
    roads->endRing();
    roads->endPart();
    roads->endFeature();
    geo::EditSnapper snapper;
    snapper.setRoads(roads);
    snapper.setVertices({{500, 300}});
    CHECK(snapper.roadSegmentCount() == 2);

    auto onSegment = snapper.snap(400, 8, 10);
    REQUIRE(onSegment);
    CHECK(onSegment->kind == geo::EditSnap::Kind::Segment);
    CHECK(onSegment->isRoad);
    CHECK(onSegment->x == doctest::Approx(400));
    CHECK(onSegment->y == doctest::Approx(0));

    auto roadVertex = snapper.snap(995, 6, 10);  // the corner is 7.8 away, the segment 5
    REQUIRE(roadVertex);
    CHECK(roadVertex->kind == geo::EditSnap::Kind::Vertex);
    CHECK(roadVertex->x == 1000);
    CHECK(roadVertex->y == 0);

    auto own = snapper.snap(504, 297, 10);
    REQUIRE(own);
    CHECK(own->kind == geo::EditSnap::Kind::Vertex);
    CHECK_FALSE(own->isRoad);
    CHECK(own->x == 500);

    geo::EditPoint dragged{500, 300};
    CHECK_FALSE(snapper.snap(504, 297, 10, &dragged));  // the vertex being dragged is no target
    CHECK_FALSE(snapper.snap(400, 40, 10));             // nothing within reach
}

TEST_CASE("snapping stays on the cells near the pointer with many road segments") {
    auto roads = std::make_shared<geo::Layer>();
    roads->kind = geo::GeomKind::Line;
    // 200 000 short segments on a 2 km grid of parallel lines.
    for (int line = 0; line < 200; ++line) {
        for (int v = 0; v <= 1000; ++v) roads->addVertex(v * 10.0, line * 50.0);
        roads->endRing();
        roads->endPart();
        roads->endFeature();
    }
    geo::EditSnapper snapper;
    snapper.setRoads(roads);
    CHECK(snapper.roadSegmentCount() == 200'000);
    auto vertex = snapper.snap(5003, 2552, 5);  // 3.6 from the vertex at 5000
    REQUIRE(vertex);
    CHECK(vertex->kind == geo::EditSnap::Kind::Vertex);
    CHECK(vertex->x == 5000);
    auto hit = snapper.snap(5005, 2552, 5);  // 5.4 from either vertex, 2 from the segment
    REQUIRE(hit);
    CHECK(hit->kind == geo::EditSnap::Kind::Segment);
    CHECK(hit->y == 2550);
    CHECK(hit->x == doctest::Approx(5005).epsilon(1e-9));
}

TEST_CASE("a township without a boundary file draws one: saved, counted, analysed, undone and redone") {
    testing::TempDir tmp;
    const std::string path = importWithoutBoundary(tmp);
    geo::Workspace ws = geo::Workspace::open(path);
    CHECK_FALSE(ws.hasLayer("boundary"));
    CHECK_THROWS_WITH_AS(geo::openNetwork(ws), doctest::Contains("no boundary yet"), geo::Error);

    geo::LayerEditSession session(ws);
    CHECK(session.features(geo::EditLayer::Boundary).empty());
    const geo::EditPoint mid = southRoadMiddle(ws);
    int64_t fid = session.addFeature(geo::EditLayer::Boundary, geo::polygonFeature(square(mid.x, mid.y, 500)), "draw area");
    CHECK(fid > 0);
    CHECK(session.canUndo());
    {
        geo::Workspace reopened = geo::Workspace::open(path);
        REQUIRE(reopened.hasLayer("boundary"));
        CHECK(reopened.readLayer("boundary").featureCount() == 1);
        CHECK(recordedFeatures(reopened, "boundary") == 1);
        auto net = geo::openNetwork(reopened);
        CHECK(net->entries().size() == 2);  // the southern road crosses the square twice
    }

    // A second edit on the same connection: the new table's index triggers are trusted.
    geo::EditFeature moved = session.features(geo::EditLayer::Boundary).front();
    for (auto& p : moved.parts[0][0]) p.y += 1500;  // off the southern road, short of the northern one
    session.replaceFeature(geo::EditLayer::Boundary, moved, "move area");
    {
        geo::Workspace reopened = geo::Workspace::open(path);
        CHECK(geo::openNetwork(reopened)->entries().empty());  // no road crosses it any more
    }

    CHECK(session.undo() == geo::EditLayer::Boundary);
    {
        geo::Workspace reopened = geo::Workspace::open(path);
        CHECK(geo::openNetwork(reopened)->entries().size() == 2);
    }
    CHECK(session.undo() == geo::EditLayer::Boundary);
    CHECK_FALSE(session.canUndo());
    CHECK(rowCount(ws, "boundary") == 0);
    CHECK(recordedFeatures(ws, "boundary") == 0);
    CHECK(session.redo() == geo::EditLayer::Boundary);
    CHECK(rowCount(ws, "boundary") == 1);
    CHECK(session.features(geo::EditLayer::Boundary).front().fid == fid);  // the same row again
    CHECK(session.redo() == geo::EditLayer::Boundary);
    CHECK_FALSE(session.redo());
    geo::Workspace reopened = geo::Workspace::open(path);
    CHECK(geo::openNetwork(reopened)->entries().empty());
    // GDAL reads what was written as a GeoPackage layer with its spatial index.
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(reopened.db(), "SELECT count(*) FROM rtree_boundary_geom", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int64(st, 0) == 1);
    sqlite3_finalize(st);
}

TEST_CASE("a self-crossing boundary is refused and nothing is saved") {
    testing::TempDir tmp;
    const std::string path = importWithoutBoundary(tmp);
    geo::Workspace ws = geo::Workspace::open(path);
    geo::LayerEditSession session(ws);
    const geo::EditPoint m = southRoadMiddle(ws);
    geo::EditFeature bowtie = geo::polygonFeature({{m.x - 500, m.y - 500}, {m.x + 500, m.y + 500}, {m.x + 500, m.y - 500}, {m.x - 500, m.y + 500}});
    CHECK_THROWS_WITH_AS(session.addFeature(geo::EditLayer::Boundary, bowtie, "draw area"), doctest::Contains("crosses itself"), geo::Error);
    CHECK_FALSE(session.canUndo());
    CHECK_FALSE(geo::Workspace::open(path).hasLayer("boundary"));
}

TEST_CASE("districts and villages of the demo are edited in place, keeping their other fields") {
    testing::TempDir tmp;
    const std::string path = testing::demoWorkspaceCopy(tmp);
    geo::Workspace ws = geo::Workspace::open(path);
    geo::LayerEditSession session(ws);
    const auto& districts = session.features(geo::EditLayer::Districts);
    REQUIRE(districts.size() >= 2);
    const size_t before = districts.size();
    geo::EditFeature d = districts.front();
    const std::string oldName = session.nameOf(geo::EditLayer::Districts, d);
    CHECK_FALSE(oldName.empty());
    const size_t attrs = d.attrs.size();
    // Insert a vertex halfway along the first edge, then move it.
    const geo::EditPoint a = d.parts[0][0][0], b = d.parts[0][0][1];
    geo::insertVertex(d, {0, 0, 0}, (a.x + b.x) / 2, (a.y + b.y) / 2);
    session.replaceFeature(geo::EditLayer::Districts, d, "insert vertex");
    session.setName(geo::EditLayer::Districts, d.fid, "新片区");
    {
        geo::Workspace reopened = geo::Workspace::open(path);
        geo::LayerEditSession fresh(reopened);
        auto i = fresh.indexOf(geo::EditLayer::Districts, d.fid);
        REQUIRE(i);
        const geo::EditFeature& stored = fresh.features(geo::EditLayer::Districts)[*i];
        CHECK(stored.parts[0][0].size() == d.parts[0][0].size());
        CHECK(fresh.nameOf(geo::EditLayer::Districts, stored) == "新片区");
        CHECK(stored.attrs.size() == attrs);
        CHECK(fresh.features(geo::EditLayer::Districts).size() == before);
    }
    session.undo();
    session.undo();
    CHECK(session.nameOf(geo::EditLayer::Districts, session.features(geo::EditLayer::Districts).front()) == oldName);
    CHECK(session.features(geo::EditLayer::Districts).front().parts[0][0].size() == d.parts[0][0].size() - 1);

    // A village point added and deleted, then the delete undone: the row comes back.
    const size_t villages = session.features(geo::EditLayer::Villages).size();
    CHECK(session.kind(geo::EditLayer::Villages) == geo::GeomKind::Point);
    geo::EditFeature v = geo::pointFeature(a.x, a.y);
    v.setAttr(session.nameColumn(geo::EditLayer::Villages), "新村");
    int64_t fid = session.addFeature(geo::EditLayer::Villages, v, "draw point");
    CHECK(session.features(geo::EditLayer::Villages).size() == villages + 1);
    CHECK(recordedFeatures(ws, "villages") == int64_t(villages + 1));
    session.deleteFeature(geo::EditLayer::Villages, fid);
    CHECK(session.features(geo::EditLayer::Villages).size() == villages);
    session.undo();
    auto back = session.indexOf(geo::EditLayer::Villages, fid);
    REQUIRE(back);
    CHECK(session.nameOf(geo::EditLayer::Villages, session.features(geo::EditLayer::Villages)[*back]) == "新村");
}

TEST_CASE("a read-only workspace refuses an edit and keeps its file as it was") {
    testing::TempDir tmp;
    const std::string path = testing::demoWorkspaceCopy(tmp);
    geo::Workspace ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    geo::LayerEditSession session(ws);
    REQUIRE(session.isReadOnly());
    geo::EditFeature d = session.features(geo::EditLayer::Districts).front();
    geo::moveVertex(d, {0, 0, 0}, d.parts[0][0][0].x + 100, d.parts[0][0][0].y);
    CHECK_THROWS_WITH_AS(session.replaceFeature(geo::EditLayer::Districts, d, "move vertex"), doctest::Contains("read-only"), geo::Error);
    CHECK_FALSE(session.canUndo());
    geo::Workspace again = geo::Workspace::open(path);
    geo::LayerEditSession fresh(again);
    CHECK(fresh.features(geo::EditLayer::Districts).front().parts[0][0][0].x == session.features(geo::EditLayer::Districts).front().parts[0][0][0].x);
}
