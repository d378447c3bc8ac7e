// Village lists as tables: GBK without declaration, title and 合计 rows, degrees-minutes-seconds,
// swapped columns, rows without coordinates counted by row.
#include <cpl_string.h>
#include <doctest/doctest.h>
#include <fstream>
#include <string>

#include "geo/core/error.hpp"
#include "geo/io/village_table.hpp"
#include "test_support.hpp"

namespace {

std::string toGbk(const std::string& utf8) {
    char* raw = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP936");
    std::string out = raw;
    CPLFree(raw);
    return out;
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// Line 1 a title, line 2 the header, lines 3-9 villages, line 10 the 合计 row.
const char* kVillageList =
    "某某镇村庄坐标一览表,,,,\r\n"
    "序号,村名,经度,纬度,联系电话\r\n"
    "1,张家村3组,111.70,35.20,13800000000\r\n"
    "2,李家村,\"111°42'30\"\"\",\"35°12'00\"\"\",\r\n"
    "3,王庄,,,\r\n"
    "4,坏村,abc,35.2,\r\n"
    "5,反村,35.21,111.71,\r\n"
    "6,东经村,东经111.72,北纬35.22,\r\n"
    "7,远村,300,35.2,\r\n"
    "合计,7,,,\r\n";

}  // namespace

TEST_CASE("a GBK village list with a title row, a 合计 row, DMS values and bad rows becomes points") {
    geo::initGdal();
    testing::TempDir tmp;
    const std::string path = tmp / "村庄.csv";
    writeFile(path, toGbk(kVillageList));
    geo::ReadReport r;
    geo::Layer l = geo::readVillageTable(path, {}, r);
    CHECK(r.encoding == "GB18030");
    CHECK(r.featuresRead == 7);
    REQUIRE(l.featureCount() == 4);
    CHECK(r.featuresKept == 4);
    CHECK(l.kind == geo::GeomKind::Point);
    CHECK(l.epsg == 4326);
    REQUIRE(l.fieldIndex("name") == 0);
    // The group suffix is part of the name.
    CHECK(l.attr(0, 0) == "张家村3组");
    CHECK(l.attr(1, 0) == "李家村");
    CHECK(l.xy[2] == doctest::Approx(111 + 42.5 / 60));
    CHECK(l.xy[3] == doctest::Approx(35.2));
    // Swapped columns in one row, put right.
    CHECK(l.attr(2, 0) == "反村");
    CHECK(l.xy[4] == doctest::Approx(111.71));
    CHECK(l.xy[5] == doctest::Approx(35.21));
    CHECK(l.xy[6] == doctest::Approx(111.72));
    CHECK(l.fieldIndex("序号") >= 0);
    CHECK(l.fieldIndex("联系电话") < 0);  // personal: not kept
    CHECK(r.nullGeometries == 1);
    CHECK(r.malformedGeometries == 2);
    std::string all;
    for (const auto& w : r.warnings) all += w + "\n";
    INFO(all);
    CHECK(all.find("1 row without coordinates skipped (row 5)") != std::string::npos);
    CHECK(all.find("2 rows with bad coordinates skipped (rows 6, 9)") != std::string::npos);
    CHECK(all.find("1 row with longitude and latitude swapped, put right (row 7)") != std::string::npos);
    CHECK(all.find("合计") != std::string::npos);
    CHECK(all.find("title") != std::string::npos);
    CHECK(all.find("联系电话") != std::string::npos);
}

TEST_CASE("village lists: lon/lat and E/N headers, projection, web-map coordinates and refusals") {
    geo::initGdal();
    testing::TempDir tmp;
    writeFile(tmp / "a.csv", "Name,Longitude (deg),LAT\nA,111.7,35.2\n");
    geo::ReadReport r;
    geo::Layer l = geo::readVillageTable(tmp / "a.csv", {}, r);
    REQUIRE(l.featureCount() == 1);
    CHECK(l.attr(0, l.fieldIndex("name")) == "A");

    writeFile(tmp / "en.csv", "名称,E,N\n甲,111.7,35.2\n");
    geo::VillageTableOptions o;
    o.targetEpsg = 4546;
    l = geo::readVillageTable(tmp / "en.csv", o, r);
    REQUIRE(l.featureCount() == 1);
    CHECK(l.epsg == 4546);
    CHECK(l.xy[0] > 540000);
    CHECK(l.xy[0] < 600000);
    o.coords = geo::WebCoords::Gcj02;
    geo::Layer shifted = geo::readVillageTable(tmp / "en.csv", o, r);
    const double moved = std::hypot(shifted.xy[0] - l.xy[0], shifted.xy[1] - l.xy[1]);
    CHECK(moved > 100);  // GCJ-02 is a few hundred metres off WGS84 here
    CHECK(moved < 1000);

    writeFile(tmp / "none.csv", "村名,户数\n甲,3\n");
    CHECK_THROWS_WITH_AS(geo::readVillageTable(tmp / "none.csv", {}, r),
                         doctest::Contains("none.csv: villages need 经度/纬度"), geo::Error);
    writeFile(tmp / "empty.csv", "村名,经度,纬度\n甲,,\n乙,x,y\n");
    CHECK_THROWS_WITH_AS(geo::readVillageTable(tmp / "empty.csv", {}, r),
                         doctest::Contains("no row with coordinates (2 rows; 1 without, 1 bad)"), geo::Error);
    CHECK(geo::isTableFile("a.XLSX"));
    CHECK_FALSE(geo::isTableFile("a.geojson"));
}
