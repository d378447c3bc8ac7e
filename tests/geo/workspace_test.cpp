// Import into a workspace and read it back: layers, CRS, classes, encodings, refusals.
#include <cmath>
#include <doctest/doctest.h>
#include <numbers>
#include <filesystem>
#include <fstream>

#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

TEST_CASE("the demo workspace holds every layer in EPSG:4546 with classes and Chinese names") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string());
    CHECK(ws.workingEpsg() == 4546);
    CHECK(ws.schemaVersion() == geo::kSchemaVersion);
    for (const char* name : {"boundary", "districts", "roads", "villages"}) CHECK(ws.hasLayer(name));
    geo::Layer boundary = ws.readLayer("boundary");
    REQUIRE(boundary.featureCount() == 1);
    double km2 = geo::featureArea(boundary, 0) / 1e6;
    CHECK(km2 > 140);
    CHECK(km2 < 160);
    // The outline lies around 111.7E 35.2N in metres of CM 111E.
    geo::Bbox b = boundary.bbox();
    CHECK(b.minX > 540000);
    CHECK(b.maxX < 600000);
    CHECK(b.minY > 3860000);
    CHECK(b.maxY < 3940000);
    geo::Layer districts = ws.readLayer("districts");
    CHECK(districts.featureCount() == 5);
    int nameField = districts.fieldIndex("名称");
    REQUIRE(nameField >= 0);
    CHECK(districts.attr(0, nameField) == "王茅片区");
    geo::Layer roads = ws.readLayer("roads");
    auto classes = geo::roadClasses(roads);
    size_t national = 0, track = 0;
    for (auto c : classes) {
        national += c == geo::RoadClass::National;
        track += c == geo::RoadClass::Track;
    }
    CHECK(national == 1);
    CHECK(track > 0);
    geo::Layer villages = ws.readLayer("villages");
    CHECK(villages.featureCount() == 20);
    bool foundYuan = false;
    for (size_t i = 0; i < villages.featureCount(); ++i)
        foundYuan |= villages.attr(i, villages.fieldIndex("名称")) == "东垣村";
    CHECK(foundYuan);
}

TEST_CASE("GBK text is read by .cpg, by DBF language id and by override") {
    testing::TempDir tmp;
    const fs::path src = testing::demoDir();
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) fs::copy_file(src / (std::string("villages") + ext), tmp.path() / (std::string("v") + ext));
    geo::ReadOptions o;
    o.kind = geo::GeomKind::Point;
    // No .cpg and no language id: GBK bytes are not UTF-8, so they are read as GBK with a warning.
    {
        geo::ReadReport r;
        geo::Layer l = geo::readLayer(tmp / "v.shp", o, r);
        CHECK(r.textRecodedGuess > 0);
        CHECK(l.attr(0, l.fieldIndex("名称")) == "王茅村");
    }
    // Language id 77 (CP936) in the DBF header, as older Chinese GIS software writes it.
    {
        std::fstream dbf(tmp / "v.dbf", std::ios::in | std::ios::out | std::ios::binary);
        dbf.seekp(29);
        dbf.put(static_cast<char>(77));
    }
    {
        geo::ReadReport r;
        geo::Layer l = geo::readLayer(tmp / "v.shp", o, r);
        CHECK(r.encoding == "CP936");
        CHECK(r.encodingReason.find("language id") != std::string::npos);
        CHECK(l.attr(0, l.fieldIndex("名称")) == "王茅村");
    }
    // A .cpg naming GBK.
    std::ofstream(tmp / "v.cpg") << "GBK";
    {
        geo::ReadReport r;
        geo::Layer l = geo::readLayer(tmp / "v.shp", o, r);
        CHECK(r.encodingReason.find(".cpg") != std::string::npos);
        CHECK(l.attr(1, l.fieldIndex("名称")) == "东垣村");
    }
    // The override wins over a wrong .cpg.
    std::ofstream(tmp / "v.cpg") << "UTF-8";
    {
        geo::ReadReport r;
        o.encoding = "CP936";
        geo::Layer l = geo::readLayer(tmp / "v.shp", o, r);
        CHECK(r.encodingReason == "set by --encoding");
        CHECK(l.attr(0, l.fieldIndex("名称")) == "王茅村");
    }
}

TEST_CASE("polygons keep their parts and holes, and area is outer minus holes") {
    testing::TempDir tmp;
    std::ofstream(tmp / "p.geojson") << R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"n":"a"},"geometry":{"type":"MultiPolygon","coordinates":[
        [[[111.0,35.0],[111.01,35.0],[111.01,35.01],[111.0,35.01],[111.0,35.0]],
         [[111.002,35.002],[111.004,35.002],[111.004,35.004],[111.002,35.004],[111.002,35.002]]],
        [[[111.02,35.0],[111.03,35.0],[111.03,35.01],[111.02,35.0]]]]}},
      {"type":"Feature","properties":{"n":"b"},"geometry":null},
      {"type":"Feature","properties":{"n":"c"},"geometry":{"type":"Polygon","coordinates":[]}}]})";
    geo::ReadOptions o;
    o.kind = geo::GeomKind::Polygon;
    o.targetEpsg = 4546;
    geo::ReadReport r;
    geo::Layer l = geo::readLayer(tmp / "p.geojson", o, r);
    REQUIRE(l.featureCount() == 1);
    CHECK(l.partCount() == 2);
    CHECK(l.ringCount() == 3);
    CHECK(r.nullGeometries + r.emptyGeometries == 2);
    // 0.01 deg square minus a 0.002 deg square hole plus half a 0.01 deg square, in m².
    double area = geo::featureArea(l, 0);
    double cell = 0.01 * 0.01 * 111320.0 * 110950.0 * std::cos(35.005 * std::numbers::pi / 180);
    CHECK(area == doctest::Approx(cell * (1 - 0.04 + 0.5)).epsilon(0.01));
}

TEST_CASE("invalid polygons are repaired and counted") {
    testing::TempDir tmp;
    // A bow-tie: self-intersecting.
    std::ofstream(tmp / "bow.geojson") << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
      "geometry":{"type":"Polygon","coordinates":[[[111.0,35.0],[111.01,35.01],[111.01,35.0],[111.0,35.01],[111.0,35.0]]]}}]})";
    geo::ReadOptions o;
    o.kind = geo::GeomKind::Polygon;
    geo::ReadReport r;
    geo::Layer l = geo::readLayer(tmp / "bow.geojson", o, r);
    CHECK(r.repairedPolygons == 1);
    REQUIRE(l.featureCount() == 1);
    CHECK(l.partCount() == 2);
}

TEST_CASE("bad input is refused with a reason naming the file, leaving nothing behind") {
    testing::TempDir tmp;
    std::ofstream(tmp / "notgeo.shp") << "this is not a shapefile";
    geo::ImportRequest req;
    req.workspacePath = tmp / "ws.gpkg";
    req.boundary = geo::LayerSource{tmp / "notgeo.shp", "", ""};
    req.roads = geo::LayerSource{(testing::demoDir() / "roads.shp").string(), "", ""};
    try {
        geo::importWorkspace(req);
        FAIL("import of a non-shapefile succeeded");
    } catch (const geo::Error& e) {
        CHECK(std::string(e.what()).find("notgeo.shp") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(tmp / "ws.gpkg"));
    // Roads given as the boundary.
    req.boundary = geo::LayerSource{(testing::demoDir() / "roads.shp").string(), "", ""};
    try {
        geo::importWorkspace(req);
        FAIL("roads accepted as boundary");
    } catch (const geo::Error& e) {
        CHECK(std::string(e.what()).find("roads layer") != std::string::npos);
    }
    // A filter that matches nothing, and one that does not parse.
    req.boundary = geo::LayerSource{(testing::demoDir() / "boundary.shp").string(), "", "名称 = 'nowhere'"};
    CHECK_THROWS_AS(geo::importWorkspace(req), geo::Error);
    req.boundary = geo::LayerSource{(testing::demoDir() / "boundary.shp").string(), "", "not valid sql ((("};
    CHECK_THROWS_AS(geo::importWorkspace(req), geo::Error);
    for (auto& entry : fs::directory_iterator(tmp.path())) CHECK(entry.path().filename() == "notgeo.shp");
}

TEST_CASE("a workspace is refused when it is not one, or newer") {
    testing::TempDir tmp;
    std::ofstream(tmp / "random.gpkg") << std::string(4096, 'x');
    CHECK_THROWS_WITH_AS(geo::Workspace::open(tmp / "random.gpkg"), doctest::Contains("not a Cordon workspace"), geo::Error);
    {
        sqlite3* db = nullptr;
        sqlite3_open((tmp / "other.sqlite").c_str(), &db);
        geo::exec(db, "CREATE TABLE t(x)");
        sqlite3_close(db);
    }
    CHECK_THROWS_WITH_AS(geo::Workspace::open(tmp / "other.sqlite"), doctest::Contains("another program"), geo::Error);
    fs::copy_file(testing::demoDir() / "demo.gpkg", tmp.path() / "newer.gpkg");
    {
        sqlite3* db = nullptr;
        sqlite3_open((tmp / "newer.gpkg").c_str(), &db);
        geo::exec(db, "UPDATE cordon_meta SET value = '999' WHERE key = 'schema_version'");
        sqlite3_close(db);
    }
    auto before = fs::file_size(tmp.path() / "newer.gpkg");
    CHECK_THROWS_WITH_AS(geo::Workspace::open(tmp / "newer.gpkg"), doctest::Contains("newer Cordon"), geo::Error);
    CHECK(fs::file_size(tmp.path() / "newer.gpkg") == before);
}
