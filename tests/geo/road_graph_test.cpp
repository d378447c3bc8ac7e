// Road graph: at-grade crossings join, bridges do not, near-touching ends snap, shared OSM nodes join.
#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <numeric>

#include "geo/io/demo.hpp"
#include "geo/analysis/road_graph.hpp"
#include "geo/workspace/workspace.hpp"
#include "road_layers.hpp"
#include "test_support.hpp"

using testing::TestRoad;

namespace {

geo::RoadGraph graphOf(const std::vector<TestRoad>& roads, double tol = 1.0) {
    geo::Layer l = testing::roadLayer(roads);
    return geo::buildRoadGraph(l, geo::roadLevels(l), geo::RoadGraphOptions{tol});
}

size_t maxDegree(const geo::RoadGraph& g) {
    uint32_t d = 0;
    for (uint32_t n = 0; n < g.nodeCount(); ++n) d = std::max(d, g.degree(n));
    return d;
}

}  // namespace

TEST_CASE("two roads crossing at grade meet in one junction of degree four") {
    auto g = graphOf({{{{0, 0}, {100, 100}}}, {{{0, 100}, {100, 0}}}});
    CHECK(g.nodeCount() == 5);
    CHECK(g.edgeCount() == 4);
    CHECK(maxDegree(g) == 4);
    for (uint32_t e = 0; e < g.edgeCount(); ++e) CHECK(g.edgeLength(e) == doctest::Approx(std::hypot(50, 50)));
}

TEST_CASE("a bridge or tunnel passes over a road without joining it") {
    for (const char* tags : {"\"bridge\"=>\"yes\"", "\"tunnel\"=>\"yes\"", "\"layer\"=>\"1\""}) {
        CAPTURE(tags);
        auto g = graphOf({{{{0, 0}, {100, 100}}}, {{{0, 100}, {100, 0}}, "national", "", tags}});
        CHECK(g.nodeCount() == 4);
        CHECK(g.edgeCount() == 2);
    }
    // Explicit bridge=no stays at grade.
    auto g = graphOf({{{{0, 0}, {100, 100}}}, {{{0, 100}, {100, 0}}, "national", "", "\"bridge\"=>\"no\""}});
    CHECK(g.nodeCount() == 5);
}

TEST_CASE("a road ending just short of another joins it within the snap tolerance") {
    std::vector<TestRoad> roads = {{{{0, 0}, {200, 0}}}, {{{100, 0.6}, {100, 100}}}};
    auto joined = graphOf(roads, 1.0);
    CHECK(joined.edgeCount() == 3);
    CHECK(maxDegree(joined) == 3);
    auto apart = graphOf(roads, 0.5);
    CHECK(apart.edgeCount() == 2);
    CHECK(maxDegree(apart) == 1);
}

TEST_CASE("ways sharing an interior node join there unless they pass at different levels") {
    // Two polylines through the common vertex (50,50), as OSM ways sharing a node.
    auto g = graphOf({{{{0, 0}, {50, 50}, {100, 0}}}, {{{0, 100}, {50, 50}, {100, 100}}}});
    CHECK(g.nodeCount() == 5);
    CHECK(maxDegree(g) == 4);
    auto apart = graphOf({{{{0, 0}, {50, 50}, {100, 0}}}, {{{0, 100}, {50, 50}, {100, 100}}, "village", "", "\"layer\"=>\"-1\""}});
    CHECK(maxDegree(apart) == 2);  // each passes through its own point; no junction
    // A way whose end is the shared node joins whatever its level (a bridge meets its approach).
    auto ramp = graphOf({{{{0, 0}, {50, 50}, {100, 0}}}, {{{50, 50}, {50, 150}}, "village", "", "\"bridge\"=>\"yes\""}});
    CHECK(maxDegree(ramp) == 3);
}

TEST_CASE("random segments: junctions match a brute-force count of crossings") {
    geo::DemoRandom rnd(7);
    for (int round = 0; round < 20; ++round) {
        std::vector<TestRoad> roads;
        int n = 10 + rnd.below(60);
        for (int i = 0; i < n; ++i)
            roads.emplace_back(std::vector<std::pair<double, double>>{{rnd.uniform(0, 1000), rnd.uniform(0, 1000)},
                                                                       {rnd.uniform(0, 1000), rnd.uniform(0, 1000)}});
        size_t crossings = 0;
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j) {
                auto [ax, ay] = roads[static_cast<size_t>(i)].points[0];
                auto [bx, by] = roads[static_cast<size_t>(i)].points[1];
                auto [cx, cy] = roads[static_cast<size_t>(j)].points[0];
                auto [dx, dy] = roads[static_cast<size_t>(j)].points[1];
                auto side = [](double px, double py, double qx, double qy, double rx, double ry) {
                    return (qx - px) * (ry - py) - (qy - py) * (rx - px);
                };
                if (side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0 &&
                    side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0)
                    ++crossings;
            }
        auto g = graphOf(roads, 0.0);
        CAPTURE(round);
        CHECK(g.nodeCount() == 2 * static_cast<size_t>(n) + crossings);
        CHECK(g.edgeCount() == static_cast<size_t>(n) + 2 * crossings);
    }
}

TEST_CASE("demo network: edges cover every line exactly and the adjacency is consistent") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    geo::Layer roads = ws.readLayer("roads");
    auto g = geo::buildRoadGraph(roads, geo::roadLevels(roads));
    double lineLength = 0, edgeLength = 0;
    for (size_t r = 0; r < g.lineCount(); ++r) lineLength += g.vertexDist[g.lineStart[r + 1] - 1];
    for (uint32_t e = 0; e < g.edgeCount(); ++e) edgeLength += g.edgeLength(e);
    CHECK(edgeLength == doctest::Approx(lineLength).epsilon(1e-9));
    for (uint32_t n = 0; n < g.nodeCount(); ++n)
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            uint32_t e = g.adjEdge[k];
            CHECK((g.edgeFrom[e] == n || g.edgeTo[e] == n));
        }
    // Node positions agree with the edge geometry at both ends.
    for (uint32_t e = 0; e < g.edgeCount(); ++e) {
        double x, y;
        g.pointOnEdge(e, 0, x, y);
        CHECK(std::hypot(x - g.nodeXy[2 * g.edgeFrom[e]], y - g.nodeXy[2 * g.edgeFrom[e] + 1]) < 1.01);
        g.pointOnEdge(e, g.edgeLength(e), x, y);
        CHECK(std::hypot(x - g.nodeXy[2 * g.edgeTo[e]], y - g.nodeXy[2 * g.edgeTo[e] + 1]) < 1.01);
    }
    // Junctions exist: the network is connected through crossings, not a bundle of lone lines.
    CHECK(g.nodeCount() < 2 * g.lineCount());
}

TEST_CASE("the locator finds the nearest road position") {
    auto g = graphOf({{{{0, 0}, {100, 0}, {100, 100}}}, {{{200, 0}, {300, 0}}}});
    geo::RoadLocator loc(g);
    auto p = loc.nearest(110, 50, 50);
    REQUIRE(p.isValid());
    CHECK(p.distance == doctest::Approx(10));
    CHECK(p.x == doctest::Approx(100));
    double x, y;
    g.pointOnEdge(p.edge, p.offset, x, y);
    CHECK(x == doctest::Approx(100));
    CHECK(y == doctest::Approx(50));
    CHECK_FALSE(loc.nearest(150, 300, 50).isValid());
}
