// The seal is a true minimum cut: brute force agrees on small random networks, it blocks every
// path from outside to a village, and every one of its checkpoints is needed.
#include <algorithm>
#include <doctest/doctest.h>
#include <functional>

#include "geo/io/demo.hpp"
#include "geo/analysis/seal.hpp"
#include "geo/analysis/seal_flow.hpp"
#include "geo/analysis/suggest.hpp"
#include "geo/workspace/workspace.hpp"
#include "geo/analysis/figures.hpp"
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

// Plain Edmonds-Karp on an explicit split graph (site k: in 2k, out 2k+1; S and T after them),
// one shortest path per search: slow, but nothing like the seal's own flow.
int64_t referenceCutValue(const geo::SealProblem& p) {
    struct Arc { size_t to; int64_t cap; };
    constexpr int64_t kBig = int64_t{1} << 50;
    size_t n = p.sites.size(), s = 2 * n, t = 2 * n + 1;
    std::vector<Arc> arcs;
    std::vector<std::vector<size_t>> out(2 * n + 2);
    auto add = [&](size_t a, size_t b, int64_t cap) {
        out[a].push_back(arcs.size());
        arcs.push_back({b, cap});
        out[b].push_back(arcs.size());
        arcs.push_back({a, 0});
    };
    auto inOf = [&](int32_t e) { return e == geo::SealProblem::kSource ? s : e == geo::SealProblem::kSink ? t : 2 * static_cast<size_t>(e); };
    auto outOf = [&](int32_t e) { return e == geo::SealProblem::kSource ? s : e == geo::SealProblem::kSink ? t : 2 * static_cast<size_t>(e) + 1; };
    for (size_t k = 0; k < n; ++k) add(2 * k, 2 * k + 1, p.sites[k].cost);
    for (auto [a, b] : p.links) {
        add(outOf(a), inOf(b), kBig);
        add(outOf(b), inOf(a), kBig);
    }
    int64_t flow = 0;
    for (;;) {
        std::vector<size_t> via(out.size(), SIZE_MAX);
        std::vector<size_t> queue{s};
        via[s] = 0;
        for (size_t h = 0; h < queue.size() && via[t] == SIZE_MAX; ++h)
            for (size_t a : out[queue[h]])
                if (arcs[a].cap > 0 && via[arcs[a].to] == SIZE_MAX) {
                    via[arcs[a].to] = a;
                    queue.push_back(arcs[a].to);
                }
        if (via[t] == SIZE_MAX) return flow;
        int64_t amount = kBig;
        for (size_t v = t; v != s; v = arcs[via[v] ^ 1].to) amount = std::min(amount, arcs[via[v]].cap);
        for (size_t v = t; v != s; v = arcs[via[v] ^ 1].to) {
            arcs[via[v]].cap -= amount;
            arcs[via[v] ^ 1].cap += amount;
        }
        flow += amount;
    }
}

// A mesh of junctions with the streets between them as sites of their own (some split into
// several stretches), dead-end lanes, random costs; the west column touches the outside and a
// patch in the east is the village.
geo::SealProblem randomMesh(geo::DemoRandom& rnd, int width, int height) {
    geo::SealProblem p;
    auto site = [&](int64_t cost) {
        geo::Site s;
        s.cost = cost;
        s.node = static_cast<uint32_t>(p.sites.size());  // tells sites apart in chosenMask
        p.sites.push_back(s);
        return static_cast<int32_t>(p.sites.size() - 1);
    };
    auto cost = [&] { return rnd.below(3) == 0 ? int64_t{1 + rnd.below(4)} : int64_t{1}; };
    std::vector<int32_t> junction(static_cast<size_t>(width * height));
    for (auto& j : junction) j = site(cost());
    auto street = [&](int32_t a, int32_t b) {
        int stretches = rnd.below(3);
        for (int k = 0; k < stretches; ++k) {
            int32_t m = site(cost());
            p.links.emplace_back(a, m);
            a = m;
        }
        p.links.emplace_back(a, b);
    };
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            int32_t j = junction[static_cast<size_t>(y * width + x)];
            if (x + 1 < width && rnd.uniform() < 0.8) street(j, junction[static_cast<size_t>(y * width + x + 1)]);
            if (y + 1 < height && rnd.uniform() < 0.8) street(j, junction[static_cast<size_t>((y + 1) * width + x)]);
            if (rnd.uniform() < 0.1) p.links.emplace_back(j, site(cost()));  // a dead end
            // Dear sites at the terminals push the cut into the mesh.
            if (x == 0) {
                p.links.emplace_back(geo::SealProblem::kSource, j);
                p.sites[static_cast<size_t>(j)].cost = 6;
            }
            if (x >= width - 3 && y >= height / 3 && y < 2 * height / 3) {
                p.links.emplace_back(j, geo::SealProblem::kSink);
                p.sites[static_cast<size_t>(j)].cost = 6;
            }
        }
    return p;
}

// The seal of the default demo township as the Dinic flow found it (the same 31 sites now).
constexpr size_t kDemoSealSize = 31;

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
    CHECK(r.cost == referenceCutValue(p));
    CHECK(r.sites.size() == kDemoSealSize);  // as the Dinic flow this replaced found
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
    // The seal is cut by the analysis's own rule: every entry counts as guarded.
    CHECK(f.entriesTotal > 0);
    CHECK(f.entriesGuarded == f.entriesTotal);
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

TEST_CASE("seal on larger random meshes: the cost of an independent plain max-flow, and a real cut") {
    geo::DemoRandom rnd(23);
    for (int round = 0; round < 12; ++round) {
        CAPTURE(round);
        geo::SealProblem p = randomMesh(rnd, 12 + round, 10 + round / 2);
        geo::SealResult r = geo::solveSeal(p);
        int64_t reference = referenceCutValue(p);
        CHECK(reference > 0);
        CHECK(r.cost == reference);
        auto mask = chosenMask(p, r);
        CHECK(static_cast<size_t>(std::count(mask.begin(), mask.end(), 1)) == r.sites.size());
        CHECK(geo::cutsAllPaths(p, mask));
        int64_t sum = 0;
        for (const auto& site : r.sites) sum += site.cost;
        CHECK(sum == r.cost);
    }
}

TEST_CASE("vertex cut: bypassed stretches never change the cost, and sites at the terminals stay") {
    using geo::SealProblem;
    // S - a - x - b - T and S - c - T: x (cost 5) lies between a and b (cost 2 and 3).
    std::vector<int64_t> cost{2, 5, 3, 7};
    std::vector<std::pair<int32_t, int32_t>> links{{SealProblem::kSource, 0}, {0, 1}, {1, 2}, {2, SealProblem::kSink},
                                                   {SealProblem::kSource, 3}, {3, SealProblem::kSink}};
    geo::VertexCut cut = geo::minVertexCut(cost, links, SealProblem::kSource, SealProblem::kSink);
    CHECK(cut.value == 9);
    CHECK(cut.isCut == std::vector<uint8_t>{1, 0, 0, 1});
    // Cheaper than both its junctions, x is the cut.
    cost = {5, 1, 5, 7};
    cut = geo::minVertexCut(cost, links, SealProblem::kSource, SealProblem::kSink);
    CHECK(cut.value == 8);
    CHECK(cut.isCut == std::vector<uint8_t>{0, 1, 0, 1});
    // A stretch touching the outside is never bypassed, even when it costs more than its junction.
    std::vector<int64_t> entry{4, 1};
    std::vector<std::pair<int32_t, int32_t>> road{{SealProblem::kSource, 0}, {0, 1}, {1, SealProblem::kSink}};
    cut = geo::minVertexCut(entry, road, SealProblem::kSource, SealProblem::kSink);
    CHECK(cut.value == 1);
    CHECK(cut.isCut == std::vector<uint8_t>{0, 1});
    entry = {1, 1};
    cut = geo::minVertexCut(entry, road, SealProblem::kSource, SealProblem::kSink);
    CHECK(cut.isCut == std::vector<uint8_t>{1, 0});  // of equal cuts, the one nearest the outside
    // Dead ends and loops carry nothing; nothing to cut when the sink is not reachable.
    std::vector<int64_t> lone{1, 1, 1};
    std::vector<std::pair<int32_t, int32_t>> spur{{SealProblem::kSource, 0}, {0, 1}, {1, 2}, {2, 1}};
    cut = geo::minVertexCut(lone, spur, SealProblem::kSource, SealProblem::kSink);
    CHECK(cut.value == 0);
    CHECK(cut.isCut == std::vector<uint8_t>{0, 0, 0});
}
