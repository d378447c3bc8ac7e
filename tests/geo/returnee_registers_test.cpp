// Registers as village clerks keep them (title rows, 合计 rows, 村组 names, some rows located
// and some not), and what the workspace keeps of them: places and attributes apart.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "geo/core/crs.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "returnee_fixtures.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace returnee_fixtures;

namespace {

std::string lonLatText(const geo::Workspace& ws, double x, double y, const char* separator = ",") {
    geo::Transformer("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326").transformPoint(x, y);
    std::ostringstream s;
    s << std::fixed << std::setprecision(6) << x << separator << y;
    return s.str();
}

const Village& village(const std::vector<Village>& all, const std::string& name) {
    for (const auto& v : all)
        if (v.name == name) return v;
    FAIL("no village " << name);
    return all.front();
}

std::map<std::string, int64_t> totalsByVillage(const geo::Workspace& ws) {
    std::map<std::string, int64_t> out;
    for (const auto& a : geo::aggregateByVillage(geo::loadReturneeCounts(ws))) out[a.name] = a.total;
    return out;
}

// Columns of every table: what a stored row can tie together.
std::map<std::string, std::set<std::string>> tableColumns(sqlite3* db) {
    std::map<std::string, std::set<std::string>> out;
    geo::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
    while (tables.step()) {
        std::string t = tables.text(0);
        geo::Statement cols(db, ("SELECT name FROM pragma_table_info('" + t + "')").c_str());
        while (cols.step()) out[t].insert(cols.text(0));
    }
    return out;
}

}  // namespace

TEST_CASE("a register with some rows located and others only by village places each row its own way") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    const Village& wm = village(villages, "王茅村");
    const Village& dy = village(villages, "东垣村");
    // Two rows at 王茅村's site by coordinates (named 东垣村 by mistake: the coordinates win), and
    // three without coordinates: at 东垣村 (with a group suffix), 西垣村 and 南坡村.
    std::string text = "序号,姓名,村(组),经度,纬度,返乡日期,来源地\n"
                       "1,甲,东垣村," + lonLatText(ws, wm.x + 20, wm.y + 20) + ",2020-01-23,武汉\n"
                       "2,乙,东垣村," + lonLatText(ws, wm.x + 25, wm.y + 25) + ",2020-01-23,省外\n"
                       "3,丙,东垣村4组,,,2020-01-24,省外\n"
                       "4,丁,西垣村三组,,,2020-01-24,省内\n"
                       "5,戊,京当镇南坡村委会,,,2020-01-25,武汉\n"
                       "6,己,,,,2020-01-25,武汉\n";  // neither: the one bad row
    geo::ReturneeImportOptions o;
    o.villageField = "村(组)";  // naming the village column no longer drops the coordinates
    auto r = importText(ws, dir, "mixed.csv", text, o);
    REQUIRE(r.badRows.size() == 1);
    CHECK(r.badRows[0].line == 7);
    CHECK(r.badRows[0].reason == "no coordinates and no village");
    o.skipBad = true;
    r = importText(ws, dir, "mixed.csv", text, o);
    REQUIRE(r.committed);
    CHECK(r.rowsImported == 5);
    CHECK(r.rowsByCoordinates == 2);
    CHECK(r.rowsByVillage == 3);
    CHECK(r.locatedBy == "lon/lat, village");
    geo::ReturneeCounts c = geo::loadReturneeCounts(ws);
    CHECK(c.total == 5);
    // Places: both located rows in 王茅村's 100 m cell, each village row in its village's cell.
    std::map<std::pair<int32_t, int32_t>, int64_t> cells;
    for (const auto& cell : c.cells) cells[{cell.cellX, cell.cellY}] += cell.count;
    auto cellOf = [](double x, double y) {
        return std::make_pair(static_cast<int32_t>(std::floor(x / geo::kReturneeBaseCellM)),
                              static_cast<int32_t>(std::floor(y / geo::kReturneeBaseCellM)));
    };
    CHECK(cells[cellOf(wm.x + 20, wm.y + 20)] == 2);
    CHECK(cells[cellOf(dy.x, dy.y)] == 1);
    CHECK(cells[cellOf(village(villages, "西垣村").x, village(villages, "西垣村").y)] == 1);
    // Villages, from the names as written.
    auto byVillage = totalsByVillage(ws);
    CHECK(byVillage["东垣村"] == 3);
    CHECK(byVillage["西垣村"] == 1);
    CHECK(byVillage["南坡村"] == 1);
}

TEST_CASE("village names as clerks write them match their village; a name meaning two villages is a bad row") {
    CHECK(geo::villageKey("宋家村4组") == "宋家");
    CHECK(geo::villageKey("贺家村三组") == "贺家");
    CHECK(geo::villageKey("京当镇贺家村") == "贺家");
    CHECK(geo::villageKey("贺家村委会") == "贺家");
    CHECK(geo::villageKey("贺家村村民委员会") == "贺家");
    CHECK(geo::villageKey("贺家村第１２组") == "贺家");
    CHECK(geo::villageKey("城关街道东关社区居委会") == "东关社区");
    CHECK(geo::villageBaseName("宋家村４组") == "宋家村");
    CHECK(geo::villageKey("十里铺村") == "十里铺");  // a numeral in the name itself stays
    CHECK(geo::villageKey("乡宁村") == "乡宁");     // 乡 opening the name is not a township

    testing::TempDir dir;
    std::string path = freshWorkspace(dir);
    {
        // A second village whose name reduces to the same one: 东垣村委会 beside 东垣村.
        geo::Workspace ws = geo::Workspace::open(path);
        // The GeoPackage's R-tree triggers call spatial SQL functions plain SQLite lacks; the
        // geometry is not touched, so they are dropped for the rename.
        std::vector<std::string> triggers;
        geo::Statement list(ws.db(), "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'villages'");
        while (list.step()) triggers.push_back(list.text(0));
        for (const auto& t : triggers) geo::exec(ws.db(), ("DROP TRIGGER \"" + t + "\"").c_str());
        geo::exec(ws.db(), "UPDATE villages SET \"名称\" = '东垣村委会' WHERE \"名称\" = '西垣村'");
    }
    geo::Workspace ws = geo::Workspace::open(path);
    geo::ReturneeImportOptions o;
    o.skipBad = true;
    auto r = importText(ws, dir, "v.csv",
                        "村组,日期\n王茅村２组,2020-01-23\n京当镇王茅村,2020-01-23\n王茅村委会,2020-01-23\n东垣三组,2020-01-23\n", o);
    CHECK(r.rowsImported == 3);
    REQUIRE(r.badRows.size() == 1);
    CHECK(r.badRows[0].line == 5);
    CHECK(r.badRows[0].reason.find("matches 2 villages") != std::string::npos);
    CHECK(totalsByVillage(ws)["王茅村"] == 3);
}

TEST_CASE("title rows, a second header row, blank rows and a 合计 row are layout, not records") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    const Village& wm = village(villages, "王茅村");
    std::string text = "王茅镇返乡人员登记表,,,,,\n"
                       "填报单位：王茅村委会      填报日期：2020年1月26日,,,,,\n"
                       "序号,姓名,村,位置,,返乡日期\n"
                       ",,,经度,纬度,\n"
                       "1,甲,王茅村," + lonLatText(ws, wm.x, wm.y) + ",2020-01-23\n"
                       ",,,,,\n"
                       "2,乙,东垣村,,,2020-01-24\n"
                       "序号,姓名,村,位置,,返乡日期\n"
                       "3,丙,西垣村,,,2020-01-25\n"
                       "合计,,,,,3\n";
    auto r = importText(ws, dir, "clerk.csv", text);
    for (const auto& b : r.badRows) MESSAGE("line " << b.line << ": " << b.reason);
    CHECK(r.badRowCount == 0);
    REQUIRE(r.committed);
    CHECK(r.rowsImported == 3);
    CHECK(r.rowsByCoordinates == 1);
    CHECK(r.dateField == "返乡日期");
    CHECK(r.lonField == "经度");
    CHECK(r.latField == "纬度");
    std::string notes;
    for (const auto& n : r.notes) notes += n + "\n";
    CAPTURE(notes);
    CHECK(notes.find("line 1: title row") != std::string::npos);
    CHECK(notes.find("line 2: title row") != std::string::npos);
    CHECK(notes.find("line 4: second header row") != std::string::npos);
    CHECK(notes.find("line 8: repeated header") != std::string::npos);
    CHECK(notes.find("line 10: total (合计) row") != std::string::npos);
    CHECK(notes.find("1 blank row") != std::string::npos);
    CHECK(geo::loadReturneeCounts(ws).total == 3);
}

TEST_CASE("an Excel register with a title row and a 合计 row imports like the CSV") {
    const fs::path xlsx = fs::path(CORDON_TEST_DATA) / "registers" / "clerk_register.xlsx";
    REQUIRE(fs::exists(xlsx));
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    geo::ReturneeImportOptions o;
    o.path = xlsx.string();
    auto r = geo::importReturnees(ws, o);
    std::string notes;
    for (const auto& n : r.notes) notes += n + "\n";
    CAPTURE(notes);
    for (const auto& b : r.badRows) CAPTURE(b.reason);
    CHECK(r.badRowCount == 0);
    REQUIRE(r.committed);
    CHECK(r.rowsImported == 4);
    CHECK(r.rowsByCoordinates == 2);
    CHECK(r.rowsByVillage == 2);
    CHECK(notes.find("line 1: title row") != std::string::npos);
    CHECK(notes.find("total (合计) row") != std::string::npos);
    CHECK(r.personalColumns == std::vector<std::string>{"姓名", "联系电话"});
    auto byVillage = totalsByVillage(ws);
    CHECK(byVillage["王茅村"] == 2);
    CHECK(byVillage["东垣村"] == 1);
    CHECK(byVillage["南坡村"] == 1);
}

TEST_CASE("coordinates with degree signs and full-width commas read; swapped latitude and longitude are named") {
    double lon = 0, lat = 0;
    std::string why;
    CHECK(geo::parseLonLatText("111.70，35.20", lon, lat, why));
    CHECK(lon == doctest::Approx(111.70));
    CHECK(lat == doctest::Approx(35.20));
    CHECK(geo::parseLonLatText("111.70°, 35.20°", lon, lat, why));
    CHECK(geo::parseLonLatText("１１１.７０，３５.２０", lon, lat, why));
    CHECK(lon == doctest::Approx(111.70));
    CHECK(geo::parseLonLatText("111°42'00\", 35°12'00\"", lon, lat, why));
    CHECK(lon == doctest::Approx(111.70));
    CHECK(lat == doctest::Approx(35.20));
    CHECK(geo::parseLonLatText("35.2N, 111.7E", lon, lat, why));  // hemispheres written: their order wins
    CHECK(lon == doctest::Approx(111.7));
    CHECK_FALSE(geo::parseLonLatText("35.20,111.70", lon, lat, why));
    CHECK(why.find("swapped") != std::string::npos);
    CHECK_FALSE(geo::parseLonLatText("111.70", lon, lat, why));
    double v = 0;
    char axis = 0;
    CHECK(geo::parseDegrees("东经111度42分", v, axis));
    CHECK(v == doctest::Approx(111.7));
    CHECK(axis == 'x');

    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    const Village& wm = village(villages, "王茅村");
    std::string at = lonLatText(ws, wm.x, wm.y);
    std::string lonText = at.substr(0, at.find(',')), latText = at.substr(at.find(',') + 1);
    std::string text = "经度,纬度,日期\n" + lonText + "°," + latText + "°,2020-01-23\n" +  // degree signs
                       latText + "," + lonText + ",2020-01-23\n" +                         // swapped, out of range
                       "111.5,35.1,2020-01-23\n";                                          // plainly elsewhere
    auto r = importText(ws, dir, "deg.csv", text);
    REQUIRE(r.badRows.size() == 2);
    CHECK(r.badRows[0].line == 3);
    CHECK(r.badRows[0].reason.find("swapped") != std::string::npos);
    CHECK(r.badRows[1].reason == "point outside the township");
    // One column holding both, with a full-width comma.
    auto one = importText(ws, dir, "one.csv", "坐标,日期\n\"" + lonLatText(ws, wm.x, wm.y, "，") + "\",2020-01-23\n");
    CHECK(one.badRowCount == 0);
    CHECK(one.committed);
    CHECK(one.rowsByCoordinates == 1);
}

TEST_CASE("no stored row ties a place finer than a village to a date or an origin") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    // 40 people, each in a cell of their own, each on a day and from an origin of their own.
    std::ostringstream csv;
    csv << "村,经度,纬度,返乡日期,来源地\n";
    const Village& wm = village(villages, "王茅村");
    for (int i = 0; i < 40; ++i)
        csv << "王茅村," << lonLatText(ws, wm.x - 2000 + 100 * i, wm.y + 30) << ",2020-01-" << (1 + i % 28) << ",地" << i << "\n";
    auto r = importText(ws, dir, "fine.csv", csv.str());
    REQUIRE(r.committed);
    REQUIRE(r.rowsImported == 40);
    for (const auto& [table, cols] : tableColumns(ws.db())) {
        CAPTURE(table);
        bool attribute = cols.count("arrival") || cols.count("origin") || cols.count("status");
        bool finePlace = cols.count("cell_x") || cols.count("cell_y") || cols.count("x") || cols.count("y") || cols.count("geom");
        if (table.rfind("cordon_returnee", 0) == 0) CHECK_FALSE((attribute && finePlace));
    }
    geo::ReturneeCounts c = geo::loadReturneeCounts(ws);
    CHECK(c.cells.size() >= 30);  // places kept apart ...
    CHECK(c.entries.size() == 40);  // ... from the attributes, all at the village
    for (const auto& e : c.entries) CHECK(c.villages[static_cast<size_t>(e.village)] == "王茅村");
}

TEST_CASE("a workspace holding the older fine table is aggregated on open and keeps its totals") {
    testing::TempDir dir;
    std::string path = freshWorkspace(dir);
    {
        geo::Workspace ws = geo::Workspace::open(path);
        geo::exec(ws.db(),
                  "DROP TABLE cordon_returnee_cells; DROP TABLE cordon_returnee_villages;"
                  "CREATE TABLE cordon_returnee_counts(batch INTEGER NOT NULL, cell_x INTEGER NOT NULL, cell_y INTEGER NOT NULL,"
                  " village TEXT NOT NULL, arrival TEXT NOT NULL, origin TEXT NOT NULL, status TEXT NOT NULL, count INTEGER NOT NULL);"
                  "INSERT INTO cordon_returnee_batches(id, name, source, imported_at, records, located_by, dropped_columns, report)"
                  " VALUES (7, 'old', 'old.csv', '2020-01-26T00:00:00Z', 4, 'lon/lat', '', '{}');"
                  "INSERT INTO cordon_returnee_counts VALUES (7, 10, 20, '王茅村', '2020-01-23', 'ZZORIGINQ', '', 1),"
                  " (7, 10, 20, '王茅村', '2020-01-24', '武汉', '', 1), (7, 11, 20, '王茅村', '2020-01-24', '武汉', '', 1),"
                  " (7, 12, 21, '', '2020-01-25', '省外', '', 1);");
    }
    // Read-only: aggregated in memory, the file left as it is.
    {
        geo::Workspace ro = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
        geo::ReturneeCounts c = geo::loadReturneeCounts(ro);
        CHECK(c.total == 4);
        CHECK(c.cells.size() == 3);
        CHECK(geo::tableExists(ro.db(), "cordon_returnee_counts"));
    }
    geo::Workspace ws = geo::Workspace::open(path);
    CHECK_FALSE(geo::tableExists(ws.db(), "cordon_returnee_counts"));
    geo::ReturneeCounts c = geo::loadReturneeCounts(ws);
    CHECK(c.total == 4);
    CHECK(c.cells.size() == 3);
    int64_t cell1020 = 0, wuhan24 = 0;
    for (const auto& cell : c.cells)
        if (cell.cellX == 10 && cell.cellY == 20) cell1020 = cell.count;
    for (const auto& e : c.entries)
        if (c.origins[e.origin] == "武汉" && e.day == geo::daysFromCivil(2020, 1, 24)) wuhan24 = e.count;
    CHECK(cell1020 == 2);
    CHECK(wuhan24 == 2);
    CHECK(geo::removeBatch(ws, "old"));
    CHECK(geo::loadReturneeCounts(ws).total == 0);
}

TEST_CASE("filters by date or origin count villages: the grid shows each village's filtered returnees at the village") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    const Village& wm = village(villages, "王茅村");
    std::string text = "村,经度,纬度,返乡日期,来源地\n"
                       "王茅村," + lonLatText(ws, wm.x + 700, wm.y + 700) + ",2020-01-23,武汉\n"
                       "王茅村," + lonLatText(ws, wm.x + 700, wm.y + 700) + ",2020-01-24,省外\n";
    REQUIRE(importText(ws, dir, "f.csv", text).committed);
    geo::ReturneeCounts c = geo::loadReturneeCounts(ws);
    geo::Layer boundary = ws.readLayer("boundary");
    auto holding = [](const std::vector<geo::AreaCount>& areas, double x, double y) {
        for (const auto& a : areas)
            if (a.total > 0 && a.bounds.contains(x, y)) return a.total;
        return int64_t{0};
    };
    auto all = geo::aggregateToGrid(c, boundary, 500);
    CHECK(holding(all, wm.x + 700, wm.y + 700) == 2);  // unfiltered: where the people are
    geo::ReturneeFilter oneDay;
    CHECK_FALSE(oneDay.restricts(c));
    oneDay.fromDay = oneDay.toDay = geo::daysFromCivil(2020, 1, 23);
    CHECK(oneDay.restricts(c));
    auto filtered = geo::aggregateToGrid(c, boundary, 500, oneDay);
    CHECK(holding(filtered, wm.x, wm.y) == 1);  // filtered: at the village, never at the person's cell
    CHECK(holding(filtered, wm.x + 700, wm.y + 700) == 0);
}

TEST_CASE("located rows without a village name count at their nearest village, so filters still reach them") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    auto villages = demoVillages(ws);
    const Village& wm = village(villages, "王茅村");
    const Village& dy = village(villages, "东垣村");
    std::string text = "经度,纬度,返乡日期,来源地\n" + lonLatText(ws, wm.x + 30, wm.y - 40) + ",2020-01-23,武汉\n" +
                       lonLatText(ws, dy.x - 50, dy.y + 10) + ",2020-01-23,武汉\n" +
                       lonLatText(ws, dy.x + 20, dy.y + 20) + ",2020-01-24,省外\n";
    auto r = importText(ws, dir, "gps.csv", text);
    REQUIRE(r.committed);
    CHECK(r.villagesByPosition == 3);
    geo::ReturneeCounts c = geo::loadReturneeCounts(ws);
    geo::ReturneeFilter wuhan;
    wuhan.origins.assign(c.origins.size(), false);
    for (size_t o = 0; o < c.origins.size(); ++o) wuhan.origins[o] = c.origins[o] == "武汉";
    std::map<std::string, int64_t> got;
    for (const auto& a : geo::aggregateByVillage(c, wuhan)) got[a.name] = a.total;
    CHECK(got["王茅村"] == 1);
    CHECK(got["东垣村"] == 1);
    CHECK(sumTotals(geo::aggregateToGrid(c, ws.readLayer("boundary"), 500, wuhan)) == 2);
}
