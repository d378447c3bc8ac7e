// The road graph's nodes and edges kept in the workspace, so that opening the analysis skips the
// crossing search. The cache is never required: a missing, stale or damaged one is rebuilt.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "geo/analysis/road_graph.hpp"

namespace geo {

class Workspace;

constexpr const char* kNetworkCacheTable = "cordon_network_cache";

// What the cached graph was built from: the roads table's row count, largest fid and last change,
// the snap tolerance, and a hash of the lines and their levels. `lineLevel` as roadLines returns it.
std::string networkCacheKey(const Workspace& ws, const RoadGraph& lines, const std::vector<int>& lineLevel,
                            const RoadGraphOptions& options);

// Nodes and edges of g (whose lines are set) from the cache when its key matches and its arrays
// are consistent with the lines; false (g's nodes and edges left empty) otherwise.
bool loadNetworkCache(const Workspace& ws, const std::string& key, RoadGraph& g);
// Replaces the cache with g's nodes and edges; false when the workspace cannot be written (the
// analysis goes on without a cache).
bool saveNetworkCache(const Workspace& ws, const std::string& key, const RoadGraph& g);

// Below this many edges the graph builds in a tenth of a second or less: not worth a cache, and
// small workspaces (the demo, test fixtures) are then never written to by an analysis. (A
// million road segments meeting at junctions make about 230k edges and take 0.4 s to build.)
constexpr size_t kMinEdgesToCache = 100'000;

// The road graph of the workspace's roads: read from the cache, else built and, when the
// workspace is writable and the graph has at least minEdgesToCache edges, cached.
RoadGraph cachedRoadGraph(const Workspace& ws, const Layer& roads, const std::vector<int>& levels,
                          const RoadGraphOptions& options = {}, size_t minEdgesToCache = kMinEdgesToCache);

}  // namespace geo
