// Min-cost flow by successive shortest paths (Dijkstra on reduced costs), augmenting along every
// shortest path of a phase at once (a blocking flow on the zero-reduced-cost arcs), so a phase
// costs one Dijkstra however many units it moves. Arcs must go forward in node order at the start
// (the rota's layered networks do), which gives the first potentials with negative costs allowed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace geo {

class MinCostFlow {
public:
    explicit MinCostFlow(int nodes) : first_(static_cast<size_t>(nodes), -1) {}
    int addArc(int from, int to, int capacity, int64_t cost);  // returns the arc id
    // Sends flow from `source` to `sink` while a path of negative cost remains (the cheapest
    // flow of any value). Returns the total cost.
    int64_t run(int source, int sink);
    int flow(int arc) const { return cap0_[static_cast<size_t>(arc)] - cap_[static_cast<size_t>(arc)]; }

private:
    int augment(int node, int sink, int pushed);
    std::vector<int> first_, next_, to_, cap_, cap0_;
    std::vector<int64_t> cost_, potential_, dist_;
    std::vector<int> current_;
    std::vector<char> onPath_;
};

}  // namespace geo
