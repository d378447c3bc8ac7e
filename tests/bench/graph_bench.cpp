// Road network and spatial index figures on a workspace's roads: building the road graph (shared
// vertices, snapped ends, crossings), the road locator and its nearest queries, and the boundary's
// outline index (containment and distance).
// usage: graph_bench WS.gpkg [RUNS]   (e.g. a `cordon demo OUT --roads 1000000` workspace; prints figures)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "geo/io/layer_reader.hpp"
#include "geo/analysis/polygon_index.hpp"
#include "geo/analysis/road_graph.hpp"
#include "geo/workspace/workspace.hpp"

namespace {
using Clock = std::chrono::steady_clock;
double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: graph_bench WS.gpkg [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    geo::initGdal();
    auto ws = geo::Workspace::open(argv[1]);
    geo::Layer roads = ws.readLayer("roads");
    geo::Layer boundary = ws.readLayer("boundary");
    std::vector<int> levels = geo::roadLevels(roads);

    const size_t segments = roads.segmentCount();
    std::vector<double> build, locate, query, outline, contains;
    size_t nodes = 0, edges = 0, hits = 0, inside = 0;
    const geo::Bbox box = roads.bbox();
    for (int run = 0; run < runs; ++run) {
        auto t0 = Clock::now();
        geo::RoadGraph g = geo::buildRoadGraph(roads, levels);
        auto t1 = Clock::now();
        geo::RoadLocator locator(g);
        auto t2 = Clock::now();
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> ux(box.minX, box.maxX), uy(box.minY, box.maxY);
        hits = 0;
        for (int q = 0; q < 100000; ++q) hits += locator.nearest(ux(rng), uy(rng), 150).isValid();
        auto t3 = Clock::now();
        geo::PolygonIndex index(boundary);
        auto t4 = Clock::now();
        inside = 0;
        for (int q = 0; q < 100000; ++q) {
            double x = ux(rng), y = uy(rng);
            inside += index.contains(x, y) && index.distanceToOutline(x, y, 200) >= 200;
        }
        auto t5 = Clock::now();
        nodes = g.nodeCount();
        edges = g.edgeCount();
        build.push_back(ms(t0, t1));
        locate.push_back(ms(t1, t2));
        query.push_back(ms(t2, t3) / 100);  // 100,000 queries: us each
        outline.push_back(ms(t3, t4));
        contains.push_back(ms(t4, t5) / 100);
    }
    std::printf("road graph over %zu segments: build %.0f ms (median of %d), %zu nodes, %zu edges\n", segments,
                median(build), runs, nodes, edges);
    std::printf("road locator: build %.0f ms; 100000 nearest queries (150 m): %.2f us each, %zu hit a road\n",
                median(locate), median(query), hits);
    std::printf("boundary outline index: build %.2f ms; 100000 containment+distance queries: %.2f us each, %zu inside\n",
                median(outline), median(contains), inside);
    return 0;
}
