// The scenario store: every verb round-trips through the file, failed edits roll back, undo and
// redo restore exact states, schema 1 workspaces migrate, GDAL reads the checkpoints layer.
#include <doctest/doctest.h>
#include <filesystem>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/plan/plan_history.hpp"
#include "geo/plan/roster_export.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::string freshWorkspace(const testing::TempDir& tmp) {
    std::string path = tmp / "ws.gpkg";
    fs::copy_file(testing::demoDir() / "demo.gpkg", path);
    return path;
}

geo::Checkpoint sample(double x, double y, const std::string& name) {
    geo::Checkpoint c;
    c.name = name;
    c.kind = geo::CheckpointKind::VillageGate;
    c.x = x;
    c.y = y;
    c.roadFid = 7;
    c.road = "东垣村村道";
    c.roadClass = geo::RoadClass::Village;
    c.staffPerShift = 3;
    c.shifts = 2;
    c.hours = "06:00-22:00";
    c.leader = "王主任";
    c.phone = "13800000000";
    c.notes = "夜间加岗";
    c.district = "王茅片区";
    return c;
}

bool same(const geo::Checkpoint& a, const geo::Checkpoint& b) {
    return a.id == b.id && a.name == b.name && a.kind == b.kind && a.x == b.x && a.y == b.y && a.roadFid == b.roadFid &&
           a.road == b.road && a.roadClass == b.roadClass && a.staffPerShift == b.staffPerShift && a.shifts == b.shifts &&
           a.hours == b.hours && a.leader == b.leader && a.phone == b.phone && a.notes == b.notes && a.district == b.district;
}

bool sameList(const std::vector<geo::Checkpoint>& a, const std::vector<geo::Checkpoint>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}

void exec(const std::string& path, const char* sql) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    geo::SqliteDb db(raw);
    geo::exec(db.get(), sql);
}

}  // namespace

TEST_CASE("a new workspace has the current schema, no scenarios and a registered checkpoints layer") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(freshWorkspace(tmp));
    CHECK(ws.schemaVersion() == geo::kSchemaVersion);
    CHECK(ws.hasLayer("checkpoints"));
    auto store = geo::openSqliteScenarioStore(ws);
    CHECK(store->listScenarios().empty());
    CHECK_THROWS_WITH_AS(store->requireScenario("A"), doctest::Contains("no scenarios yet"), geo::Error);
}

TEST_CASE("scenario verbs round-trip through the file") {
    testing::TempDir tmp;
    std::string path = freshWorkspace(tmp);
    int64_t a = 0;
    {
        auto ws = geo::Workspace::open(path);
        auto store = geo::openSqliteScenarioStore(ws);
        geo::ScenarioParams p;
        p.staffAvailable = 87;
        p.defaultShifts = 2;
        p.guardDistanceM = 750;
        p.gridSizeM = 250;
        p.smallCountThreshold = 3;
        p.staffByDistrict = {{"王茅片区", 30}, {"东垣片区", 20}};
        a = store->createScenario("方案A", p);
        store->setNotes(a, "初稿\n第二行");
        store->addCheckpoint(a, sample(570000, 3900000, "一号卡口"));
        store->addCheckpoint(a, sample(571000, 3901000, "二号卡口"));
        CHECK_THROWS_WITH_AS(store->createScenario("方案A", {}), doctest::Contains("already exists"), geo::Error);
        CHECK_THROWS_AS(store->createScenario("", {}), geo::Error);
    }
    auto ws = geo::Workspace::open(path);
    auto store = geo::openSqliteScenarioStore(ws);
    geo::Scenario s = store->loadScenario(store->requireScenario("方案A"));
    CHECK(s.notes == "初稿\n第二行");
    CHECK(s.params.staffAvailable == 87);
    CHECK(s.params.defaultShifts == 2);
    CHECK(s.params.guardDistanceM == 750);
    CHECK(s.params.gridSizeM == 250);
    CHECK(s.params.smallCountThreshold == 3);
    CHECK(s.params.staffByDistrict == std::map<std::string, int>{{"王茅片区", 30}, {"东垣片区", 20}});
    REQUIRE(s.checkpoints.size() == 2);

    int64_t b = store->copyScenario("方案A", "方案B");
    geo::Scenario copy = store->loadScenario(b);
    CHECK(copy.notes == s.notes);
    CHECK(copy.params.staffByDistrict == s.params.staffByDistrict);
    REQUIRE(copy.checkpoints.size() == 2);
    CHECK(copy.checkpoints[0].id != s.checkpoints[0].id);
    CHECK(copy.checkpoints[1].name == "二号卡口");
    // The copy is independent.
    store->deleteCheckpoint(b, copy.checkpoints[0].id);
    CHECK(store->checkpoints(a).size() == 2);

    store->renameScenario("方案A", "方案甲");
    CHECK_FALSE(store->findScenario("方案A"));
    CHECK(store->findScenario("方案甲") == a);
    CHECK_THROWS_WITH_AS(store->renameScenario("方案甲", "方案B"), doctest::Contains("already exists"), geo::Error);
    {
        geo::Statement q(ws.db(), "SELECT count(*) FROM checkpoints WHERE scenario = '方案甲'");
        REQUIRE(q.step());
        CHECK(q.integer(0) == 2);  // the layer's scenario field follows the rename
    }
    auto list = store->listScenarios();
    REQUIRE(list.size() == 2);
    CHECK(list[0].name == "方案甲");
    CHECK(list[0].checkpoints == 2);
    CHECK(list[1].checkpoints == 1);

    store->deleteScenario("方案甲");
    CHECK(store->listScenarios().size() == 1);
    CHECK(store->checkpoints(a).empty());
    CHECK_THROWS_WITH_AS(store->deleteScenario("方案甲"), doctest::Contains("no scenario"), geo::Error);
}

TEST_CASE("checkpoint verbs round-trip every field through a new connection") {
    testing::TempDir tmp;
    std::string path = freshWorkspace(tmp);
    geo::Checkpoint first = sample(570123.25, 3900456.5, "北口·一号");
    int64_t scenario = 0;
    {
        auto ws = geo::Workspace::open(path);
        auto store = geo::openSqliteScenarioStore(ws);
        scenario = store->createScenario("A", {});
        first.id = store->addCheckpoint(scenario, first);
        geo::Checkpoint second = sample(570200, 3900500, "南口");
        second.kind = geo::CheckpointKind::RoadClosure;
        second.roadFid = -1;
        second.id = store->addCheckpoint(scenario, second);
        CHECK(second.id > first.id);
        store->deleteCheckpoint(scenario, second.id);
        first.x += 10;
        first.staffPerShift = 5;
        first.kind = geo::CheckpointKind::HealthStation;
        store->updateCheckpoint(scenario, first);
    }
    auto ws = geo::Workspace::open(path);
    auto store = geo::openSqliteScenarioStore(ws);
    auto all = store->checkpoints(scenario);
    REQUIRE(all.size() == 1);
    CHECK(same(all[0], first));
    CHECK(all[0].staffRequired() == 10);
    int64_t other = store->createScenario("B", {});
    CHECK_THROWS_AS(store->deleteCheckpoint(other, first.id), geo::Error);  // not that scenario's
    CHECK_THROWS_AS(store->updateCheckpoint(other, first), geo::Error);
    CHECK(store->checkpoints(scenario).size() == 1);
}

TEST_CASE("a failing edit rolls back everything it did") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(freshWorkspace(tmp));
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t s = store->createScenario("A", {});
    geo::Checkpoint ok = sample(570000, 3900000, "ok");
    ok.id = store->addCheckpoint(s, ok);
    geo::Checkpoint bad = sample(570100, 3900100, "bad");
    bad.shifts = 0;
    // The first of the batch is inserted before the second fails: both must be gone.
    CHECK_THROWS_WITH_AS(store->addCheckpoints(s, {sample(1, 2, "x"), bad}), doctest::Contains("shifts"), geo::Error);
    CHECK(store->checkpoints(s).size() == 1);
    // An update whose second item does not exist leaves the first unchanged.
    geo::Checkpoint moved = ok;
    moved.x += 500;
    geo::Checkpoint missing = ok;
    missing.id = 9999;
    CHECK_THROWS_AS(store->updateCheckpoints(s, {moved, missing}), geo::Error);
    CHECK(same(store->checkpoints(s)[0], ok));
    CHECK_THROWS_AS(store->deleteCheckpoints(s, {ok.id, 9999}), geo::Error);
    CHECK(store->checkpoints(s).size() == 1);
    geo::ScenarioParams badParams;
    badParams.staffByDistrict = {{"a", 5}, {"b", -1}};
    CHECK_THROWS_AS(store->setParams(s, badParams), geo::Error);
    CHECK(store->loadScenario(s).params.staffByDistrict.empty());
    // The connection is usable afterwards (no transaction left open).
    CHECK(sqlite3_get_autocommit(ws.db()) == 1);
    store->addCheckpoint(s, sample(3, 4, "after"));
    CHECK(store->checkpoints(s).size() == 2);
}

TEST_CASE("undo and redo walk every edit back and forth, per scenario") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(freshWorkspace(tmp));
    auto store = geo::openSqliteScenarioStore(ws);
    geo::PlanHistory history(*store);
    int64_t a = store->createScenario("A", {});
    int64_t b = store->createScenario("B", {});
    std::vector<std::vector<geo::Checkpoint>> states{store->checkpoints(a)};
    auto snapshot = [&] { states.push_back(store->checkpoints(a)); };

    int64_t id1 = history.addCheckpoint(a, sample(570000, 3900000, "一"));
    snapshot();
    auto ids = history.addCheckpoints(a, {sample(570100, 3900000, "二"), sample(570200, 3900000, "三")});
    snapshot();
    geo::Checkpoint c = *store->checkpoint(a, id1);
    c.x += 42;
    c.road = "另一条路";
    history.updateCheckpoint(a, c, "move checkpoint");
    snapshot();
    std::vector<geo::Checkpoint> both = {*store->checkpoint(a, ids[0]), *store->checkpoint(a, ids[1])};
    for (auto& x : both) x.staffPerShift = 6;
    history.updateCheckpoints(a, both);
    snapshot();
    history.deleteCheckpoints(a, {id1, ids[1]});
    snapshot();
    history.addCheckpoint(b, sample(1, 1, "B的"));  // another scenario's stack

    CHECK(history.undoLabel(a) == "delete 2 checkpoints");
    for (size_t i = states.size() - 1; i > 0; --i) {
        CHECK(!history.undo(a).empty());
        CHECK(sameList(store->checkpoints(a), states[i - 1]));
    }
    CHECK_FALSE(history.canUndo(a));
    CHECK(history.undo(a).empty());
    CHECK(store->checkpoints(b).size() == 1);  // B untouched by A's undo
    for (size_t i = 1; i < states.size(); ++i) {
        CHECK(!history.redo(a).empty());
        CHECK(sameList(store->checkpoints(a), states[i]));  // same ids come back
    }
    CHECK_FALSE(history.canRedo(a));
    // Undo twice, then a new edit: redo is gone.
    history.undo(a);
    history.undo(a);
    CHECK(sameList(store->checkpoints(a), states[3]));
    history.addCheckpoint(a, sample(5, 5, "新"));
    CHECK_FALSE(history.canRedo(a));
    CHECK(history.undo(b) == "add checkpoint");
    CHECK(store->checkpoints(b).empty());

    history.setNotes(a, "注意");
    geo::ScenarioParams p;
    p.staffAvailable = 10;
    history.setParams(a, p);
    history.undo(a);
    CHECK(store->loadScenario(a).params.staffAvailable == 120);
    history.undo(a);
    CHECK(store->loadScenario(a).notes.empty());
    history.redo(a);
    history.redo(a);
    CHECK(store->loadScenario(a).notes == "注意");
    CHECK(store->loadScenario(a).params.staffAvailable == 10);
}

TEST_CASE("a failed undo leaves the stacks as they were") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(freshWorkspace(tmp));
    auto store = geo::openSqliteScenarioStore(ws);
    geo::PlanHistory history(*store);
    int64_t a = store->createScenario("A", {});
    int64_t id = history.addCheckpoint(a, sample(0, 0, "x"));
    store->deleteCheckpoint(a, id);  // changed behind the history's back (another window, another process)
    CHECK_THROWS_AS(history.undo(a), geo::Error);
    CHECK(history.canUndo(a));
    CHECK_FALSE(history.canRedo(a));
}

TEST_CASE("a schema 1 workspace is migrated on open and keeps its layers") {
    testing::TempDir tmp;
    std::string path = freshWorkspace(tmp);
    // Make it what Cordon 0.1 wrote: no scenario tables, version 1.
    exec(path,
         "DROP TABLE checkpoints; DROP TABLE cordon_scenarios; DROP TABLE cordon_scenario_district_staff;"
         "DELETE FROM gpkg_geometry_columns WHERE table_name = 'checkpoints';"
         "DELETE FROM gpkg_contents WHERE table_name = 'checkpoints';"
         "UPDATE cordon_meta SET value = '1' WHERE key = 'schema_version';");
    {
        auto ro = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
        CHECK(ro.schemaVersion() == 1);
        auto store = geo::openSqliteScenarioStore(ro);
        CHECK(store->listScenarios().empty());  // readable, though not migrated
        CHECK_THROWS_WITH_AS(store->createScenario("A", {}), doctest::Contains("read-only"), geo::Error);
    }
    auto ws = geo::Workspace::open(path);
    CHECK(ws.schemaVersion() == geo::kSchemaVersion);
    CHECK(ws.meta("schema_version") == std::to_string(geo::kSchemaVersion));
    CHECK(ws.hasLayer("checkpoints"));
    CHECK(ws.readLayer("roads").featureCount() > 0);
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t s = store->createScenario("A", {});
    store->addCheckpoint(s, sample(570000, 3900000, "x"));
    CHECK(store->checkpoints(s).size() == 1);
}

TEST_CASE("a newer schema is refused and a read-only open refuses edits") {
    testing::TempDir tmp;
    std::string path = freshWorkspace(tmp);
    {
        auto ws = geo::Workspace::open(path);
        auto store = geo::openSqliteScenarioStore(ws);
        store->createScenario("A", {});
    }
    {
        auto ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
        auto store = geo::openSqliteScenarioStore(ws);
        CHECK(store->isReadOnly());
        int64_t s = store->requireScenario("A");
        CHECK_THROWS_WITH_AS(store->addCheckpoint(s, sample(0, 0, "x")), doctest::Contains("read-only"), geo::Error);
        CHECK_THROWS_AS(store->renameScenario("A", "B"), geo::Error);
    }
    exec(path, ("UPDATE cordon_meta SET value = '" + std::to_string(geo::kSchemaVersion + 1) + "' WHERE key = 'schema_version'").c_str());
    CHECK_THROWS_WITH_AS(geo::Workspace::open(path), doctest::Contains("newer"), geo::Error);
}

TEST_CASE("a second writer gets 'busy' and its edit leaves nothing behind") {
    testing::TempDir tmp;
    std::string path = freshWorkspace(tmp);
    auto ws = geo::Workspace::open(path);
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t s = store->createScenario("A", {});
    sqlite3_busy_timeout(ws.db(), 50);  // keep the test quick; Cordon waits 3 s
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    geo::SqliteDb other(raw);
    {
        geo::Transaction hold(other.get());
        CHECK_THROWS_WITH_AS(store->addCheckpoint(s, sample(0, 0, "x")), doctest::Contains("busy"), geo::Error);
    }
    CHECK(store->checkpoints(s).empty());
    store->addCheckpoint(s, sample(0, 0, "x"));  // once the other lets go
    CHECK(store->checkpoints(s).size() == 1);
}

TEST_CASE("GDAL opens the checkpoints layer and reads the points and fields Cordon wrote") {
    testing::TempDir tmp;
    std::string path = freshWorkspace(tmp);
    geo::Checkpoint c = sample(571234.5, 3901234.25, "北口");
    {
        auto ws = geo::Workspace::open(path);
        auto store = geo::openSqliteScenarioStore(ws);
        int64_t s = store->createScenario("方案A", {});
        c.id = store->addCheckpoint(s, c);
        store->addCheckpoint(s, sample(571000, 3901000, "南口"));
    }
    geo::initGdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("checkpoints");
    REQUIRE(layer);
    CHECK(wkbFlatten(layer->GetGeomType()) == wkbPoint);
    CHECK(layer->GetFeatureCount() == 2);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    REQUIRE(srs);
    CHECK(std::string(srs->GetAuthorityCode(nullptr)) == "4546");
    OGRFeatureUniquePtr f(layer->GetFeature(c.id));
    REQUIRE(f);
    const OGRPoint* p = f->GetGeometryRef()->toPoint();
    CHECK(p->getX() == c.x);
    CHECK(p->getY() == c.y);
    CHECK(std::string(f->GetFieldAsString("scenario")) == "方案A");
    CHECK(std::string(f->GetFieldAsString("name")) == "北口");
    CHECK(std::string(f->GetFieldAsString("kind")) == "village_gate");
    CHECK(f->GetFieldAsInteger("staff_required") == 6);
}

TEST_CASE("the CSV roster starts with a BOM, has the staffing columns and WGS84 positions") {
    geo::Scenario s;
    s.name = "A";
    geo::Checkpoint c = sample(572000, 3896000, "王茅,北口");
    c.id = 4;
    s.checkpoints = {c};
    std::string csv = geo::rosterCsv(s, 4546);
    REQUIRE(csv.size() > 3);
    CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
    auto header = csv.substr(3, csv.find("\r\n") - 3);
    CHECK(header.rfind("id,name,", 0) == 0);  // the contract's columns, in its order
    for (const char* col : {"id", "name", "kind", "lon", "lat", "road", "class", "district", "staff_per_shift", "shifts",
                            "staff_required", "leader", "phone"})
        CHECK(header.find(col) != std::string::npos);
    CHECK(csv.find("\"王茅,北口\"") != std::string::npos);  // quoted, not split
    // 572000 E in CM 111E at ~35.2N lies near 111.79E; the text has 7 decimals.
    auto row = csv.substr(csv.find("\r\n") + 2);
    CHECK(row.find(",111.7") != std::string::npos);
    auto lonAt = row.find(",111.");
    auto comma = row.find(',', lonAt + 1);
    CHECK(comma - lonAt - 1 == 11);  // "111." + 7 digits
}

TEST_CASE("another process's commit changes the external change counter and is seen on reload") {
    testing::TempDir tmp;
    std::string path = freshWorkspace(tmp);
    auto a = geo::Workspace::open(path);
    auto b = geo::Workspace::open(path);
    auto storeA = geo::openSqliteScenarioStore(a);
    auto storeB = geo::openSqliteScenarioStore(b);
    int64_t s = storeA->createScenario("A", {});
    int64_t before = storeB->externalChangeCounter();
    int64_t ownBefore = storeA->externalChangeCounter();
    storeA->addCheckpoint(s, sample(570000, 3900000, "x"));
    CHECK(storeB->externalChangeCounter() != before);
    CHECK(storeA->externalChangeCounter() == ownBefore);  // its own commits do not count
    CHECK(storeB->checkpoints(s).size() == 1);
}

TEST_CASE("analysis gets the named scenario, the first one, or an empty plan") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(freshWorkspace(tmp));
    auto store = geo::openSqliteScenarioStore(ws);
    geo::Scenario empty = geo::scenarioOrEmptyPlan(*store, "");
    CHECK(empty.id == 0);
    CHECK(empty.checkpoints.empty());
    CHECK(empty.params.staffAvailable == geo::ScenarioParams{}.staffAvailable);
    CHECK_THROWS_AS(geo::scenarioOrEmptyPlan(*store, "B"), geo::Error);
    int64_t a = store->createScenario("A", {});
    int64_t b = store->createScenario("B", {});
    store->addCheckpoint(b, sample(570000, 3900000, "x"));
    CHECK(geo::scenarioOrEmptyPlan(*store, "").id == a);
    geo::Scenario named = geo::scenarioOrEmptyPlan(*store, "B");
    CHECK(named.id == b);
    CHECK(named.checkpoints.size() == 1);
}
