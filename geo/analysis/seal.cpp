// Seal problem construction (edges split into outside / free / protected stretches) and the
// minimum vertex cut that answers it.
#include "geo/analysis/seal.hpp"

#include "geo/analysis/seal_flow.hpp"

#include <algorithm>
#include <cmath>

namespace geo {

int staffPerShiftFor(RoadClass c) {
    switch (c) {
    case RoadClass::Expressway: return 4;
    case RoadClass::National: return 4;
    case RoadClass::Provincial: return 3;
    case RoadClass::County: return 3;
    case RoadClass::Township: return 2;
    case RoadClass::Village: return 2;
    case RoadClass::Track: return 1;
    case RoadClass::Other: return 2;
    }
    return 2;
}

namespace {

constexpr int64_t kForcedCost = 1'000'000'000;

}  // namespace

// The guard points of geo/analysis/guard_model.hpp as a cut problem: outside points are the source,
// protected ones the sink, each run of free points between them one site, each free junction one
// site. Kept checkpoints and closures stand between points and cut the run they stand in.
SealProblem buildSealProblem(const CordonNetwork& net, const SealOptions& options) {
    const RoadGraph& g = net.graph();
    const GuardModel& model = net.guardModel(options.guardDistanceM);
    SealProblem p;
    Barriers barriers = placeBarriers(net, options.keep);
    auto siteCost = [&](RoadClass c) { return options.isWeighted ? int64_t{staffPerShiftFor(c)} : int64_t{1}; };
    auto elementOf = [&](Place place) {
        if (place == Place::Outside) return SealProblem::kSource;
        if (place == Place::Protected) { ++p.protectedElements; return SealProblem::kSink; }
        return int32_t{-1};  // a site, made by the caller
    };
    // Junctions.
    std::vector<int32_t> nodeElement(g.nodeCount());
    for (uint32_t n = 0; n < g.nodeCount(); ++n) {
        if (!barriers.nodeBlocked.empty() && barriers.nodeBlocked[n]) { nodeElement[n] = -1; continue; }
        Place place = model.nodePlace(n);
        if (place != Place::Free) { nodeElement[n] = elementOf(place); continue; }
        Site s;
        s.x = g.nodeXy[2 * n]; s.y = g.nodeXy[2 * n + 1]; s.node = n;
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            uint32_t e = g.adjEdge[k];
            if (s.feature == kNoId || net.edgeClass(e) < s.roadClass) { s.feature = g.edgeFeature(e); s.roadClass = net.edgeClass(e); }
        }
        s.cost = siteCost(s.roadClass);
        nodeElement[n] = static_cast<int32_t>(p.sites.size());
        p.sites.push_back(s);
    }
    constexpr int32_t kBlocked = -1;
    auto edgeSite = [&](uint32_t e, double offset, int64_t cost) {
        Site s;
        s.edge = e; s.offset = offset;
        g.pointOnEdge(e, offset, s.x, s.y);
        s.feature = g.edgeFeature(e); s.roadClass = net.edgeClass(e);
        s.cost = cost;
        p.sites.push_back(s);
        return static_cast<int32_t>(p.sites.size() - 1);
    };
    // Edges as chains of runs between their end junctions; a barrier is a run of its own.
    struct Run { Place place; bool isBlocked; double first, last; };
    std::vector<Run> runs;
    for (uint32_t e = 0; e < g.edgeCount(); ++e) {
        double len = g.edgeLength(e);
        runs.clear();
        auto blocks = barriers.onEdge.find(e);
        size_t b = 0;
        auto addPoint = [&](Place place, bool isBlocked, double offset) {
            if (!runs.empty() && runs.back().place == place && runs.back().isBlocked == isBlocked) runs.back().last = offset;
            else runs.push_back({place, isBlocked, offset, offset});
        };
        for (const GuardPoint& pt : model.pointsOn(e)) {
            // Barriers first on a tie, as the guard walk meets them.
            while (blocks != barriers.onEdge.end() && b < blocks->second.size() && blocks->second[b] <= pt.offset)
                addPoint(Place::Free, true, blocks->second[b++]);
            addPoint(pt.place, false, pt.offset);
        }
        while (blocks != barriers.onEdge.end() && b < blocks->second.size()) addPoint(Place::Free, true, blocks->second[b++]);
        int32_t prev = nodeElement[g.edgeFrom[e]];
        double prevOffset = 0;
        for (size_t i = 0; i < runs.size(); ++i) {
            const Run& r = runs[i];
            int32_t element = kBlocked;
            if (!r.isBlocked && r.place != Place::Free) {
                element = elementOf(r.place);
            } else if (!r.isBlocked) {
                // A run next to the outside gets its site at its outer end, where a checkpoint also
                // guards that entry; other runs at their middle point.
                bool nextOutside = i + 1 < runs.size() ? !runs[i + 1].isBlocked && runs[i + 1].place == Place::Outside
                                                       : nodeElement[g.edgeTo[e]] == SealProblem::kSource;
                double at = prev == SealProblem::kSource ? r.first : nextOutside ? r.last : 0.5 * (r.first + r.last);
                element = edgeSite(e, at, siteCost(net.edgeClass(e)));
            }
            if (prev != kBlocked && element != kBlocked && prev != element) {
                if ((prev == SealProblem::kSource && element == SealProblem::kSink) ||
                    (prev == SealProblem::kSink && element == SealProblem::kSource)) {
                    // A protected place touches the outside: only a checkpoint between them cuts it.
                    int32_t k = edgeSite(e, 0.5 * (prevOffset + r.first), kForcedCost);
                    p.sites[static_cast<size_t>(k)].isForced = true;
                    p.links.emplace_back(prev, k);
                    p.links.emplace_back(k, element);
                } else {
                    p.links.emplace_back(prev, element);
                }
            }
            prev = element;
            prevOffset = r.last;
        }
        int32_t last = nodeElement[g.edgeTo[e]];
        if (prev == kBlocked || last == kBlocked || prev == last) continue;
        if ((prev == SealProblem::kSource && last == SealProblem::kSink) || (prev == SealProblem::kSink && last == SealProblem::kSource)) {
            int32_t k = edgeSite(e, 0.5 * (prevOffset + len), kForcedCost);
            p.sites[static_cast<size_t>(k)].isForced = true;
            p.links.emplace_back(prev, k);
            p.links.emplace_back(k, last);
        } else {
            p.links.emplace_back(prev, last);
        }
    }
    return p;
}

SealResult solveSeal(const SealProblem& problem) {
    SealResult r;
    r.candidates = problem.sites.size();
    std::vector<int64_t> cost(problem.sites.size());
    for (size_t k = 0; k < problem.sites.size(); ++k) cost[k] = problem.sites[k].cost;
    VertexCut cut = minVertexCut(cost, problem.links, SealProblem::kSource, SealProblem::kSink);
    for (size_t k = 0; k < problem.sites.size(); ++k)
        if (cut.isCut[k]) {
            r.sites.push_back(problem.sites[k]);
            r.siteIndex.push_back(static_cast<uint32_t>(k));
            if (problem.sites[k].isForced) ++r.forced; else r.cost += problem.sites[k].cost;
        }
    return r;
}

SealResult seal(const CordonNetwork& net, const SealOptions& options) {
    return solveSeal(buildSealProblem(net, options));
}

bool cutsAllPaths(const SealProblem& problem, const std::vector<uint8_t>& chosen) {
    size_t n = problem.sites.size();
    std::vector<std::vector<int32_t>> adj(n + 2);
    auto idx = [&](int32_t e) { return e == SealProblem::kSource ? n : e == SealProblem::kSink ? n + 1 : static_cast<size_t>(e); };
    for (auto [a, b] : problem.links) {
        adj[idx(a)].push_back(static_cast<int32_t>(idx(b)));
        adj[idx(b)].push_back(static_cast<int32_t>(idx(a)));
    }
    std::vector<uint8_t> seen(n + 2, 0);
    std::vector<size_t> stack{n};
    seen[n] = 1;
    while (!stack.empty()) {
        size_t v = stack.back();
        stack.pop_back();
        if (v == n + 1) return false;
        for (int32_t w : adj[v]) {
            size_t u = static_cast<size_t>(w);
            if (seen[u] || (u < n && chosen[u])) continue;
            seen[u] = 1;
            stack.push_back(u);
        }
    }
    return true;
}

std::vector<Checkpoint> checkpointsForSites(const CordonNetwork& net, const std::vector<Site>& sites, int shifts,
                                            const std::string& namePrefix) {
    std::vector<Checkpoint> out;
    for (size_t i = 0; i < sites.size(); ++i) {
        const Site& s = sites[i];
        Checkpoint c;
        c.id = static_cast<int64_t>(i + 1);
        c.x = s.x; c.y = s.y;
        c.roadFid = -1;  // the layer's fid is not known here; snapSuggested sets it
        c.road = s.feature == kNoId ? "" : net.roadName(s.feature);
        c.roadClass = s.roadClass;
        c.kind = CheckpointKind::RoadCheckpoint;
        c.staffPerShift = staffPerShiftFor(s.roadClass);
        c.shifts = shifts;
        char num[24];
        std::snprintf(num, sizeof num, "%02zu", i + 1);
        c.name = namePrefix + num + (c.road.empty() ? "" : " " + c.road);
        int d = net.districtNear(s.x, s.y, 200);
        if (d >= 0) c.district = net.districtNames()[static_cast<size_t>(d)];
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace geo
