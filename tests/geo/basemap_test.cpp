// Basemaps: added embedded or linked, reprojected, warped for a frame, composited, refused when bad.
#include <doctest/doctest.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "geo/basemap/basemap.hpp"
#include "geo/basemap/basemap_image.hpp"
#include "geo/basemap/basemap_source.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

// A GeoTIFF of one colour over the demo township in Web Mercator (epsg 0: no CRS written).
void writeRaster(const std::string& path, std::array<uint8_t, 3> rgb, int epsg = 3857, GDALDataType type = GDT_Byte) {
    geo::initGdal();
    GDALDriverH gtiff = GDALGetDriverByName("GTiff");
    GDALDatasetH ds = GDALCreate(gtiff, path.c_str(), 200, 200, 3, type, nullptr);
    REQUIRE(ds);
    const double gt[6] = {12410000, 235, 0, 4215000, 0, -225};
    GDALSetGeoTransform(ds, const_cast<double*>(gt));
    if (epsg > 0) {
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, epsg);
        GDALSetSpatialRef(ds, srs);
        OSRDestroySpatialReference(srs);
    }
    for (int b = 1; b <= 3; ++b) GDALFillRaster(GDALGetRasterBand(ds, b), rgb[static_cast<size_t>(b - 1)], 0);
    GDALClose(ds);
}

geo::Bbox boundaryBox(const std::string& wsPath) {
    return geo::Workspace::open(wsPath, geo::Workspace::Mode::ReadOnly).readLayer("boundary").bbox();
}

bool near(const uint8_t* px, std::array<int, 3> rgb, int tolerance) {
    for (size_t c = 0; c < 3; ++c)
        if (std::abs(px[c] - rgb[c]) > tolerance) return false;
    return true;
}

int64_t basemapCount(const std::string& wsPath) {
    return static_cast<int64_t>(geo::listBasemaps(geo::Workspace::open(wsPath, geo::Workspace::Mode::ReadOnly).db()).size());
}

}  // namespace

TEST_CASE("a GeoTIFF in Web Mercator embedded in a CGCS2000 workspace is warped back at its colour") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    writeRaster(tmp / "blue.tif", {40, 160, 220});
    geo::BasemapRequest request{ws, tmp / "blue.tif", "影像", geo::BasemapKind::Embed, ""};
    const geo::Basemap added = geo::addBasemap(request);
    CHECK(added.sourceCrs == "EPSG:3857");
    const geo::Bbox box = boundaryBox(ws);
    CHECK(added.extent.minX < box.minX);
    CHECK(added.extent.maxY > box.maxY);

    geo::Workspace w = geo::Workspace::open(ws);  // for editing: GDAL's tile tables and triggers are accepted
    CHECK(w.foreignObjects().empty());
    auto all = geo::listBasemaps(w.db());
    REQUIRE(all.size() == 1);
    CHECK(all[0].kind == geo::BasemapKind::Embed);
    CHECK(geo::tableExists(w.db(), all[0].source.c_str()));
    const geo::RgbaImage image = geo::warpBasemap(all[0], ws, w.workingEpsg(), box, 120, 100);
    REQUIRE(image.width == 120);
    const uint8_t* centre = &image.pixels[(50 * 120 + 60) * 4];
    CHECK(near(centre, {40, 160, 220}, 8));
    CHECK(centre[3] == 255);

    geo::removeBasemap(w.db(), all[0]);
    CHECK(geo::listBasemaps(w.db()).empty());
    CHECK(!geo::tableExists(w.db(), all[0].source.c_str()));
}

TEST_CASE("a linked basemap is read from its file, and named when the file is gone") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    writeRaster(tmp / "red.tif", {200, 30, 30});
    const geo::Basemap b = geo::addBasemap({ws, tmp / "red.tif", "", geo::BasemapKind::Link, ""});
    CHECK(b.name == "red");
    CHECK(fs::path(b.source).is_absolute());
    const geo::Bbox box = boundaryBox(ws);
    auto all = geo::listBasemaps(geo::Workspace::open(ws).db());
    geo::BasemapPicture picture = geo::renderBasemaps(all, ws, 4546, box, 64, 64);
    CHECK(picture.problems.empty());
    REQUIRE(!picture.image.isEmpty());
    CHECK(near(&picture.image.pixels[(32 * 64 + 32) * 4], {200, 30, 30}, 2));

    fs::rename(tmp / "red.tif", tmp / "moved.tif");
    CHECK(geo::missingBasemapMessage(all[0], "ws.gpkg").find("red.tif is gone") != std::string::npos);
    picture = geo::renderBasemaps(all, ws, 4546, box, 64, 64);
    CHECK(picture.image.isEmpty());
    REQUIRE(picture.problems.size() == 1);
    CHECK(geo::Workspace::open(ws).layers().size() > 0);  // the workspace itself still opens
}

TEST_CASE("a linked VRT is missing only when a file it reads is gone, not when it reads through a driver") {
    testing::TempDir tmp;
    auto vrtReading = [&](const std::string& name, const std::string& source) {
        const auto path = tmp.path() / name;
        std::ofstream(path) << "<VRTDataset rasterXSize=\"1\" rasterYSize=\"1\"><VRTRasterBand dataType=\"Byte\" band=\"1\">"
                               "<SimpleSource><SourceFilename relativeToVRT=\"0\">" << source
                            << "</SourceFilename></SimpleSource></VRTRasterBand></VRTDataset>";
        geo::Basemap b;
        b.name = name;
        b.kind = geo::BasemapKind::Link;
        b.source = path.string();
        return b;
    };
    CHECK(geo::missingBasemapMessage(vrtReading("gpkg.vrt", "GPKG:/data/tiles.gpkg:imagery"), "ws.gpkg").empty());
    CHECK(geo::missingBasemapMessage(vrtReading("url.vrt", "https://example.org/a.tif"), "ws.gpkg").empty());
    const std::string gone = (tmp.path() / "scan.png").string();
    CHECK(geo::missingBasemapMessage(vrtReading("scan.vrt", gone), "ws.gpkg").find(gone) != std::string::npos);
}

TEST_CASE("rasters that cannot be basemaps are refused and leave the workspace as it was") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    writeRaster(tmp / "nocrs.tif", {1, 2, 3}, 0);
    writeRaster(tmp / "dem.tif", {1, 2, 3}, 3857, GDT_Float32);
    std::ofstream(tmp / "text.tif") << "not a raster";
    for (const char* bad : {"nocrs.tif", "dem.tif", "text.tif", "missing.tif"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(geo::addBasemap({ws, tmp / bad, "", geo::BasemapKind::Embed, ""}), geo::Error);
    }
    CHECK(basemapCount(ws) == 0);
    // A file without a CRS is taken with the one given for it.
    CHECK_NOTHROW(geo::addBasemap({ws, tmp / "nocrs.tif", "", geo::BasemapKind::Embed, "EPSG:3857"}));
    CHECK(basemapCount(ws) == 1);
}

TEST_CASE("files named alike get names and tile identifiers of their own; a --name taken is refused") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    std::filesystem::create_directories(tmp / "a");
    std::filesystem::create_directories(tmp / "b");
    writeRaster(tmp / "a/map.tif", {1, 2, 3});
    writeRaster(tmp / "b/map.tif", {4, 5, 6});
    CHECK(geo::addBasemap({ws, tmp / "a/map.tif", "", geo::BasemapKind::Embed, ""}).name == "map");
    CHECK(geo::addBasemap({ws, tmp / "b/map.tif", "", geo::BasemapKind::Embed, ""}).name == "map_2");
    CHECK(geo::addBasemap({ws, tmp / "b/map.tif", "", geo::BasemapKind::Link, ""}).name == "map_3");
    // Named as a vector layer: the name is free among basemaps, the tiles' identifier is not.
    CHECK(geo::addBasemap({ws, tmp / "a/map.tif", "roads", geo::BasemapKind::Embed, ""}).name == "roads");
    CHECK_THROWS_WITH_AS(geo::addBasemap({ws, tmp / "a/map.tif", "map_2", geo::BasemapKind::Embed, ""}),
                         "a basemap named 'map_2' exists already; give another --name, or remove it first (cordon basemap WS "
                         "remove map_2)",
                         geo::Error);
    CHECK(basemapCount(ws) == 4);
    geo::SqliteDb db;
    REQUIRE(geo::openSqlite(ws, SQLITE_OPEN_READONLY, db) == SQLITE_OK);
    geo::Statement s(db.get(), "SELECT count(*), count(DISTINCT identifier) FROM gpkg_contents");
    REQUIRE(s.step());
    CHECK(s.integer(0) == s.integer(1));
    geo::Statement t(db.get(), "SELECT identifier FROM gpkg_contents WHERE table_name LIKE 'basemap%' ORDER BY table_name");
    std::vector<std::string> identifiers;
    while (t.step()) identifiers.push_back(t.text(0));
    CHECK(identifiers == std::vector<std::string>{"map", "map_2", "roads_2"});
}

TEST_CASE("basemaps are ordered bottom to top and keep their look") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    writeRaster(tmp / "a.tif", {10, 10, 10});
    for (const char* name : {"a", "b", "c"}) geo::addBasemap({ws, tmp / "a.tif", name, geo::BasemapKind::Link, ""});
    geo::Workspace w = geo::Workspace::open(ws);
    geo::orderBasemaps(w.db(), {"c", "a"});
    auto all = geo::listBasemaps(w.db());
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "c");
    CHECK(all[1].name == "a");
    CHECK(all[2].name == "b");
    CHECK_THROWS_AS(geo::orderBasemaps(w.db(), {"a", "a"}), geo::Error);
    CHECK_THROWS_AS(geo::findBasemap(w.db(), "z"), geo::Error);
    geo::setBasemapLook(w.db(), all[2], 0.25, -0.5);
    CHECK(geo::findBasemap(w.db(), "b").opacity == doctest::Approx(0.25));
    CHECK(geo::findBasemap(w.db(), "b").brightness == doctest::Approx(-0.5));
    CHECK_THROWS_AS(geo::setBasemapLook(w.db(), all[2], 1.5, std::nullopt), geo::Error);
}

TEST_CASE("compositing lays each basemap over the ones below with its opacity and brightness") {
    geo::RgbaImage below{1, 1, {0, 0, 0, 255}};
    const geo::RgbaImage white{1, 1, {255, 255, 255, 255}};
    geo::compositeBasemap(below, white, 0.5, 0);
    CHECK(below.pixels[0] == doctest::Approx(128).epsilon(0.01));
    CHECK(below.pixels[3] == 255);
    geo::RgbaImage grey{1, 1, {100, 100, 100, 255}};
    geo::RgbaImage out{1, 1, {0, 0, 0, 0}};
    geo::compositeBasemap(out, grey, 1, 1);
    CHECK(out.pixels[0] == 255);
    geo::compositeBasemap(out, grey, 1, -1);
    CHECK(out.pixels[0] == 0);
    const geo::RgbaImage clear{1, 1, {255, 0, 0, 0}};
    geo::compositeBasemap(out, clear, 1, 0);
    CHECK(out.pixels[0] == 0);  // no data there: what lies below shows
}

TEST_CASE("a workspace of schema 4 gains the basemap table when opened for writing") {
    testing::TempDir tmp;
    const std::string ws = testing::demoWorkspaceCopy(tmp);
    {
        geo::SqliteDb db;
        REQUIRE(geo::openSqlite(ws, SQLITE_OPEN_READWRITE, db) == SQLITE_OK);
        geo::exec(db.get(), "DROP TABLE cordon_basemaps; UPDATE cordon_meta SET value = '4' WHERE key = 'schema_version'");
    }
    CHECK(geo::listBasemaps(geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly).db()).empty());
    geo::Workspace w = geo::Workspace::open(ws);
    CHECK(w.schemaVersion() == 5);
    CHECK(geo::tableExists(w.db(), "cordon_basemaps"));
}
