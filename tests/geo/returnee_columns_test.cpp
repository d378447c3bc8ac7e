// Column choice for a returnee import: auto-detection as the CLI does it, and a choice made in the
// GUI mapped to the import options (personal columns never chosen, "none" means not read); cancel.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "geo/core/error.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

TEST_CASE("detectReturneeColumns picks what the CLI picks and never a personal column") {
    std::vector<std::string> header{"姓名", "手机号码", "经度", "纬度", "村", "返乡日期", "来源地", "状态", "身份证号"};
    geo::ReturneeColumns c = geo::detectReturneeColumns(header);
    CHECK(c.lon == 2);
    CHECK(c.lat == 3);
    CHECK(c.x == -1);
    CHECK(c.village == 4);
    CHECK(c.date == 5);
    CHECK(c.origin == 6);
    CHECK(c.status == 7);

    geo::ReturneeColumns none = geo::detectReturneeColumns({"name", "phone", "address", "id"});
    CHECK(none.lon == -1);
    CHECK(none.date == -1);
    CHECK(none.origin == -1);

    // A lon column without a lat column locates nothing.
    CHECK(geo::detectReturneeColumns({"lon", "date"}).lon == -1);
}

TEST_CASE("setReturneeColumns names exactly the chosen columns") {
    std::vector<std::string> header{"X", "Y", "Village", "Arrival", "From", "Status"};
    geo::ReturneeImportOptions o;
    o.lonField = "stale";
    geo::ReturneeColumns c;
    c.x = 0;
    c.y = 1;
    c.date = 3;
    c.origin = 4;
    geo::setReturneeColumns(o, header, c);
    CHECK_FALSE(o.autoDetect);
    CHECK(o.lonField.empty());
    CHECK(o.latField.empty());
    CHECK(o.xField == "X");
    CHECK(o.yField == "Y");
    CHECK(o.villageField.empty());
    CHECK(o.dateField == "Arrival");
    CHECK(o.originField == "From");
    CHECK(o.statusField.empty());  // "none": not read, even though a Status column exists

    // Lon/lat win over x/y; a lone coordinate names nothing; out-of-range indexes name nothing.
    geo::ReturneeColumns both;
    both.lon = 0;
    both.lat = 1;
    both.x = 0;
    both.y = 1;
    both.village = 2;
    both.status = 42;
    geo::setReturneeColumns(o, header, both);
    CHECK(o.lonField == "X");
    CHECK(o.xField.empty());
    CHECK(o.villageField == "Village");
    CHECK(o.statusField.empty());
    geo::ReturneeColumns lone;
    lone.lon = 0;
    geo::setReturneeColumns(o, header, lone);
    CHECK(o.lonField.empty());
    CHECK(o.latField.empty());
}

TEST_CASE("an import cancelled through its progress callback writes nothing") {
    testing::TempDir dir;
    std::string path = dir / "ws.gpkg";
    std::filesystem::copy_file(testing::demoDir() / "demo.gpkg", path);
    geo::Workspace ws = geo::Workspace::open(path);
    const size_t before = geo::listBatches(ws).size();
    geo::ReturneeImportOptions o;
    o.path = (testing::demoDir() / "returnees.csv").string();
    o.batch = "cancelled";
    std::vector<double> seen;
    o.progress = [&](double f) {
        seen.push_back(f);
        return f < 0.5;  // cancel once the rows are read
    };
    CHECK_THROWS_AS(geo::importReturnees(ws, o), geo::Error);
    CHECK(geo::listBatches(ws).size() == before);
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.front() == 0);

    o.progress = [&](double) { return true; };
    geo::ReturneeImportReport r = geo::importReturnees(ws, o);
    CHECK(r.committed);
    CHECK(r.rowsImported == 829);
}
