// The road graph's lines and what is asked of it: levels (bridges, tunnels, layers) from any
// source's fields, lines without repeated vertices, a point at an offset along an edge, the edge at
// a distance along a line, and the nearest position on the roads (RoadLocator). Built in road_noding.cpp.
#include "geo/analysis/road_graph.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "geo/analysis/polygon_index.hpp"

namespace geo {
namespace {

bool sameName(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

int fieldNamed(const Layer& layer, std::initializer_list<std::string_view> names) {
    for (auto n : names)
        for (size_t i = 0; i < layer.fields.size(); ++i)
            if (sameName(layer.fields[i].name, n)) return static_cast<int>(i);
    return -1;
}

// Value of `key` in an OSM hstore text such as "bridge"=>"yes","layer"=>"1".
std::string_view hstoreValue(std::string_view tags, std::string_view key) {
    size_t pos = 0;
    while ((pos = tags.find('"', pos)) != std::string_view::npos) {
        size_t end = tags.find('"', pos + 1);
        if (end == std::string_view::npos) return {};
        std::string_view k = tags.substr(pos + 1, end - pos - 1);
        size_t v0 = tags.find("=>\"", end);
        if (v0 != end + 1) return {};
        size_t v1 = tags.find('"', v0 + 3);
        if (v1 == std::string_view::npos) return {};
        if (k == key) return tags.substr(v0 + 3, v1 - v0 - 3);
        pos = v1 + 1;
    }
    return {};
}

bool isYes(std::string_view v) {
    return !v.empty() && !sameName(v, "no") && !sameName(v, "false") && v != "0";
}

int parseLevel(std::string_view v, bool& ok) {
    ok = false;
    if (v.empty()) return 0;
    int sign = 1;
    size_t i = 0;
    if (v[0] == '-' || v[0] == '+') { sign = v[0] == '-' ? -1 : 1; i = 1; }
    int n = 0;
    for (; i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])); ++i) n = n * 10 + (v[i] - '0');
    ok = i > (v[0] == '-' || v[0] == '+' ? 1u : 0u);
    return sign * std::min(n, 100);
}

}  // namespace

std::vector<int> roadLevels(const Layer& roads) {
    std::vector<int> levels(roads.featureCount(), 0);
    int layerField = fieldNamed(roads, {"layer", "level", "z_level", "zlevel"});
    int bridgeField = fieldNamed(roads, {"bridge"});
    int tunnelField = fieldNamed(roads, {"tunnel"});
    int tagsField = fieldNamed(roads, {"other_tags"});
    for (size_t f = 0; f < roads.featureCount(); ++f) {
        std::string_view tags = roads.attr(f, tagsField);
        std::string_view layer = roads.attr(f, layerField);
        if (layer.empty()) layer = hstoreValue(tags, "layer");
        bool ok = false;
        int level = parseLevel(layer, ok);
        if (!ok) {
            std::string_view bridge = roads.attr(f, bridgeField);
            if (bridge.empty()) bridge = hstoreValue(tags, "bridge");
            std::string_view tunnel = roads.attr(f, tunnelField);
            if (tunnel.empty()) tunnel = hstoreValue(tags, "tunnel");
            level = isYes(bridge) ? 1 : isYes(tunnel) ? -1 : 0;
        }
        levels[f] = level;
    }
    return levels;
}

void RoadGraph::pointOnEdge(uint32_t e, double offset, double& x, double& y) const {
    uint32_t r = edgeLine[e];
    double d = std::clamp(edgeStart[e] + offset, edgeStart[e], edgeEnd[e]);
    auto b = vertexDist.begin() + lineStart[r], end = vertexDist.begin() + lineStart[r + 1];
    auto it = std::upper_bound(b, end, d);
    size_t v = static_cast<size_t>(std::max(it - 1, b) - vertexDist.begin());
    if (v + 1 >= lineStart[r + 1]) v = lineStart[r + 1] - 2;
    double len = vertexDist[v + 1] - vertexDist[v];
    double t = len > 0 ? std::clamp((d - vertexDist[v]) / len, 0.0, 1.0) : 0;
    x = xy[2 * v] + t * (xy[2 * v + 2] - xy[2 * v]);
    y = xy[2 * v + 1] + t * (xy[2 * v + 3] - xy[2 * v + 1]);
}

uint32_t RoadGraph::edgeAt(uint32_t r, double d, double& offset) const {
    auto b = edgeEnd.begin() + lineFirstEdge[r], end = edgeEnd.begin() + lineFirstEdge[r + 1];
    auto it = std::lower_bound(b, end, d);
    if (it == end) --it;
    uint32_t e = static_cast<uint32_t>(it - edgeEnd.begin());
    offset = std::clamp(d - edgeStart[e], 0.0, edgeLength(e));
    return e;
}

std::vector<int> roadLines(const Layer& roads, const std::vector<int>& levels, RoadGraph& g) {
    g = RoadGraph();
    // Lines without repeated vertices; each ring of the roads layer is one line.
    g.xy.reserve(roads.xy.size());
    std::vector<int> lineLevel;
    for (size_t f = 0; f < roads.featureCount(); ++f) {
        for (size_t p = roads.featureStart[f]; p < roads.featureStart[f + 1]; ++p)
            for (size_t r = roads.partStart[p]; r < roads.partStart[p + 1]; ++r) {
                size_t first = g.xy.size() / 2;
                for (size_t v = roads.ringStart[r]; v < roads.ringStart[r + 1]; ++v) {
                    double x = roads.xy[2 * v], y = roads.xy[2 * v + 1];
                    if (!std::isfinite(x) || !std::isfinite(y)) continue;
                    size_t n = g.xy.size() / 2;
                    if (n > first && g.xy[2 * n - 2] == x && g.xy[2 * n - 1] == y) continue;
                    g.xy.push_back(x);
                    g.xy.push_back(y);
                }
                if (g.xy.size() / 2 - first < 2) { g.xy.resize(2 * first); continue; }
                g.lineStart.push_back(static_cast<uint32_t>(g.xy.size() / 2));
                g.lineFeature.push_back(static_cast<uint32_t>(f));
                lineLevel.push_back(f < levels.size() ? levels[f] : 0);
            }
    }
    const size_t verts = g.xy.size() / 2;
    g.vertexDist.assign(verts, 0);
    for (uint32_t r = 0; r < g.lineCount(); ++r)
        for (uint32_t v = g.lineStart[r] + 1; v < g.lineStart[r + 1]; ++v)
            g.vertexDist[v] = g.vertexDist[v - 1] + std::hypot(g.xy[2 * v] - g.xy[2 * v - 2], g.xy[2 * v + 1] - g.xy[2 * v - 1]);
    return lineLevel;
}

RoadLocator::RoadLocator(const RoadGraph& graph) : graph_(&graph) {
    const auto& P = graph.xy;
    Bbox bbox;
    for (size_t r = 0; r < graph.lineCount(); ++r)
        for (uint32_t v = graph.lineStart[r]; v < graph.lineStart[r + 1]; ++v) bbox.add(P[2 * v], P[2 * v + 1]);
    size_t segs = graph.segmentCount();
    if (segs == 0) return;
    std::vector<bool> isLineEnd(graph.lineStart.back(), false);  // no segment starts there
    for (size_t r = 0; r < graph.lineCount(); ++r)
        if (graph.lineStart[r + 1] > graph.lineStart[r]) isLineEnd[graph.lineStart[r + 1] - 1] = true;
    // About four segments per cell on average.
    double cell = std::max(std::sqrt(std::max(bbox.width() * bbox.height(), 1.0) / static_cast<double>(segs)) * 2, 1.0);
    grid_ = GridIndex(bbox, cell, static_cast<uint32_t>(isLineEnd.size()), [&](uint32_t v) {
        if (isLineEnd[v]) return Bbox{};
        return Bbox{std::min(P[2 * v], P[2 * v + 2]), std::min(P[2 * v + 1], P[2 * v + 3]), std::max(P[2 * v], P[2 * v + 2]),
                    std::max(P[2 * v + 1], P[2 * v + 3])};
    });
}

RoadPosition RoadLocator::nearest(double x, double y, double maxDistance) const {
    RoadPosition best;
    if (grid_.isEmpty()) return best;
    const auto& g = *graph_;
    const auto& P = g.xy;
    const double cell = grid_.cellSize();
    int64_t cx = grid_.colOf(x), cy = grid_.rowOf(y);
    uint32_t bestSeg = kNoId;
    double bestT = 0;
    // Rings of cells outwards from the point's cell until the best so far is nearer than the ring.
    int64_t maxRing = static_cast<int64_t>(std::min(maxDistance / cell + 2, static_cast<double>(std::max(grid_.cols(), grid_.rows()) + 2)));
    for (int64_t k = 0; k <= maxRing; ++k) {
        for (int64_t yy = cy - k; yy <= cy + k; ++yy)
            for (int64_t xx = cx - k; xx <= cx + k; ++xx) {
                if (std::max(std::abs(xx - cx), std::abs(yy - cy)) != k) continue;
                for (uint32_t v : grid_.cell(xx, yy)) {
                    double t = 0;
                    double d = pointSegmentDistance(x, y, P[2 * v], P[2 * v + 1], P[2 * v + 2], P[2 * v + 3], &t);
                    if (d < best.distance) { best.distance = d; bestSeg = v; bestT = t; }
                }
            }
        if (bestSeg != kNoId && best.distance <= static_cast<double>(k) * cell) break;
    }
    if (bestSeg == kNoId || best.distance > maxDistance) return RoadPosition{};
    uint32_t v = bestSeg;
    auto it = std::upper_bound(g.lineStart.begin(), g.lineStart.end(), v);
    uint32_t r = static_cast<uint32_t>(it - g.lineStart.begin() - 1);
    double d = g.vertexDist[v] + bestT * (g.vertexDist[v + 1] - g.vertexDist[v]);
    best.edge = g.edgeAt(r, d, best.offset);
    best.x = P[2 * v] + bestT * (P[2 * v + 2] - P[2 * v]);
    best.y = P[2 * v + 1] + bestT * (P[2 * v + 3] - P[2 * v + 1]);
    return best;
}

}  // namespace geo
