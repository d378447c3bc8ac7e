// District-boundary entries: crossings of district outlines found per road segment, merged per
// pair of districts; guarding by a Dijkstra bounded by the guard distance into one district.
#include "geo/analysis/district_entries.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "geo/core/crs.hpp"
#include "geo/analysis/guard_search.hpp"
#include "geo/core/json.hpp"
#include "geo/core/point_clusters.hpp"

namespace geo {
namespace {

struct SidedPoint {
    EntryPoint point;
    int from = -1, to = -1;
};

constexpr double kSideStepM = 0.5;  // how far along the road the side of a crossing is read

}  // namespace

std::vector<DistrictEntry> findDistrictEntries(const CordonNetwork& net) {
    const RoadGraph& g = net.graph();
    const size_t districtCount = net.districtNames().size();
    const double touch = net.options().touchDistanceM;
    std::vector<SidedPoint> points;
    if (districtCount < 2) return {};
    std::vector<PolygonIndex::Crossing> found;
    for (uint32_t r = 0; r < g.lineCount(); ++r) {
        if (g.lineFirstEdge[r] == g.lineFirstEdge[r + 1]) continue;
        uint32_t feature = g.lineFeature[r];
        auto addAt = [&](double d, double x, double y, int from, int to) {
            SidedPoint p;
            p.point.edge = g.edgeAt(r, d, p.point.offset);
            p.point.x = x; p.point.y = y; p.point.feature = feature;
            p.from = from; p.to = to;
            points.push_back(p);
        };
        for (uint32_t v = g.lineStart[r]; v + 1 < g.lineStart[r + 1]; ++v) {
            double ax = g.xy[2 * v], ay = g.xy[2 * v + 1], bx = g.xy[2 * v + 2], by = g.xy[2 * v + 3];
            double len = g.vertexDist[v + 1] - g.vertexDist[v];
            if (len <= 0) continue;
            found.clear();
            for (size_t k = 0; k < districtCount; ++k) net.districtArea(k).crossings(ax, ay, bx, by, found);
            std::sort(found.begin(), found.end(), [](const auto& p, const auto& q) { return p.t < q.t; });
            double lastT = -1;
            for (const auto& c : found) {
                if (lastT >= 0 && (c.t - lastT) * len < 1e-3) continue;  // the shared outline, seen from both sides
                lastT = c.t;
                double step = kSideStepM / len;
                double t0 = std::max(0.0, c.t - step), t1 = std::min(1.0, c.t + step);
                int from = net.districtAt(ax + (bx - ax) * t0, ay + (by - ay) * t0);
                int to = net.districtAt(ax + (bx - ax) * t1, ay + (by - ay) * t1);
                if (from >= 0 && to >= 0 && from != to) addAt(g.vertexDist[v] + c.t * len, c.x, c.y, from, to);
            }
        }
        // A dead end within the touch distance of another district touches that district.
        uint32_t first = g.lineStart[r], last = g.lineStart[r + 1] - 1;
        uint32_t startNode = g.edgeFrom[g.lineFirstEdge[r]], endNode = g.edgeTo[g.lineFirstEdge[r + 1] - 1];
        auto touchEnd = [&](uint32_t vertex, uint32_t node, double d) {
            if (g.degree(node) != 1) return;
            double x = g.xy[2 * vertex], y = g.xy[2 * vertex + 1];
            int own = net.districtAt(x, y);
            if (own < 0) return;
            for (size_t k = 0; k < districtCount; ++k)
                if (static_cast<int>(k) != own && net.districtArea(k).distanceToOutline(x, y, touch + 1) <= touch) {
                    addAt(d, x, y, own, static_cast<int>(k));
                    return;
                }
        };
        touchEnd(first, startNode, 0);
        touchEnd(last, endNode, g.vertexDist[last]);
    }
    // Points closer than the merge distance joining the same two districts are one entry.
    auto pairOf = [](const SidedPoint& p) { return std::minmax(p.from, p.to); };
    const std::vector<size_t> entryOf = clusterPoints(
        points.size(), [&](size_t i) { return points[i].point.x; }, [&](size_t i) { return points[i].point.y; },
        net.options().mergeDistanceM, [&](size_t a, size_t b) { return pairOf(points[a]) == pairOf(points[b]); });
    std::vector<DistrictEntry> entries;
    for (size_t i = 0; i < points.size(); ++i) {
        if (entryOf[i] == entries.size()) entries.emplace_back();
        DistrictEntry& e = entries[entryOf[i]];
        const SidedPoint& p = points[i];
        RoadClass c = net.roadClass(p.point.feature);
        const std::string& name = net.roadName(p.point.feature);
        if (e.points.empty() || c < e.roadClass || (c == e.roadClass && e.road.empty() && !name.empty())) {
            e.x = p.point.x; e.y = p.point.y; e.feature = p.point.feature;
            e.road = name;
            e.roadClass = c;
            e.from = p.from; e.to = p.to;
        }
        e.points.push_back(p.point);
    }
    std::stable_sort(entries.begin(), entries.end(), [](const DistrictEntry& a, const DistrictEntry& b) { return a.roadClass < b.roadClass; });
    return entries;
}

namespace {

// Along edge e from offset a to b inside district `side`, having come d0 metres.
Walk walkSide(const CordonNetwork& net, const Barriers& bar, uint32_t e, double a, double b, double d0, double limit,
              int side, double& reach) {
    const RoadGraph& g = net.graph();
    double dir = b >= a ? 1 : -1;
    double span = std::abs(b - a);
    double x = 0, y = 0;
    auto it = bar.onEdge.find(e);
    if (it != bar.onEdge.end()) {
        double first = span + 1;
        for (double o : it->second) {
            double s = (o - a) * dir;
            if (s >= -1e-9 && s <= span + 1e-9) first = std::min(first, std::max(s, 0.0));
        }
        if (first <= span && d0 + first <= limit) {
            g.pointOnEdge(e, a + dir * first, x, y);
            // A barrier at the crossing itself, or on this side of it, stops the path.
            if (first < 1 || net.districtAt(x, y) == side) return Walk::Blocked;
        }
    }
    if (d0 + span >= limit) {
        g.pointOnEdge(e, a + dir * (limit - d0), x, y);
        return net.districtAt(x, y) == side ? Walk::Leak : Walk::Stop;
    }
    g.pointOnEdge(e, b, x, y);
    reach = d0 + span;
    return net.districtAt(x, y) == side ? Walk::Arrive : Walk::Stop;
}

bool isSideGuarded(const CordonNetwork& net, const DistrictEntry& entry, const Barriers& bar, double limit, int side) {
    const RoadGraph& g = net.graph();
    auto step = [&](uint32_t e, double a, double b, double d0, double& reach) {
        return walkSide(net, bar, e, a, b, d0, limit, side, reach);
    };
    // Only the direction that goes into `side`.
    auto startsInto = [&](const EntryPoint& p, double target) {
        double span = std::abs(target - p.offset);
        if (span < 1e-9) return false;
        double x = 0, y = 0;
        g.pointOnEdge(p.edge, p.offset + (target > p.offset ? 1 : -1) * std::min(kSideStepM, span / 2), x, y);
        return net.districtAt(x, y) == side;
    };
    return searchGuarded(g, bar, entry.points, step, startsInto);
}

}  // namespace

std::vector<uint8_t> guardDistrictEntries(const CordonNetwork& net, const std::vector<DistrictEntry>& entries,
                                          const Barriers& barriers, double guardDistanceM) {
    std::vector<uint8_t> guarded(entries.size(), 0);
    for (size_t i = 0; i < entries.size(); ++i) {
        const DistrictEntry& e = entries[i];
        // Merged points may face either way; test both districts of the pair.
        guarded[i] = isSideGuarded(net, e, barriers, guardDistanceM, e.from) ||
                             isSideGuarded(net, e, barriers, guardDistanceM, e.to) ? 1 : 0;
    }
    return guarded;
}

std::string districtEntriesJson(const CordonNetwork& net, const std::vector<DistrictEntry>& entries,
                                const std::vector<uint8_t>& guarded, const Transformer& toLonLat) {
    JsonWriter j;
    j.beginArray();
    for (size_t i = 0; i < entries.size(); ++i) {
        const DistrictEntry& e = entries[i];
        double x = e.x, y = e.y;
        toLonLat.transformPoint(x, y);
        j.beginObject().key("road").value(e.road).key("class").value(roadClassName(e.roadClass));
        j.key("lon").value(x, 7).key("lat").value(y, 7);
        j.key("from").value(net.districtNames()[static_cast<size_t>(e.from)]);
        j.key("to").value(net.districtNames()[static_cast<size_t>(e.to)]);
        j.key("guarded").value(i < guarded.size() && guarded[i] != 0).endObject();
    }
    j.endArray();
    return j.str();
}

}  // namespace geo
