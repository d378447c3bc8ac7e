// Rosters for the field: the XLSX workbook read back through GDAL, the CSV's Chinese header,
// numbers in KML/GeoJSON, and GCJ-02 positions.
#include <doctest/doctest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/plan/roster_export.hpp"
#include "geo/plan/roster_field.hpp"
#include "tests/geo/test_support.hpp"

namespace {

constexpr int kEpsg = 4546;  // CGCS2000 3-degree GK CM 111E, the demo's working CRS

// Two scenarios near Wangmao: a staffed checkpoint, a closure and a second checkpoint; the
// second scenario's name is too long for a sheet and has a slash.
std::vector<geo::Scenario> scenarios() {
    geo::Scenario a;
    a.name = "方案一";
    a.params.staffAvailable = 10;
    auto cp = testing::checkpointAt(563000, 3896500);
    cp.name = "东口";
    cp.leader = "张三";
    cp.phone = "13800000000";
    a.checkpoints.push_back(cp);
    auto closure = testing::checkpointAt(563500, 3897000, geo::CheckpointKind::RoadClosure);
    closure.name = "北沟封路";
    a.checkpoints.push_back(closure);
    cp.name = "西口";
    a.checkpoints.push_back(cp);
    geo::Scenario b = a;
    b.name = "2020/01/28 县指挥部审定的全镇封闭管控第二次修订方案";
    b.checkpoints.resize(1);
    return {a, b};
}

// Every non-empty cell of a sheet, row by row.
std::vector<std::vector<std::string>> cells(GDALDataset& ds, int sheet) {
    std::vector<std::vector<std::string>> rows;
    OGRLayer* layer = ds.GetLayer(sheet);
    for (auto& f : *layer) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i)
            if (f->IsFieldSetAndNotNull(i)) row.push_back(f->GetFieldAsString(i));
        rows.push_back(row);
    }
    return rows;
}

bool hasRow(const std::vector<std::vector<std::string>>& rows, const std::vector<std::string>& start) {
    return std::any_of(rows.begin(), rows.end(), [&](const auto& r) {
        return r.size() >= start.size() && std::equal(start.begin(), start.end(), r.begin());
    });
}

}  // namespace

TEST_CASE("the XLSX roster has a sheet per scenario, Chinese headers, numbers and closures apart") {
    testing::TempDir tmp;
    const std::string out = tmp / "roster.xlsx";
    geo::writeRosterXlsx(scenarios(), kEpsg, geo::RosterLanguage::Chinese, "2020-01-28", out);
    geo::initGdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    REQUIRE(ds->GetLayerCount() == 2);
    CHECK(std::string(ds->GetLayer(0)->GetName()) == "方案一");
    const std::string second = ds->GetLayer(1)->GetName();
    CHECK(second.find('/') == std::string::npos);
    CHECK(second.rfind("2020_01_28", 0) == 0);
    const auto rows = cells(*ds, 0);
    // With GDAL's XLSX reader the first row may become the header; the rest are rows.
    const std::string firstRowText = ds->GetLayer(0)->GetLayerDefn()->GetFieldDefn(0)->GetNameRef();
    CHECK((hasRow(rows, {"方案一"}) || firstRowText == "方案一"));
    CHECK(hasRow(rows, {"日期 2020-01-28"}));
    CHECK(hasRow(rows, {"卡口", "2", "封路", "1"}));
    CHECK(hasRow(rows, {"序号", "名称", "类型", "道路"}));
    CHECK(hasRow(rows, {"1", "东口", "道路卡口"}));
    CHECK(hasRow(rows, {"3", "西口"}));
    CHECK(hasRow(rows, {"封路（不设人员）"}));
    CHECK(hasRow(rows, {"2", "北沟封路"}));
    // The closure is not among the staffed rows: the only row starting "2" is in the closures.
    CHECK(std::count_if(rows.begin(), rows.end(), [](const auto& r) { return !r.empty() && r[0] == "2"; }) == 1);
    CHECK(std::any_of(rows.begin(), rows.end(), [](const auto& r) { return std::find(r.begin(), r.end(), "张三") != r.end(); }));
    CHECK_FALSE(std::filesystem::exists(tmp / ".roster.exporting.xlsx"));

    geo::writeRosterXlsx(scenarios(), kEpsg, geo::RosterLanguage::English, "2020-01-28", out);
    GDALDatasetUniquePtr en(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
    REQUIRE(en);
    CHECK(hasRow(cells(*en, 0), {"No.", "Name", "Kind", "Road"}));
    CHECK(hasRow(cells(*en, 0), {"Road closures (no staff)"}));
}

TEST_CASE("an XLSX roster that cannot be written leaves nothing and says why") {
    testing::TempDir tmp;
    CHECK_THROWS_AS(geo::writeRosterXlsx(scenarios(), kEpsg, geo::RosterLanguage::Chinese, "2020-01-28",
                                         tmp / "absent/roster.xlsx"),
                    geo::Error);
    CHECK(std::filesystem::is_empty(tmp.path()));
    CHECK_THROWS_AS(geo::parseRosterLanguage("fr"), geo::Error);
}

TEST_CASE("the CSV roster keeps its columns and gains a Chinese header") {
    const std::string csv = geo::rosterCsv(scenarios()[0], kEpsg);
    const std::string zh = geo::chineseCsvHeader(csv);
    CHECK(zh.rfind("\xEF\xBB\xBF编号,名称,类型", 0) == 0);
    CHECK(zh.substr(zh.find("\r\n")) == csv.substr(csv.find("\r\n")));  // the rows unchanged
    const std::string header = zh.substr(0, zh.find("\r\n")), english = csv.substr(0, csv.find("\r\n"));
    CHECK(std::count(header.begin(), header.end(), ',') == std::count(english.begin(), english.end(), ','));
}

TEST_CASE("KML and GeoJSON carry each checkpoint's number and name; gcj02 moves them as web maps do") {
    testing::TempDir tmp;
    const geo::Scenario s = scenarios()[0];
    geo::initGdal();
    for (auto format : {geo::ExportFormat::Kml, geo::ExportFormat::GeoJson}) {
        const std::string out = tmp / (format == geo::ExportFormat::Kml ? "cp.kml" : "cp.geojson");
        geo::exportRoster(s, kEpsg, format, out);
        GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        std::vector<std::string> names;
        for (auto& f : *ds->GetLayer(0)) {
            names.push_back(f->GetFieldAsString("name"));
            if (format == geo::ExportFormat::GeoJson) CHECK(f->GetFieldAsInteger("number") == static_cast<int>(names.size()));
        }
        REQUIRE(names.size() == 3);
        if (format == geo::ExportFormat::Kml) CHECK(names[0] == "1 东口");
        else CHECK(names[0] == "东口");
        CHECK(names[2].find("西口") != std::string::npos);
    }
    const geo::Scenario shifted = geo::withGcj02Positions(s, kEpsg);
    geo::Transformer toLonLat("EPSG:4546", "EPSG:4326");
    double lon = s.checkpoints[0].x, lat = s.checkpoints[0].y;
    toLonLat.transformPoint(lon, lat);
    double gLon = lon, gLat = lat;
    geo::wgs84ToGcj02(gLon, gLat);
    double sLon = shifted.checkpoints[0].x, sLat = shifted.checkpoints[0].y;
    toLonLat.transformPoint(sLon, sLat);
    CHECK(std::fabs(sLon - gLon) < 1e-7);
    CHECK(std::fabs(sLat - gLat) < 1e-7);
    CHECK(std::hypot(shifted.checkpoints[0].x - s.checkpoints[0].x, shifted.checkpoints[0].y - s.checkpoints[0].y) > 100);
}
