// Guard points per edge and the floods over them: from every protected place (which entries it
// reaches) or from one entry (whether it reaches a protected place). A barrier stops a path at
// its offset, including one standing exactly on a point.
#include "geo/analysis/guard_model.hpp"

#include <algorithm>
#include <cmath>

#include "geo/analysis/network.hpp"

namespace geo {

GuardModel::GuardModel(const CordonNetwork& net, double guardDistanceM, double sampleSpacingM)
    : graph_(&net.graph()), guardDistanceM_(guardDistanceM) {
    const RoadGraph& g = net.graph();
    auto placeAt = [&](double x, double y) {
        if (!net.isInside(x, y)) return Place::Outside;
        return net.isProtected(x, y, guardDistanceM) ? Place::Protected : Place::Free;
    };
    nodePlace_.resize(g.nodeCount());
    nodeEntry_.assign(g.nodeCount(), kNoId);
    for (uint32_t n = 0; n < g.nodeCount(); ++n) {
        Place p = placeAt(g.nodeXy[2 * n], g.nodeXy[2 * n + 1]);
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k)
            if (net.isEdgeMainline(g.adjEdge[k])) p = Place::Outside;  // on the expressway: not yet off it
        nodePlace_[n] = static_cast<uint8_t>(p);
    }
    // Entry points: junctions and road ends become Outside nodes; crossings points on their edge.
    const auto& entries = net.entries();
    markers_.resize(entries.size());
    std::vector<std::vector<std::pair<double, uint32_t>>> onEdge(g.edgeCount());
    for (uint32_t i = 0; i < entries.size(); ++i)
        for (const EntryPoint& p : entries[i].points) {
            if (p.node != kNoId) {
                nodePlace_[p.node] = static_cast<uint8_t>(Place::Outside);
                nodeEntry_[p.node] = i;
                markers_[i].push_back({p.node, kNoId, 0});
            } else {
                onEdge[p.edge].emplace_back(p.offset, i);
            }
        }
    double spacing = std::max(sampleSpacingM, 1.0);
    first_.assign(g.edgeCount() + 1, 0);
    for (uint32_t e = 0; e < g.edgeCount(); ++e) {
        size_t start = points_.size();
        double len = g.edgeLength(e);
        if (net.isEdgeMainline(e)) {
            points_.push_back({len / 2, Place::Outside, kNoId});
        } else {
            int steps = std::max(1, static_cast<int>(std::ceil(len / spacing)));
            for (int k = 0; k < steps; ++k) {
                double o = len * (k + 0.5) / steps, x, y;
                g.pointOnEdge(e, o, x, y);
                points_.push_back({o, placeAt(x, y), kNoId});
            }
        }
        for (auto [offset, entry] : onEdge[e]) points_.push_back({offset, Place::Outside, entry});
        std::stable_sort(points_.begin() + static_cast<ptrdiff_t>(start), points_.end(),
                         [](const GuardPoint& a, const GuardPoint& b) { return a.offset < b.offset; });
        first_[e + 1] = static_cast<uint32_t>(points_.size());
        for (size_t k = start; k < points_.size(); ++k)
            if (points_[k].entry != kNoId) markers_[points_[k].entry].push_back({kNoId, e, static_cast<uint32_t>(k - start)});
    }
}

GuardModel::Hit GuardModel::walk(uint32_t e, int64_t from, int dir, const Barriers& bar, uint32_t& node,
                                 uint32_t& entry) const {
    const RoadGraph& g = *graph_;
    auto pts = pointsOn(e);
    const int64_t n = static_cast<int64_t>(pts.size());
    double len = g.edgeLength(e);
    auto offsetAt = [&](int64_t i) { return i < 0 ? 0.0 : i >= n ? len : pts[static_cast<size_t>(i)].offset; };
    auto it = bar.onEdge.find(e);
    const std::vector<double>* blocks = it == bar.onEdge.end() ? nullptr : &it->second;
    auto blocked = [&](double a, double b) {  // a barrier within [a, b], ends included
        if (!blocks) return false;
        auto k = std::lower_bound(blocks->begin(), blocks->end(), std::min(a, b) - 1e-9);
        return k != blocks->end() && *k <= std::max(a, b) + 1e-9;
    };
    double prev = offsetAt(from);
    for (int64_t i = from + dir; i >= 0 && i < n; i += dir) {
        const GuardPoint& p = pts[static_cast<size_t>(i)];
        if (blocked(prev, p.offset)) return Hit::Blocked;
        if (p.place == Place::Protected) return Hit::Protected;
        if (p.place == Place::Outside) { entry = p.entry; return Hit::Outside; }
        prev = p.offset;
    }
    if (blocked(prev, dir > 0 ? len : 0.0)) return Hit::Blocked;
    node = dir > 0 ? g.edgeTo[e] : g.edgeFrom[e];
    return Hit::Node;
}

// Depth-first over junctions from those on the stack; onHit(hit, entry) is told of every protected
// or outside point met and returns true to stop the whole search.
template <class OnHit>
void GuardModel::flood(std::vector<uint32_t>& stack, std::vector<uint8_t>& seen, const Barriers& bar, OnHit&& onHit) const {
    const RoadGraph& g = *graph_;
    while (!stack.empty()) {
        uint32_t n = stack.back();
        stack.pop_back();
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            uint32_t e = g.adjEdge[k];
            int64_t count = static_cast<int64_t>(first_[e + 1] - first_[e]);
            for (int side = 0; side < 2; ++side) {
                bool atFrom = side == 0;
                if ((atFrom ? g.edgeFrom[e] : g.edgeTo[e]) != n) continue;
                uint32_t reached = kNoId, entry = kNoId;
                Hit h = walk(e, atFrom ? -1 : count, atFrom ? 1 : -1, bar, reached, entry);
                if (h == Hit::Node) {
                    if (seen[reached] || (!bar.nodeBlocked.empty() && bar.nodeBlocked[reached])) continue;
                    Place p = nodePlace(reached);
                    if (p != Place::Free) {
                        if (onHit(p == Place::Protected ? Hit::Protected : Hit::Outside, nodeEntry_[reached])) return;
                        continue;
                    }
                    seen[reached] = 1;
                    stack.push_back(reached);
                } else if (h != Hit::Blocked && onHit(h, entry)) {
                    return;
                }
            }
        }
    }
}

std::vector<uint8_t> GuardModel::openEntries(const Barriers& bar) const {
    const RoadGraph& g = *graph_;
    std::vector<uint8_t> open(markers_.size(), 0), seen(g.nodeCount(), 0);
    std::vector<uint32_t> stack;
    auto onHit = [&](Hit h, uint32_t entry) {
        if (h == Hit::Outside && entry != kNoId) open[entry] = 1;
        return false;
    };
    auto isBlocked = [&](uint32_t n) { return !bar.nodeBlocked.empty() && bar.nodeBlocked[n]; };
    for (uint32_t n = 0; n < g.nodeCount(); ++n)
        if (nodePlace(n) == Place::Protected && !isBlocked(n)) { seen[n] = 1; stack.push_back(n); }
    flood(stack, seen, bar, onHit);
    // Protected points along edges: walk out of each both ways.
    for (uint32_t e = 0; e < g.edgeCount(); ++e) {
        auto pts = pointsOn(e);
        for (size_t i = 0; i < pts.size(); ++i) {
            if (pts[i].place != Place::Protected) continue;
            for (int dir : {-1, 1}) {
                uint32_t reached = kNoId, entry = kNoId;
                Hit h = walk(e, static_cast<int64_t>(i), dir, bar, reached, entry);
                if (h == Hit::Outside && entry != kNoId) open[entry] = 1;
                if (h != Hit::Node || seen[reached] || isBlocked(reached)) continue;
                if (nodePlace(reached) == Place::Outside) {
                    if (nodeEntry_[reached] != kNoId) open[nodeEntry_[reached]] = 1;
                    continue;
                }
                if (nodePlace(reached) == Place::Protected) continue;  // flooded from already
                seen[reached] = 1;
                stack.push_back(reached);
                flood(stack, seen, bar, onHit);
            }
        }
    }
    return open;
}

bool GuardModel::isOpen(uint32_t entry, const Barriers& bar) const {
    const RoadGraph& g = *graph_;
    std::vector<uint8_t> seen(g.nodeCount(), 0);
    std::vector<uint32_t> stack;
    bool isReached = false;
    auto visit = [&](Hit h, uint32_t reached) {
        if (h == Hit::Protected) isReached = true;
        if (h != Hit::Node || seen[reached] || (!bar.nodeBlocked.empty() && bar.nodeBlocked[reached])) return;
        if (nodePlace(reached) == Place::Protected) isReached = true;
        if (nodePlace(reached) != Place::Free) return;
        seen[reached] = 1;
        stack.push_back(reached);
    };
    for (const Marker& m : markers_[entry]) {
        if (m.node != kNoId) {
            if (!bar.nodeBlocked.empty() && bar.nodeBlocked[m.node]) continue;  // a checkpoint on the entry itself
            seen[m.node] = 1;
            stack.push_back(m.node);
        } else {
            for (int dir : {-1, 1}) {
                uint32_t reached = kNoId, other = kNoId;
                Hit h = walk(m.edge, m.index, dir, bar, reached, other);
                visit(h, reached);
            }
        }
    }
    if (isReached) return true;
    flood(stack, seen, bar, [&](Hit h, uint32_t) { return isReached = h == Hit::Protected; });
    return isReached;
}

bool GuardModel::touchesProtected(uint32_t entry) const {
    const RoadGraph& g = *graph_;
    // The point next to `index` on edge e going `dir`, or the junction at that end.
    auto nextIsProtected = [&](uint32_t e, int64_t index, int dir) {
        auto pts = pointsOn(e);
        int64_t i = index + dir;
        if (i >= 0 && i < static_cast<int64_t>(pts.size())) return pts[static_cast<size_t>(i)].place == Place::Protected;
        return nodePlace(dir > 0 ? g.edgeTo[e] : g.edgeFrom[e]) == Place::Protected;
    };
    for (const Marker& m : markers_[entry]) {
        if (m.node != kNoId) {
            for (uint32_t k = g.adjStart[m.node]; k < g.adjStart[m.node + 1]; ++k) {
                uint32_t e = g.adjEdge[k];
                int64_t count = static_cast<int64_t>(first_[e + 1] - first_[e]);
                if (g.edgeFrom[e] == m.node && nextIsProtected(e, -1, 1)) return true;
                if (g.edgeTo[e] == m.node && nextIsProtected(e, count, -1)) return true;
            }
        } else if (nextIsProtected(m.edge, m.index, -1) || nextIsProtected(m.edge, m.index, 1)) {
            return true;
        }
    }
    return false;
}

}  // namespace geo
