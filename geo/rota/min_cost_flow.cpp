// Min-cost flow: successive shortest paths with potentials and blocking-flow phases.
#include "geo/rota/min_cost_flow.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace geo {

namespace {
constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;
}

int MinCostFlow::addArc(int from, int to, int capacity, int64_t cost) {
    auto push = [&](int a, int b, int c, int64_t w) {
        next_.push_back(first_[static_cast<size_t>(a)]);
        first_[static_cast<size_t>(a)] = static_cast<int>(to_.size());
        to_.push_back(b);
        cap_.push_back(c);
        cap0_.push_back(c);
        cost_.push_back(w);
    };
    push(from, to, capacity, cost);
    push(to, from, 0, -cost);
    return static_cast<int>(to_.size()) - 2;
}

int MinCostFlow::augment(int node, int sink, int pushed) {
    if (node == sink) return pushed;
    onPath_[static_cast<size_t>(node)] = 1;
    for (int& a = current_[static_cast<size_t>(node)]; a != -1; a = next_[static_cast<size_t>(a)]) {
        const auto ua = static_cast<size_t>(a);
        const int v = to_[ua];
        if (cap_[ua] <= 0 || onPath_[static_cast<size_t>(v)]) continue;
        if (cost_[ua] + potential_[static_cast<size_t>(node)] - potential_[static_cast<size_t>(v)] != 0) continue;
        const int got = augment(v, sink, std::min(pushed, cap_[ua]));
        if (got > 0) {
            cap_[ua] -= got;
            cap_[ua ^ 1] += got;
            onPath_[static_cast<size_t>(node)] = 0;
            return got;
        }
    }
    onPath_[static_cast<size_t>(node)] = 0;
    return 0;
}

int64_t MinCostFlow::run(int source, int sink) {
    const size_t n = first_.size();
    // First potentials: shortest distances in node order (every arc goes forward).
    potential_.assign(n, kInf);
    potential_[static_cast<size_t>(source)] = 0;
    for (size_t u = 0; u < n; ++u) {
        if (potential_[u] == kInf) continue;
        for (int a = first_[u]; a != -1; a = next_[static_cast<size_t>(a)])
            if (cap_[static_cast<size_t>(a)] > 0)
                potential_[static_cast<size_t>(to_[static_cast<size_t>(a)])] =
                    std::min(potential_[static_cast<size_t>(to_[static_cast<size_t>(a)])], potential_[u] + cost_[static_cast<size_t>(a)]);
    }
    for (auto& p : potential_)
        if (p == kInf) p = 0;  // unreachable nodes never join a path
    int64_t total = 0;
    onPath_.assign(n, 0);
    using Item = std::pair<int64_t, int>;
    while (true) {
        dist_.assign(n, kInf);
        dist_[static_cast<size_t>(source)] = 0;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
        heap.push({0, source});
        while (!heap.empty()) {
            auto [d, u] = heap.top();
            heap.pop();
            if (d != dist_[static_cast<size_t>(u)]) continue;
            for (int a = first_[static_cast<size_t>(u)]; a != -1; a = next_[static_cast<size_t>(a)]) {
                const auto ua = static_cast<size_t>(a);
                if (cap_[ua] <= 0) continue;
                const int v = to_[ua];
                const int64_t nd = d + cost_[ua] + potential_[static_cast<size_t>(u)] - potential_[static_cast<size_t>(v)];
                if (nd < dist_[static_cast<size_t>(v)]) {
                    dist_[static_cast<size_t>(v)] = nd;
                    heap.push({nd, v});
                }
            }
        }
        if (dist_[static_cast<size_t>(sink)] == kInf) break;
        for (size_t u = 0; u < n; ++u)
            if (dist_[u] != kInf) potential_[u] += dist_[u];
        const int64_t pathCost = potential_[static_cast<size_t>(sink)] - potential_[static_cast<size_t>(source)];
        if (pathCost >= 0) break;  // no cheaper flow of a larger value
        current_ = first_;
        while (int got = augment(source, sink, std::numeric_limits<int>::max())) total += pathCost * got;
    }
    return total;
}

}  // namespace geo
