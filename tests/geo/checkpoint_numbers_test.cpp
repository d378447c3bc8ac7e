// Checkpoint numbers as planners see them (1..n per scenario, kept by copies, never reused by a
// delete), their migration into older workspaces, and the closure rule: a closure has no staff.
#include <doctest/doctest.h>
#include <filesystem>

#include "geo/core/error.hpp"
#include "geo/plan/plan_history.hpp"
#include "geo/plan/roster_export.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/analysis/seal.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

std::vector<int> numbers(const geo::ScenarioStore& store, int64_t scenario) {
    std::vector<int> out;
    for (const auto& c : store.checkpoints(scenario)) out.push_back(c.number);
    return out;
}

geo::Checkpoint named(const std::string& name, double x) {
    geo::Checkpoint c = testing::checkpointAt(570000 + x, 3900000);
    c.name = name;
    return c;
}

}  // namespace

TEST_CASE("checkpoint numbers run 1..n in each scenario, whatever the ids of other scenarios") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t a = store->createScenario("方案A", {});
    int64_t b = store->createScenario("方案B", {});
    // Adds interleaved between the two plans, as two planners would: ids go 1, 2, 3, ... across both.
    store->addCheckpoint(a, named("北口", 0));
    store->addCheckpoint(b, named("东口", 10));
    store->addCheckpoint(a, named("南口", 20));
    store->addCheckpoint(b, named("西口", 30));
    int64_t third = store->addCheckpoint(a, named("东垣村口", 40));
    CHECK(numbers(*store, a) == std::vector<int>{1, 2, 3});
    CHECK(numbers(*store, b) == std::vector<int>{1, 2});
    CHECK(store->checkpoint(a, third)->number == 3);
    CHECK(third == 5);  // the id is not what the planner sees

    // Deleting #2 renumbers nothing; the next one is #4.
    store->deleteCheckpoint(a, store->checkpoints(a)[1].id);
    CHECK(numbers(*store, a) == std::vector<int>{1, 3});
    store->addCheckpoint(a, named("新口", 50));
    CHECK(numbers(*store, a) == std::vector<int>{1, 3, 4});

    // A copy keeps the numbering; its own next one follows it.
    int64_t c = store->copyScenario("方案A", "方案C");
    CHECK(numbers(*store, c) == std::vector<int>{1, 3, 4});
    store->addCheckpoint(c, named("加岗", 60));
    CHECK(numbers(*store, c) == std::vector<int>{1, 3, 4, 5});
    CHECK(numbers(*store, a) == std::vector<int>{1, 3, 4});
}

TEST_CASE("undo of a delete brings a checkpoint back under its number, redo of an add too") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    auto store = geo::openSqliteScenarioStore(ws);
    geo::PlanHistory history(*store);
    int64_t a = store->createScenario("A", {});
    history.addCheckpoint(a, named("一", 0));
    int64_t second = history.addCheckpoint(a, named("二", 10));
    history.addCheckpoint(a, named("三", 20));
    history.deleteCheckpoints(a, {second});
    history.undo(a);
    CHECK(store->checkpoint(a, second)->number == 2);
    history.undo(a);  // the add of 三
    history.redo(a);
    CHECK(numbers(*store, a) == std::vector<int>{1, 2, 3});
}

TEST_CASE("a schema 2 workspace gets its checkpoints numbered per scenario on open") {
    testing::TempDir tmp;
    std::string path = testing::demoWorkspaceCopy(tmp);
    {
        auto ws = geo::Workspace::open(path);
        auto store = geo::openSqliteScenarioStore(ws);
        int64_t a = store->createScenario("A", {}), b = store->createScenario("B", {});
        store->addCheckpoint(a, named("a1", 0));
        store->addCheckpoint(b, named("b1", 0));
        store->addCheckpoint(a, named("a2", 0));
        store->addCheckpoint(b, named("b2", 0));
        store->addCheckpoint(a, named("a3", 0));
    }
    {  // What Cordon wrote before numbers: no column, version 2.
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        geo::SqliteDb db(raw);
        geo::exec(db.get(), "ALTER TABLE checkpoints DROP COLUMN number; UPDATE cordon_meta SET value = '2' WHERE key = 'schema_version'");
    }
    {  // Read-only: not migrated, but the numbers are shown all the same.
        auto ro = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
        auto store = geo::openSqliteScenarioStore(ro);
        CHECK(numbers(*store, store->requireScenario("B")) == std::vector<int>{1, 2});
    }
    auto ws = geo::Workspace::open(path);
    CHECK(ws.schemaVersion() == geo::kSchemaVersion);
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t a = store->requireScenario("A");
    CHECK(numbers(*store, a) == std::vector<int>{1, 2, 3});
    CHECK(numbers(*store, store->requireScenario("B")) == std::vector<int>{1, 2});
    store->addCheckpoint(a, named("a4", 0));
    CHECK(numbers(*store, a) == std::vector<int>{1, 2, 3, 4});
}

TEST_CASE("a road closure has no staff: refused when set, cleared when made, shown as none") {
    geo::Checkpoint c = testing::checkpointAt(0, 0);
    c.roadClass = geo::RoadClass::National;
    c.staffPerShift = 4;
    geo::setCheckpointKind(c, geo::CheckpointKind::RoadClosure);
    CHECK(c.staffPerShift == 0);
    CHECK_THROWS_WITH_AS(geo::setStaffPerShift(c, 2), doctest::Contains("封路"), geo::Error);
    CHECK_NOTHROW(geo::setStaffPerShift(c, 0));
    // Back to a staffed kind: the default for its road class, as a suggested checkpoint gets.
    geo::setCheckpointKind(c, geo::CheckpointKind::RoadCheckpoint);
    CHECK(c.staffPerShift == geo::staffPerShiftFor(geo::RoadClass::National));

    // A closure stored with staff (as older Cordon wrote by default, or another tool) reads as none.
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t a = store->createScenario("A", {});
    geo::Checkpoint closure = testing::checkpointAt(570000, 3900000, geo::CheckpointKind::RoadClosure);
    closure.name = "封路";
    closure.staffPerShift = 2;  // the old default
    int64_t id = store->addCheckpoint(a, closure);
    geo::exec(ws.db(), "UPDATE checkpoints SET staff_per_shift = 3");
    CHECK(store->checkpoint(a, id)->staffPerShift == 0);
    // The roster shows it as a closure: kind 封路 and no staff in any column.
    geo::Scenario sc = store->loadScenario(a);
    std::string csv = geo::rosterCsv(sc, ws.workingEpsg());
    auto row = csv.substr(csv.find("\r\n") + 2);
    CHECK(row.rfind("1,封路,road_closure,封路,", 0) == 0);
    CHECK(row.find(",0,0,0,") != std::string::npos);
}
