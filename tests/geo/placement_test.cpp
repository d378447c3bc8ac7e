// Placing checkpoints by hand: the name at a junction (highest class, route code, never empty
// while a road there is named), the refusal far outside the township, and default staffing by
// road class the same as a suggested checkpoint's.
#include <doctest/doctest.h>

#include "geo/core/error.hpp"
#include "geo/analysis/seal.hpp"
#include "geo/plan/snap.hpp"
#include "road_layers.hpp"

namespace {

// A crossroads at (1000, 1000): an unnamed village road (first in the layer, as surveyed data
// often lists them) and the national road G344 阳关线, both passing through the junction vertex.
struct Crossroads {
    geo::Layer roads = testing::roadLayer({{{{1000, 0}, {1000, 1000}, {1000, 2000}}, "village", ""},
                                           {{{0, 1000}, {1000, 1000}, {2000, 1000}}, "national", "阳关线"}});
    geo::RoadSnapper snapper{roads, {7, 8}, {"", geo::roadLabel("阳关线", "G344")},
                             {geo::RoadClass::Village, geo::RoadClass::National}};
};

}  // namespace

TEST_CASE("route codes join road names once") {
    CHECK(geo::roadLabel("阳关线", "G344") == "G344 阳关线");
    CHECK(geo::roadLabel("", "S107") == "S107");
    CHECK(geo::roadLabel("G241国道", "G241") == "G241国道");
    CHECK(geo::roadLabel("东垣路", "") == "东垣路");
}

TEST_CASE("a checkpoint at a junction is named after the highest road there, with its route code") {
    Crossroads t;
    geo::Checkpoint c;
    geo::DistrictLocator none;
    geo::placeCheckpoint(c, 1001, 1001, t.snapper, none, 150, false);
    CHECK(c.roadFid == 8);
    CHECK(c.roadClass == geo::RoadClass::National);
    CHECK(c.road == "G344 阳关线");
    // Away from the junction the nearest road is the one: the village road, 200 m up.
    geo::placeCheckpoint(c, 1002, 1200, t.snapper, none, 150, false);
    CHECK(c.roadFid == 7);
    CHECK(c.roadClass == geo::RoadClass::Village);
}

TEST_CASE("a junction where only a lesser road is named is never left without a name") {
    geo::Layer roads = testing::roadLayer({{{{0, 0}, {500, 0}}, "national", ""}, {{{500, 0}, {500, 400}}, "village", "东垣村路"}});
    geo::RoadSnapper snapper(roads, {1, 2}, {"", "东垣村路"}, {geo::RoadClass::National, geo::RoadClass::Village});
    auto hit = snapper.snap(500, 0.5, 150);
    REQUIRE(hit);
    CHECK(hit->roadClass == geo::RoadClass::National);
    CHECK(hit->road == "东垣村路");
}

TEST_CASE("a checkpoint far outside the township is refused unless placed outside on purpose") {
    Crossroads t;
    geo::DistrictLocator none;
    geo::TownshipOutline township(testing::boxLayer({{"王茅镇", {0, 0, 1900, 2000}}}));
    geo::PlacementContext where{t.snapper, none, township};
    geo::PlaceOptions o;
    o.guardDistanceM = 500;
    geo::Checkpoint c;
    CHECK(township.distanceOutside(1000, 1000) == 0);
    CHECK(township.distanceOutside(2000, 1000) == doctest::Approx(100));
    CHECK_NOTHROW(geo::placeByHand(c, 1999, 1001, where, o));  // 100 m out: within the guard distance
    o.offRoad = true;
    CHECK_THROWS_WITH_AS(geo::placeByHand(c, 4900, 1000, where, o), doctest::Contains("3.0 km outside the township"), geo::Error);
    o.outside = true;
    geo::placeByHand(c, 4900, 1000, where, o);
    CHECK(c.x == 4900);
    CHECK(c.roadFid == -1);
}

TEST_CASE("a checkpoint added by hand is staffed by road class as a suggested one") {
    Crossroads t;
    geo::DistrictLocator none;
    geo::TownshipOutline township;
    geo::ScenarioParams params;
    params.defaultShifts = 2;
    geo::Checkpoint national = geo::newCheckpointAt(1200, 1003, {t.snapper, none, township}, {}, params);
    CHECK(national.roadClass == geo::RoadClass::National);
    CHECK(national.staffPerShift == geo::staffPerShiftFor(geo::RoadClass::National));
    CHECK(national.staffPerShift != geo::Checkpoint{}.staffPerShift);  // not the blanket default of 2
    CHECK(national.shifts == 2);
    geo::Checkpoint village = geo::newCheckpointAt(1003, 1500, {t.snapper, none, township}, {}, params);
    CHECK(village.staffPerShift == geo::staffPerShiftFor(geo::RoadClass::Village));
    geo::Checkpoint closure =
        geo::newCheckpointAt(1200, 1003, {t.snapper, none, township}, {}, params, geo::CheckpointKind::RoadClosure);
    CHECK(closure.staffPerShift == 0);
    CHECK(closure.staffRequired() == 0);
}
