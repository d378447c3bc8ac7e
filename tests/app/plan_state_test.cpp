// The GUI's plan session without a window: a click snaps and commits, staffing follows, undo and
// redo go through the store, a far click is refused unless off-road, drags re-snap.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "app/plan_state.hpp"
#include "geo/core/crs.hpp"
#include "geo/io/demo.hpp"
#include "geo/core/error.hpp"
#include "geo/analysis/seal.hpp"

namespace {

struct DemoCopy {
    std::filesystem::path dir;
    DemoCopy() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("cordon-plan-state-test-" + std::to_string(rd()));
        geo::DemoOptions o;
        o.outDir = dir.string();
        geo::generateDemo(o);
    }
    ~DemoCopy() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

void working(double& x, double& y) { geo::Transformer("EPSG:4326", "EPSG:4546").transformPoint(x, y); }

}  // namespace

TEST_CASE("the GUI plan session adds, moves, undoes and redoes through the workspace") {
    DemoCopy demo;
    auto ws = geo::Workspace::open((demo.dir / "demo.gpkg").string());
    app::PlanState plan;
    plan.attach(&ws);
    REQUIRE(plan.isOpen());
    CHECK(plan.scenarioId() == 0);
    double x = 111.7433, y = 35.2317;  // on the national road, inside the township
    working(x, y);
    CHECK_THROWS_AS(plan.addAt(x, y, false), geo::Error);  // no scenario yet
    plan.createScenario("A");
    uint64_t v0 = plan.version();
    int64_t id = plan.addAt(x + 40, y, false);
    CHECK(plan.version() > v0);
    REQUIRE(plan.scenario().checkpoints.size() == 1);
    const geo::Checkpoint& c = plan.scenario().checkpoints[0];
    CHECK(c.id == id);
    CHECK(c.roadClass == geo::RoadClass::National);
    CHECK(c.staffPerShift == geo::staffPerShiftFor(geo::RoadClass::National));  // as a suggested one
    CHECK(c.number == 1);
    CHECK(plan.selection.count(id) == 1);
    CHECK(plan.lastPlaced.find(c.road) != std::string::npos);
    CHECK(plan.staffing().staffRequired == c.staffRequired());

    // 15 km outside the township: refused unless placed outside on purpose; far from every
    // road too: refused, unless off-road.
    double fx = 111.70, fy = 35.40;
    working(fx, fy);
    CHECK_THROWS_WITH_AS(plan.addAt(fx, fy, true), doctest::Contains("outside the township"), geo::Error);
    CHECK_THROWS_WITH_AS(plan.addAt(fx, fy, false, true), doctest::Contains("no road within"), geo::Error);
    CHECK(plan.scenario().checkpoints.size() == 1);
    int64_t off = plan.addAt(fx, fy, true, true);
    CHECK(plan.session().checkpoint(plan.scenarioId(), off)->roadFid == -1);

    // Drag the first one near a village road: it re-snaps there.
    double vx = 111.7545, vy = 35.2357;
    working(vx, vy);
    plan.moveTo(id, vx + 20, vy, false);
    auto moved = plan.session().checkpoint(plan.scenarioId(), id);
    CHECK(moved->roadClass == geo::RoadClass::Village);
    CHECK(!moved->district.empty());

    plan.selection = {off};
    plan.deleteSelected();
    CHECK(plan.scenario().checkpoints.size() == 1);
    plan.undo();  // the delete
    CHECK(plan.scenario().checkpoints.size() == 2);
    plan.undo();  // the move
    CHECK(plan.session().checkpoint(plan.scenarioId(), id)->roadClass == geo::RoadClass::National);
    plan.redo();
    CHECK(plan.session().checkpoint(plan.scenarioId(), id)->roadClass == geo::RoadClass::Village);

    // A second session on the same file sees every committed edit.
    auto again = geo::Workspace::open((demo.dir / "demo.gpkg").string());
    app::PlanState other;
    other.attach(&again);
    CHECK(other.scenario().checkpoints.size() == 2);
}

TEST_CASE("the plan state answers before any workspace is open") {
    app::PlanState closed;
    CHECK(!closed.isOpen());
    CHECK(!closed.canUndo());
    CHECK(closed.staffing().staffRequired == 0);
    CHECK(closed.districts().names().empty());
    CHECK(!closed.roads().snap(0, 0));
    std::vector<std::string_view> texts;
    app::collectPlanTexts(closed, texts);  // the GUI's first frame asks for these before a workspace opens
    CHECK(!texts.empty());
    closed.undo();  // nothing to undo: no effect, no crash
    CHECK(closed.scenarioId() == 0);
}
