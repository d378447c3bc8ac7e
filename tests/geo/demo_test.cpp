// The demo township: the real case's figures, and the same seed giving the same files.
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "geo/io/demo.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {
std::string bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("the same seed gives byte-identical sources and workspace in any folder") {
    testing::TempDir tmp;
    geo::DemoOptions a, b;
    a.outDir = tmp / "first";
    b.outDir = tmp / "second/deeper";
    geo::DemoSummary sa = geo::generateDemo(a);
    geo::generateDemo(b);
    for (const char* f : {"demo.gpkg", "roads.shp", "roads.dbf", "boundary.shp", "districts.dbf", "villages.dbf", "returnees.csv"}) {
        CAPTURE(f);
        std::string x = bytes(fs::path(a.outDir) / f), y = bytes(fs::path(b.outDir) / f);
        CHECK(!x.empty());
        CHECK(x == y);
    }
    CHECK(sa.boundaryCrossings >= 30);
    CHECK(sa.boundaryCrossings <= 45);
    CHECK(sa.returnees == 829);
    CHECK(sa.returneesFromWuhan == 21);
    // Another seed gives another township.
    geo::DemoOptions c;
    c.outDir = tmp / "third";
    c.seed = 7;
    geo::generateDemo(c);
    CHECK(bytes(fs::path(a.outDir) / "roads.shp") != bytes(fs::path(c.outDir) / "roads.shp"));
}

TEST_CASE("--roads N gives a network of exactly N road segments") {
    testing::TempDir tmp;
    geo::DemoOptions o;
    o.outDir = tmp / "grown";
    o.roads = 5003;
    geo::DemoSummary s = geo::generateDemo(o);
    CHECK(s.roadSegments == 5003);
    geo::Workspace ws = geo::Workspace::open(s.workspace);
    geo::Layer roads = ws.readLayer("roads");
    size_t segments = 0;
    for (size_t r = 0; r + 1 < roads.ringStart.size(); ++r) segments += roads.ringStart[r + 1] - roads.ringStart[r] - 1;
    CHECK(segments == 5003);
    CHECK(s.roadFeatures == static_cast<int64_t>(roads.featureCount()));
}

TEST_CASE("the returnee CSV has 829 records, Wuhan only in the origin column of 21 of them") {
    std::ifstream in(testing::demoDir() / "returnees.csv", std::ios::binary);
    std::string header, line;
    std::getline(in, header);
    int rows = 0, wuhan = 0, wuhanInOrigin = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        ++rows;
        if (line.find("武汉") != std::string::npos) ++wuhan;
        // origin is the eighth column
        size_t pos = 0;
        for (int i = 0; i < 7; ++i) pos = line.find(',', pos) + 1;
        if (line.compare(pos, std::string("武汉,").size(), "武汉,") == 0) ++wuhanInOrigin;
    }
    CHECK(rows == 829);
    CHECK(wuhan == 21);
    CHECK(wuhanInOrigin == 21);
}
