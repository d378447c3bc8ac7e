// The demo township's shape: an outline of 150 km² in five district wedges, 20 villages, and a
// road network of every class that crosses the boundary 30-45 times, plus benchmark lanes.
#include "geo/io/demo_township.hpp"

#include <algorithm>
#include <iterator>
#include <numbers>

namespace geo::demo {
namespace {

constexpr double kAreaM2 = 150e6;
constexpr double kTau = 2.0 * std::numbers::pi;

const char* kVillageNames[] = {"王茅村", "东垣村", "西垣村", "南坡村", "北沟村", "上庄村", "下庄村",
                               "河东村", "河西村", "李家庄村", "张家坡村", "马家岭村", "柳树湾村", "杏林村",
                               "白家坡村", "石门村", "槐树村", "新庄村", "古城村", "岭上村"};

bool inside(const std::vector<P>& ring, P p) {
    bool in = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        if (((ring[i].y > p.y) != (ring[j].y > p.y)) &&
            (p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x))
            in = !in;
    }
    return in;
}

int crossings(const std::vector<P>& ring, const std::vector<P>& line) {
    int n = 0;
    for (size_t i = 1; i < line.size(); ++i)
        if (inside(ring, line[i]) != inside(ring, line[i - 1])) ++n;
    return n;
}

// A polyline from a to b with gentle bends every ~400 m; ends exactly at a and b.
std::vector<P> wiggle(DemoRandom& rnd, P a, P b, double amplitude) {
    double len = std::hypot(b.x - a.x, b.y - a.y);
    int steps = std::max(2, static_cast<int>(len / 400.0));
    double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    std::vector<P> pts{a};
    double offset = 0;
    for (int i = 1; i < steps; ++i) {
        double t = static_cast<double>(i) / steps;
        offset = 0.6 * offset + rnd.uniform(-amplitude, amplitude);
        double taper = std::sin(t * std::numbers::pi);
        pts.push_back({a.x + (b.x - a.x) * t + nx * offset * taper, a.y + (b.y - a.y) * t + ny * offset * taper});
    }
    pts.push_back(b);
    return pts;
}

void append(std::vector<P>& into, const std::vector<P>& more) {
    into.insert(into.end(), more.begin() + (into.empty() ? 0 : 1), more.end());
}

int districtOf(const Township& t, double theta) {
    double a = std::fmod(theta - t.wedgeAngle[0] + 2 * kTau, kTau);
    return std::min(4, static_cast<int>(a / (kTau / 5)));
}

}  // namespace

Township makeTownship(DemoRandom& rnd, P centre) {
    Township t;
    t.centre = centre;
    t.phase1 = rnd.uniform(0, kTau);
    t.phase2 = rnd.uniform(0, kTau);
    double start = rnd.uniform(0, kTau / 5);
    for (int k = 0; k < 5; ++k) t.wedgeAngle.push_back(start + k * kTau / 5);
    // Area of the unit-scale outline, to scale it to 150 km².
    t.scale = 1;
    const int perWedge = 16;
    std::vector<double> angles;
    for (int k = 0; k < 5; ++k)
        for (int i = 0; i < perWedge; ++i) angles.push_back(t.wedgeAngle[static_cast<size_t>(k)] + (kTau / 5) * i / perWedge);
    double area = 0;
    for (size_t i = 0; i < angles.size(); ++i) {
        double r1 = t.radiusAt(angles[i]), r2 = t.radiusAt(angles[(i + 1) % angles.size()]);
        area += 0.5 * r1 * r2 * std::sin(kTau / static_cast<double>(angles.size()));
    }
    t.scale = std::sqrt(kAreaM2 / area);
    for (size_t i = 0; i < angles.size(); ++i) {
        if (i % perWedge == 0) t.wedgeVertex.push_back(t.boundary.size());
        double jitter = (i % perWedge == 0) ? 1.0 : 1.0 + rnd.uniform(-0.015, 0.015);
        t.boundary.push_back(t.at(angles[i], jitter));
    }
    return t;
}

std::vector<Village> placeVillages(DemoRandom& rnd, const Township& town) {
    const P centre = town.centre;
    std::vector<Village> villages;
    villages.push_back({centre, kVillageNames[0], districtOf(town, 0.3)});
    for (int i = 1; i < 20; ++i) {
        double theta = town.wedgeAngle[0] + kTau * (i - 0.5) / 19.0 + rnd.uniform(-0.08, 0.08);
        double frac = (i % 2 == 0) ? rnd.uniform(0.30, 0.50) : rnd.uniform(0.62, 0.82);
        villages.push_back({town.at(theta, frac), kVillageNames[i], districtOf(town, theta)});
    }
    villages[0].district = districtOf(town, town.wedgeAngle[0] + 0.1);
    return villages;
}

std::vector<Road> townshipRoads(DemoRandom& rnd, const Township& town, const std::vector<Village>& villages, int& total) {
    const P centre = town.centre;
    std::vector<Road> roads;
    auto outside = [&](double theta, double frac) { return town.at(theta, frac); };
    auto nearestVillage = [&](P p, size_t skip) {
        size_t best = 0;
        double bd = 1e18;
        for (size_t i = 0; i < villages.size(); ++i) {
            if (i == skip) continue;
            double d = std::hypot(villages[i].pos.x - p.x, villages[i].pos.y - p.y);
            if (d < bd) { bd = d; best = i; }
        }
        return best;
    };
    auto angleOf = [&](P p) { return std::atan2(p.y - centre.y, p.x - centre.x); };

    // Trunk roads through the seat: one national road, two provincial roads.
    struct Trunk { double theta; const char* cls; const char* code; const char* name; };
    double base = town.wedgeAngle[0];
    for (const Trunk& tr : {Trunk{base + 0.2, "国道", "G241", "G241国道"},
                            Trunk{base + 1.5, "省道", "S237", "S237省道"}}) {
        P a = outside(tr.theta, 1.45), b = outside(tr.theta + std::numbers::pi, 1.45);
        std::vector<P> pts;
        append(pts, wiggle(rnd, a, centre, 250));
        append(pts, wiggle(rnd, centre, b, 250));
        roads.push_back({pts, tr.cls, tr.name, tr.code});
    }
    {
        // A provincial road that skirts the seat, through two villages.
        size_t v1 = nearestVillage(town.at(base + 2.6, 0.45), 0);
        size_t v2 = nearestVillage(town.at(base + 5.2, 0.45), v1);
        P a = outside(angleOf(villages[v1].pos), 1.4), b = outside(angleOf(villages[v2].pos), 1.4);
        std::vector<P> pts;
        append(pts, wiggle(rnd, a, villages[v1].pos, 200));
        append(pts, wiggle(rnd, villages[v1].pos, villages[v2].pos, 300));
        append(pts, wiggle(rnd, villages[v2].pos, b, 200));
        roads.push_back({pts, "省道", "S328省道", "S328"});
    }
    // County roads: the seat to an outer village of each district and on out of the township.
    int county = 0;
    for (size_t i = 1; i < villages.size() && county < 5; i += 4) {
        size_t v = i % 2 == 1 ? i : i + 1;
        if (v >= villages.size()) break;
        P end = outside(angleOf(villages[v].pos), 1.3);
        std::vector<P> pts;
        append(pts, wiggle(rnd, centre, villages[v].pos, 300));
        append(pts, wiggle(rnd, villages[v].pos, end, 200));
        char code[16];
        std::snprintf(code, sizeof code, "X%03d", 511 + county);
        roads.push_back({pts, "县道", std::string(code) + "县道", code});
        ++county;
    }
    // Township roads: a ring through the villages.
    {
        std::vector<size_t> order;
        for (size_t i = 1; i < villages.size(); ++i) order.push_back(i);
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return angleOf(villages[a].pos) < angleOf(villages[b].pos); });
        for (size_t k = 0; k < order.size(); ++k) {
            size_t a = order[k], b = order[(k + 1) % order.size()];
            char code[16];
            std::snprintf(code, sizeof code, "Y%03d", 101 + static_cast<int>(k));
            roads.push_back({wiggle(rnd, villages[a].pos, villages[b].pos, 250), "乡道",
                             villages[a].name + "至" + villages[b].name, code});
        }
    }
    // Village roads: outer villages out across the boundary; tracks into the fields.
    for (size_t i = 1; i < villages.size(); ++i) {
        double r = std::hypot(villages[i].pos.x - centre.x, villages[i].pos.y - centre.y) /
                   town.radiusAt(angleOf(villages[i].pos));
        if (r > 0.55) {
            double theta = angleOf(villages[i].pos) + rnd.uniform(-0.25, 0.25);
            roads.push_back({wiggle(rnd, villages[i].pos, outside(theta, 1.2), 150), "村道", villages[i].name + "村道",
                             "C" + std::to_string(200 + i)});
        }
    }
    const auto& ring = town.boundary;
    total = 0;
    for (const auto& rd : roads) total += crossings(ring, rd.points);
    int tracks = 0;
    while (total < 36 && tracks < 60) {
        size_t v = 1 + static_cast<size_t>(rnd.below(19));
        double theta = angleOf(villages[v].pos) + rnd.uniform(-0.5, 0.5);
        auto pts = wiggle(rnd, villages[v].pos, outside(theta, 1.15), 120);
        int c = crossings(ring, pts);
        if (c != 1) continue;
        total += c;
        roads.push_back({pts, "机耕路", "", ""});
        ++tracks;
    }
    // Village lanes: short streets around each village, joined at the village centre.
    for (const auto& v : villages) {
        int lanes = 4 + rnd.below(3);
        for (int k = 0; k < lanes; ++k) {
            double theta = rnd.uniform(0, kTau);
            double len = rnd.uniform(150, 450);
            P end{v.pos.x + len * std::cos(theta), v.pos.y + len * std::sin(theta)};
            if (!inside(ring, end)) continue;
            roads.push_back({wiggle(rnd, v.pos, end, 30), "村道", "", ""});
        }
    }
    return roads;
}

size_t addBenchmarkLanes(DemoRandom& rnd, const Township& town, int64_t wantedSegments, std::vector<Road>& roads) {
    const P centre = town.centre;
    size_t segments = 0;
    for (const auto& rd : roads) segments += rd.points.size() - 1;
    size_t wanted = wantedSegments > 0 ? static_cast<size_t>(wantedSegments) : segments;
    std::vector<Road> extra;
    if (wanted > segments) {
        constexpr double kSegmentsPerLane = 4.5;  // 2..7 segments each
        double lanes = static_cast<double>(wanted - segments) / kSegmentsPerLane;
        auto side = static_cast<size_t>(std::ceil(std::sqrt(lanes / 2.0) * 1.15)) + 1;  // junctions per grid row
        double span = town.scale * 1.5, spacing = 2 * span / static_cast<double>(side - 1);
        std::vector<P> junction(side * side);
        for (size_t r = 0; r < side; ++r)
            for (size_t c = 0; c < side; ++c) {
                // A gentle warp plus jitter, so the grid reads as streets rather than graph paper.
                double u = static_cast<double>(c) / static_cast<double>(side - 1), v = static_cast<double>(r) / static_cast<double>(side - 1);
                double wx = 0.08 * span * std::sin(kTau * v * 1.3 + town.phase1), wy = 0.08 * span * std::sin(kTau * u * 1.1 + town.phase2);
                junction[r * side + c] = {centre.x - span + 2 * span * u + wx + rnd.uniform(-0.2, 0.2) * spacing,
                                          centre.y - span + 2 * span * v + wy + rnd.uniform(-0.2, 0.2) * spacing};
            }
        std::vector<std::pair<uint32_t, uint32_t>> links;
        links.reserve(2 * side * side);
        for (size_t r = 0; r < side; ++r)
            for (size_t c = 0; c < side; ++c) {
                auto at = static_cast<uint32_t>(r * side + c);
                if (c + 1 < side) links.emplace_back(at, at + 1);
                if (r + 1 < side) links.emplace_back(at, static_cast<uint32_t>(at + side));
            }
        for (size_t i = links.size(); i > 1; --i)
            std::swap(links[i - 1], links[static_cast<size_t>(rnd.below(static_cast<int>(i)))]);
        extra.reserve(std::min(links.size(), static_cast<size_t>(lanes) + 1));
        for (const auto& [a, b] : links) {
            if (segments >= wanted) break;
            P p = junction[a], q = junction[b];
            Road r;
            int n = 3 + rnd.below(6);
            double nx = -(q.y - p.y), ny = q.x - p.x;
            r.points.push_back(p);
            for (int k = 1; k < n - 1; ++k) {
                double t = static_cast<double>(k) / (n - 1), bend = rnd.uniform(-0.06, 0.06);
                r.points.push_back({p.x + (q.x - p.x) * t + nx * bend, p.y + (q.y - p.y) * t + ny * bend});
            }
            r.points.push_back(q);
            if (segments + r.points.size() - 1 > wanted) r.points.resize(wanted - segments + 1);
            segments += r.points.size() - 1;
            r.cls = rnd.below(4) == 0 ? "机耕路" : "村道";
            extra.push_back(std::move(r));
        }
    }
    roads.insert(roads.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    return segments;
}

}  // namespace geo::demo
