// The road network as a graph: nodes where roads meet at grade, edges along the lines between them.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "geo/core/grid_index.hpp"
#include "geo/core/layer.hpp"

namespace geo {

constexpr uint32_t kNoId = std::numeric_limits<uint32_t>::max();

struct RoadGraphOptions {
    double snapToleranceM = 1.0;  // a line end this close to another line joins it
};

// Nodes join (a) lines sharing a vertex (OSM ways sharing a node), unless both pass through it
// at different levels, (b) line ends within the snap tolerance of another line, and (c) true
// crossings of two lines at the same level. Bridges and tunnels therefore cross without joining.
// Holds its own copy of the line geometry so it outlives the layer.
struct RoadGraph {
    // Line geometry: vertex v is (xy[2v], xy[2v+1]); line r spans [lineStart[r], lineStart[r+1]).
    std::vector<double> xy;
    std::vector<uint32_t> lineStart{0};
    std::vector<uint32_t> lineFeature;  // roads-layer feature of each line
    std::vector<double> vertexDist;     // distance along its line from the line's first vertex (m)

    std::vector<double> nodeXy;         // 2 per node
    std::vector<uint32_t> edgeFrom, edgeTo, edgeLine;
    std::vector<double> edgeStart, edgeEnd;  // distances along edgeLine; edgeFrom sits at edgeStart
    std::vector<uint32_t> adjStart, adjEdge; // CSR: edges at node n are adjEdge[adjStart[n]..adjStart[n+1])

    size_t nodeCount() const { return nodeXy.size() / 2; }
    size_t edgeCount() const { return edgeFrom.size(); }
    size_t lineCount() const { return lineStart.size() - 1; }
    size_t segmentCount() const { return xy.size() / 2 - lineCount(); }
    double edgeLength(uint32_t e) const { return edgeEnd[e] - edgeStart[e]; }
    uint32_t edgeFeature(uint32_t e) const { return lineFeature[edgeLine[e]]; }
    uint32_t otherEnd(uint32_t e, uint32_t node) const { return edgeFrom[e] == node ? edgeTo[e] : edgeFrom[e]; }
    uint32_t degree(uint32_t n) const { return adjStart[n + 1] - adjStart[n]; }
    // The point `offset` metres along edge e from edgeFrom.
    void pointOnEdge(uint32_t e, double offset, double& x, double& y) const;
    // Edges of line r in order along it (they are stored consecutively).
    std::vector<uint32_t> lineFirstEdge;  // size lineCount()+1
    // The edge of line r covering distance d along it, and the offset on that edge.
    uint32_t edgeAt(uint32_t r, double d, double& offset) const;
};

// Level of each feature: OSM layer=*, bridge=* (+1), tunnel=* (-1), from plain fields or from
// OSM other_tags; also fields named level/z_level. 0 means at grade.
std::vector<int> roadLevels(const Layer& roads);

// A level plus this marks an expressway mainline (limited access): another road joins it only
// where one of the two ends (a ramp, a road ending at it), never where both pass through, so a
// road passing over or under it is not an exit even when the data has no bridge tag.
constexpr int kLimitedAccessLevel = 1000;
inline bool isLimitedAccessLevel(int level) { return level >= kLimitedAccessLevel / 2; }
inline int gradeOfLevel(int level) { return isLimitedAccessLevel(level) ? level - kLimitedAccessLevel : level; }

RoadGraph buildRoadGraph(const Layer& roads, const std::vector<int>& levels, const RoadGraphOptions& options = {});
// The first step of buildRoadGraph: g gets the lines (xy, lineStart, lineFeature, vertexDist) and
// no nodes or edges; returns the level of each line.
std::vector<int> roadLines(const Layer& roads, const std::vector<int>& levels, RoadGraph& g);
// Fills edgeLine, edgeStart and the adjacency of a graph whose lines, nodeXy, edgeFrom, edgeTo,
// edgeEnd and lineFirstEdge are set (a graph read back from the workspace's cache).
void completeRoadGraph(RoadGraph& g);

// Nearest position on the network to a point: edge, offset from edgeFrom, distance.
struct RoadPosition {
    uint32_t edge = kNoId;
    double offset = 0;
    double x = 0, y = 0;
    double distance = std::numeric_limits<double>::infinity();
    bool isValid() const { return edge != kNoId; }
};

// A grid over the graph's segments for nearest-position queries.
class RoadLocator {
public:
    explicit RoadLocator(const RoadGraph& graph);
    RoadPosition nearest(double x, double y, double maxDistance) const;
    // Calls f(v) for each segment (index of its first vertex) that may lie within r of (x, y),
    // possibly more than once; the caller measures the distance.
    template <class F>
    void forEachSegmentNear(double x, double y, double r, F&& f) const {
        grid_.forEachNear(x - r, y - r, x + r, y + r, f);
    }
private:
    const RoadGraph* graph_;
    GridIndex grid_;  // items: segments by the index of their first vertex
};

}  // namespace geo
