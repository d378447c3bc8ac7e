// Entries, guarding, staffing and load on a hand-made township with known answers; entries on
// the demo and on real OpenStreetMap data against an independent GEOS count.
#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <map>
#include <memory>
#include <numeric>
#include <ogr_geometry.h>

#include "geo/analysis/figures.hpp"
#include "geo/workspace/workspace.hpp"
#include "road_layers.hpp"
#include "test_support.hpp"

using testing::TestRoad;

namespace {

// A 1 km square township split into districts W and E. Roads: national A crosses west to east
// at y=500; village road B enters from the south at x=300 and meets A; E branches off B at
// y=100 eastwards; track C is cut at the east boundary, 3 m short on each side. Villages on A
// east of B, at C's inner end and at E's end.
struct Township {
    geo::Layer roads = testing::roadLayer({
        TestRoad({{-200, 500}, {1200, 500}}, "national", "A"),
        TestRoad({{300, -200}, {300, 500}}, "village", "B"),
        TestRoad({{300, 100}, {700, 100}}, "village", "E"),
        TestRoad({{1200, 900}, {1003, 900}}, "track", "C"),
        TestRoad({{997, 900}, {500, 900}}, "track", "C"),
    });
    geo::Layer boundary = testing::boxLayer({{"T", {0, 0, 1000, 1000}}});
    geo::Layer districts = testing::boxLayer({{"W", {0, 0, 500, 1000}}, {"E", {500, 0, 1000, 1000}}});
    geo::Layer villages = testing::pointLayer({{600, 500}, {500, 900}, {700, 100}});
    geo::CordonNetwork net{roads, boundary, &districts, &villages};
};

geo::Checkpoint checkpoint(const char* name, double x, double y, int staffPerShift = 2,
                           geo::CheckpointKind kind = geo::CheckpointKind::RoadCheckpoint) {
    geo::Checkpoint c;
    c.name = name;
    c.x = x;
    c.y = y;
    c.staffPerShift = staffPerShift;
    c.shifts = 3;
    c.kind = kind;
    return c;
}

geo::Scenario plan(std::vector<geo::Checkpoint> cps) {
    geo::Scenario s;
    s.name = "test";
    s.params.guardDistanceM = 300;
    s.params.staffAvailable = 30;
    s.params.staffByDistrict = {{"W", 10}, {"E", 5}};
    for (size_t i = 0; i < cps.size(); ++i) cps[i].id = static_cast<int64_t>(i + 1);
    s.checkpoints = std::move(cps);
    return s;
}

const geo::Entry* entryOn(const geo::CordonNetwork& net, const std::string& road, double x, double y) {
    for (const auto& e : net.entries())
        if (e.road == road && std::hypot(e.x - x, e.y - y) < 10) return &e;
    return nullptr;
}

geo::AreaCount area(double x, double y, std::vector<int64_t> byOrigin) {
    geo::AreaCount a;
    a.x = x;
    a.y = y;
    a.byOrigin = std::move(byOrigin);
    a.total = std::accumulate(a.byOrigin.begin(), a.byOrigin.end(), int64_t{0});
    return a;
}

}  // namespace

TEST_CASE("entries: crossings and road ends within 5 m of the boundary, nearby points merged") {
    Township t;
    const auto& entries = t.net.entries();
    CHECK(entries.size() == 4);
    REQUIRE(entryOn(t.net, "A", 0, 500));
    REQUIRE(entryOn(t.net, "A", 1000, 500));
    REQUIRE(entryOn(t.net, "B", 300, 0));
    const geo::Entry* c = nullptr;
    for (const auto& e : entries)
        if (e.road == "C") c = &e;
    REQUIRE(c);
    CHECK(c->points.size() == 2);  // both cut ends, merged into one entry
    CHECK(c->roadClass == geo::RoadClass::Track);
    CHECK(entryOn(t.net, "A", 0, 500)->roadClass == geo::RoadClass::National);
    CHECK(t.net.districtNames()[static_cast<size_t>(entryOn(t.net, "A", 0, 500)->district)] == "W");
    CHECK(t.net.districtNames()[static_cast<size_t>(c->district)] == "E");
}

TEST_CASE("an entry is guarded only when every road path from it to a village meets a checkpoint") {
    Township t;
    auto guarded = [&](const geo::Scenario& s, const char* road, double x, double y) {
        geo::Barriers b = geo::placeBarriers(t.net, s.checkpoints);
        return geo::isEntryGuarded(t.net, *entryOn(t.net, road, x, y), b, s.params.guardDistanceM);
    };
    CHECK_FALSE(guarded(plan({}), "A", 0, 500));
    CHECK(guarded(plan({checkpoint("w", 100, 500)}), "A", 0, 500));
    CHECK_FALSE(guarded(plan({checkpoint("w", 700, 500)}), "A", 0, 500));  // inside the village: too late
    CHECK(guarded(plan({checkpoint("s", 300, 50)}), "B", 300, 0));
    // Past the fork at y=100 the branch E leaks.
    CHECK_FALSE(guarded(plan({checkpoint("s", 300, 200)}), "B", 300, 0));
    CHECK(guarded(plan({checkpoint("s", 300, 200), checkpoint("e", 400, 100)}), "B", 300, 0));
    // A checkpoint standing on the junction blocks every road through it.
    CHECK(guarded(plan({checkpoint("j", 300, 100)}), "B", 300, 0));
    // Without villages the protected places lie deeper inside than the guard distance: a road
    // that ends 200 m in leads to none with a guard distance of 300 m (guarded as it is, as a
    // seal would leave it), but does with 100 m, and then needs a checkpoint.
    geo::Layer stub = testing::roadLayer({TestRoad({{-100, 500}, {200, 500}}, "village", "S")});
    geo::CordonNetwork stubNet(stub, t.boundary, nullptr, nullptr);
    REQUIRE(stubNet.entries().size() == 1);
    auto stubGuarded = [&](std::vector<geo::Checkpoint> cps, double guard) {
        return geo::isEntryGuarded(stubNet, stubNet.entries()[0], geo::placeBarriers(stubNet, cps), guard);
    };
    CHECK(stubGuarded({}, 300));
    CHECK_FALSE(stubGuarded({}, 100));
    CHECK(stubGuarded({checkpoint("s", 50, 500)}, 100));
    CHECK_FALSE(stubGuarded({checkpoint("s", 150, 500)}, 100));
    // A road closure guards too.
    CHECK(guarded(plan({checkpoint("x", 900, 500, 0, geo::CheckpointKind::RoadClosure)}), "A", 1000, 500));
}

TEST_CASE("figures: staff, entries and returnees overall and per district, load by road distance") {
    Township t;
    geo::Scenario s = plan({checkpoint("west", 100, 500, 2), checkpoint("south", 300, 50, 3),
                            checkpoint("closure", 900, 500, 2, geo::CheckpointKind::RoadClosure)});
    std::vector<geo::AreaCount> areas = {area(200, 520, {7, 3}), area(310, 150, {5, 0}), area(800, 900, {0, 4}),
                                         area(950, 520, {2, 0})};
    geo::Figures f = geo::analyze(t.net, s, areas, {"武汉", "省外"});
    CHECK(f.checkpoints == 2);
    CHECK(f.closures == 1);
    CHECK(f.staffRequired == 15);
    CHECK(f.staffAvailable == 30);
    CHECK(f.entriesTotal == 4);
    CHECK(f.entriesGuarded == 3);
    REQUIRE(f.unguarded.size() == 1);
    CHECK(t.net.entries()[f.unguarded[0]].road == "C");
    CHECK(f.returneesTotal == 21);
    CHECK(f.returneesByOrigin["武汉"] == 14);
    CHECK(f.returneesByOrigin["省外"] == 7);
    // C's inner stretch reaches no checkpoint; the closure cuts the far end of A from everyone.
    CHECK(f.returneesUnassigned == 6);
    REQUIRE(f.checkpointLoad.size() == 2);
    CHECK(f.checkpointLoad[0].name == "west");
    CHECK(f.checkpointLoad[0].returnees == 10);
    CHECK(f.checkpointLoad[0].staff == 6);
    CHECK(f.checkpointLoad[0].isMostLoaded);
    CHECK(f.checkpointLoad[1].returnees == 5);
    CHECK(f.checkpointLoad[1].staff == 9);
    CHECK_FALSE(f.checkpointLoad[1].isMostLoaded);
    REQUIRE(f.districts.size() == 2);
    const auto& w = f.districts[0];
    const auto& e = f.districts[1];
    CHECK(w.name == "W");
    CHECK(w.checkpoints == 2);
    CHECK(w.staffRequired == 15);
    CHECK(w.staffAvailable == 10);
    CHECK(w.entriesTotal == 2);
    CHECK(w.entriesGuarded == 2);
    CHECK(w.returnees == 15);
    CHECK(e.checkpoints == 0);
    CHECK(e.staffRequired == 0);
    CHECK(e.staffAvailable == 5);
    CHECK(e.entriesTotal == 2);
    CHECK(e.entriesGuarded == 1);
    CHECK(e.returnees == 6);
}

TEST_CASE("unguarded entries are listed most important road class first") {
    Township t;
    geo::Figures f = geo::analyze(t.net, plan({}));
    REQUIRE(f.unguarded.size() == 4);
    for (size_t i = 1; i < f.unguarded.size(); ++i)
        CHECK(t.net.entries()[f.unguarded[i - 1]].roadClass <= t.net.entries()[f.unguarded[i]].roadClass);
    CHECK(t.net.entries()[f.unguarded[0]].roadClass == geo::RoadClass::National);
}

TEST_CASE("demo township: 30 to 45 entries, each on or within 5 m of the boundary") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    auto net = geo::openNetwork(ws);
    size_t n = net->entries().size();
    CHECK(n >= 30);
    CHECK(n <= 45);
    geo::PolygonIndex outline(ws.readLayer("boundary"));
    for (const auto& e : net->entries())
        for (const auto& p : e.points) CHECK(outline.distanceToOutline(p.x, p.y, 100) <= 5.0 + 1e-6);
    // Entries are more than 100 m apart from each other.
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j)
            for (const auto& p : net->entries()[i].points)
                for (const auto& q : net->entries()[j].points) CHECK(std::hypot(p.x - q.x, p.y - q.y) >= 100);
    // With no plan nothing is guarded; figures count every entry.
    geo::Figures f = geo::analyze(*net, geo::Scenario{});
    CHECK(f.entriesTotal == static_cast<int>(n));
    CHECK(f.entriesGuarded == 0);
}

TEST_CASE("Liechtenstein: entries equal an independent GEOS count of boundary intersections") {
    auto real = testing::realData();
    REQUIRE_FALSE(real.empty());
    testing::TempDir dir;
    std::string pbf = (real / "osm-liechtenstein" / "liechtenstein-2013-08-03.osm.pbf").string();
    geo::ImportRequest req;
    req.workspacePath = dir / "li.gpkg";
    req.boundary = geo::LayerSource{pbf, "multipolygons", "admin_level = '2'"};
    req.roads = geo::LayerSource{pbf, "lines", "highway IS NOT NULL"};
    geo::importWorkspace(req);
    auto ws = geo::Workspace::open(req.workspacePath, geo::Workspace::Mode::ReadOnly);
    geo::Layer roads = ws.readLayer("roads");
    geo::Layer boundary = ws.readLayer("boundary");
    geo::CordonNetwork net(roads, boundary, nullptr, nullptr);

    // Independent count: OGR/GEOS intersection of each line with the boundary rings, plus line
    // ends shared with no other vertex lying within 5 m of them; merged within 100 m.
    // The outline as GEOS sees it: Boundary() of the polygon built from the workspace rings.
    OGRMultiPolygon outline;
    for (size_t part = 0; part < boundary.partCount(); ++part) {
        OGRPolygon poly;
        for (size_t r = boundary.partStart[part]; r < boundary.partStart[part + 1]; ++r) {
            OGRLinearRing ring;
            for (size_t v = boundary.ringStart[r]; v < boundary.ringStart[r + 1]; ++v)
                ring.addPoint(boundary.xy[2 * v], boundary.xy[2 * v + 1]);
            ring.closeRings();
            poly.addRing(&ring);
        }
        outline.addGeometry(&poly);
    }
    std::unique_ptr<OGRGeometry> rings(outline.Boundary());
    REQUIRE(rings);
    std::map<std::pair<double, double>, int> vertexUses;
    for (size_t v = 0; v < roads.vertexCount(); ++v) ++vertexUses[{roads.xy[2 * v], roads.xy[2 * v + 1]}];
    std::vector<std::pair<double, double>> points;
    auto collect = [&](const OGRGeometry* g, auto&& self) -> void {
        if (!g || g->IsEmpty()) return;
        switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: points.emplace_back(g->toPoint()->getX(), g->toPoint()->getY()); break;
        case wkbLineString: {
            const OGRLineString* l = g->toLineString();
            points.emplace_back(l->getX(0), l->getY(0));
            points.emplace_back(l->getX(l->getNumPoints() - 1), l->getY(l->getNumPoints() - 1));
            break;
        }
        default:
            if (OGR_GT_IsSubClassOf(wkbFlatten(g->getGeometryType()), wkbGeometryCollection))
                for (const OGRGeometry* part : *g->toGeometryCollection()) self(part, self);
        }
    };
    for (size_t r = 0; r < roads.ringCount(); ++r) {
        size_t a = roads.ringStart[r], b = roads.ringStart[r + 1];
        if (b - a < 2) continue;
        OGRLineString line;
        for (size_t v = a; v < b; ++v) line.addPoint(roads.xy[2 * v], roads.xy[2 * v + 1]);
        std::unique_ptr<OGRGeometry> hit(line.Intersection(rings.get()));
        collect(hit.get(), collect);
        for (size_t v : {a, b - 1}) {
            if (vertexUses[{roads.xy[2 * v], roads.xy[2 * v + 1]}] != 1) continue;
            OGRPoint end(roads.xy[2 * v], roads.xy[2 * v + 1]);
            if (end.Distance(rings.get()) <= 5.0) points.emplace_back(end.getX(), end.getY());
        }
    }
    std::vector<size_t> parent(points.size());
    std::iota(parent.begin(), parent.end(), size_t{0});
    auto find = [&](size_t x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; };
    for (size_t i = 0; i < points.size(); ++i)
        for (size_t j = i + 1; j < points.size(); ++j)
            if (std::hypot(points[i].first - points[j].first, points[i].second - points[j].second) < 100)
                parent[find(i)] = find(j);
    size_t clusters = 0;
    for (size_t i = 0; i < points.size(); ++i) clusters += find(i) == i;
    MESSAGE("Liechtenstein entries: " << net.entries().size() << ", independent count: " << clusters);
    CHECK(clusters > 10);
    CHECK(net.entries().size() == clusters);
}
