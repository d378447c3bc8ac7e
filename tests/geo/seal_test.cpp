// The seal is a true minimum cut: brute force agrees on small random networks, it blocks every
// path from outside to a village, and every one of its checkpoints is needed.
#include <algorithm>
#include <doctest/doctest.h>
#include <functional>

#include "geo/demo.hpp"
#include "geo/seal.hpp"
#include "geo/suggest.hpp"
#include "geo/workspace.hpp"
#include "road_layers.hpp"
#include "test_support.hpp"

using testing::TestRoad;

namespace {

// Smallest k such that some k sites cut S from T (brute force over subsets), up to `limit`.
int bruteForceMinimum(const geo::SealProblem& p, int limit) {
    size_t n = p.sites.size();
    for (int k = 0; k <= limit; ++k) {
        std::vector<uint8_t> pick(n, 0);
        std::fill(pick.end() - k, pick.end(), 1);
        do {
            if (geo::cutsAllPaths(p, pick)) return k;
        } while (std::next_permutation(pick.begin(), pick.end()));
    }
    return limit + 1;
}

std::vector<uint8_t> chosenMask(const geo::SealProblem& p, const geo::SealResult& r) {
    std::vector<uint8_t> mask(p.sites.size(), 0);
    for (const auto& s : r.sites)
        for (size_t k = 0; k < p.sites.size(); ++k)
            if (p.sites[k].x == s.x && p.sites[k].y == s.y && p.sites[k].node == s.node && p.sites[k].edge == s.edge) mask[k] = 1;
    return mask;
}

// Independent of the seal's own model: walk the road graph from every junction outside the
// township, never through a junction or along an edge holding one of the checkpoints.
bool reachesProtected(const geo::CordonNetwork& net, const std::vector<geo::Checkpoint>& cps, double guard) {
    const geo::RoadGraph& g = net.graph();
    geo::Barriers b = geo::placeBarriers(net, cps);
    std::vector<uint8_t> seen(g.nodeCount(), 0);
    std::vector<uint32_t> stack;
    for (uint32_t n = 0; n < g.nodeCount(); ++n)
        if (!net.isInside(g.nodeXy[2 * n], g.nodeXy[2 * n + 1])) { seen[n] = 1; stack.push_back(n); }
    while (!stack.empty()) {
        uint32_t n = stack.back();
        stack.pop_back();
        if (net.isProtected(g.nodeXy[2 * n], g.nodeXy[2 * n + 1], guard)) return true;
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            uint32_t e = g.adjEdge[k];
            uint32_t m = g.otherEnd(e, n);
            if (seen[m] || b.blocksBetween(e, 0, g.edgeLength(e)) || b.nodeBlocked[m]) continue;
            seen[m] = 1;
            stack.push_back(m);
        }
    }
    return false;
}

// A 5x5 grid of junctions 100 m apart with random streets; the township is the square
// 50..350, one village at an inner junction.
struct RandomTown {
    geo::Layer roads, boundary, villages;
    explicit RandomTown(geo::DemoRandom& rnd) {
        std::vector<TestRoad> streets;
        const char* classes[] = {"national", "county", "village", "track"};
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 5; ++j) {
                double x = i * 100.0, y = j * 100.0;
                if (i < 4 && rnd.uniform() < 0.65) streets.emplace_back(std::vector<std::pair<double, double>>{{x, y}, {x + 100, y}}, classes[rnd.below(4)]);
                if (j < 4 && rnd.uniform() < 0.65) streets.emplace_back(std::vector<std::pair<double, double>>{{x, y}, {x, y + 100}}, classes[rnd.below(4)]);
            }
        roads = testing::roadLayer(streets);
        boundary = testing::boxLayer({{"town", {50, 50, 350, 350}}});
        villages = testing::pointLayer({{100.0 * (1 + rnd.below(3)), 100.0 * (1 + rnd.below(3))}});
    }
};

geo::NetworkOptions smallVillages() {
    geo::NetworkOptions o;
    o.villageRadiusM = 20;
    return o;
}

}  // namespace

TEST_CASE("seal on random networks: minimum by brute force, blocks every path, each checkpoint needed") {
    geo::DemoRandom rnd(11);
    int totalSize = 0, largest = 0;
    for (int round = 0; round < 40; ++round) {
        CAPTURE(round);
        RandomTown town(rnd);
        geo::CordonNetwork net(town.roads, town.boundary, nullptr, &town.villages, smallVillages());
        geo::SealOptions o;
        geo::SealProblem p = geo::buildSealProblem(net, o);
        geo::SealResult r = geo::solveSeal(p);
        CHECK(r.forced == 0);
        int size = static_cast<int>(r.sites.size());
        totalSize += size;
        largest = std::max(largest, size);
        CHECK(r.cost == size);
        auto mask = chosenMask(p, r);
        CHECK(std::count(mask.begin(), mask.end(), 1) == size);
        CHECK(geo::cutsAllPaths(p, mask));
        CHECK(bruteForceMinimum(p, size) == size);
        for (size_t k = 0; k < mask.size(); ++k)
            if (mask[k]) {
                mask[k] = 0;
                CHECK_FALSE(geo::cutsAllPaths(p, mask));
                mask[k] = 1;
            }
        auto cps = geo::checkpointsForSites(net, r.sites, 3, "S");
        CHECK_FALSE(reachesProtected(net, cps, o.guardDistanceM));
        // Weighted: never costs more staff than the fewest-checkpoints answer.
        geo::SealOptions w = o;
        w.isWeighted = true;
        geo::SealResult rw = geo::seal(net, w);
        int64_t unweightedStaff = 0;
        for (const auto& s : r.sites) unweightedStaff += geo::staffPerShiftFor(s.roadClass);
        CHECK(rw.cost <= unweightedStaff);
        CHECK(rw.sites.size() >= r.sites.size());
        CHECK_FALSE(reachesProtected(net, geo::checkpointsForSites(net, rw.sites, 3, "W"), o.guardDistanceM));
    }
    MESSAGE("random seals: " << totalSize << " checkpoints over 40 networks, at most " << largest);
    CHECK(totalSize >= 40);  // the cases are not trivial
    CHECK(largest >= 3);
}

TEST_CASE("seal: one checkpoint where entering roads have merged replaces one per road") {
    // Three roads enter from the west and merge at (200,500) into one road to the village.
    geo::Layer roads = testing::roadLayer({
        TestRoad({{-100, 300}, {200, 500}}), TestRoad({{-100, 500}, {200, 500}}), TestRoad({{-100, 700}, {200, 500}}),
        TestRoad({{200, 500}, {800, 500}}),
    });
    geo::Layer boundary = testing::boxLayer({{"t", {0, 0, 1000, 1000}}});
    geo::Layer villages = testing::pointLayer({{800, 500}});
    geo::CordonNetwork net(roads, boundary, nullptr, &villages);
    CHECK(net.entries().size() == 3);
    geo::SealResult r = geo::seal(net, {});
    CHECK(r.sites.size() == 1);
    // A road closure already cutting the trunk leaves nothing to do: zero checkpoints.
    geo::SealOptions closed;
    geo::Checkpoint c;
    c.kind = geo::CheckpointKind::RoadClosure;
    c.x = 400;
    c.y = 500;
    closed.keep = {c};
    CHECK(geo::seal(net, closed).sites.empty());
}

TEST_CASE("seal with nothing to guard is zero checkpoints") {
    geo::Layer roads = testing::roadLayer({TestRoad({{100, 100}, {900, 900}})});
    geo::Layer boundary = testing::boxLayer({{"t", {0, 0, 1000, 1000}}});
    geo::CordonNetwork net(roads, boundary, nullptr, nullptr);
    CHECK(net.entries().empty());
    geo::SealResult r = geo::seal(net, {});
    CHECK(r.sites.empty());
    CHECK(r.cost == 0);
}

TEST_CASE("seal on the demo township cuts every road from outside to the villages") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    auto net = geo::openNetwork(ws);
    geo::SealOptions o;
    geo::SealProblem p = geo::buildSealProblem(*net, o);
    geo::SealResult r = geo::solveSeal(p);
    CHECK(r.forced == 0);
    CHECK(r.sites.size() > 0);
    CHECK(r.sites.size() <= net->entries().size() + 5);
    auto mask = chosenMask(p, r);
    CHECK(geo::cutsAllPaths(p, mask));
    for (size_t k = 0; k < mask.size(); ++k)
        if (mask[k]) {
            mask[k] = 0;
            CHECK_FALSE(geo::cutsAllPaths(p, mask));
            mask[k] = 1;
        }
    CHECK_FALSE(reachesProtected(*net, geo::checkpointsForSites(*net, r.sites, 3, "S"), o.guardDistanceM));
}

TEST_CASE("a seal on the demo stands at the entries it cuts, so the analysis counts them guarded") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    auto net = geo::openNetwork(ws);
    geo::Scenario plan;
    plan.checkpoints = geo::checkpointsForSites(*net, geo::seal(*net, geo::SealOptions{}).sites, 3, "S");
    geo::Figures f = geo::analyze(*net, plan);
    // Entry stretches get their site just inside the boundary; only junction cuts may lie farther in.
    CHECK(f.entriesTotal > 0);
    CHECK(f.entriesGuarded * 10 >= f.entriesTotal * 8);
}

TEST_CASE("suggestions keep the source's road closures, and its checkpoints when asked") {
    geo::Layer roads = testing::roadLayer({TestRoad({{-100, 500}, {800, 500}}), TestRoad({{500, -100}, {500, 500}})});
    geo::Layer boundary = testing::boxLayer({{"t", {0, 0, 1000, 1000}}});
    geo::Layer villages = testing::pointLayer({{800, 500}});
    geo::CordonNetwork net(roads, boundary, nullptr, &villages);
    geo::Scenario from;
    geo::Checkpoint closure;
    closure.kind = geo::CheckpointKind::RoadClosure;
    closure.id = 7;
    closure.x = 500;
    closure.y = 200;  // closes the southern road
    geo::Checkpoint gate;
    gate.id = 8;
    gate.x = 100;
    gate.y = 500;
    from.checkpoints = {closure, gate};
    geo::Suggestion s = geo::suggestPlan(net, from, {});
    // The southern road is closed, so one checkpoint on the trunk seals the village.
    CHECK(s.suggested == 1);
    REQUIRE(s.checkpoints.size() == 2);
    CHECK(s.checkpoints[1].kind == geo::CheckpointKind::RoadClosure);
    for (const auto& c : s.checkpoints) CHECK(c.id == 0);
    geo::SuggestOptions keep;
    keep.keepExisting = true;
    geo::Suggestion k = geo::suggestPlan(net, from, keep);
    CHECK(k.suggested == 0);  // the kept gate already cuts the trunk
    CHECK(k.checkpoints.size() == 2);
}
