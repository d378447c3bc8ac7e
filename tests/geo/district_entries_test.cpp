// District-boundary entries on a hand-made two-district township with known answers, and on
// the demo, whose five wedge districts meet at the centre.
#include <cmath>
#include <doctest/doctest.h>

#include "geo/analysis/district_entries.hpp"
#include "geo/workspace/workspace.hpp"
#include "road_layers.hpp"
#include "test_support.hpp"

using testing::TestRoad;
using testing::checkpointAt;

namespace {

// A 1 km square split at x=500 into W and E. A (national) and E (village) cross the district
// line; D is cut at it, 3 m short on each side; F weaves across it three times within 60 m;
// G ends 20 m short of it; H stays inside W.
struct TwoDistricts {
    geo::Layer roads = testing::roadLayer({
        TestRoad({{-200, 500}, {1200, 500}}, "national", "A"),
        TestRoad({{300, 100}, {700, 100}}, "village", "E"),
        TestRoad({{400, 700}, {497, 700}}, "track", "D"),
        TestRoad({{503, 700}, {600, 700}}, "track", "D"),
        TestRoad({{450, 300}, {550, 320}, {450, 340}, {550, 360}}, "residential", "F"),
        TestRoad({{400, 800}, {480, 800}}, "track", "G"),
        TestRoad({{100, 200}, {100, 900}}, "village", "H"),
    });
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 1000, 1000}}});
    geo::Layer districts = testing::boxLayer({{"W", {0, 0, 500, 1000}}, {"E", {500, 0, 1000, 1000}}});
    geo::CordonNetwork net{roads, boundary, &districts, nullptr};
};

const geo::DistrictEntry* on(const std::vector<geo::DistrictEntry>& entries, const std::string& road) {
    for (const auto& e : entries)
        if (e.road == road) return &e;
    return nullptr;
}

std::vector<uint8_t> guarding(const geo::CordonNetwork& net, const std::vector<geo::DistrictEntry>& entries,
                              std::vector<geo::Checkpoint> cps) {
    return geo::guardDistrictEntries(net, entries, geo::placeBarriers(net, cps), 300);
}

}  // namespace

TEST_CASE("district entries: crossings, 5 m touches and 100 m merging, most important road first") {
    TwoDistricts t;
    auto entries = geo::findDistrictEntries(t.net);
    REQUIRE(entries.size() == 4);
    CHECK(entries[0].road == "A");
    CHECK(entries[0].roadClass == geo::RoadClass::National);
    CHECK(entries[0].x == doctest::Approx(500));
    CHECK(entries[0].y == doctest::Approx(500));
    CHECK(t.net.districtNames()[static_cast<size_t>(entries[0].from)] == "W");  // A runs west to east
    CHECK(t.net.districtNames()[static_cast<size_t>(entries[0].to)] == "E");
    REQUIRE(on(entries, "E"));
    CHECK(on(entries, "E")->y == doctest::Approx(100));
    REQUIRE(on(entries, "D"));
    CHECK(on(entries, "D")->points.size() == 2);  // both cut ends, 6 m apart
    REQUIRE(on(entries, "F"));
    CHECK(on(entries, "F")->points.size() == 3);  // three crossings, one entry
    CHECK(!on(entries, "G"));
    CHECK(!on(entries, "H"));
    // The township's own boundary is not a district entry.
    for (const auto& e : entries) CHECK(e.x > 400);
}

TEST_CASE("district entries: guarded by a barrier within the guard distance into either district") {
    TwoDistricts t;
    auto entries = geo::findDistrictEntries(t.net);
    REQUIRE(entries.size() == 4);
    auto indexOf = [&](const char* road) { return static_cast<size_t>(on(entries, road) - entries.data()); };
    size_t a = indexOf("A"), e = indexOf("E");
    // Nothing placed: nothing guarded.
    for (uint8_t g : guarding(t.net, entries, {})) CHECK(g == 0);
    // A checkpoint 100 m into E on A guards A's east side; none on road E.
    auto g1 = guarding(t.net, entries, {checkpointAt(600, 500)});
    CHECK(g1[a] == 1);
    CHECK(g1[e] == 0);
    // 400 m in is beyond the 300 m guard distance; A westwards reaches the W boundary unchecked.
    CHECK(guarding(t.net, entries, {checkpointAt(900, 500)})[a] == 0);
    // A closure 150 m into W on road E guards it: E's west side ends at x=300 within 200 m.
    CHECK(guarding(t.net, entries, {checkpointAt(350, 100, geo::CheckpointKind::RoadClosure)})[e] == 1);
    // A checkpoint on a road that does not lead from the entry guards nothing.
    CHECK(guarding(t.net, entries, {checkpointAt(100, 500)})[e] == 0);
}

TEST_CASE("demo township: the wedge districts meet at the centre, so there are district entries") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    auto net = geo::openNetwork(ws);
    auto entries = geo::findDistrictEntries(*net);
    CHECK(entries.size() > 0);
    for (const auto& e : entries) {
        CHECK(e.from >= 0);
        CHECK(e.to >= 0);
        CHECK(e.from != e.to);
        CHECK(net->isInside(e.x, e.y));
    }
    // Entries joining the same two districts are at least 100 m apart.
    for (size_t i = 0; i < entries.size(); ++i)
        for (size_t j = i + 1; j < entries.size(); ++j) {
            if (std::minmax(entries[i].from, entries[i].to) != std::minmax(entries[j].from, entries[j].to)) continue;
            for (const auto& p : entries[i].points)
                for (const auto& q : entries[j].points) CHECK(std::hypot(p.x - q.x, p.y - q.y) >= 100);
        }
    auto guarded = geo::guardDistrictEntries(*net, entries, geo::placeBarriers(*net, {}), 500);
    for (uint8_t g : guarded) CHECK(g == 0);
}
