// Entries as real survey data needs them: road layers clipped a little short of the outline,
// dead ends where the network goes on outside, expressways entered only at their exits, and
// expressways filed under 国道 told by name and route code.
#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <filesystem>

#include "geo/analysis/figures.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/analysis/seal.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/analysis/suggest.hpp"
#include "geo/workspace/workspace.hpp"
#include "road_layers.hpp"
#include "test_support.hpp"

using testing::TestRoad;

namespace {

// A 3 km square township whose road layer was clipped to the county: five roads from the west,
// south, east and north stop 11, 12, 26, 39 and 53 m inside the outline (no road beyond it),
// one crosses it. Farther in: a road ending 80 m inside and one ending 250 m inside, for review.
// A ring road joins them all; villages along it.
struct ClippedTownship {
    geo::Layer roads = testing::roadLayer({
        TestRoad({{11, 1500}, {1500, 1500}}, "county", "W11"),
        TestRoad({{1000, 12}, {1000, 1500}}, "village", "S12"),
        TestRoad({{2974, 1500}, {1500, 1500}}, "national", "E26"),
        TestRoad({{1000, 2961}, {1000, 1500}}, "township", "N39"),
        TestRoad({{2000, 2947}, {2000, 1500}}, "village", "N53"),
        TestRoad({{2000, -300}, {2000, 1500}}, "provincial", "S-cross"),
        TestRoad({{80, 2500}, {1000, 2500}}, "track", "W80"),
        TestRoad({{250, 600}, {1000, 600}}, "track", "W250"),
    });
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 3000, 3000}}});
    geo::Layer villages = testing::pointLayer({{1500, 1500}, {1000, 2500}, {1000, 600}});
};

const geo::Entry* entryNamed(const geo::CordonNetwork& net, const std::string& road) {
    for (const auto& e : net.entries())
        if (e.road == road) return &e;
    return nullptr;
}

geo::NetworkOptions gap(double metres) {
    geo::NetworkOptions o;
    o.entryGapM = metres;
    return o;
}

}  // namespace

TEST_CASE("road ends 11 to 53 m inside a clipped layer are entries; farther ends are listed for review") {
    ClippedTownship t;
    geo::CordonNetwork net(t.roads, t.boundary, nullptr, &t.villages);
    for (const char* road : {"W11", "S12", "E26", "N39", "N53", "S-cross"}) {
        CAPTURE(road);
        CHECK(entryNamed(net, road) != nullptr);
    }
    CHECK(net.entries().size() == 6);
    const geo::Entry* e26 = entryNamed(net, "E26");
    REQUIRE(e26);
    REQUIRE(e26->points.size() == 1);
    CHECK(e26->points[0].gapM == doctest::Approx(26));
    CHECK(e26->roadClass == geo::RoadClass::National);
    // The review list: 80 and 250 m in, nearest first; 53 m is an entry, not on it.
    REQUIRE(net.nearEntries().size() == 2);
    CHECK(net.nearEntries()[0].road == "W80");
    CHECK(net.nearEntries()[0].gapM == doctest::Approx(80));
    CHECK(net.nearEntries()[1].road == "W250");
    CHECK(net.nearEntries()[1].roadClass == geo::RoadClass::Track);
    // Ends within 5 m are entries whatever the gap; a wider gap takes the 80 m end in.
    geo::CordonNetwork touchOnly(t.roads, t.boundary, nullptr, &t.villages, gap(0));
    CHECK(touchOnly.entries().size() == 1);
    CHECK(touchOnly.nearEntries().size() == 7);
    geo::CordonNetwork wide(t.roads, t.boundary, nullptr, &t.villages, gap(100));
    CHECK(wide.entries().size() == 7);
    CHECK(entryNamed(wide, "W80") != nullptr);
    REQUIRE(wide.nearEntries().size() == 1);
    // Unguarded with no plan; a checkpoint on the clipped road guards it (the road is the way in).
    geo::Scenario none;
    geo::Figures f = geo::analyze(net, none);
    CHECK(f.entriesTotal == 6);
    CHECK(f.entriesGuarded == 0);
    geo::Scenario one;
    one.checkpoints = {testing::checkpointAt(300, 1500)};
    CHECK(geo::analyze(net, one).entriesGuarded == 1);
}

TEST_CASE("where the network goes on outside the township, a dead end near the line stays a dead end") {
    // Two neighbouring townships share the line x = 0; our layer holds both. A lane ends 30 m
    // inside ours, with the neighbour's roads 200 m away across the line.
    geo::Layer roads = testing::roadLayer({
        TestRoad({{30, 500}, {800, 500}}, "village", "lane"),
        TestRoad({{-200, -500}, {-200, 1500}}, "county", "neighbour"),
        TestRoad({{800, -300}, {800, 500}}, "county", "trunk"),
    });
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 1000, 1000}}});
    geo::Layer villages = testing::pointLayer({{800, 500}});
    geo::CordonNetwork net(roads, boundary, nullptr, &villages);
    REQUIRE(net.entries().size() == 1);
    CHECK(net.entries()[0].road == "trunk");
    REQUIRE(net.nearEntries().size() == 1);
    CHECK(net.nearEntries()[0].road == "lane");
    CHECK(net.nearEntries()[0].gapM == doctest::Approx(30));
    // Without the neighbour's road the layer is clipped there, and the lane is an entry.
    geo::Layer clipped = testing::roadLayer({
        TestRoad({{30, 500}, {800, 500}}, "village", "lane"),
        TestRoad({{800, -300}, {800, 500}}, "county", "trunk"),
    });
    geo::CordonNetwork clippedNet(clipped, boundary, nullptr, &villages);
    CHECK(clippedNet.entries().size() == 2);
    CHECK(clippedNet.nearEntries().empty());
}

TEST_CASE("an expressway is entered at its exits only; a road passing under it is no exit") {
    // The mainline crosses the township west to east; a ramp leaves it at x=1000 for a local road
    // to a village; a county road ends at the mainline at x=1800 (an exit too); a village road
    // passes under it at x=1500 with no bridge tag and no shared vertex.
    geo::Layer roads = testing::roadLayer({
        TestRoad({{-500, 1000}, {2500, 1000}}, "expressway", "京昆高速"),
        TestRoad({{1000, 1000}, {1000, 700}}, "expressway", "王茅互通匝道"),
        TestRoad({{600, 700}, {1000, 700}, {1000, 300}}, "county", "local"),
        TestRoad({{1800, 1300}, {1800, 1000}}, "county", "R"),
        TestRoad({{1500, 300}, {1500, 1700}}, "village", "under"),
    });
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 2000, 2000}}});
    geo::Layer villages = testing::pointLayer({{1000, 300}, {1800, 1400}, {1500, 1700}});
    geo::CordonNetwork net(roads, boundary, nullptr, &villages);
    REQUIRE(net.entries().size() == 2);
    std::vector<std::string> names;
    for (const auto& e : net.entries()) names.push_back(e.road);
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"R", "王茅互通匝道"});
    const geo::Entry* ramp = entryNamed(net, "王茅互通匝道");
    REQUIRE(ramp);
    CHECK(ramp->roadClass == geo::RoadClass::Expressway);
    CHECK(std::hypot(ramp->x - 1000, ramp->y - 1000) < 1);
    // The road under the expressway leads nowhere from it: it is not joined to the mainline.
    for (uint32_t n = 0; n < net.graph().nodeCount(); ++n)
        CHECK(std::hypot(net.graph().nodeXy[2 * n] - 1500, net.graph().nodeXy[2 * n + 1] - 1000) > 1);
    // A checkpoint on the ramp and one on R guard both; the seal needs exactly two.
    geo::Scenario plan;
    plan.checkpoints = {testing::checkpointAt(1000, 850), testing::checkpointAt(1800, 1150)};
    geo::Figures f = geo::analyze(net, plan);
    CHECK(f.entriesTotal == 2);
    CHECK(f.entriesGuarded == 2);
    geo::Suggestion s = geo::suggestPlan(net, geo::Scenario{}, {});
    CHECK(s.suggested == 2);
    geo::Scenario sealed;
    sealed.checkpoints = s.checkpoints;
    CHECK(geo::analyze(net, sealed).entriesGuarded == 2);
}

TEST_CASE("expressways filed under 国道 are told by name and route code; 快速路 is not one") {
    geo::Layer roads = testing::roadLayer({
        TestRoad({{-100, 100}, {1100, 100}}, "national", "G3001"),
        TestRoad({{-100, 300}, {1100, 300}}, "national", "G5"),
        TestRoad({{-100, 500}, {1100, 500}}, "national", "京港澳高速"),
        TestRoad({{-100, 700}, {1100, 700}}, "national", "G209"),
        TestRoad({{-100, 900}, {1100, 900}}, "provincial", "S25 沿黄高速公路"),
    });
    std::vector<geo::RoadClass> classes = geo::roadClasses(roads);
    CHECK(classes[0] == geo::RoadClass::Expressway);
    CHECK(classes[1] == geo::RoadClass::Expressway);
    CHECK(classes[2] == geo::RoadClass::Expressway);
    CHECK(classes[3] == geo::RoadClass::National);
    CHECK(classes[4] == geo::RoadClass::Expressway);
    CHECK(geo::refineRoadClass(geo::RoadClass::National, "", "G55;G4") == geo::RoadClass::Expressway);
    CHECK(geo::refineRoadClass(geo::RoadClass::National, "", "G108") == geo::RoadClass::National);
    CHECK(geo::refineRoadClass(geo::RoadClass::Village, "高速", "") == geo::RoadClass::Village);
    CHECK(geo::classifyRoad("城市快速路") == geo::RoadClass::National);
    CHECK(geo::classifyRoad("高速公路") == geo::RoadClass::Expressway);
    // Only G209 crosses the boundary as an entry (twice); the expressways have no exits here.
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 1000, 1000}}});
    geo::CordonNetwork net(roads, boundary, nullptr, nullptr);
    CHECK(net.entries().size() == 2);
    for (const auto& e : net.entries()) CHECK(e.road == "G209");
}

TEST_CASE("a seal without villages guards every entry by the analysis's own count, clipped ends included") {
    ClippedTownship t;
    geo::CordonNetwork net(t.roads, t.boundary, nullptr, nullptr);
    REQUIRE(net.entries().size() == 6);
    for (double guard : {300.0, 500.0, 1200.0}) {
        CAPTURE(guard);
        geo::Scenario from;
        from.params.guardDistanceM = guard;
        geo::Suggestion s = geo::suggestPlan(net, from, {});
        geo::Scenario plan = from;
        plan.checkpoints = s.checkpoints;
        geo::Figures f = geo::analyze(net, plan);
        CHECK(f.entriesGuarded == f.entriesTotal);
        CHECK(f.entriesTotal == 6);
        CHECK(s.suggested >= 1);
        CHECK(s.suggested <= 6);
    }
}

TEST_CASE("seal on the demo: every entry guarded; with villages and without") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    auto net = geo::openNetwork(ws);
    geo::Suggestion s = geo::suggestPlan(*net, geo::Scenario{}, {});
    geo::Scenario plan;
    plan.checkpoints = s.checkpoints;
    geo::Figures f = geo::analyze(*net, plan);
    CHECK(f.entriesTotal > 0);
    CHECK(f.entriesGuarded == f.entriesTotal);
    geo::CordonNetwork bare(ws.readLayer("roads"), ws.readLayer("boundary"), nullptr, nullptr);
    geo::Suggestion b = geo::suggestPlan(bare, geo::Scenario{}, {});
    plan.checkpoints = b.checkpoints;
    geo::Figures fb = geo::analyze(bare, plan);
    CHECK(fb.entriesGuarded == fb.entriesTotal);
}

TEST_CASE("budget: 37 checkpoints on a township with 11 entries are more than enough; 11 suffice") {
    // Eleven roads come in from the south, each to its own village: each needs its own checkpoint.
    std::vector<TestRoad> streets;
    std::vector<std::pair<double, double>> homes;
    for (int k = 0; k < 11; ++k) {
        double x = 200.0 + 300.0 * k;
        streets.emplace_back(std::vector<std::pair<double, double>>{{x, -200}, {x, 1500}}, "village");
        homes.emplace_back(x, 1500);
    }
    geo::Layer roads = testing::roadLayer(streets);
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 3600, 3000}}});
    geo::Layer villages = testing::pointLayer(homes);
    geo::CordonNetwork net(roads, boundary, nullptr, &villages);
    REQUIRE(net.entries().size() == 11);
    geo::SuggestOptions o;
    o.isBudget = true;
    o.maxCheckpoints = 37;
    geo::Suggestion s = geo::suggestPlan(net, geo::Scenario{}, o);
    CHECK(s.isEnoughForAll);
    CHECK(s.suggested == 11);
    geo::Scenario plan;
    plan.checkpoints = s.checkpoints;
    CHECK(geo::analyze(net, plan).entriesGuarded == 11);
    // Fewer than needed: the greedy placement, every pick used.
    o.maxCheckpoints = 4;
    geo::Suggestion few = geo::suggestPlan(net, geo::Scenario{}, o);
    CHECK_FALSE(few.isEnoughForAll);
    CHECK(few.suggested == 4);
}

TEST_CASE("the entry gap is a scenario setting; workspaces from before it open with the default") {
    testing::TempDir tmp;
    std::string path = testing::demoWorkspaceCopy(tmp);
    {
        auto ws = geo::Workspace::open(path);
        auto store = geo::openSqliteScenarioStore(ws);
        geo::ScenarioParams p;
        p.entryGapM = 25;
        store->createScenario("A", p);
        store->copyScenario("A", "B");
        CHECK(store->loadScenario(*store->findScenario("B")).params.entryGapM == 25);
        p.entryGapM = -1;
        CHECK_THROWS_AS(store->setParams(*store->findScenario("B"), p), geo::Error);
    }
    // A workspace written before the setting existed: no column.
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        geo::SqliteDb db(raw);
        geo::exec(db.get(), "ALTER TABLE cordon_scenarios DROP COLUMN entry_gap_m");
    }
    {
        auto ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
        auto store = geo::openSqliteScenarioStore(ws);
        CHECK(store->loadScenario(*store->findScenario("A")).params.entryGapM == 60);
    }
    auto columns = [&] {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        geo::SqliteDb db(raw);
        geo::Statement s(db.get(), "SELECT count(*) FROM pragma_table_info('cordon_scenarios') WHERE name = 'entry_gap_m'");
        REQUIRE(s.step());
        return s.integer(0);
    };
    auto ws = geo::Workspace::open(path);
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t a = *store->findScenario("A");
    CHECK(store->loadScenario(a).params.entryGapM == 60);
    CHECK(columns() == 0);  // opening and reading change nothing (the bundled demo stays as committed)
    geo::ScenarioParams p = store->loadScenario(a).params;
    p.entryGapM = 40;
    store->setParams(a, p);
    CHECK(store->loadScenario(a).params.entryGapM == 40);
    CHECK(columns() == 1);
}

TEST_CASE("Liechtenstein: a seal of one municipality with its villages guards every entry") {
    auto real = testing::realData();
    REQUIRE_FALSE(real.empty());
    testing::TempDir dir;
    std::string pbf = (real / "osm-liechtenstein" / "liechtenstein-2013-08-03.osm.pbf").string();
    geo::ImportRequest req;
    req.workspacePath = dir / "schaan.gpkg";
    req.boundary = geo::LayerSource{pbf, "multipolygons", "admin_level = '8' AND name = 'Schaan'"};
    req.roads = geo::LayerSource{pbf, "lines", "highway IS NOT NULL"};
    req.villages = geo::LayerSource{pbf, "points", "place IN ('village', 'town', 'hamlet', 'locality', 'isolated_dwelling')"};
    geo::importWorkspace(req);
    auto ws = geo::Workspace::open(req.workspacePath, geo::Workspace::Mode::ReadOnly);
    auto net = geo::openNetwork(ws);
    REQUIRE(net->hasVillages());
    geo::Suggestion s = geo::suggestPlan(*net, geo::Scenario{}, {});
    geo::Scenario plan;
    plan.checkpoints = s.checkpoints;
    geo::Figures f = geo::analyze(*net, plan);
    MESSAGE("Schaan: " << f.entriesTotal << " entries, " << net->nearEntries().size() << " near entries, seal of "
                       << s.suggested << " guards " << f.entriesGuarded);
    CHECK(f.entriesTotal > 20);
    CHECK(f.entriesGuarded == f.entriesTotal);
    CHECK(s.suggested < static_cast<size_t>(f.entriesTotal));  // the cut stands where roads have merged
}

TEST_CASE("a village reaching the boundary: the seal stands on the entry itself, and says why it must") {
    geo::Layer roads = testing::roadLayer({TestRoad({{-100, 500}, {500, 500}}, "county", "edge"),
                                           TestRoad({{500, -100}, {500, 500}}, "county", "south")});
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 1000, 1000}}});
    geo::Layer villages = testing::pointLayer({{50, 500}, {500, 400}});
    geo::CordonNetwork net(roads, boundary, nullptr, &villages);
    REQUIRE(net.entries().size() == 2);
    const geo::Entry* edge = entryNamed(net, "edge");
    REQUIRE(edge);
    size_t index = static_cast<size_t>(edge - net.entries().data());
    CHECK(geo::unguardedReason(net, index, 500, false).find("village reaches the boundary") != std::string::npos);
    geo::Suggestion s = geo::suggestPlan(net, geo::Scenario{}, {});
    CHECK(s.forced == 1);
    geo::Scenario plan;
    plan.checkpoints = s.checkpoints;
    geo::Figures f = geo::analyze(net, plan);
    CHECK(f.entriesGuarded == 2);
    for (const auto& c : s.checkpoints)
        if (std::abs(c.y - 500) < 1 && c.x < 100) CHECK(c.x < 50);  // between the line and the village
}
