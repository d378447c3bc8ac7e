// Seal problem construction (edges split into outside / free / protected stretches) and the
// minimum vertex cut that answers it.
#include "geo/seal.hpp"

#include "geo/seal_flow.hpp"

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
enum class Place : uint8_t { Outside, Free, Protected, Blocked };

}  // namespace

SealProblem buildSealProblem(const CordonNetwork& net, const SealOptions& options) {
    const RoadGraph& g = net.graph();
    SealProblem p;
    Barriers barriers = placeBarriers(net, options.keep);
    auto classify = [&](double x, double y) {
        if (!net.isInside(x, y)) return Place::Outside;
        return net.isProtected(x, y, options.guardDistanceM) ? Place::Protected : Place::Free;
    };
    auto siteCost = [&](RoadClass c) { return options.isWeighted ? int64_t{staffPerShiftFor(c)} : int64_t{1}; };
    // Junctions.
    std::vector<int32_t> nodeElement(g.nodeCount());
    for (uint32_t n = 0; n < g.nodeCount(); ++n) {
        double x = g.nodeXy[2 * n], y = g.nodeXy[2 * n + 1];
        Place place = !barriers.nodeBlocked.empty() && barriers.nodeBlocked[n] ? Place::Blocked : classify(x, y);
        if (place == Place::Outside) { nodeElement[n] = SealProblem::kSource; continue; }
        if (place == Place::Protected) { nodeElement[n] = SealProblem::kSink; ++p.protectedElements; continue; }
        if (place == Place::Blocked) { nodeElement[n] = -1; continue; }
        Site s;
        s.x = x; s.y = y; s.node = n;
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            uint32_t e = g.adjEdge[k];
            if (s.feature == kNoId || net.edgeClass(e) < s.roadClass) { s.feature = g.edgeFeature(e); s.roadClass = net.edgeClass(e); }
        }
        s.cost = siteCost(s.roadClass);
        nodeElement[n] = static_cast<int32_t>(p.sites.size());
        p.sites.push_back(s);
    }
    auto link = [&](int32_t a, int32_t b, double x, double y, uint32_t e, double offset) {
        if (a == -1 || b == -1 || a == b) return;
        if ((a == SealProblem::kSource && b == SealProblem::kSink) || (a == SealProblem::kSink && b == SealProblem::kSource)) {
            // A protected place touches the outside: only a checkpoint right here cuts it.
            Site s;
            s.x = x; s.y = y; s.edge = e; s.offset = offset;
            s.feature = g.edgeFeature(e); s.roadClass = net.edgeClass(e);
            s.cost = kForcedCost;
            s.isForced = true;
            int32_t k = static_cast<int32_t>(p.sites.size());
            p.sites.push_back(s);
            p.links.emplace_back(a, k);
            p.links.emplace_back(k, b);
            return;
        }
        p.links.emplace_back(a, b);
    };
    // Edges as chains of stretches between their end junctions.
    std::vector<std::pair<double, Place>> samples;
    double spacing = std::max(options.sampleSpacingM, 1.0);
    for (uint32_t e = 0; e < g.edgeCount(); ++e) {
        double len = g.edgeLength(e);
        samples.clear();
        int steps = std::max(1, static_cast<int>(std::ceil(len / spacing)));
        for (int k = 0; k < steps; ++k) {
            double o = len * (k + 0.5) / steps;
            double x, y;
            g.pointOnEdge(e, o, x, y);
            samples.emplace_back(o, classify(x, y));
        }
        auto it = barriers.onEdge.find(e);
        if (it != barriers.onEdge.end()) {
            for (double o : it->second) samples.emplace_back(o, Place::Blocked);
            std::sort(samples.begin(), samples.end(), [](auto& a, auto& b) { return a.first < b.first; });
        }
        int32_t prev = nodeElement[g.edgeFrom[e]];
        double prevOffset = 0;
        for (size_t i = 0; i < samples.size();) {
            size_t j = i;
            while (j < samples.size() && samples[j].second == samples[i].second) ++j;
            Place place = samples[i].second;
            double mid = samples[(i + j - 1) / 2].first;
            double x, y;
            g.pointOnEdge(e, samples[i].first, x, y);
            int32_t element = -1;
            if (place == Place::Outside) element = SealProblem::kSource;
            else if (place == Place::Protected) { element = SealProblem::kSink; ++p.protectedElements; }
            else if (place == Place::Free) {
                // A stretch that starts or ends outside the township gets its site just inside the
                // boundary, where a checkpoint also guards that entry; other stretches at their middle.
                bool nextOutside = j < samples.size() ? samples[j].second == Place::Outside
                                                      : nodeElement[g.edgeTo[e]] == SealProblem::kSource;
                double at = prev == SealProblem::kSource ? samples[i].first : nextOutside ? samples[j - 1].first : mid;
                Site s;
                s.edge = e; s.offset = at;
                g.pointOnEdge(e, at, s.x, s.y);
                s.feature = g.edgeFeature(e); s.roadClass = net.edgeClass(e);
                s.cost = siteCost(s.roadClass);
                element = static_cast<int32_t>(p.sites.size());
                p.sites.push_back(s);
            }
            link(prev, element, x, y, e, samples[i].first);
            prev = element;
            prevOffset = samples[j - 1].first;
            i = j;
        }
        double x, y;
        g.pointOnEdge(e, prevOffset, x, y);
        link(prev, nodeElement[g.edgeTo[e]], x, y, e, prevOffset);
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
