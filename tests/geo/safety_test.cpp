// Nothing lost, nothing injected: outputs never over a workspace, temporary files unique and
// never followed through a link, identifiers quoted, stored triggers refused, CSV cells inert.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>

#include "geo/plan/checkpoint_repair.hpp"
#include "geo/core/error.hpp"
#include "geo/io/output_file.hpp"
#include "geo/render/png_writer.hpp"
#include "geo/plan/roster_export.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/schema_guard.hpp"
#include "geo/plan/snap.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::string hostile(const char* name) { return (fs::path(CORDON_TEST_DATA) / "hostile" / name).string(); }

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

geo::ImportRequest hostileImport(const std::string& workspace) {
    geo::ImportRequest r;
    r.workspacePath = workspace;
    r.boundary = geo::LayerSource{hostile("boundary.geojson"), "", ""};
    r.roads = geo::LayerSource{hostile("quoted_field_roads.geojson"), "", ""};
    return r;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const geo::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("an output is never written over its own workspace, another workspace or a file of another kind") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    const std::string other = tmp / "other.gpkg";
    fs::copy_file(ws, other);
    writeText(tmp / "map.png", "\x89PNG\r\n\x1a\n....");
    writeText(tmp / "roster.csv", "id,name\r\n1,a\r\n");

    // The workspace itself: refused even with --force.
    CHECK(errorOf([&] { geo::checkOutputTarget(ws, geo::OutputKind::GeoPackage, true, ws); }).find("workspace itself") !=
          std::string::npos);
    // Another workspace, or a PNG under a .csv name: only with --force.
    CHECK(errorOf([&] { geo::checkOutputTarget(other, geo::OutputKind::GeoPackage, false, ws); }).find("Cordon workspace") !=
          std::string::npos);
    CHECK_NOTHROW(geo::checkOutputTarget(other, geo::OutputKind::GeoPackage, true, ws));
    fs::copy_file(tmp / "map.png", tmp / "odd.csv");
    CHECK(errorOf([&] { geo::checkOutputTarget(tmp / "odd.csv", geo::OutputKind::Csv, false, ws); }).find("PNG") !=
          std::string::npos);
    // An extension that says another format: refused, --force or not.
    CHECK(errorOf([&] { geo::checkOutputTarget(tmp / "new.gpkg", geo::OutputKind::Csv, true, ws); }).find("name it .csv") !=
          std::string::npos);
    CHECK_THROWS_AS(geo::checkOutputTarget(tmp / "new.csv", geo::OutputKind::Png, true, ws), geo::Error);
    // Same kind, or a new file: fine.
    CHECK_NOTHROW(geo::checkOutputTarget(tmp / "roster.csv", geo::OutputKind::Csv, false, ws));
    CHECK_NOTHROW(geo::checkOutputTarget(tmp / "map.png", geo::OutputKind::Png, false, ws));
    CHECK_NOTHROW(geo::checkOutputTarget(tmp / "new.geojson", geo::OutputKind::GeoJson, false, ws));
}

TEST_CASE("a second import of the same workspace stops at once and says another import is running") {
    testing::TempDir tmp;
    const std::string ws = tmp / "ws.gpkg";
    geo::StagedFile running(ws, "import");  // what the first import holds while it writes
    std::string why = errorOf([&] { geo::importWorkspace(hostileImport(ws)); });
    CHECK(why.find("another import is running") != std::string::npos);
    CHECK_FALSE(fs::exists(ws));
}

TEST_CASE("what a killed import or render left beside the target is cleared by the next run") {
    testing::TempDir tmp;
    const fs::path ws = tmp.path() / "ws.gpkg";
    // The fixed names of earlier versions, and a staging folder of this one, all stale.
    writeText(tmp.path() / ".ws.importing.gpkg", std::string(4096, 'x'));
    writeText(tmp.path() / ".ws.importing.gpkg-journal", "journal");
    fs::create_directory(tmp.path() / ".ws.gpkg.0123456789abcdef.partial");
    writeText(tmp.path() / ".ws.gpkg.0123456789abcdef.partial" / "ws.gpkg", "half a workspace");
    writeText(tmp.path() / "keep.ws.gpkg.partial", "not ours");  // a user's file with a look-alike name
    geo::importWorkspace(hostileImport(ws.string()));
    std::vector<std::string> left;
    for (const auto& e : fs::directory_iterator(tmp.path())) left.push_back(e.path().filename().string());
    std::sort(left.begin(), left.end());
    CHECK(left == std::vector<std::string>{"keep.ws.gpkg.partial", "ws.gpkg"});
    CHECK_NOTHROW(geo::Workspace::open(ws.string()));
}

TEST_CASE("a link planted at a temporary name is never written through") {
    testing::TempDir tmp;
    const fs::path victim = tmp.path() / "victim.gpkg";
    writeText(victim, "the only copy of the plan");
    // Where earlier versions wrote their temporary files.
    fs::create_symlink(victim, tmp.path() / ".out.png.partial");
    fs::create_symlink(victim, tmp.path() / ".roster.exporting.csv");
    std::vector<uint8_t> pixels(4 * 4 * 3, 200);
    geo::writePng(tmp.path() / "out.png", pixels.data(), 4, 4, {});
    geo::Scenario s;
    s.name = "A";
    geo::exportRoster(s, 4546, geo::ExportFormat::Csv, (tmp.path() / "roster.csv").string());
    CHECK(readText(victim) == "the only copy of the plan");
    CHECK(testing::decodePng(tmp.path() / "out.png").width == 4);
    CHECK(readText(tmp.path() / "roster.csv").find("id,name") != std::string::npos);
}

TEST_CASE("source fields named with quotes or SQL import and read back as plain names") {
    testing::TempDir tmp;
    const std::string ws = tmp / "ws.gpkg";
    geo::importWorkspace(hostileImport(ws));
    geo::Workspace w = geo::Workspace::open(ws);
    geo::Layer roads = w.readLayer("roads");
    CHECK(roads.featureCount() == 3);
    CHECK(roads.fieldIndex("say \"hi\"") >= 0);
    int injected = roads.fieldIndex("x\" FROM roads UNION ALL SELECT 1,2,3--");
    REQUIRE(injected >= 0);
    CHECK(roads.attr(0, injected) == "inj0");
    CHECK_NOTHROW(geo::RoadSnapper::fromWorkspace(w));
    CHECK(geo::quoteIdentifier("a\"b") == "\"a\"\"b\"");
}

TEST_CASE("a trigger planted in a workspace never runs: editing is refused until it is dropped") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    int64_t b = 0;
    {
        geo::Workspace w = geo::Workspace::open(ws);
        CHECK(w.foreignObjects().empty());  // GDAL's R-tree and feature-count triggers are its own
        auto store = geo::openSqliteScenarioStore(w);
        store->createScenario("A", {});
        b = store->createScenario("B", {});
        store->addCheckpoint(b, testing::checkpointAt(0, 0));
    }
    {
        geo::SqliteDb db;
        REQUIRE(geo::openSqlite(ws, SQLITE_OPEN_READWRITE, db) == SQLITE_OK);
        geo::exec(db.get(),
                  "CREATE TRIGGER rtree_checkpoints_geom_insert AFTER INSERT ON checkpoints BEGIN"
                  " DELETE FROM checkpoints WHERE scenario_id != NEW.scenario_id; END;"
                  "CREATE VIEW leak AS SELECT * FROM checkpoints");
    }
    std::string why = errorOf([&] { geo::Workspace::open(ws); });
    CHECK(why.find("rtree_checkpoints_geom_insert") != std::string::npos);
    CHECK(why.find("--drop-foreign-triggers") != std::string::npos);
    CHECK(geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly).foreignObjects().size() == 2);

    CHECK(geo::Workspace::dropForeignObjects(ws).size() == 2);
    geo::Workspace w = geo::Workspace::open(ws);
    auto store = geo::openSqliteScenarioStore(w);
    store->addCheckpoint(*store->findScenario("A"), testing::checkpointAt(10, 10));
    CHECK(store->checkpoints(b).size() == 1);  // B kept its checkpoint
}

TEST_CASE("the tables a trigger body writes are found through quotes, comments and schema names") {
    using V = std::vector<std::string>;
    CHECK(geo::tablesWrittenBy("CREATE TRIGGER t AFTER UPDATE OF geom ON roads BEGIN INSERT OR REPLACE INTO \"rtree_roads_geom\""
                               " VALUES (1); END") == V{"rtree_roads_geom", "rtree_roads_geom"});
    CHECK(geo::tablesWrittenBy("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE/**/FROM main.[Checkpoints]; "
                               "UPDATE OR IGNORE `x` SET v = 'DELETE FROM y'; END") == V{"checkpoints", "x"});
}

TEST_CASE("roster cells that a spreadsheet would run as formulas are neutralised; numbers stay numbers") {
    geo::Scenario s;
    s.name = "A";
    geo::Checkpoint c = testing::checkpointAt(500000, 3900000);
    c.name = "=HYPERLINK(\"http://x\",\"点击\")";
    c.leader = "@SUM(A1)";
    c.phone = "+86 139 0000 1234";
    c.notes = "-5";
    c.hours = "\t=1+2";
    s.checkpoints.push_back(c);
    std::string csv = geo::rosterCsv(s, 4546);
    CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"") != std::string::npos);
    CHECK(csv.find(",'@SUM(A1),") != std::string::npos);
    CHECK(csv.find(",'+86 139 0000 1234,") != std::string::npos);
    CHECK(csv.find(",'\t=1+2,") != std::string::npos);
    CHECK(csv.find(",-5\r\n") != std::string::npos);  // a plain negative number is left as it is
}

TEST_CASE("a checkpoint whose geometry was deleted is skipped and reported, and repair puts it back on its road") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    geo::Workspace w = geo::Workspace::open(ws);
    auto store = geo::openSqliteScenarioStore(w);
    int64_t a = store->createScenario("A", {});
    geo::Checkpoint onRoad = testing::checkpointAt(0, 0);
    {
        geo::Statement road(w.db(), "SELECT fid FROM roads ORDER BY fid LIMIT 1");
        REQUIRE(road.step());
        onRoad.roadFid = road.int64(0);
        onRoad.road = "G241国道";
    }
    geo::Checkpoint offRoad = testing::checkpointAt(10, 10);
    offRoad.roadFid = -1;
    int64_t kept = store->addCheckpoint(a, testing::checkpointAt(5, 5));
    int64_t lostOnRoad = store->addCheckpoint(a, onRoad);
    int64_t lostOffRoad = store->addCheckpoint(a, offRoad);
    // What QGIS's "delete geometry" leaves.
    geo::Statement null(w.db(), "UPDATE checkpoints SET geom = NULL WHERE fid IN (?, ?)");
    null.bind(1, lostOnRoad).bind(2, lostOffRoad).run();

    geo::Scenario s = store->loadScenario(a);  // used to fail: "workspace is damaged"
    REQUIRE(s.checkpoints.size() == 1);
    CHECK(s.checkpoints[0].id == kept);
    auto damaged = geo::damagedCheckpoints(w, a);
    REQUIRE(damaged.size() == 2);
    CHECK(geo::describeDamaged(damaged).find(std::to_string(lostOnRoad)) != std::string::npos);

    auto repaired = geo::repairCheckpoints(w, a);
    REQUIRE(repaired.size() == 2);
    CHECK(repaired[0].restored);
    CHECK_FALSE(repaired[1].restored);
    auto back = store->checkpoint(a, lostOnRoad);
    REQUIRE(back.has_value());
    // Back on its road: the snapper puts it on road lostOnRoad's road within a metre.
    geo::RoadSnapper roads = geo::RoadSnapper::fromWorkspace(w);
    CHECK(roads.nearestDistance(back->x, back->y, 50) < 1.0);
    CHECK(geo::damagedCheckpoints(w, a).size() == 1);
}

TEST_CASE("a trigger added while the workspace is open is refused by the authorizer, not run") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    geo::Workspace w = geo::Workspace::open(ws);
    auto store = geo::openSqliteScenarioStore(w);
    int64_t a = store->createScenario("A", {});
    int64_t b = store->createScenario("B", {});
    store->addCheckpoint(b, testing::checkpointAt(0, 0));
    {
        geo::SqliteDb other;  // another program, while Cordon has the file open
        REQUIRE(geo::openSqlite(ws, SQLITE_OPEN_READWRITE, other) == SQLITE_OK);
        geo::exec(other.get(), "CREATE TRIGGER wipe AFTER INSERT ON checkpoints BEGIN"
                               " DELETE FROM checkpoints WHERE scenario_id != NEW.scenario_id; END");
    }
    std::string why = errorOf([&] { store->addCheckpoint(a, testing::checkpointAt(5, 5)); });
    CHECK(why.find("refused") != std::string::npos);
    CHECK(store->checkpoints(b).size() == 1);
    CHECK(store->checkpoints(a).empty());
}

TEST_CASE("a bind SQLite refuses throws instead of writing the row with a missing value") {
    geo::SqliteDb db;
    REQUIRE(geo::openSqlite(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, db) == SQLITE_OK);
    geo::exec(db.get(), "CREATE TABLE t(a, b)");
    geo::Statement ins(db.get(), "INSERT INTO t(a, b) VALUES (?, ?)");
    CHECK_THROWS_AS(ins.bind(3, int64_t{1}), geo::Error);  // no third parameter
    CHECK_THROWS_AS(ins.bind(0, std::string_view("x")), geo::Error);
    CHECK_THROWS_AS(ins.bindNull(7), geo::Error);
    CHECK_THROWS_AS(ins.bindStatic(9, "y"), geo::Error);
    CHECK_THROWS_AS(ins.bindBlob(-1, "z", 1), geo::Error);
    ins.reset();
    ins.bind(1, 2.5).bindStatic(2, "kept").run();
    geo::Statement s(db.get(), "SELECT a, b FROM t");
    REQUIRE(s.step());
    CHECK(s.real(0) == 2.5);
    CHECK(s.text(1) == "kept");
    CHECK_FALSE(s.step());
}
