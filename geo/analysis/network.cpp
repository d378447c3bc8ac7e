// Entries and guarding. Entries are found once per workspace; guarding is one flood from the
// protected places over the guard points (geo/analysis/guard_model.hpp).
#include "geo/workspace/boundary.hpp"
#include "geo/analysis/network.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "geo/core/error.hpp"
#include "geo/core/point_clusters.hpp"
#include "geo/workspace/network_cache.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {
namespace {

int fieldOf(const Layer& layer, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        int i = layer.fieldIndex(n);
        if (i >= 0) return i;
    }
    return -1;
}

std::string featureName(const Layer& layer, size_t f, int nameField, int refField) {
    std::string_view v = layer.attr(f, nameField);
    if (v.empty()) v = layer.attr(f, refField);
    return std::string(v);
}


}  // namespace

CordonNetwork::CordonNetwork(const Layer& roads, const Layer& boundary, const Layer* districts, const Layer* villages,
                             const NetworkOptions& options, const Workspace* graphCache)
    : options_(options) {
    // The graph grows with crossings as well as segments; past this size it can exhaust memory
    // on a command-post laptop, so refuse with a reason instead. (About 0.55 KB per segment of a
    // densely crossing network at build time, half of what the limit of 3M was set for.)
    constexpr size_t kMaxSegments = 6'000'000;
    if (roads.segmentCount() > kMaxSegments)
        throw Error("the roads layer has " + std::to_string(roads.segmentCount()) +
                    " segments; the cordon analysis handles up to 6 million (clip the roads to a band around the township)");
    auto t0 = std::chrono::steady_clock::now();
    int nameField = fieldOf(roads, {"name", "NAME", "名称", "路名", "Name"});
    int refField = fieldOf(roads, {"ref", "REF", "编号", "code"});
    roadNames_.reserve(roads.featureCount());
    for (size_t f = 0; f < roads.featureCount(); ++f) roadNames_.push_back(featureName(roads, f, nameField, refField));
    roadClasses_ = roadClasses(roads);
    levels_ = roadLevels(roads);
    // Expressway mainlines: their own level band, so only ends join them (see road_graph.hpp).
    int classField = fieldOf(roads, {"highway", "fclass", "TYPE", "type", "道路等级", "class"});
    mainline_.assign(roads.featureCount(), 0);
    for (size_t f = 0; f < roads.featureCount(); ++f)
        if (roadClasses_[f] == RoadClass::Expressway && !isExpresswayLink(roads.attr(f, classField), roads.attr(f, nameField))) {
            mainline_[f] = 1;
            levels_[f] += kLimitedAccessLevel;
        }
    graph_ = graphCache ? cachedRoadGraph(*graphCache, roads, levels_, options.graph) : buildRoadGraph(roads, levels_, options.graph);
    locator_ = std::make_unique<RoadLocator>(graph_);
    boundary_ = PolygonIndex(boundary);
    if (districts && districts->kind == GeomKind::Polygon) {
        int dn = fieldOf(*districts, {"name", "NAME", "名称", "片区", "Name"});
        for (size_t f = 0; f < districts->featureCount(); ++f) {
            districts_.emplace_back(*districts, std::vector<size_t>{f});
            std::string name = featureName(*districts, f, dn, -1);
            districtNames_.push_back(name.empty() ? "district " + std::to_string(f + 1) : name);
        }
    }
    if (villages && villages->featureCount() > 0) {
        if (villages->kind == GeomKind::Polygon) {
            villages_ = PolygonIndex(*villages);
        } else if (villages->kind == GeomKind::Point) {
            std::vector<std::pair<double, double>> pts;
            for (size_t v = 0; v < villages->vertexCount(); ++v) pts.emplace_back(villages->xy[2 * v], villages->xy[2 * v + 1]);
            std::sort(pts.begin(), pts.end());
            for (auto& [x, y] : pts) { villagePoints_.push_back(x); villagePoints_.push_back(y); }
        }
    }
    findEntries();
    buildSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool CordonNetwork::isClippedNear(double x, double y) const {
    const RoadGraph& g = graph_;
    const double r = options_.clippedReachM;
    bool isOutside = false;
    std::vector<PolygonIndex::Crossing> found;
    locator_->forEachSegmentNear(x, y, r, [&](uint32_t v) {
        if (isOutside) return;
        // The part of the segment within r of (x, y): t in [t0, t1] on a + t (b - a).
        double ax = g.xy[2 * v], ay = g.xy[2 * v + 1], dx = g.xy[2 * v + 2] - ax, dy = g.xy[2 * v + 3] - ay;
        double qa = dx * dx + dy * dy, qb = 2 * (dx * (ax - x) + dy * (ay - y));
        double qc = (ax - x) * (ax - x) + (ay - y) * (ay - y) - r * r;
        double t0 = 0, t1 = 1;
        if (qa <= 0) {
            if (qc > 0) return;
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc < 0) return;
            t0 = std::max(0.0, (-qb - std::sqrt(disc)) / (2 * qa));
            t1 = std::min(1.0, (-qb + std::sqrt(disc)) / (2 * qa));
            if (t0 > t1) return;
        }
        double x0 = ax + t0 * dx, y0 = ay + t0 * dy, x1 = ax + t1 * dx, y1 = ay + t1 * dy;
        found.clear();
        boundary_.crossings(x0, y0, x1, y1, found);
        isOutside = !boundary_.contains(x0, y0) || !boundary_.contains(x1, y1) || !found.empty();
    });
    return !isOutside;
}

// A dead end: an entry when it touches the boundary, or lies within the entry gap of it where the
// road layer stops there; else, when within the review distance, a near entry.
void CordonNetwork::addRoadEnd(uint32_t feature, uint32_t node, double x, double y, std::vector<EntryPoint>& points) {
    const RoadGraph& g = graph_;
    if (g.degree(node) != 1 || mainline_[feature]) return;
    double reach = std::max({options_.nearEntryM, options_.entryGapM, options_.touchDistanceM});
    double gap = boundary_.distanceToOutline(x, y, reach + 1);
    if (gap > reach) return;
    bool isEntry = gap <= options_.touchDistanceM ||
                   (gap <= options_.entryGapM && boundary_.contains(x, y) && isClippedNear(x, y));
    if (isEntry) {
        EntryPoint p;
        uint32_t e = g.adjEdge[g.adjStart[node]];
        p.edge = e;
        p.offset = g.edgeFrom[e] == node ? 0 : g.edgeLength(e);
        p.x = x; p.y = y; p.feature = feature; p.node = node; p.gapM = gap;
        points.push_back(p);
    } else if (boundary_.contains(x, y) && gap <= options_.nearEntryM) {
        nearEntries_.push_back({x, y, feature, roadNames_[feature], roadClasses_[feature], gap});
    }
}

void CordonNetwork::findEntries() {
    const RoadGraph& g = graph_;
    std::vector<EntryPoint> points;
    std::vector<std::pair<uint32_t, double>> edgeCross;
    std::vector<PolygonIndex::Crossing> found;
    nearEntries_.clear();
    for (uint32_t r = 0; r < g.lineCount(); ++r) {
        if (g.lineFirstEdge[r] == g.lineFirstEdge[r + 1]) continue;
        uint32_t feature = g.lineFeature[r];
        auto addAt = [&](double d, double x, double y) {
            EntryPoint p;
            p.edge = g.edgeAt(r, d, p.offset);
            p.x = x; p.y = y; p.feature = feature;
            edgeCross.emplace_back(p.edge, p.offset);
            if (!mainline_[feature]) points.push_back(p);  // an expressway is entered at its exits only
        };
        for (uint32_t v = g.lineStart[r]; v + 1 < g.lineStart[r + 1]; ++v) {
            found.clear();
            boundary_.crossings(g.xy[2 * v], g.xy[2 * v + 1], g.xy[2 * v + 2], g.xy[2 * v + 3], found);
            double len = g.vertexDist[v + 1] - g.vertexDist[v];
            for (const auto& c : found) addAt(g.vertexDist[v] + c.t * len, c.x, c.y);
        }
        uint32_t first = g.lineStart[r], last = g.lineStart[r + 1] - 1;
        addRoadEnd(feature, g.edgeFrom[g.lineFirstEdge[r]], g.xy[2 * first], g.xy[2 * first + 1], points);
        addRoadEnd(feature, g.edgeTo[g.lineFirstEdge[r + 1] - 1], g.xy[2 * last], g.xy[2 * last + 1], points);
    }
    // Expressway exits: a junction inside the township where another road (a ramp, or a road
    // ending at the expressway) meets a mainline.
    for (uint32_t n = 0; n < g.nodeCount(); ++n) {
        uint32_t other = kNoId;
        bool onMainline = false;
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            if (isEdgeMainline(g.adjEdge[k])) onMainline = true;
            else other = g.adjEdge[k];
        }
        if (!onMainline || other == kNoId || !isInside(g.nodeXy[2 * n], g.nodeXy[2 * n + 1])) continue;
        EntryPoint p;
        p.edge = other;
        p.offset = g.edgeFrom[other] == n ? 0 : g.edgeLength(other);
        p.x = g.nodeXy[2 * n]; p.y = g.nodeXy[2 * n + 1];
        p.feature = g.edgeFeature(other);
        p.node = n;
        points.push_back(p);
    }
    // Crossing offsets per edge, for walks that must stop where a road leaves the township.
    std::sort(edgeCross.begin(), edgeCross.end());
    crossEdge_.clear();
    crossOffset_.clear();
    for (auto& [e, o] : edgeCross) {
        crossEdge_.push_back(e);
        crossOffset_.push_back(o);
    }

    // Points closer than mergeDistanceM are one entry.
    const std::vector<size_t> entryOf = clusterPoints(
        points.size(), [&](size_t i) { return points[i].x; }, [&](size_t i) { return points[i].y; }, options_.mergeDistanceM,
        [](size_t, size_t) { return true; });
    for (size_t i = 0; i < points.size(); ++i) {
        if (entryOf[i] == entries_.size()) entries_.emplace_back();
        Entry& e = entries_[entryOf[i]];
        const EntryPoint& p = points[i];
        RoadClass c = roadClasses_[p.feature];
        bool better = e.points.empty() || c < e.roadClass || (c == e.roadClass && e.road.empty() && !roadNames_[p.feature].empty());
        if (better) {
            e.x = p.x; e.y = p.y; e.feature = p.feature;
            e.road = roadNames_[p.feature];
            e.roadClass = c;
        }
        e.points.push_back(p);
    }
    for (Entry& e : entries_) e.district = districtNear(e.x, e.y, 200);
    std::sort(nearEntries_.begin(), nearEntries_.end(), [](const NearEntry& a, const NearEntry& b) { return a.gapM < b.gapM; });
}

const GuardModel& CordonNetwork::guardModel(double guardDistanceM) const {
    std::lock_guard<std::mutex> lock(guardMutex_);
    for (const auto& m : guardModels_)
        if (m->guardDistanceM() == guardDistanceM) return *m;
    guardModels_.push_back(std::make_unique<GuardModel>(*this, guardDistanceM, options_.sampleSpacingM));
    return *guardModels_.back();
}

double checkedEntryGap(double metres) {
    if (!(metres >= 0) || metres > 1000) throw Error("the entry gap must be between 0 and 1000 m");
    return metres;
}

std::unique_ptr<CordonNetwork> openNetwork(const Workspace& ws, const NetworkOptions& options) {
    Layer roads = ws.readLayer("roads");
    Layer boundary = readBoundary(ws);
    std::optional<Layer> districts, villages;
    if (ws.hasLayer("districts")) districts = ws.readLayer("districts");
    if (ws.hasLayer("villages")) villages = ws.readLayer("villages");
    return std::make_unique<CordonNetwork>(roads, boundary, districts ? &*districts : nullptr,
                                           villages ? &*villages : nullptr, options, &ws);
}

int CordonNetwork::districtAt(double x, double y) const {
    for (size_t d = 0; d < districts_.size(); ++d)
        if (districts_[d].contains(x, y)) return static_cast<int>(d);
    return -1;
}

int CordonNetwork::districtNear(double x, double y, double limit) const {
    int d = districtAt(x, y);
    if (d >= 0) return d;
    double best = limit;
    for (size_t k = 0; k < districts_.size(); ++k) {
        double dist = districts_[k].distanceToOutline(x, y, best);
        if (dist < best) { best = dist; d = static_cast<int>(k); }
    }
    return d;
}

int CordonNetwork::districtNamed(const std::string& name) const {
    auto it = std::find(districtNames_.begin(), districtNames_.end(), name);
    return it == districtNames_.end() ? -1 : static_cast<int>(it - districtNames_.begin());
}

bool CordonNetwork::isProtected(double x, double y, double guardDistanceM) const {
    if (!isInside(x, y)) return false;
    if (!hasVillages()) return boundary_.distanceToOutline(x, y, guardDistanceM + 1) > guardDistanceM;
    if (!villages_.isEmpty() && villages_.contains(x, y)) return true;
    double r = options_.villageRadiusM;
    size_t n = villagePoints_.size() / 2;
    size_t lo = 0, hi = n;
    while (lo < hi) {  // first village with vx >= x - r
        size_t mid = (lo + hi) / 2;
        if (villagePoints_[2 * mid] < x - r) lo = mid + 1; else hi = mid;
    }
    for (size_t i = lo; i < n && villagePoints_[2 * i] <= x + r; ++i)
        if (std::hypot(villagePoints_[2 * i] - x, villagePoints_[2 * i + 1] - y) <= r) return true;
    return false;
}

void Barriers::add(const RoadGraph& graph, const RoadPosition& p) {
    positions.push_back(p);
    if (!p.isValid()) return;
    if (nodeBlocked.size() != graph.nodeCount()) nodeBlocked.resize(graph.nodeCount(), 0);
    constexpr double kAtNodeM = 1.0;  // a checkpoint this close to a junction stands on it
    if (p.offset < kAtNodeM) { nodeBlocked[graph.edgeFrom[p.edge]] = 1; return; }
    if (p.offset > graph.edgeLength(p.edge) - kAtNodeM) { nodeBlocked[graph.edgeTo[p.edge]] = 1; return; }
    auto& v = onEdge[p.edge];
    v.insert(std::upper_bound(v.begin(), v.end(), p.offset), p.offset);
}

bool Barriers::blocksBetween(uint32_t edge, double a, double b) const {
    auto it = onEdge.find(edge);
    if (it == onEdge.end()) return false;
    double lo = std::min(a, b), hi = std::max(a, b);
    auto k = std::lower_bound(it->second.begin(), it->second.end(), lo);
    return k != it->second.end() && *k <= hi;
}

Barriers placeBarriers(const CordonNetwork& net, const std::vector<Checkpoint>& checkpoints, bool closuresOnly) {
    Barriers b;
    b.nodeBlocked.assign(net.graph().nodeCount(), 0);
    for (const auto& c : checkpoints) {
        if (closuresOnly && c.kind != CheckpointKind::RoadClosure) { b.positions.emplace_back(); continue; }
        b.add(net.graph(), net.locator().nearest(c.x, c.y, net.options().snapDistanceM));
    }
    return b;
}

bool isEntryGuarded(const CordonNetwork& net, const Entry& entry, const Barriers& bar, double limit) {
    const auto& entries = net.entries();
    assert(&entry >= entries.data() && &entry < entries.data() + entries.size());
    return !net.guardModel(limit).isOpen(static_cast<uint32_t>(&entry - entries.data()), bar);
}

}  // namespace geo
