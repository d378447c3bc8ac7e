// Replacing one layer of a workspace: counts, metadata, other layers untouched, refusals.
#include <doctest/doctest.h>

#include <array>

#include <sqlite3.h>

#include "geo/core/error.hpp"
#include "geo/io/layer_replace.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

int64_t recordedFeatures(const geo::Workspace& ws, const std::string& name) {
    for (const auto& l : ws.layers())
        if (l.name == name) return l.features;
    return -1;
}

// The first `count` demo roads as the new roads layer of `ws`.
geo::ReplaceRequest roadsRequest(const std::string& ws, int count) {
    geo::ReplaceRequest r;
    r.workspacePath = ws;
    r.role = "roads";
    r.source.path = (testing::demoDir() / "roads.shp").string();
    r.source.where = "FID < " + std::to_string(count);
    return r;
}

}  // namespace

TEST_CASE("replacing the roads layer swaps it in and records it, leaving other layers alone") {
    testing::TempDir tmp;
    std::string ws = testing::demoWorkspaceCopy(tmp);
    size_t districtsBefore = geo::Workspace::open(ws).readLayer("districts").featureCount();
    geo::ReplaceRequest r = roadsRequest(ws, 40);
    int calls = 0;
    r.progress = [&](double) { ++calls; return true; };
    geo::ReplaceReport report = geo::replaceLayer(r);
    CHECK(report.features > 0);
    CHECK(calls > 0);
    CHECK(report.features == 40);
    int64_t classified = 0;
    for (int64_t n : report.classCounts) classified += n;
    CHECK(classified == report.features);
    CHECK(report.classCounts[size_t(geo::RoadClass::Other)] < report.features);

    geo::Workspace after = geo::Workspace::open(ws);
    geo::Layer roads = after.readLayer("roads");
    CHECK(int64_t(roads.featureCount()) == report.features);
    CHECK(recordedFeatures(after, "roads") == report.features);
    CHECK(roads.epsg == after.workingEpsg());
    std::array<int64_t, geo::kRoadClassCount> stored{};
    for (auto c : geo::roadClasses(roads)) ++stored[size_t(c)];
    CHECK(stored == report.classCounts);
    CHECK(after.readLayer("districts").featureCount() == districtsBefore);
    // GDAL's own bookkeeping agrees, so ogrinfo and QGIS see the new layer.
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(after.db(), "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'roads'", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int64(st, 0) == report.features);
    sqlite3_finalize(st);
}

TEST_CASE("a cancelled replacement leaves the workspace as it was") {
    testing::TempDir tmp;
    std::string ws = testing::demoWorkspaceCopy(tmp);
    size_t before = geo::Workspace::open(ws).readLayer("roads").featureCount();
    geo::ReplaceRequest r = roadsRequest(ws, 40);
    r.progress = [](double f) { return f < 0.7; };  // cancel while writing
    CHECK_THROWS_AS(geo::replaceLayer(r), geo::Error);
    geo::Workspace after = geo::Workspace::open(ws);
    CHECK(after.readLayer("roads").featureCount() == before);
    CHECK(recordedFeatures(after, "roads") == int64_t(before));
}

TEST_CASE("replacing refuses a wrong geometry type or role with a reason, changing nothing") {
    testing::TempDir tmp;
    std::string ws = testing::demoWorkspaceCopy(tmp);
    geo::ReplaceRequest r;
    r.workspacePath = ws;
    r.role = "districts";
    r.source.path = (testing::demoDir() / "roads.shp").string();
    try {
        geo::replaceLayer(r);
        FAIL("expected a refusal");
    } catch (const geo::Error& e) {
        CHECK(std::string(e.what()).find("roads.shp") != std::string::npos);
    }
    CHECK(geo::Workspace::open(ws).readLayer("districts").featureCount() == 5);
    r.role = "rivers";
    CHECK_THROWS_AS(geo::replaceLayer(r), geo::Error);
}

TEST_CASE("replacing the villages accepts points") {
    testing::TempDir tmp;
    std::string ws = testing::demoWorkspaceCopy(tmp);
    geo::ReplaceRequest r;
    r.workspacePath = ws;
    r.role = "villages";
    r.source.path = (testing::demoDir() / "villages.shp").string();
    r.source.where = "FID < 7";
    auto report = geo::replaceLayer(r);
    CHECK(report.features > 0);
    CHECK(report.features == 7);
    CHECK(int64_t(geo::Workspace::open(ws).readLayer("villages").featureCount()) == report.features);
}
