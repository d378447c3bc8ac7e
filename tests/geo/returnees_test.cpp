// Returnee import and aggregation: exact totals, batches, bad rows, village matching, privacy.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <fstream>
#include <map>
#include <sstream>

#include "geo/core/crs.hpp"
#include "geo/core/dates.hpp"
#include "geo/io/demo.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/returnee_support.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/returnees/suppression.hpp"
#include "geo/workspace/workspace.hpp"
#include "returnee_fixtures.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace returnee_fixtures;

namespace {

int64_t sumOrigin(const std::vector<geo::AreaCount>& areas, size_t origin) {
    int64_t n = 0;
    for (const auto& a : areas) n += a.byOrigin[origin];
    return n;
}

size_t originIndex(const geo::ReturneeCounts& c, const std::string& name) {
    for (size_t i = 0; i < c.origins.size(); ++i)
        if (c.origins[i] == name) return i;
    FAIL("no origin " << name);
    return 0;
}

}  // namespace

TEST_CASE("aggregation is exact on a known input, for every grid size and polygon layer") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    geo::Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    const char* origins[] = {"武汉", "湖北其他", "省外"};
    // Village i gets i+1 records; origin by record, date 2020-01-(10 + record % 5).
    std::ostringstream csv;
    csv << "姓名,村,经度,纬度,返乡日期,来源地\n";
    std::map<std::string, int64_t> byOrigin;
    std::map<int, int64_t> byDay;
    int64_t total = 0;
    for (size_t i = 0; i < villages.size(); ++i) {
        double lon = villages[i].x, lat = villages[i].y;
        toLonLat.transformPoint(lon, lat);
        for (size_t k = 0; k <= i; ++k) {
            const char* o = origins[(i + k) % 3];
            int d = 10 + static_cast<int>(k % 5);
            csv << "某人," << villages[i].name << "," << std::setprecision(12) << lon << "," << lat << ",2020-01-" << d << ","
                << o << "\n";
            ++byOrigin[o];
            ++byDay[d];
            ++total;
        }
    }
    auto report = importText(ws, dir, "known.csv", csv.str());
    REQUIRE(report.committed);
    CHECK(report.rowsImported == total);
    CHECK(report.villagesUnmatched == 0);

    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    CHECK(counts.total == total);
    geo::Layer boundary = ws.readLayer("boundary");
    for (double cell : {250.0, 500.0, 1000.0, 730.0}) {
        CAPTURE(cell);
        auto grid = geo::aggregateToGrid(counts, boundary, cell);
        CHECK(sumTotals(grid) == total);
        for (const auto& [name, n] : byOrigin) CHECK(sumOrigin(grid, originIndex(counts, name)) == n);
        for (const auto& [d, n] : byDay) {
            geo::ReturneeFilter f;
            f.fromDay = f.toDay = geo::daysFromCivil(2020, 1, d);
            CHECK(sumTotals(geo::aggregateToGrid(counts, boundary, cell, f)) == n);
        }
    }
    // The cell holding each village holds exactly its records (no two villages share a 500 m cell here).
    auto grid = geo::aggregateToGrid(counts, boundary, 500);
    for (size_t i = 0; i < villages.size(); ++i) {
        int64_t inCell = 0;
        for (const auto& a : grid)
            if (a.bounds.contains(villages[i].x, villages[i].y) && villages[i].x < a.bounds.maxX && villages[i].y < a.bounds.maxY)
                inCell += a.total;
        CHECK(inCell == static_cast<int64_t>(i + 1));
    }
    double areaKm2 = 0;
    for (const auto& a : grid) areaKm2 += a.areaKm2;
    CHECK(areaKm2 == doctest::Approx(geo::featureArea(boundary, 0) / 1e6).epsilon(0.02));

    auto districts = geo::aggregateToPolygons(counts, ws.readLayer("districts"));
    CHECK(districts.size() == 5);
    CHECK(sumTotals(districts) == total);
    for (const auto& [name, n] : byOrigin) CHECK(sumOrigin(districts, originIndex(counts, name)) == n);

    auto byVillage = geo::aggregateByVillage(counts);
    REQUIRE(byVillage.size() == villages.size());
    for (size_t i = 0; i < villages.size(); ++i) {
        auto it = std::find_if(byVillage.begin(), byVillage.end(), [&](auto& a) { return a.name == villages[i].name; });
        REQUIRE(it != byVillage.end());
        CHECK(it->total == static_cast<int64_t>(i + 1));
    }

    geo::ReturneeFilter wuhanOnly;
    wuhanOnly.origins.assign(counts.origins.size(), false);
    wuhanOnly.origins[originIndex(counts, "武汉")] = true;
    CHECK(sumTotals(geo::aggregateToGrid(counts, boundary, 500, wuhanOnly)) == byOrigin["武汉"]);
    auto perDay = geo::arrivalsPerDay(counts);
    REQUIRE(perDay.size() == 5);
    for (const auto& [d, n] : byDay) {
        int64_t s = 0;
        for (int64_t v : perDay[static_cast<size_t>(d - 10)]) s += v;
        CHECK(s == n);
    }
}

TEST_CASE("batches: the same name replaces, other names add up, remove takes one away") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    std::string rows = "村,返乡日期,来源地\n王茅村,2020-01-23,武汉\n东垣,2020-01-24,省外\n西垣村,2020-01-24,省外\n";
    geo::ReturneeImportOptions o;
    o.villageField = "村";
    auto a = importText(ws, dir, "daily.csv", rows, o);
    CHECK(a.batch == "daily.csv");
    CHECK(a.locatedBy == "village");
    CHECK(geo::loadReturneeCounts(ws).total == 3);
    auto again = importText(ws, dir, "daily.csv", rows + "南坡,2020-01-25,武汉\n", o);
    CHECK(again.replacedBatch);
    CHECK(geo::loadReturneeCounts(ws).total == 4);
    o.batch = "second";
    importText(ws, dir, "other.csv", rows, o);
    CHECK(geo::loadReturneeCounts(ws).total == 7);
    CHECK(geo::listBatches(ws).size() == 2);
    CHECK(geo::removeBatch(ws, "daily.csv"));
    CHECK_FALSE(geo::removeBatch(ws, "daily.csv"));
    CHECK(geo::loadReturneeCounts(ws).total == 3);
    CHECK(geo::listBatches(ws).size() == 1);
}

TEST_CASE("village names match with or without 村 and across full-width characters") {
    CHECK(geo::villageKey("王茅村") == "王茅");
    CHECK(geo::villageKey("王茅") == "王茅");
    CHECK(geo::villageKey(" 王茅 村 ") == "王茅");
    CHECK(geo::villageKey("ＡＢ１村") == "AB1");
    CHECK(geo::villageKey("AB1") == "AB1");
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    geo::ReturneeImportOptions o;
    o.villageField = "所在村";
    auto r = importText(ws, dir, "v.csv", "所在村,日期\n王茅,2020-01-23\n东垣村,2020-01-23\n李家庄　村,2020-01-23\n", o);
    CHECK(r.badRowCount == 0);
    CHECK(r.committed);
    auto villages = geo::aggregateByVillage(geo::loadReturneeCounts(ws));
    std::map<std::string, int64_t> got;
    for (const auto& v : villages) got[v.name] = v.total;
    CHECK(got["王茅村"] == 1);
    CHECK(got["东垣村"] == 1);
    CHECK(got["李家庄村"] == 1);
}

TEST_CASE("bad rows are reported with line numbers; nothing is written unless skipped") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    std::string text =
        "经度,纬度,返乡日期,来源地\n"
        "111.70,35.20,2020-01-23,武汉\n"       // line 2: good (the township's centre)
        "abc,35.20,2020-01-23,武汉\n"          // 3: bad number
        "111.70,35.20,,省外\n"                 // 4: missing date
        "\n"                                   // 5: blank
        "120.00,30.00,2020-01-23,省外\n"       // 6: outside the township
        "\"111.70\",\"35.20\",1月23日,省内\n"  // 7: no year
        "111.701,35.201,2020/1/24,省内\n";     // 8: good
    auto r = importText(ws, dir, "bad.csv", text);
    CHECK_FALSE(r.committed);
    CHECK(r.rowsRead == 6);
    CHECK(r.badRowCount == 4);
    REQUIRE(r.badRows.size() == 4);
    CHECK(r.badRows[0].line == 3);
    CHECK(r.badRows[0].reason.find("bad number in 经度") != std::string::npos);
    CHECK(r.badRows[1].line == 4);
    CHECK(r.badRows[1].reason == "missing date");
    CHECK(r.badRows[2].line == 6);
    CHECK(r.badRows[2].reason == "point outside the township");
    CHECK(r.badRows[3].line == 7);
    CHECK(r.badRows[3].reason.find("no year") != std::string::npos);
    CHECK(geo::listBatches(ws).empty());
    CHECK(geo::loadReturneeCounts(ws).total == 0);

    geo::ReturneeImportOptions o;
    o.skipBad = true;
    auto skipped = importText(ws, dir, "bad.csv", text, o);
    CHECK(skipped.committed);
    CHECK(skipped.rowsImported == 2);
    CHECK(geo::loadReturneeCounts(ws).total == 2);

    o.year = 2020;
    auto withYear = importText(ws, dir, "bad.csv", text, o);
    CHECK(withYear.rowsImported == 3);
    CHECK(geo::loadReturneeCounts(ws).total == 3);

    // Every row bad and skipped: an empty batch, committed.
    geo::ReturneeImportOptions skipAll;
    skipAll.skipBad = true;
    auto none = importText(ws, dir, "none.csv", "经度,纬度,日期\nx,y,2020-01-23\n", skipAll);
    CHECK(none.committed);
    CHECK(none.rowsImported == 0);
    CHECK(geo::loadReturneeCounts(ws).total == 3);

    geo::ReturneeImportOptions byVillage;
    byVillage.villageField = "村";
    auto unknown = importText(ws, dir, "v.csv", "村,日期\n不存在村,2020-01-23\n王茅,2020-01-23\n", byVillage);
    REQUIRE(unknown.badRows.size() == 1);
    CHECK(unknown.badRows[0].line == 2);
    CHECK(unknown.badRows[0].reason == "unknown village '不存在村'");
}

TEST_CASE("GCJ-02 and projected coordinates land in the same cells as WGS84") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    geo::Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    std::ostringstream wgs, gcj, xy;
    wgs << "lon,lat,date\n";
    gcj << "lng,lat,date\n";
    xy << "X,Y,date\n";
    for (const auto& v : villages) {
        double lon = v.x + 1.0, lat = v.y + 1.0;
        xy << std::setprecision(12) << lon << "," << lat << ",20200123\n";
        toLonLat.transformPoint(lon, lat);
        wgs << std::setprecision(12) << lon << "," << lat << ",20200123\n";
        geo::wgs84ToGcj02(lon, lat);
        gcj << std::setprecision(12) << lon << "," << lat << ",20200123\n";
    }
    auto cells = [&](const std::string& name, const std::string& text, geo::ReturneeImportOptions o) {
        o.batch = "one";
        auto r = importText(ws, dir, name, text, o);
        REQUIRE(r.committed);
        std::vector<std::pair<int32_t, int32_t>> out;
        for (const auto& c : geo::loadReturneeCounts(ws).cells) out.emplace_back(c.cellX, c.cellY);
        std::sort(out.begin(), out.end());
        return out;
    };
    auto a = cells("wgs.csv", wgs.str(), {});
    geo::ReturneeImportOptions g;
    g.coords = geo::WebCoords::Gcj02;
    auto b = cells("gcj.csv", gcj.str(), g);
    geo::ReturneeImportOptions p;
    p.xField = "X";
    p.yField = "Y";
    p.sourceEpsg = ws.workingEpsg();
    auto c = cells("xy.csv", xy.str(), p);
    CHECK(a.size() == villages.size());
    CHECK(a == b);
    CHECK(a == c);
}

TEST_CASE("personal columns are never stored: the workspace bytes hold none of their values") {
    testing::TempDir dir;
    std::string path = freshWorkspace(dir);
    std::string csvPath = (testing::demoDir() / "returnees.csv").string();
    std::ifstream in(csvPath, std::ios::binary);
    std::string header, line;
    std::getline(in, header);
    std::vector<std::string> names, phones;
    while (std::getline(in, line) && names.size() < 50) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
        names.push_back(cells.at(1));
        phones.push_back(cells.at(2));
    }
    REQUIRE(names.size() == 50);
    {
        geo::Workspace ws = geo::Workspace::open(path);
        geo::ReturneeImportOptions o;
        o.path = csvPath;
        auto r = geo::importReturnees(ws, o);
        REQUIRE(r.committed);
        CHECK(r.rowsImported == 829);
        CHECK(r.personalColumns == std::vector<std::string>{"姓名", "联系电话"});
        CHECK(geo::loadReturneeCounts(ws).total == 829);
    }
    std::string bytes;
    for (const auto& entry : fs::directory_iterator(dir.path())) {  // the file and any journal beside it
        std::ifstream f(entry.path(), std::ios::binary);
        bytes += std::string(std::istreambuf_iterator<char>(f), {});
    }
    REQUIRE(bytes.find("武汉") != std::string::npos);  // the search itself works
    for (size_t i = 0; i < names.size(); ++i) {
        CAPTURE(names[i]);
        CHECK(bytes.find(names[i]) == std::string::npos);
        CHECK(bytes.find(phones[i]) == std::string::npos);
    }
    CHECK(bytes.find("1390000") == std::string::npos);
    CHECK(bytes.find("居民0") == std::string::npos);
}

TEST_CASE("a personal column cannot be chosen as a field") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    geo::ReturneeImportOptions o;
    o.originField = "姓名";
    CHECK_THROWS_AS(importText(ws, dir, "p.csv", "姓名,村,日期\n张三,王茅,2020-01-23\n", o), geo::Error);
    CHECK(geo::looksPersonal("联系电话"));
    CHECK(geo::looksPersonal("身份证号"));
    CHECK(geo::looksPersonal("Phone"));
    CHECK(geo::looksPersonal("家庭住址"));
    CHECK(geo::looksPersonal("name"));
    CHECK_FALSE(geo::looksPersonal("村名"));
    CHECK_FALSE(geo::looksPersonal("来源地"));
}

TEST_CASE("the demo workspace carries the 829 returnees, 21 from Wuhan") {
    geo::Workspace ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    geo::ReturneeCounts c = geo::loadReturneeCounts(ws);
    CHECK(c.total == 829);
    int64_t wuhan = 0;
    for (const auto& e : c.entries)
        if (c.origins[e.origin] == "武汉") wuhan += e.count;
    CHECK(wuhan == 21);
}

TEST_CASE("projecting many lon/lat points through the node grid stays within a centimetre of PROJ") {
    geo::DemoRandom rnd(3);
    std::vector<double> fast, exact;
    for (int i = 0; i < 30000; ++i) {
        // Mostly around the township, a few far away (they go through PROJ directly).
        bool far = i % 1000 == 0;
        double lon = far ? rnd.uniform(100, 120) : 111.7 + rnd.uniform(-0.2, 0.2);
        double lat = far ? rnd.uniform(25, 40) : 35.2 + rnd.uniform(-0.2, 0.2);
        fast.push_back(lon);
        fast.push_back(lat);
    }
    exact = fast;
    geo::projectLonLatNear(4546, fast.data(), fast.size() / 2);
    geo::Transformer("EPSG:4326", "EPSG:4546").transform(exact.data(), exact.size() / 2);
    double worst = 0;
    for (size_t i = 0; i < fast.size(); ++i) worst = std::max(worst, std::fabs(fast[i] - exact[i]));
    CHECK(worst < 0.01);
}

TEST_CASE("a point layer imports by its geometry, GCJ-02 offsets removed on request") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    geo::Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    std::ostringstream json;
    json << std::setprecision(12) << R"({"type":"FeatureCollection","features":[)";
    for (size_t i = 0; i < 3; ++i) {
        double lon = villages[i].x, lat = villages[i].y;
        toLonLat.transformPoint(lon, lat);
        geo::wgs84ToGcj02(lon, lat);
        json << (i ? "," : "") << R"({"type":"Feature","properties":{"姓名":"某人","日期":"2020-01-2)" << i
             << R"(","来源":"武汉"},"geometry":{"type":"Point","coordinates":[)" << lon << "," << lat << "]}}";
    }
    json << "]}";
    geo::ReturneeImportOptions o;
    o.coords = geo::WebCoords::Gcj02;
    auto r = importText(ws, dir, "points.geojson", json.str(), o);
    CHECK(r.locatedBy == "geometry");
    REQUIRE(r.committed);
    CHECK(r.rowsImported == 3);
    CHECK(r.personalColumns == std::vector<std::string>{"姓名"});
    auto counts = geo::loadReturneeCounts(ws);
    for (size_t i = 0; i < 3; ++i) {
        auto cx = static_cast<int32_t>(std::floor(villages[i].x / geo::kReturneeBaseCellM));
        auto cy = static_cast<int32_t>(std::floor(villages[i].y / geo::kReturneeBaseCellM));
        bool found = std::any_of(counts.cells.begin(), counts.cells.end(),
                                 [&](const auto& c) { return c.cellX == cx && c.cellY == cy; });
        CHECK(found);
    }
}

TEST_CASE("the demo's districts x origins, published with suppression, hide the small Wuhan counts") {
    geo::Workspace ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    geo::ReturneeCounts c = geo::loadReturneeCounts(ws);
    auto districts = geo::aggregateToPolygons(c, ws.readLayer("districts"));
    geo::SuppressedTable t(geo::areaOriginTable(districts), 5);
    REQUIRE(t.rows() == 5);
    CHECK(t.value(t.rows(), t.cols()) == 829);
    size_t wuhan = originIndex(c, "武汉");
    CHECK(t.value(t.rows(), wuhan) == 21);
    size_t small = 0;
    for (size_t r = 0; r < t.rows(); ++r) {
        int64_t v = t.value(r, wuhan);
        if (v > 0 && v < 5) {
            ++small;
            CHECK(t.label(r, wuhan) == "<5");
        }
    }
    CHECK(small > 0);  // 21 over 5 districts: some below 5
    for (size_t r = 0; r <= t.rows(); ++r)
        for (size_t col = 0; col <= t.cols(); ++col)
            if (t.isHidden(r, col)) CHECK(t.hasAlternative(r, col));
}
