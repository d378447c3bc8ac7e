// The packed spatial index: SQLite's own rtreecheck accepts it, window queries through it equal
// a scan of every geometry, and GDAL both uses it and keeps it right through later edits.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <random>
#include <set>

#include "geo/io/gpkg_rtree.hpp"
#include "geo/core/layer.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/io/wkb.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::string rtreeCheck(sqlite3* db, const std::string& table) {
    geo::Statement s(db, ("SELECT rtreecheck('" + table + "')").c_str());
    return s.step() ? s.text(0) : std::string("no answer");
}

std::set<int64_t> indexed(sqlite3* db, const std::string& rtree, const geo::Bbox& w) {
    geo::Statement s(db, ("SELECT id FROM \"" + rtree + "\" WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?").c_str());
    s.bind(1, w.minX).bind(2, w.maxX).bind(3, w.minY).bind(4, w.maxY);
    std::set<int64_t> out;
    while (s.step()) out.insert(s.int64(0));
    return out;
}

}  // namespace

TEST_CASE("a packed index over many points and lines answers window queries like a full scan") {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(":memory:", &raw) == SQLITE_OK);
    geo::SqliteDb db(raw);
    geo::exec(db.get(), "CREATE TABLE t(fid INTEGER PRIMARY KEY, geom BLOB)");
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(500000, 520000), step(-300, 300);
    std::vector<std::pair<int64_t, geo::Bbox>> truth;
    geo::Statement ins(db.get(), "INSERT INTO t(fid, geom) VALUES (?, ?)");
    for (int64_t fid = 1; fid <= 30000; ++fid) {
        geo::Bbox b;
        std::string blob;
        if (fid % 3 == 0) {  // points: blobs without an envelope, read through the WKB
            double x = u(rng), y = u(rng) + 3000000;
            blob = geo::gpkgPointBlob(x, y, 4546);
            b.add(x, y);
        } else {
            geo::Layer line;
            line.kind = geo::GeomKind::Line;
            double x = u(rng), y = u(rng) + 3000000;
            for (int v = 0; v < 4; ++v, x += step(rng), y += step(rng)) {
                line.addVertex(x, y);
                b.add(x, y);
            }
            line.endRing();
            line.endPart();
            line.endFeature();
            blob = geo::gpkgBlobFromFeature(line, 0, 4546);
        }
        ins.bind(1, fid).bindBlob(2, blob.data(), blob.size()).run();
        truth.emplace_back(fid, b);
    }
    geo::exec(db.get(), "INSERT INTO t(fid, geom) VALUES (40000, NULL)");  // not indexed, like the triggers do
    {
        geo::Transaction tx(db.get());
        geo::createGpkgSpatialIndex(db.get(), "t", "geom", "fid");
        tx.commit();
    }
    CHECK(rtreeCheck(db.get(), "rtree_t_geom") == "ok");
    geo::Statement n(db.get(), "SELECT count(*) FROM rtree_t_geom");
    REQUIRE(n.step());
    CHECK(n.int64(0) == 30000);
    geo::Statement depth(db.get(), "SELECT substr(hex(data), 1, 4) FROM rtree_t_geom_node WHERE nodeno = 1");
    REQUIRE(depth.step());
    CHECK(depth.text(0) == "0002");  // 30000 boxes, 51 a node: leaves, one level, the root
    for (int q = 0; q < 200; ++q) {
        geo::Bbox w;
        double x = u(rng), y = u(rng) + 3000000, size = q % 2 ? 50 : 2000;
        w.add(x, y);
        w.add(x + size, y + size);
        std::set<int64_t> want;
        for (const auto& [fid, b] : truth)
            if (b.intersects(w)) want.insert(fid);
        std::set<int64_t> got = indexed(db.get(), "rtree_t_geom", w);
        // Float boxes may only grow: everything wanted is found, extra hits lie within a float step.
        CHECK(std::includes(got.begin(), got.end(), want.begin(), want.end()));
        CHECK(got.size() <= want.size() + 2);
    }
    // Building again is a no-op, not a second index.
    geo::createGpkgSpatialIndex(db.get(), "t", "geom", "fid");
    CHECK(rtreeCheck(db.get(), "rtree_t_geom") == "ok");
}

TEST_CASE("rtree boxes round outwards to floats") {
    double lo = 3893658.63, hi = 3893658.64;
    geo::RtreeEntry e = geo::rtreeEntry(1, 561036.781, 561036.782, lo, hi);
    CHECK(double(e.minX) <= 561036.781);
    CHECK(double(e.maxX) >= 561036.782);
    CHECK(double(e.minY) <= lo);
    CHECK(double(e.maxY) >= hi);
}

TEST_CASE("GDAL reads an imported workspace through the packed index and keeps it right on edits") {
    testing::TempDir tmp;
    std::string path = tmp / "ws.gpkg";
    fs::copy_file(testing::demoDir() / "demo.gpkg", path);
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        geo::SqliteDb db(raw);
        for (const char* t : {"rtree_boundary_geom", "rtree_districts_geom", "rtree_villages_geom", "rtree_roads_geom"})
            CHECK(rtreeCheck(db.get(), t) == "ok");
    }
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    REQUIRE(ds);
    OGRLayer* roads = ds->GetLayerByName("roads");
    REQUIRE(roads);
    OGREnvelope all;
    REQUIRE(roads->GetExtent(&all) == OGRERR_NONE);
    auto filtered = [&](double x0, double y0, double x1, double y1) {
        roads->SetSpatialFilterRect(x0, y0, x1, y1);
        std::set<GIntBig> out;
        for (auto& f : *roads) out.insert(f->GetFID());
        roads->SetSpatialFilter(nullptr);
        return out;
    };
    auto scanned = [&](double x0, double y0, double x1, double y1) {
        std::set<GIntBig> out;
        for (auto& f : *roads) {
            OGREnvelope e;
            f->GetGeometryRef()->getEnvelope(&e);
            if (e.MaxX >= x0 && e.MinX <= x1 && e.MaxY >= y0 && e.MinY <= y1) out.insert(f->GetFID());
        }
        return out;
    };
    double cx = 0.5 * (all.MinX + all.MaxX), cy = 0.5 * (all.MinY + all.MaxY);
    auto window = filtered(cx - 1500, cy - 1500, cx + 1500, cy + 1500);
    CHECK(!window.empty());
    CHECK(window == scanned(cx - 1500, cy - 1500, cx + 1500, cy + 1500));

    // Edits through GDAL go through the triggers: a road moved far away, one added, one deleted.
    GIntBig moved = *window.begin();
    {
        OGRFeatureUniquePtr f(roads->GetFeature(moved));
        REQUIRE(f);
        OGRLineString far;
        far.addPoint(all.MaxX + 10000, all.MaxY + 10000);
        far.addPoint(all.MaxX + 10100, all.MaxY + 10100);
        OGRMultiLineString ml;
        ml.addGeometry(&far);
        f->SetGeometry(&ml);
        REQUIRE(roads->SetFeature(f.get()) == OGRERR_NONE);
    }
    GIntBig deleted = *std::next(window.begin());
    REQUIRE(roads->DeleteFeature(deleted) == OGRERR_NONE);
    ds.reset();
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    geo::SqliteDb db(raw);
    CHECK(rtreeCheck(db.get(), "rtree_roads_geom") == "ok");
    geo::Bbox w;
    w.add(cx - 1500, cy - 1500);
    w.add(cx + 1500, cy + 1500);
    std::set<int64_t> after = indexed(db.get(), "rtree_roads_geom", w);
    CHECK(after.count(moved) == 0);
    CHECK(after.count(deleted) == 0);
    geo::Bbox faraway;
    faraway.add(all.MaxX + 10050, all.MaxY + 10050);
    faraway.add(all.MaxX + 10060, all.MaxY + 10060);
    CHECK(indexed(db.get(), "rtree_roads_geom", faraway) == std::set<int64_t>{moved});
}
