// Import from the sources townships often have instead of polygons: the districts' boundary lines
// (polygonised into districts and the boundary) and a village list with 经度/纬度 columns.
#include <cpl_string.h>
#include <doctest/doctest.h>
#include <fstream>
#include <set>
#include <sstream>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

// Every ring of the demo's districts as a GeoJSON LineString in lon/lat: the lines a township
// digitised, shared edges drawn twice.
std::string districtLinesGeoJson(const geo::Layer& districts) {
    geo::Transformer toLonLat("EPSG:" + std::to_string(districts.epsg), "EPSG:4326");
    std::ostringstream out;
    out.precision(10);
    out << R"({"type":"FeatureCollection","features":[)";
    for (size_t r = 0; r < districts.ringCount(); ++r) {
        out << (r ? "," : "") << R"({"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[)";
        for (uint32_t v = districts.ringStart[r]; v < districts.ringStart[r + 1]; ++v) {
            double x = districts.xy[2 * v], y = districts.xy[2 * v + 1];
            toLonLat.transformPoint(x, y);
            out << (v > districts.ringStart[r] ? "," : "") << "[" << x << "," << y << "]";
        }
        out << "]}}";
    }
    out << "]}";
    return out.str();
}

geo::ImportRequest demoRequest(const testing::TempDir& tmp, const std::string& ws) {
    geo::ImportRequest req;
    req.workspacePath = tmp / ws;
    req.roads = geo::LayerSource{(testing::demoDir() / "roads.shp").string(), "", ""};
    return req;
}

}  // namespace

TEST_CASE("boundary lines import as districts named from the villages, their union the boundary") {
    testing::TempDir tmp;
    auto demo = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    const geo::Layer demoDistricts = demo.readLayer("districts");
    const double demoArea = geo::featureArea(demo.readLayer("boundary"), 0);
    std::ofstream(tmp / "lines.geojson") << districtLinesGeoJson(demoDistricts);

    geo::ImportRequest req = demoRequest(tmp, "lines.gpkg");
    req.boundaryLines = geo::LayerSource{tmp / "lines.geojson", "", ""};
    req.villages = geo::LayerSource{(testing::demoDir() / "villages.shp").string(), "", ""};
    geo::ImportReport report = geo::importWorkspace(req);
    CHECK(report.polygonizedInto == "boundary and districts");
    CHECK(report.polygonized.areas == 5);
    CHECK(report.workingEpsg == 4546);
    CHECK(report.districtNaming.find("片区") != std::string::npos);
    CHECK(report.boundaryAreaKm2 * 1e6 == doctest::Approx(demoArea).epsilon(0.001));
    CHECK(geo::importReportJson(report).find(R"("polygonized":{"into":"boundary and districts")") != std::string::npos);

    auto ws = geo::Workspace::open(req.workspacePath, geo::Workspace::Mode::ReadOnly);
    geo::Layer districts = ws.readLayer("districts");
    REQUIRE(districts.featureCount() == 5);
    const int name = districts.fieldIndex("name");
    REQUIRE(name >= 0);
    std::set<std::string> got, want;
    double sum = 0;
    for (size_t f = 0; f < 5; ++f) {
        got.emplace(districts.attr(f, name));
        want.emplace(demoDistricts.attr(f, demoDistricts.fieldIndex("名称")));
        sum += geo::featureArea(districts, f);
    }
    CHECK(got == want);
    CHECK(sum == doctest::Approx(demoArea).epsilon(0.001));
    CHECK(geo::featureArea(ws.readLayer("boundary"), 0) == doctest::Approx(demoArea).epsilon(0.001));
    for (const auto& rec : ws.layers()) CHECK(rec.name != "boundary lines");
}

TEST_CASE("a --boundary of lines is polygonised, and lines that close nothing are refused naming the file") {
    testing::TempDir tmp;
    auto demo = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    std::ofstream(tmp / "lines.geojson") << districtLinesGeoJson(demo.readLayer("districts"));
    geo::ImportRequest req = demoRequest(tmp, "b.gpkg");
    req.boundary = geo::LayerSource{tmp / "lines.geojson", "", ""};
    geo::ImportReport report = geo::importWorkspace(req);
    CHECK(report.polygonized.areas == 5);
    CHECK(report.districtNaming.find("片区1..5") != std::string::npos);  // no villages, no labels: numbered

    std::ofstream(tmp / "open.geojson")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString",)"
        << R"("coordinates":[[111.65,35.15],[111.75,35.15],[111.75,35.25],[111.65,35.25],[111.65,35.1502]]}}]})";
    geo::ImportRequest bad = demoRequest(tmp, "c.gpkg");
    bad.boundaryLines = geo::LayerSource{tmp / "open.geojson", "", ""};
    CHECK_THROWS_WITH_AS(geo::importWorkspace(bad), doctest::Contains("open.geojson: boundary lines enclose no area: 2 dangling ends, nearest gap 22"),
                         geo::Error);
    CHECK_FALSE(fs::exists(tmp / "c.gpkg"));
    bad.snapLinesM = 50;
    CHECK(geo::importWorkspace(bad).polygonized.areas == 1);
}

TEST_CASE("a GBK village list CSV imports as the villages layer") {
    testing::TempDir tmp;
    auto demo = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    geo::Layer villages = demo.readLayer("villages");
    geo::Transformer toLonLat("EPSG:4546", "EPSG:4326");
    std::ostringstream csv;
    csv.precision(10);
    csv << "村庄坐标表\n序号,村名,经度,纬度\n";
    for (size_t f = 0; f < villages.featureCount(); ++f) {
        double x = villages.xy[2 * f], y = villages.xy[2 * f + 1];
        toLonLat.transformPoint(x, y);
        csv << f + 1 << "," << villages.attr(f, villages.fieldIndex("名称")) << "," << x << "," << y << "\n";
    }
    csv << "21,无坐标村,,\n合计,20,,\n";
    char* gbk = CPLRecode(csv.str().c_str(), CPL_ENC_UTF8, "CP936");
    std::ofstream(tmp / "villages.csv", std::ios::binary) << gbk;
    CPLFree(gbk);

    geo::ImportRequest req = demoRequest(tmp, "v.gpkg");
    req.boundary = geo::LayerSource{(testing::demoDir() / "boundary.shp").string(), "", ""};
    req.villages = geo::LayerSource{tmp / "villages.csv", "", ""};
    geo::ImportReport report = geo::importWorkspace(req);
    const geo::ReadReport* v = nullptr;
    for (const auto& [role, r] : report.layers)
        if (role == "villages") v = &r;
    REQUIRE(v);
    CHECK(v->featuresKept == 20);
    CHECK(v->nullGeometries == 1);
    auto ws = geo::Workspace::open(req.workspacePath, geo::Workspace::Mode::ReadOnly);
    geo::Layer imported = ws.readLayer("villages");
    REQUIRE(imported.featureCount() == 20);
    CHECK(imported.attr(0, imported.fieldIndex("name")) == villages.attr(0, villages.fieldIndex("名称")));
    CHECK(imported.xy[0] == doctest::Approx(villages.xy[0]).epsilon(1e-9));
    CHECK(imported.xy[1] == doctest::Approx(villages.xy[1]).epsilon(1e-9));
}
