// The demo township: boundary, 5 districts, 20 villages, a road network of every class that
// crosses the boundary 30-45 times, and 829 returnees (21 from Wuhan).
#include "geo/io/demo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gdal_priv.h>
#include <numbers>
#include <ogrsf_frmts.h>
#include <vector>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/workspace.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

constexpr double kCentreLon = 111.70;
constexpr double kCentreLat = 35.20;
constexpr double kAreaM2 = 150e6;
constexpr int kWorkingEpsg = 4546;
constexpr double kTau = 2.0 * std::numbers::pi;

struct P { double x, y; };

struct Township {
    P centre;
    std::vector<P> boundary;            // open ring, counter-clockwise
    std::vector<size_t> wedgeVertex;    // boundary vertex index at each district's start angle
    std::vector<double> wedgeAngle;
    double scale = 1;                   // metres per unit radius
    double phase1 = 0, phase2 = 0;
    double radiusAt(double theta) const {
        return scale * (1.0 + 0.13 * std::sin(3 * theta + phase1) + 0.07 * std::sin(5 * theta + phase2));
    }
    P at(double theta, double fraction) const {
        double r = radiusAt(theta) * fraction;
        return {centre.x + r * std::cos(theta), centre.y + r * std::sin(theta)};
    }
};

struct Road {
    std::vector<P> points;
    std::string cls;    // 道路等级
    std::string name;   // 名称
    std::string code;   // 编号
};

struct Village {
    P pos;
    std::string name;
    int district;
};

const char* kVillageNames[] = {"王茅村", "东垣村", "西垣村", "南坡村", "北沟村", "上庄村", "下庄村",
                               "河东村", "河西村", "李家庄村", "张家坡村", "马家岭村", "柳树湾村", "杏林村",
                               "白家坡村", "石门村", "槐树村", "新庄村", "古城村", "岭上村"};
const char* kDistrictNames[] = {"王茅片区", "东垣片区", "北沟片区", "西垣片区", "南坡片区"};

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

int districtOf(const Township& t, double theta) {
    double a = std::fmod(theta - t.wedgeAngle[0] + 2 * kTau, kTau);
    return std::min(4, static_cast<int>(a / (kTau / 5)));
}

void writeShapefile(const fs::path& path, OGRwkbGeometryType type, const std::vector<std::string>& fieldNames,
                    const std::function<size_t()>& count,
                    const std::function<void(size_t, OGRFeature&, OGRSpatialReference&)>& fill) {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    GDALDatasetUniquePtr ds(drv->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw Error(path.string() + ": cannot create");
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // A fixed header date keeps the files byte-identical for the same seed.
    const char* options[] = {"ENCODING=CP936", "DBF_DATE_LAST_UPDATE=2020-01-23", nullptr};
    OGRLayer* layer = ds->CreateLayer(path.stem().string().c_str(), &wgs84, type, const_cast<char**>(options));
    if (!layer) throw Error(path.string() + ": cannot create layer");
    for (const auto& name : fieldNames) {
        OGRFieldDefn fd(name.c_str(), OFTString);
        fd.SetWidth(40);
        layer->CreateField(&fd);
    }
    size_t n = count();
    for (size_t i = 0; i < n; ++i) {
        OGRFeature f(layer->GetLayerDefn());
        fill(i, f, wgs84);
        if (layer->CreateFeature(&f) != OGRERR_NONE) throw Error(path.string() + ": write failed");
    }
}

// Villages: the seat at the centre, the rest spread over the districts.
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

// Roads of every class, crossing the boundary 30-45 times (`total`, counted as they are made).
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

// Benchmark-sized networks: a warped grid of lanes around and across the township, meeting
// at shared junctions as real streets and field tracks do (few crossings without a junction),
// added in a shuffled order until the network has exactly `wanted` segments, or none when
// `wanted` is 0 (the last lane is cut to fit). Returns the segments of all roads.
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

// The four source shapefiles (WGS 84, GBK text): boundary, districts, villages, roads.
void writeSources(const fs::path& out, const Township& town, const std::vector<Village>& villages,
                  const std::vector<Road>& roads, const Transformer& toLonLat,
                  const std::function<void(double, const std::string&)>& progress) {
    const P centre = town.centre;
    const auto& ring = town.boundary;
    auto lonLat = [&](P p) { toLonLat.transformPoint(p.x, p.y); return p; };
    auto ringGeometry = [&](const std::vector<P>& pts) {
        auto* lr = new OGRLinearRing();
        for (const P& p : pts) { P q = lonLat(p); lr->addPoint(q.x, q.y); }
        lr->closeRings();
        return lr;
    };
    writeShapefile(out / "boundary.shp", wkbPolygon, {"名称"}, [] { return size_t{1}; },
                   [&](size_t, OGRFeature& f, OGRSpatialReference&) {
                       OGRPolygon poly;
                       poly.addRingDirectly(ringGeometry(ring));
                       f.SetField(0, "王茅镇");
                       f.SetGeometry(&poly);
                   });
    writeShapefile(out / "districts.shp", wkbPolygon, {"名称", "编号"}, [] { return size_t{5}; },
                   [&](size_t k, OGRFeature& f, OGRSpatialReference&) {
                       std::vector<P> pts{centre};
                       size_t a = town.wedgeVertex[k], b = k + 1 < 5 ? town.wedgeVertex[k + 1] : ring.size();
                       for (size_t i = a; i <= b; ++i) pts.push_back(ring[i % ring.size()]);
                       OGRPolygon poly;
                       poly.addRingDirectly(ringGeometry(pts));
                       f.SetField(0, kDistrictNames[k]);
                       f.SetField(1, std::to_string(k + 1).c_str());
                       f.SetGeometry(&poly);
                   });
    writeShapefile(out / "villages.shp", wkbPoint, {"名称", "片区"}, [&] { return villages.size(); },
                   [&](size_t i, OGRFeature& f, OGRSpatialReference&) {
                       P q = lonLat(villages[i].pos);
                       OGRPoint pt(q.x, q.y);
                       f.SetField(0, villages[i].name.c_str());
                       f.SetField(1, kDistrictNames[villages[i].district]);
                       f.SetGeometry(&pt);
                   });
    {
        // Roads: project all vertices at once.
        std::vector<double> xy;
        for (const auto& r : roads)
            for (const P& p : r.points) { xy.push_back(p.x); xy.push_back(p.y); }
        toLonLat.transform(xy.data(), xy.size() / 2);
        size_t cursor = 0;
        writeShapefile(out / "roads.shp", wkbLineString, {"名称", "道路等级", "编号"}, [&] { return roads.size(); },
                       [&](size_t i, OGRFeature& f, OGRSpatialReference&) {
                           OGRLineString ls;
                           ls.setNumPoints(static_cast<int>(roads[i].points.size()), FALSE);
                           for (size_t k = 0; k < roads[i].points.size(); ++k, ++cursor)
                               ls.setPoint(static_cast<int>(k), xy[2 * cursor], xy[2 * cursor + 1]);
                           f.SetField(0, roads[i].name.c_str());
                           f.SetField(1, roads[i].cls.c_str());
                           f.SetField(2, roads[i].code.c_str());
                           f.SetGeometry(&ls);
                           if ((i & 0xffff) == 0) progress(0.1 + 0.4 * static_cast<double>(i) / static_cast<double>(roads.size()), "writing roads.shp");
                       });
    }
}

// Returnees: 829 records, 21 from Wuhan; no real person behind any row.
void writeReturnees(const fs::path& out, DemoRandom& rnd, const std::vector<Village>& villages,
                    const Transformer& toLonLat, const DemoOptions& o, DemoSummary& summary) {
    auto lonLat = [&](P p) { toLonLat.transformPoint(p.x, p.y); return p; };
    std::ofstream csv(out / "returnees.csv", std::ios::binary);
    csv << "序号,姓名,联系电话,村,经度,纬度,返乡日期,来源地,状态\n";
    const int records = 829, wuhan = 21;
    std::vector<int> origin(records);
    for (int i = 0; i < records; ++i) origin[static_cast<size_t>(i)] = i < wuhan ? 0 : i < 21 + 96 ? 1 : i < 21 + 96 + 310 ? 2 : 3;
    for (int i = records - 1; i > 0; --i) std::swap(origin[static_cast<size_t>(i)], origin[static_cast<size_t>(rnd.below(i + 1))]);
    const char* origins[] = {"武汉", "湖北其他", "省外", "省内"};
    for (int i = 0; i < records; ++i) {
        // Weighted to the larger villages, jittered about 150 m around the village centre.
        size_t v = static_cast<size_t>(rnd.below(3) == 0 ? 0 : rnd.below(20));
        P p{villages[v].pos.x + rnd.uniform(-150, 150), villages[v].pos.y + rnd.uniform(-150, 150)};
        P q = lonLat(p);
        int day = 10 + std::min(18, static_cast<int>(rnd.uniform() * rnd.uniform() * 19 + rnd.below(8)));
        int o2 = origin[static_cast<size_t>(i)];
        char line[256];
        std::snprintf(line, sizeof line, "%d,居民%04d,1390000%04d,%s,%.6f,%.6f,2020-01-%02d,%s,%s\n", i + 1, i + 1, i + 1,
                      villages[v].name.c_str(), q.x, q.y, day, origins[o2], o2 <= 1 ? "居家隔离" : "正常");
        csv << line;
    }
    if (!csv) throw Error(o.outDir + ": cannot write returnees.csv");
    summary.returnees = records;
    summary.returneesFromWuhan = wuhan;
}

// The workspace from the sources, with fixed timestamps, then the returnees as counts.
ImportReport importDemo(const fs::path& out, const DemoOptions& o, int64_t returnees) {
    ImportRequest req;
    req.workspacePath = (out / "demo.gpkg").string();
    req.replace = true;
    req.boundary = LayerSource{(out / "boundary.shp").string(), "", ""};
    req.districts = LayerSource{(out / "districts.shp").string(), "", ""};
    req.villages = LayerSource{(out / "villages.shp").string(), "", ""};
    req.roads = LayerSource{(out / "roads.shp").string(), "", ""};
    req.roadClassField = "道路等级";
    req.progress = [&](double f, const std::string& stage) {
        return !o.progress || o.progress(0.5 + 0.5 * f, stage);
    };
    // GeoPackage timestamps fixed too, so that the same seed gives the same workspace.
    std::string savedDate = CPLGetConfigOption("OGR_CURRENT_DATE", "");
    CPLSetConfigOption("OGR_CURRENT_DATE", "2020-01-23T00:00:00Z");
    ImportReport rep;
    try {
        rep = importWorkspace(req);
    } catch (...) {
        CPLSetConfigOption("OGR_CURRENT_DATE", savedDate.empty() ? nullptr : savedDate.c_str());
        throw;
    }
    CPLSetConfigOption("OGR_CURRENT_DATE", savedDate.empty() ? nullptr : savedDate.c_str());
    {
        // The returnees, as counts only; a fixed import time keeps the bytes repeatable.
        Workspace ws = Workspace::open(req.workspacePath);
        ReturneeImportOptions ro;
        ro.path = (out / "returnees.csv").string();
        ro.importedAt = "2020-01-23T00:00:00Z";
        ReturneeImportReport rr = importReturnees(ws, ro);
        if (!rr.committed || rr.rowsImported != returnees)
            throw Error("demo: returnees.csv did not import (" + std::to_string(rr.badRowCount) + " bad rows)");
    }
    return rep;
}

}  // namespace

DemoSummary generateDemo(const DemoOptions& o) {
    initGdal();
    fs::path out(o.outDir);
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec || !fs::is_directory(out)) throw Error(o.outDir + ": cannot create folder (" + ec.message() + ")");
    auto progress = [&](double f, const std::string& stage) {
        if (o.progress && !o.progress(f, stage)) throw Error("cancelled");
    };

    DemoRandom rnd(o.seed);
    Transformer toLonLat("EPSG:" + std::to_string(kWorkingEpsg), "EPSG:4326");
    Transformer toMetric("EPSG:4326", "EPSG:" + std::to_string(kWorkingEpsg));
    P centre{kCentreLon, kCentreLat};
    toMetric.transformPoint(centre.x, centre.y);
    Township town = makeTownship(rnd, centre);
    std::vector<Village> villages = placeVillages(rnd, town);
    DemoSummary summary;
    std::vector<Road> roads = townshipRoads(rnd, town, villages, summary.boundaryCrossings);
    summary.roadSegments = static_cast<int64_t>(addBenchmarkLanes(rnd, town, o.roads, roads));
    summary.roadFeatures = static_cast<int64_t>(roads.size());
    progress(0.1, "writing shapefiles");
    writeSources(out, town, villages, roads, toLonLat, progress);
    writeReturnees(out, rnd, villages, toLonLat, o, summary);
    progress(0.5, "importing");

    ImportReport rep = importDemo(out, o, summary.returnees);
    summary.workspace = (out / "demo.gpkg").string();
    summary.villages = static_cast<int>(villages.size());
    summary.districts = 5;
    summary.areaKm2 = rep.boundaryAreaKm2;
    return summary;
}

}  // namespace geo
