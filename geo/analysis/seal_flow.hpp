// Minimum vertex cut between a source and a sink joined by undirected links, for the seal.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace geo {

struct VertexCut {
    int64_t value = 0;              // total cost of the cut (the max-flow value)
    std::vector<uint8_t> isCut;     // per vertex
};

// Vertices 0..cost.size()-1 have a cost of at least 1 (at most about 2e9); links join two
// vertices, or a vertex and the source or the sink, which are negative. Source-sink links are not
// allowed (no finite cut exists). Returns a cut of the least total cost: the one nearest the
// source among those that use no bypassed vertex (one of degree two between two ordinary
// vertices, costing no less than the cheaper of them), so the answer does not depend on the
// order the flow was found in.
VertexCut minVertexCut(const std::vector<int64_t>& cost, const std::vector<std::pair<int32_t, int32_t>>& links,
                       int32_t kSource, int32_t kSink);

}  // namespace geo
