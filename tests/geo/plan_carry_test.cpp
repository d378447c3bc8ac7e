// Plans survive a re-import: `import --replace` keeps every scenario and re-snaps its
// checkpoints to the new roads, listing those that moved or lost their road; layers far apart
// and web-map offsets asked of a projected layer are refused; --ROLE-coords applies per layer.
#include <cmath>
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_replace.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/plan/snap.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

using LonLats = std::vector<std::pair<double, double>>;

std::string coordText(const LonLats& points) {
    std::ostringstream out;
    out.precision(10);
    out << "[";
    for (size_t i = 0; i < points.size(); ++i) out << (i ? "," : "") << "[" << points[i].first << "," << points[i].second << "]";
    return out.str() + "]";
}

struct Feature {
    LonLats points;
    std::string properties;  // JSON object body
};

// A GeoJSON file of one geometry type; `crs` names a CRS other than WGS84 (old-style member).
std::string writeGeoJson(const testing::TempDir& dir, const std::string& name, const char* type, const std::vector<Feature>& fs,
                         const std::string& crs = "") {
    std::ofstream out(dir / name);
    out << "{\"type\":\"FeatureCollection\",";
    if (!crs.empty()) out << "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" << crs << "\"}},";
    out << "\"features\":[";
    for (size_t i = 0; i < fs.size(); ++i) {
        std::string coords = coordText(fs[i].points);
        if (std::string(type) == "Polygon") coords = "[" + coords + "]";
        if (std::string(type) == "Point") coords = coords.substr(1, coords.size() - 2);
        out << (i ? "," : "") << "{\"type\":\"Feature\",\"properties\":{" << fs[i].properties << "},\"geometry\":{\"type\":\"" << type
            << "\",\"coordinates\":" << coords << "}}";
    }
    out << "]}";
    return dir / name;
}

// A township around 111.77E 35.25N; its survey roads stop 40-50 m short of the outline.
constexpr double kWest = 111.74, kEast = 111.80, kSouth = 35.22, kNorth = 35.28;
LonLats outline() { return {{kWest, kSouth}, {kEast, kSouth}, {kEast, kNorth}, {kWest, kNorth}, {kWest, kSouth}}; }

// G344 阳关线 east-west at `lat`, an unnamed village road north-south up to `villageNorth`.
std::vector<Feature> roads(double lat, double villageNorth) {
    return {{{{111.7405, lat}, {111.77, lat}, {111.7995, lat}}, "\"name\":\"阳关线\",\"ref\":\"G344\",\"道路等级\":\"国道\""},
            {{{111.77, 35.2205}, {111.77, lat}, {111.77, villageNorth}}, "\"name\":\"\",\"ref\":\"\",\"道路等级\":\"村道\""}};
}

geo::ImportRequest request(const std::string& ws, const std::string& boundary, const std::string& roadsPath) {
    geo::ImportRequest r;
    r.workspacePath = ws;
    r.boundary = geo::LayerSource{boundary, "", "", geo::WebCoords::None};
    r.roads = geo::LayerSource{roadsPath, "", "", geo::WebCoords::None};
    return r;
}

void toWorking(int epsg, double& x, double& y) { geo::Transformer("EPSG:4326", "EPSG:" + std::to_string(epsg)).transformPoint(x, y); }

// Scenario 方案A with #1 at the junction, #2 on G344, #3 on the village road's north end and #4
// off-road on purpose; 方案B a copy of it.
void planTwoScenarios(const std::string& path) {
    auto ws = geo::Workspace::open(path);
    auto store = geo::openSqliteScenarioStore(ws);
    auto snapper = geo::RoadSnapper::fromWorkspace(ws);
    geo::DistrictLocator none;
    int64_t a = store->createScenario("方案A", {});
    std::vector<std::pair<double, double>> at = {{111.77, 35.25}, {111.75, 35.25}, {111.77, 35.275}, {111.76, 35.26}};
    for (size_t i = 0; i < at.size(); ++i) {
        double x = at[i].first, y = at[i].second;
        toWorking(ws.workingEpsg(), x, y);
        geo::Checkpoint c;
        c.name = "卡口" + std::to_string(i + 1);
        geo::placeCheckpoint(c, x, y, snapper, none, 150, i == 3);
        store->addCheckpoint(a, c);
    }
    store->copyScenario("方案A", "方案B");
}

}  // namespace

TEST_CASE("import --replace keeps the scenarios and re-snaps their checkpoints to the new roads") {
    testing::TempDir tmp;
    std::string boundary = writeGeoJson(tmp, "boundary.geojson", "Polygon", {{outline(), "\"name\":\"王茅镇\""}});
    std::string ws = tmp / "ws.gpkg";
    geo::importWorkspace(request(ws, boundary, writeGeoJson(tmp, "roads.geojson", "LineString", roads(35.25, 35.2795))));
    planTwoScenarios(ws);
    {
        auto before = geo::Workspace::open(ws);
        auto store = geo::openSqliteScenarioStore(before);
        auto cps = store->checkpoints(store->requireScenario("方案A"));
        REQUIRE(cps.size() == 4);
        CHECK(cps[0].road == "G344 阳关线");  // the junction takes the national road and its route code
    }

    // Refreshed roads: G344 re-surveyed 33 m further north, the village road now ends at 35.255;
    // villages added.
    auto again = request(ws, boundary, writeGeoJson(tmp, "roads2.geojson", "LineString", roads(35.2503, 35.255)));
    again.villages = geo::LayerSource{writeGeoJson(tmp, "villages.geojson", "Point", {{{{111.765, 35.255}}, "\"name\":\"东垣村\""}}),
                                      "", "", geo::WebCoords::None};
    again.replace = true;
    geo::ImportReport report = geo::importWorkspace(again);
    CHECK(report.plans.scenarios == 2);
    CHECK(report.plans.checkpoints == 8);
    CHECK(report.plans.moved.size() == 4);  // #1 and #2 in each plan, about 33 m
    for (const auto& m : report.plans.moved) {
        CHECK((m.number == 1 || m.number == 2));
        CHECK(m.movedM == doctest::Approx(33).epsilon(0.1));
    }
    REQUIRE(report.plans.unplaced.size() == 2);  // #3: no road within 150 m any more
    CHECK(report.plans.unplaced[0].number == 3);
    CHECK(geo::importReportJson(report).find("\"unplaced\":[{\"scenario\":\"方案A\",\"number\":3") != std::string::npos);

    auto after = geo::Workspace::open(ws);
    CHECK(after.hasLayer("villages"));
    auto store = geo::openSqliteScenarioStore(after);
    REQUIRE(store->listScenarios().size() == 2);
    for (const char* name : {"方案A", "方案B"}) {
        auto cps = store->checkpoints(store->requireScenario(name));
        REQUIRE(cps.size() == 4);
        CHECK(cps[0].number == 1);
        CHECK(cps[3].number == 4);
        CHECK(cps[0].roadFid >= 0);
        CHECK(cps[0].road == "G344 阳关线");
        double x = 111.77, y = 35.2503;
        toWorking(after.workingEpsg(), x, y);
        CHECK(std::hypot(cps[0].x - x, cps[0].y - y) < 1);
        CHECK(cps[2].roadFid == -1);  // kept where it was, off-road, and marked
        CHECK(cps[2].notes.find(geo::kUnplacedNote) != std::string::npos);
        CHECK(cps[3].roadFid == -1);  // off-road on purpose: not moved, not reported
        CHECK(cps[3].notes.empty());
    }
}

TEST_CASE("import --replace --drop-plans replaces the workspace without its scenarios") {
    testing::TempDir tmp;
    std::string boundary = writeGeoJson(tmp, "boundary.geojson", "Polygon", {{outline(), ""}});
    std::string roadsPath = writeGeoJson(tmp, "roads.geojson", "LineString", roads(35.25, 35.2795));
    std::string ws = tmp / "ws.gpkg";
    geo::importWorkspace(request(ws, boundary, roadsPath));
    planTwoScenarios(ws);
    auto again = request(ws, boundary, roadsPath);
    again.replace = true;
    again.dropPlans = true;
    auto report = geo::importWorkspace(again);
    CHECK(report.plans.dropped);
    auto after = geo::Workspace::open(ws);
    CHECK(geo::openSqliteScenarioStore(after)->listScenarios().empty());
}

TEST_CASE("replacing the roads layer re-snaps every scenario's checkpoints to the new roads") {
    testing::TempDir tmp;
    std::string boundary = writeGeoJson(tmp, "boundary.geojson", "Polygon", {{outline(), ""}});
    std::string ws = tmp / "ws.gpkg";
    geo::importWorkspace(request(ws, boundary, writeGeoJson(tmp, "roads.geojson", "LineString", roads(35.25, 35.2795))));
    planTwoScenarios(ws);
    geo::ReplaceRequest r;
    r.workspacePath = ws;
    r.role = "roads";
    r.source.path = writeGeoJson(tmp, "roads2.geojson", "LineString", roads(35.2503, 35.255));
    geo::ReplaceReport report = geo::replaceLayer(r);
    CHECK(report.plans.moved.size() == 4);
    CHECK(report.plans.unplaced.size() == 2);
    auto after = geo::Workspace::open(ws);
    auto store = geo::openSqliteScenarioStore(after);
    auto snapper = geo::RoadSnapper::fromWorkspace(after);
    for (const auto& c : store->checkpoints(store->requireScenario("方案B"))) {
        if (c.roadFid < 0) continue;
        auto hit = snapper.snap(c.x, c.y, 1);
        REQUIRE(hit);
        CHECK(hit->distanceM < 0.01);  // on the new roads, not where the old ones were
    }
}

TEST_CASE("layers far apart are refused at import with the distance") {
    testing::TempDir tmp;
    std::string boundary = writeGeoJson(tmp, "boundary.geojson", "Polygon", {{outline(), ""}});
    // The same roads 3.85 degrees east: about 350 km away at this latitude.
    auto far = roads(35.25, 35.2795);
    for (auto& f : far)
        for (auto& p : f.points) p.first += 3.85;
    std::string ws = tmp / "ws.gpkg";
    try {
        geo::importWorkspace(request(ws, boundary, writeGeoJson(tmp, "roads.geojson", "LineString", far)));
        FAIL("roads 350 km away were imported");
    } catch (const geo::Error& e) {
        std::string what = e.what();
        auto at = what.find("lie ");
        REQUIRE(at != std::string::npos);
        double km = std::stod(what.substr(at + 4));
        CHECK(km > 330);  // the nearest road end to the boundary's box: 3.79 degrees of longitude
        CHECK(km < 360);
        CHECK(what.find("km from the boundary") != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(ws));
}

TEST_CASE("web-map coordinates apply to the layers they are given for, and never to a projected one") {
    testing::TempDir tmp;
    // The outline was traced on a GCJ-02 web map; the roads are WGS84 survey data.
    LonLats traced = outline();
    for (auto& [lon, lat] : traced) geo::wgs84ToGcj02(lon, lat);
    std::string boundary = writeGeoJson(tmp, "boundary.geojson", "Polygon", {{traced, ""}});
    std::string roadsPath = writeGeoJson(tmp, "roads.geojson", "LineString", roads(35.25, 35.2795));
    auto r = request(tmp / "ws.gpkg", boundary, roadsPath);
    r.boundary->coords = geo::WebCoords::Gcj02;
    geo::importWorkspace(r);
    auto ws = geo::Workspace::open(r.workspacePath);
    geo::Bbox box = ws.readLayer("boundary").bbox();
    double x = kWest, y = kSouth, nx = kWest, ny = kNorth;  // meridians lean in Gauss-Kruger: the
    toWorking(ws.workingEpsg(), x, y);                      // west edge is farthest west at its north end
    toWorking(ws.workingEpsg(), nx, ny);
    CHECK(std::fabs(box.minX - std::min(x, nx)) < 2);  // the offset (hundreds of metres) removed
    CHECK(std::fabs(box.minY - y) < 2);
    geo::Layer roadsLayer = ws.readLayer("roads");
    double rx = 111.7405, ry = 35.25;
    toWorking(ws.workingEpsg(), rx, ry);
    CHECK(std::fabs(roadsLayer.xy[0] - rx) < 0.01);  // the WGS84 roads untouched
    CHECK(std::fabs(roadsLayer.xy[1] - ry) < 0.01);

    // Roads in CGCS2000 Gauss-Kruger metres cannot be web-map coordinates: refused, one line.
    std::vector<Feature> projected = roads(35.25, 35.2795);
    for (auto& f : projected)
        for (auto& p : f.points) toWorking(4546, p.first, p.second);
    auto bad = request(tmp / "ws2.gpkg", boundary, writeGeoJson(tmp, "roads_gk.geojson", "LineString", projected, "urn:ogc:def:crs:EPSG::4546"));
    bad.boundary->coords = geo::WebCoords::Gcj02;
    bad.roads->coords = geo::WebCoords::Gcj02;
    try {
        geo::importWorkspace(bad);
        FAIL("web-map coordinates were accepted for a projected layer");
    } catch (const geo::Error& e) {
        std::string what = e.what();
        CHECK(what.find("roads_gk.geojson") != std::string::npos);
        CHECK(what.find("projected CRS") != std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
    }
    bad.roads->coords = geo::WebCoords::None;  // the projected roads alone are fine
    CHECK_NOTHROW(geo::importWorkspace(bad));
}
