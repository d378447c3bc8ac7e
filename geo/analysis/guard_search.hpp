// The bounded search behind guarding: a Dijkstra from an entry's points along the roads that
// ends at the guard distance, where a path leaves the area guarded, or at a barrier.
#pragma once
#include <cstdint>
#include <functional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "geo/analysis/network.hpp"

namespace geo {

enum class Walk { Leak, Stop, Blocked, Arrive };  // Blocked: stopped by a barrier

// step(edge, fromOffset, toOffset, metresSoFar, reach) walks along one edge and says what ended
// the walk (on Arrive, reach is the distance at the far end); startsInto(point, targetOffset)
// says whether to walk from an entry point towards that end of its edge. True when no path
// leaks and at least one met a barrier: a road that merely ends or leaves again is not guarded.
template <class Step, class StartsInto>
bool searchGuarded(const RoadGraph& g, const Barriers& bar, const std::vector<EntryPoint>& points, Step&& step,
                   StartsInto&& startsInto) {
    std::unordered_map<uint32_t, double> best;
    using Item = std::pair<double, uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    bool metBarrier = false;
    auto take = [&](uint32_t e, double a, double b, double d0, uint32_t node) {
        double reach = 0;
        Walk w = step(e, a, b, d0, reach);
        if (w == Walk::Blocked) metBarrier = true;
        if (w != Walk::Arrive) return w != Walk::Leak;
        if (!bar.nodeBlocked.empty() && bar.nodeBlocked[node]) { metBarrier = true; return true; }
        auto [it, isNew] = best.emplace(node, reach);
        if (!isNew && it->second <= reach) return true;
        it->second = reach;
        queue.emplace(reach, node);
        return true;
    };
    for (const EntryPoint& p : points) {
        double len = g.edgeLength(p.edge);
        for (double target : {0.0, len})
            if (startsInto(p, target) && !take(p.edge, p.offset, target, 0, target == 0 ? g.edgeFrom[p.edge] : g.edgeTo[p.edge]))
                return false;
    }
    while (!queue.empty()) {
        auto [d, n] = queue.top();
        queue.pop();
        if (best[n] < d) continue;
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            uint32_t e = g.adjEdge[k];
            double len = g.edgeLength(e);
            if (g.edgeFrom[e] == n && !take(e, 0, len, d, g.edgeTo[e])) return false;
            if (g.edgeTo[e] == n && !take(e, len, 0, d, g.edgeFrom[e])) return false;
        }
    }
    return metBarrier;
}

}  // namespace geo
