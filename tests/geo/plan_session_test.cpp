// The plan session's verbs on a copy of the demo workspace: default names, numbers and staffing
// of added checkpoints, undo/redo round trips, a suggested scenario written in one transaction
// (nothing left when it fails midway), and staffing totals equal to the per-checkpoint sums.
#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/plan_session.hpp"
#include "geo/analysis/seal.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

struct Where {
    double x, y;
};

Where working(double lon, double lat) {
    geo::Transformer("EPSG:4326", "EPSG:4546").transformPoint(lon, lat);
    return {lon, lat};
}

const Where kNational = working(111.7433, 35.2317);  // on the national road, inside the township
const Where kVillage = working(111.7545, 35.2357);   // near a village road
const Where kFar = working(111.70, 35.40);           // 15 km outside, far from every road

geo::PlaceOptions offRoadOutside() {
    geo::PlaceOptions o;
    o.offRoad = true;
    o.outside = true;
    return o;
}

// What a planner sees of a scenario's checkpoints, to compare states before and after.
using Row = std::tuple<int64_t, int, std::string, geo::CheckpointKind, double, double, int, int, std::string, std::string>;
std::vector<Row> rows(const geo::PlanSession& s, int64_t scenario) {
    std::vector<Row> out;
    for (const auto& c : s.checkpoints(scenario))
        out.emplace_back(c.id, c.number, c.name, c.kind, c.x, c.y, c.staffPerShift, c.shifts, c.road, c.district);
    return out;
}

}  // namespace

TEST_CASE("a checkpoint added through the session gets the default name, the next number and staff by road class") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    geo::PlanSession session(ws);
    geo::ScenarioParams params;
    params.defaultShifts = 2;
    const int64_t a = session.createScenario("A", params);
    CHECK_THROWS_AS(session.addCheckpointAt(0, kNational.x + 40, kNational.y, {}), geo::Error);  // no scenario

    geo::Checkpoint first = session.addCheckpointAt(a, kNational.x + 40, kNational.y, {});
    CHECK(first.id > 0);
    CHECK(first.number == 1);
    CHECK(first.roadClass == geo::RoadClass::National);
    REQUIRE(!first.road.empty());
    CHECK(first.name == first.road + "卡口 1");
    CHECK(first.name == geo::defaultCheckpointName(first, 1));
    CHECK(first.staffPerShift == geo::staffPerShiftFor(geo::RoadClass::National));
    CHECK(first.shifts == 2);  // the scenario's

    // Off the roads it is a plain 卡口; a closure added as one has no staff.
    geo::Checkpoint off = session.addCheckpointAt(a, kFar.x, kFar.y, offRoadOutside(), geo::CheckpointKind::RoadClosure);
    CHECK(off.roadFid == -1);
    CHECK(off.name == "卡口 2");
    CHECK(off.staffPerShift == 0);
    CHECK(off.staffRequired() == 0);

    // Deleting renumbers nothing: the next number runs on from the highest; a name given is kept.
    session.deleteCheckpoints(a, {first.id});
    geo::Checkpoint third = session.draftCheckpoint(a, kVillage.x + 20, kVillage.y, {});
    CHECK(third.id == 0);
    CHECK(third.name.empty());
    CHECK(session.checkpoints(a).size() == 1);  // a draft is not stored
    third.name = "东门";
    third = session.addCheckpoint(a, third);
    CHECK(third.number == 3);
    CHECK(third.name == "东门");
    CHECK(third.roadClass == geo::RoadClass::Village);
    CHECK(third.staffPerShift == geo::staffPerShiftFor(geo::RoadClass::Village));
    geo::Checkpoint fourth = session.addCheckpointAt(a, kNational.x - 60, kNational.y, {});
    CHECK(fourth.number == 4);
    CHECK(fourth.name == fourth.road + "卡口 4");

    // Placement refusals leave nothing behind.
    CHECK_THROWS_WITH_AS(session.addCheckpointAt(a, kFar.x, kFar.y, {}), doctest::Contains("outside the township"), geo::Error);
    CHECK(session.checkpoints(a).size() == 3);
}

TEST_CASE("every session verb undoes and redoes back to the same plan") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    geo::PlanSession session(ws);
    const int64_t a = session.createScenario("A");
    std::vector<std::vector<Row>> states{rows(session, a)};
    std::vector<std::string> notes{""};
    auto step = [&] {
        states.push_back(rows(session, a));
        notes.push_back(session.loadScenario(a).notes);
    };

    geo::Checkpoint c = session.addCheckpointAt(a, kNational.x + 40, kNational.y, {});
    step();
    geo::Checkpoint d = session.addCheckpointAt(a, kFar.x, kFar.y, offRoadOutside());
    step();
    session.moveCheckpoint(a, c.id, kVillage.x + 20, kVillage.y, {});
    step();
    CHECK(session.checkpoint(a, c.id)->roadClass == geo::RoadClass::Village);
    geo::Checkpoint renamed = *session.checkpoint(a, c.id);
    renamed.name = "村口 东";
    renamed.hours = "08:00-20:00";
    session.setCheckpoint(a, renamed, "rename checkpoint");
    step();
    session.setKind(a, {c.id, d.id}, geo::CheckpointKind::RoadClosure);
    step();
    CHECK(session.checkpoint(a, c.id)->staffPerShift == 0);
    session.setKind(a, {c.id}, geo::CheckpointKind::VillageGate);  // staffed again by its road class
    step();
    CHECK(session.checkpoint(a, c.id)->staffPerShift == geo::staffPerShiftFor(geo::RoadClass::Village));
    session.setNotes(a, "两个卡口");
    step();
    session.deleteCheckpoints(a, {d.id});
    step();
    CHECK(session.undoLabel(a) == "delete checkpoint");

    // All the way back, one step at a time, then all the way forward again.
    for (size_t i = states.size() - 1; i > 0; --i) {
        REQUIRE(session.canUndo(a));
        CHECK(!session.undo(a).empty());
        CHECK(rows(session, a) == states[i - 1]);
        CHECK(session.loadScenario(a).notes == notes[i - 1]);
    }
    CHECK(!session.canUndo(a));
    CHECK(session.undo(a).empty());
    for (size_t i = 1; i < states.size(); ++i) {
        REQUIRE(session.canRedo(a));
        session.redo(a);
        CHECK(rows(session, a) == states[i]);
        CHECK(session.loadScenario(a).notes == notes[i]);
    }
    CHECK(!session.canRedo(a));

    // A new edit after an undo drops what could be redone.
    session.undo(a);
    session.setParams(a, [&] { auto p = session.loadScenario(a).params; p.staffAvailable = 7; return p; }());
    CHECK(!session.canRedo(a));
    session.undo(a);
    CHECK(session.loadScenario(a).params.staffAvailable == geo::ScenarioParams{}.staffAvailable);

    // Deleting the scenario forgets its history; another session on the file sees the edits.
    auto again = geo::Workspace::open(ws.path());
    geo::PlanSession other(again);
    CHECK(rows(other, a) == rows(session, a));
    session.deleteScenario("A");
    CHECK(!session.canUndo(a));
    CHECK(!session.findScenario("A"));
}

TEST_CASE("a suggested scenario is written in one transaction: a failure midway leaves nothing") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    geo::PlanSession session(ws);
    const int64_t a = session.createScenario("A");
    session.addCheckpointAt(a, kNational.x + 40, kNational.y, {});
    const auto before = session.listScenarios();

    std::vector<geo::Checkpoint> suggested{session.draftCheckpoint(a, kNational.x + 40, kNational.y, {}),
                                           session.draftCheckpoint(a, kVillage.x + 20, kVillage.y, {}),
                                           session.draftCheckpoint(a, kNational.x - 60, kNational.y, {})};
    suggested[0].name = "one";
    suggested[1].name = "two";
    suggested[2].name = "three";
    std::vector<geo::Checkpoint> broken = suggested;
    broken[2].shifts = 0;  // refused by the store after the scenario and two checkpoints are in
    CHECK_THROWS_WITH_AS(session.createSuggestedScenario("B", {}, "seal suggestion from 'A'", broken),
                         doctest::Contains("shifts"), geo::Error);
    CHECK(!session.findScenario("B"));
    CHECK(session.listScenarios().size() == before.size());
    {  // nothing of it in the file either, not even its checkpoints under another scenario id
        auto reopened = geo::Workspace::open(ws.path());
        geo::PlanSession fresh(reopened);
        size_t total = 0;
        for (const auto& s : fresh.listScenarios()) total += static_cast<size_t>(s.checkpoints);
        CHECK(total == 1);
    }
    // A taken name is refused before anything is written.
    CHECK_THROWS_AS(session.createSuggestedScenario("A", {}, "", suggested), geo::Error);
    CHECK(session.checkpoints(a).size() == 1);

    geo::ScenarioParams params;
    params.staffAvailable = 33;
    const int64_t b = session.createSuggestedScenario("B", params, "seal suggestion from 'A'", suggested);
    geo::Scenario made = session.loadScenario(b);
    CHECK(made.name == "B");
    CHECK(made.notes == "seal suggestion from 'A'");
    CHECK(made.params.staffAvailable == 33);
    REQUIRE(made.checkpoints.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(made.checkpoints[i].number == static_cast<int>(i) + 1);
        CHECK(made.checkpoints[i].name == suggested[i].name);
    }
    CHECK(session.checkpoints(a).size() == 1);  // the source is never changed
}

TEST_CASE("staffing totals equal the sums over checkpoints, in all and per district") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    geo::PlanSession session(ws);
    const auto districtNames = session.districts().names();
    REQUIRE(districtNames.size() >= 2);
    geo::ScenarioParams params;
    params.staffAvailable = 10;
    params.staffByDistrict[districtNames[0]] = 4;
    const int64_t a = session.createScenario("A", params);
    session.addCheckpointAt(a, kNational.x + 40, kNational.y, {});
    session.addCheckpointAt(a, kNational.x - 60, kNational.y, {});
    session.addCheckpointAt(a, kVillage.x + 20, kVillage.y, {}, geo::CheckpointKind::VillageGate);
    session.addCheckpointAt(a, kVillage.x + 25, kVillage.y, {}, geo::CheckpointKind::RoadClosure);
    session.addCheckpointAt(a, kFar.x, kFar.y, offRoadOutside());  // in no district
    geo::Scenario sc = session.loadScenario(a);
    geo::StaffingTotals t = session.staffing(sc);

    int required = 0, perShift = 0, closures = 0;
    for (const auto& c : sc.checkpoints) {
        required += c.staffRequired();
        perShift += c.isClosure() ? 0 : c.staffPerShift;
        closures += c.isClosure();
    }
    CHECK(required > 0);
    CHECK(t.staffRequired == required);
    CHECK(t.staffPerShift == perShift);
    CHECK(t.closures == closures);
    CHECK(t.checkpoints + t.closures == static_cast<int>(sc.checkpoints.size()));
    CHECK(t.staffAvailable == 10);
    CHECK(t.isShort() == (required > 10));

    // Every checkpoint is in exactly one row (its district, or the "" row), so rows sum to the totals.
    int rowsRequired = 0, rowsCount = 0;
    for (const auto& d : t.districts) {
        rowsRequired += d.staffRequired;
        rowsCount += d.checkpoints + d.closures;
        int own = 0;
        for (const auto& c : sc.checkpoints)
            if (c.district == d.name) own += c.staffRequired();
        CHECK(d.staffRequired == own);
        CHECK(d.staffAvailable == (d.name == districtNames[0] ? 4 : -1));
    }
    CHECK(rowsRequired == t.staffRequired);
    CHECK(rowsCount == static_cast<int>(sc.checkpoints.size()));
    // Every district of the workspace has a row, even without checkpoints, in name order.
    CHECK(t.districts.size() >= districtNames.size());
    CHECK(std::is_sorted(t.districts.begin(), t.districts.end(),
                         [](const geo::DistrictStaffing& x, const geo::DistrictStaffing& y) { return x.name < y.name; }));

    // With districts given per checkpoint, one in none counts only in the totals.
    std::vector<int> districtOf(sc.checkpoints.size(), -1);
    districtOf[0] = 1;
    geo::StaffingTotals byIndex = geo::staffingTotals(sc.checkpoints, sc.params, districtNames, &districtOf);
    CHECK(byIndex.staffRequired == required);
    REQUIRE(byIndex.districts.size() == districtNames.size());
    CHECK(byIndex.districts[1].staffRequired == sc.checkpoints[0].staffRequired());
    CHECK(byIndex.districts[1].checkpoints == 1);
    CHECK(byIndex.districts[0].staffRequired == 0);
    CHECK(byIndex.districts[0].staffAvailable == 4);
}
