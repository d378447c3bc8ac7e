// The Liechtenstein OSM extract (tests/data/realdata): imported as a township and rendered headless.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <random>

#include "app/camera.hpp"
#include "app/gl_context.hpp"
#include "app/map_raster.hpp"
#include "app/map_renderer.hpp"
#include "app/map_style.hpp"
#include "geo/render/mesh.hpp"
#include "geo/workspace/workspace.hpp"

namespace fs = std::filesystem;

TEST_CASE("the Liechtenstein OSM extract imports with 11 districts and every road line, and renders") {
    fs::path pbf = fs::path(CORDON_TEST_DATA) / "realdata" / "osm-liechtenstein" / "liechtenstein-2013-08-03.osm.pbf";
    std::error_code ec;
    REQUIRE(fs::exists(pbf, ec));
    std::random_device rd;
    fs::path dir = fs::temp_directory_path() / ("cordon-realdata-" + std::to_string(rd()));
    fs::create_directories(dir);
    struct Cleanup { fs::path p; ~Cleanup() { std::error_code e; fs::remove_all(p, e); } } cleanup{dir};

    geo::ImportRequest req;
    req.workspacePath = (dir / "li.gpkg").string();
    req.boundary = geo::LayerSource{pbf.string(), "multipolygons", "admin_level='2'"};
    req.districts = geo::LayerSource{pbf.string(), "multipolygons", "admin_level='8'"};
    req.roads = geo::LayerSource{pbf.string(), "lines", "highway IS NOT NULL"};
    geo::ImportReport report = geo::importWorkspace(req);

    // Every road line GDAL itself sees.
    int64_t sourceRoads = 0;
    {
        geo::initGdal();
        GDALDatasetUniquePtr ds(GDALDataset::Open(pbf.string().c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        OGRLayer* lines = ds->GetLayerByName("lines");
        REQUIRE(lines);
        lines->SetAttributeFilter("highway IS NOT NULL");
        for (auto& f : *lines) {
            if (f->GetGeometryRef() && !f->GetGeometryRef()->IsEmpty()) ++sourceRoads;
        }
    }
    auto ws = geo::Workspace::open(req.workspacePath, geo::Workspace::Mode::ReadOnly);
    geo::Layer boundary = ws.readLayer("boundary");
    geo::Layer districts = ws.readLayer("districts");
    geo::Layer roads = ws.readLayer("roads");
    CHECK(districts.featureCount() == 11);
    CHECK(int64_t(roads.featureCount()) == sourceRoads);
    CHECK(sourceRoads > 2500);
    std::vector<geo::RoadClass> classes = geo::roadClasses(roads);

    app::HeadlessContext gl;
    app::MapRenderer renderer;
    renderer.update({&boundary, &districts, &roads, nullptr, &classes, 1});
    constexpr int W = 1000, H = 1400;
    app::Camera camera;
    camera.setViewport(W, H);
    camera.fit(boundary.bbox(), 20);
    app::OffscreenTarget target(W, H);
    target.bind();
    renderer.draw(camera, {});
    std::vector<uint8_t> px;
    target.readPixels(px);
    auto at = [&](app::ScreenPoint p) {
        size_t i = (size_t(p.y) * W + size_t(p.x)) * 4;
        return app::Rgba{px[i], px[i + 1], px[i + 2], 255};
    };
    auto same = [](app::Rgba a, app::Rgba b) { return std::abs(a.r - b.r) <= 3 && std::abs(a.g - b.g) <= 3 && std::abs(a.b - b.b) <= 3; };
    CHECK(same(at({3, 3}), app::style::kBackground));
    // Most district label points show a district fill (some sit under a road).
    int filled = 0;
    for (size_t f = 0; f < districts.featureCount(); ++f) {
        double x, y;
        geo::labelPoint(districts, f, x, y);
        app::Rgba c = at(camera.worldToScreen(x, y));
        for (const app::Rgba& fill : app::style::kDistrictFills) filled += same(c, fill) ? 1 : 0;
    }
    CHECK(filled >= 6);
    {
        // The CPU rasteriser draws the same map from the same level of detail, widths and colours.
        geo::MapTransform transform;
        transform.metresPerPixel = camera.unitsPerPixel;
        transform.originX = camera.centerX - W / 2.0 * camera.unitsPerPixel;
        transform.originY = camera.centerY + H / 2.0 * camera.unitsPerPixel;
        const app::MapRaster raster({&boundary, &districts, &roads, nullptr, &classes, 1}, transform, 1.0f, nullptr, nullptr);
        std::vector<uint8_t> rgb(size_t(W) * H * 3);
        CHECK(raster.drawBand({rgb.data(), W, 0, H, W * 3}) > 0);
        size_t off = 0;
        for (size_t i = 0; i < size_t(W) * H; ++i) {
            int d = 0;
            for (size_t c = 0; c < 3; ++c) d = std::max(d, std::abs(rgb[3 * i + c] - px[4 * i + c]));
            off += d > 48;
        }
        const double shareOff = double(off) / (double(W) * H);
        CAPTURE(shareOff);
        CHECK(shareOff < 0.01);
    }
    // Drawn from the full geometry every road segment is submitted; the level of detail, fewer.
    const uint64_t simplified = renderer.lastStats().segmentsDrawn;
    app::MapDrawOptions exact;
    exact.simplify = false;
    target.bind();
    renderer.draw(camera, exact);
    CHECK(renderer.lastStats().segmentsDrawn >= roads.segmentCount());
    CHECK(simplified < renderer.lastStats().segmentsDrawn);
}
