// Snapping to roads: the grid index finds the same nearest road as a brute-force scan,
// respects the tolerance, and districts come from point-in-polygon.
#include <cmath>
#include <doctest/doctest.h>
#include <random>

#include "geo/core/error.hpp"
#include "geo/plan/snap.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

double segDist(double px, double py, double ax, double ay, double bx, double by) {
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(ax + t * dx - px, ay + t * dy - py);
}

}  // namespace

TEST_CASE("snapping picks the nearest road and refuses beyond the tolerance") {
    geo::Layer roads;
    roads.addVertex(0, 0);
    roads.addVertex(1000, 0);
    roads.endRing(); roads.endPart(); roads.endFeature();
    roads.addVertex(0, 100);
    roads.addVertex(1000, 100);
    roads.addVertex(1000, 1000);
    roads.endRing(); roads.endPart(); roads.endFeature();
    geo::RoadSnapper snapper(roads, {11, 12}, {"南路", "北路"}, {geo::RoadClass::County, geo::RoadClass::Village});
    auto a = snapper.snap(500, 30, 150);
    REQUIRE(a);
    CHECK(a->roadFid == 11);
    CHECK(a->road == "南路");
    CHECK(a->x == doctest::Approx(500));
    CHECK(a->y == doctest::Approx(0));
    CHECK(a->distanceM == doctest::Approx(30));
    auto b = snapper.snap(1100, 500, 150);
    REQUIRE(b);
    CHECK(b->roadFid == 12);
    CHECK(b->roadClass == geo::RoadClass::Village);
    CHECK(b->x == doctest::Approx(1000));
    CHECK_FALSE(snapper.snap(500, -200, 150));
    CHECK(snapper.nearestDistance(500, -200, 1000) == doctest::Approx(200));
    CHECK_FALSE(snapper.snap(1e7, 1e7, 150));  // far outside the grid

    geo::Checkpoint c;
    geo::DistrictLocator none;
    CHECK_THROWS_WITH_AS(geo::placeCheckpoint(c, 500, -200, snapper, none, 150, false), doctest::Contains("200 m"), geo::Error);
    geo::placeCheckpoint(c, 500, -200, snapper, none, 150, true);
    CHECK(c.roadFid == -1);
    CHECK(c.y == -200);
}

TEST_CASE("the grid index agrees with a brute-force nearest search") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0, 10000);
    geo::Layer roads;
    std::vector<int64_t> fids;
    for (int f = 0; f < 300; ++f) {
        double x = u(rng), y = u(rng);
        int n = 2 + f % 5;
        for (int v = 0; v < n; ++v) {
            roads.addVertex(x, y);
            x += u(rng) / 20 - 250;
            y += u(rng) / 20 - 250;
        }
        if (f % 50 == 0) roads.addVertex(u(rng), u(rng));  // a few long segments across many cells
        roads.endRing(); roads.endPart(); roads.endFeature();
        fids.push_back(f);
    }
    geo::RoadSnapper snapper(roads, fids, std::vector<std::string>(300), std::vector<geo::RoadClass>(300, geo::RoadClass::Other));
    for (int q = 0; q < 2000; ++q) {
        double x = u(rng) * 1.1 - 500, y = u(rng) * 1.1 - 500;
        double best = INFINITY;
        for (size_t r = 0; r < roads.ringCount(); ++r)
            for (uint32_t v = roads.ringStart[r]; v + 1 < roads.ringStart[r + 1]; ++v)
                best = std::min(best, segDist(x, y, roads.xy[2 * v], roads.xy[2 * v + 1], roads.xy[2 * v + 2], roads.xy[2 * v + 3]));
        auto hit = snapper.snap(x, y, 150);
        if (best <= 150) {
            REQUIRE(hit);
            CHECK(hit->distanceM == doctest::Approx(best));
        } else {
            CHECK_FALSE(hit);
        }
    }
}

TEST_CASE("demo roads snap with names and classes, and districts come from position") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    auto snapper = geo::RoadSnapper::fromWorkspace(ws);
    CHECK(snapper.segmentCount() > 100);
    auto districts = geo::DistrictLocator::fromWorkspace(ws);
    CHECK(districts.names().size() == 5);
    geo::Layer villages = ws.readLayer("villages");
    int districtField = villages.fieldIndex("片区");
    REQUIRE(districtField >= 0);
    size_t agree = 0;
    for (size_t v = 0; v < villages.featureCount(); ++v) {
        double x = villages.xy[2 * villages.ringStart[villages.partStart[villages.featureStart[v]]]];
        double y = villages.xy[2 * villages.ringStart[villages.partStart[villages.featureStart[v]]] + 1];
        agree += districts.districtAt(x, y) == villages.attr(v, districtField);
        // Every village has its own village road starting at it.
        auto hit = snapper.snap(x, y, 150);
        REQUIRE(hit);
        CHECK(hit->distanceM < 1.0);
        CHECK(!hit->road.empty());
    }
    // The seat stands exactly where all five district wedges meet; every other village agrees.
    CHECK(agree >= villages.featureCount() - 1);
}
