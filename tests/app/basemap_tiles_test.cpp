// The map window's basemap tiles: warped off the UI thread, placed where one warp of the whole
// view puts the same pixels, standing in for each other while new ones come, and lying under
// transparent vector tiles.
#include <doctest/doctest.h>

#include <gdal.h>
#include <cpl_conv.h>
#include <ogr_srs_api.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "app/basemap_tiles.hpp"
#include "app/camera.hpp"
#include "app/gl.hpp"
#include "app/gl_context.hpp"
#include "app/map_renderer.hpp"
#include "app/map_style.hpp"
#include "app/map_tiles.hpp"
#include "geo/basemap/basemap_image.hpp"
#include "geo/core/layer.hpp"
#include "tests/geo/test_support.hpp"

namespace {

constexpr int kEpsg = 3857;
constexpr double kMinX = 12'410'000, kMaxY = 4'215'000, kPixel = 10;  // 512 x 512 pixels of 10 m
constexpr int kSide = 512;

// A smooth picture (so that resampling on another grid changes little): red across, green down.
std::string writeRaster(const std::filesystem::path& dir) {
    GDALAllRegister();
    const std::string path = (dir / "gradient.tif").string();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), kSide, kSide, 3, GDT_Byte, nullptr);
    REQUIRE(ds);
    double transform[6] = {kMinX, kPixel, 0, kMaxY, 0, -kPixel};
    GDALSetGeoTransform(ds, transform);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, kEpsg);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    GDALSetProjection(ds, wkt);
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    std::vector<uint8_t> band(static_cast<size_t>(kSide) * kSide);
    for (int b = 1; b <= 3; ++b) {
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                band[static_cast<size_t>(y) * kSide + x] = static_cast<uint8_t>(b == 1 ? x / 2 : b == 2 ? y / 2 : 128);
        REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, b), GF_Write, 0, 0, kSide, kSide, band.data(), kSide, kSide, GDT_Byte, 0,
                             0) == CE_None);
    }
    GDALClose(ds);
    return path;
}

geo::Basemap linked(const std::string& path) {
    geo::Basemap b;
    b.id = 1;
    b.name = "gradient";
    b.kind = geo::BasemapKind::Link;
    b.source = path;
    b.sourceCrs = "EPSG:3857";
    b.extent.add(kMinX, kMaxY - kSide * kPixel);
    b.extent.add(kMinX + kSide * kPixel, kMaxY);
    return b;
}

// Updates until the view's tiles are all there (the workers run meanwhile); false after 20 s.
bool waitComplete(app::BasemapTiles& tiles, const app::Camera& camera) {
    std::vector<std::string> problems;
    const auto start = std::chrono::steady_clock::now();
    while (!tiles.update(camera, problems)) {
        if (std::chrono::steady_clock::now() - start > std::chrono::seconds(20)) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return problems.empty();
}

struct Difference {
    double mean = 0;
    double shareOver = 0;  // of pixels with a channel off by more than the limit
};

Difference compare(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, int limit) {
    Difference d;
    const size_t n = std::min(a.size(), b.size()) / 4;
    size_t over = 0;
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (size_t c = 0; c < 3; ++c) worst = std::max(worst, std::abs(a[i * 4 + c] - b[i * 4 + c]));
        sum += worst;
        if (worst > limit) ++over;
    }
    d.mean = sum / static_cast<double>(n);
    d.shareOver = static_cast<double>(over) / static_cast<double>(n);
    return d;
}

// A 400 x 300 offscreen view well inside the raster (every pixel has data), and the basemap.
struct View {
    static constexpr int w = 400, h = 300;
    testing::TempDir dir;
    geo::Basemap basemap = linked(writeRaster(dir.path()));
    app::HeadlessContext gl;
    app::OffscreenTarget target{w, h};
    app::Camera camera;
    geo::Bbox inner;
    View() {
        camera.setViewport(w, h);
        inner.add(kMinX + 1000, kMaxY - 4000);
        inner.add(kMinX + 4000, kMaxY - 1000);
        camera.fit(inner, 0);
    }
    std::string workspace() const { return (dir.path() / "ws.gpkg").string(); }
    // The tiles drawn over black at `opacity` (blending on, as the map leaves it), read back.
    std::vector<uint8_t> drawn(app::BasemapTiles& tiles, float opacity = 1.0f) {
        app::clearViewport(0, 0, 0, 1);
        glEnable(GL_BLEND);
        tiles.drawUnder(camera, opacity);
        std::vector<uint8_t> pixels;
        target.readPixels(pixels);
        return pixels;
    }
    // One warp of the whole view: what the tiles must add up to.
    geo::BasemapPicture oneWarp() const {
        return geo::renderBasemaps({basemap}, workspace(), kEpsg, camera.visibleWorld(), w, h);
    }
};

}  // namespace

TEST_CASE("basemap tiles show what one warp of the view shows, and stand in for each other while new ones come") {
    View view;
    constexpr int w = View::w, h = View::h;

    app::BasemapTiles tiles;
    CHECK_FALSE(tiles.isActive());
    tiles.setSource({view.basemap}, view.workspace(), kEpsg);
    CHECK(tiles.isActive());
    REQUIRE(waitComplete(tiles, view.camera));
    CHECK(tiles.tilesWarped() > 0);

    view.target.bind();
    const std::vector<uint8_t> shown = view.drawn(tiles);

    const geo::BasemapPicture whole = view.oneWarp();
    REQUIRE(whole.image.width == w);
    const Difference d = compare(shown, whole.image.pixels, 6);
    MESSAGE("tiles against one warp: mean difference ", d.mean, ", share over 6: ", d.shareOver);
    CHECK(d.mean < 2.0);
    CHECK(d.shareOver < 0.01);

    SUBCASE("placed the right way up: red grows to the east, green to the south") {
        auto at = [&](int x, int y) { return &shown[(static_cast<size_t>(y) * w + x) * 4]; };
        CHECK(at(w - 10, h / 2)[0] > at(10, h / 2)[0] + 20);
        CHECK(at(w / 2, h - 10)[1] > at(w / 2, 10)[1] + 20);
    }

    SUBCASE("zoomed in, the coarser tiles stand in at once, then the view's own replace them") {
        const int before = app::BasemapTiles::levelFor(view.camera);
        view.camera.zoomAbout(w / 2.0, h / 2.0, 2.0);
        std::vector<std::string> problems;
        CHECK_FALSE(tiles.update(view.camera, problems));  // moving: the level above, the one shown before
        CHECK(tiles.levelShown() == before);
        std::this_thread::sleep_for(app::BasemapTiles::kRestDelay + std::chrono::milliseconds(20));
        const bool atOnce = tiles.update(view.camera, problems);
        CHECK_FALSE(atOnce);  // at rest: the finer level is not warped yet
        CHECK(tiles.levelShown() == before - 1);
        CHECK(tiles.tilesMissing() > 0);  // so the coarser tiles stand in for all of them
        const std::vector<uint8_t> standIn = view.drawn(tiles);
        size_t black = 0;
        for (size_t i = 0; i < standIn.size(); i += 4) black += standIn[i + 2] == 0;  // blue is 128 wherever drawn
        CHECK(black == 0);
        REQUIRE(waitComplete(tiles, view.camera));
    }

    SUBCASE("a moving camera is shown the next coarser level, its tiles started at a bounded pace and shown one a frame "
            "from the centre out; at rest the view's own level follows") {
        // The first look's ring finished, so that every tile asked for below is started while moving.
        const auto settle = std::chrono::steady_clock::now();
        while (tiles.tilesQueued() > 0 && std::chrono::steady_clock::now() - settle < std::chrono::seconds(20))
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const int before = app::BasemapTiles::levelFor(view.camera);
        view.camera.zoomAbout(w / 2.0, h / 2.0, 4.0);
        const int own = app::BasemapTiles::levelFor(view.camera);
        REQUIRE(own == before - 2);
        std::vector<std::string> problems;
        const auto start = std::chrono::steady_clock::now();
        REQUIRE_FALSE(tiles.update(view.camera, problems));
        CHECK(tiles.levelShown() == own + 1);  // moving: the level above the view's
        const size_t inView = tiles.tilesMissing();
        REQUIRE(inView > 0);
        const size_t asked = tiles.tilesQueued();
        while (tiles.tilesQueued() > 0 && std::chrono::steady_clock::now() - start < std::chrono::seconds(20))
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const auto took = std::chrono::steady_clock::now() - start;
        const size_t ready = tiles.tilesReady();  // with tiles of the first look's ring, if any were left
        REQUIRE(asked > inView);  // the ring was asked for too
        REQUIRE(ready >= asked);
        // Started one per period while the camera moves (it has not rested since the update).
        CHECK(took >= app::BasemapTiles::kMovingTilePeriod * static_cast<int>(asked - 1));
        const double x = view.camera.centerX;
        for (size_t frame = 1; frame <= inView; ++frame) {
            view.camera.centerX = x + (frame % 2 ? 1e-7 : 0.0);  // moving: one tile a frame
            CHECK_FALSE(tiles.update(view.camera, problems));
            CHECK(tiles.tilesQueued() == 0);  // a tile warped and waiting to be shown is not asked for again
            CHECK(tiles.tilesMissing() == inView - frame);  // the view's own tiles before the ring's
        }
        CHECK(tiles.tilesReady() == ready - inView);
        // At rest the view's own level is asked for, and the view is complete once it is shown.
        std::this_thread::sleep_for(app::BasemapTiles::kRestDelay + std::chrono::milliseconds(20));
        CHECK_FALSE(tiles.update(view.camera, problems));
        CHECK(tiles.levelShown() == own);
        REQUIRE(waitComplete(tiles, view.camera));
        const std::vector<uint8_t> sharp = view.drawn(tiles);
        const geo::BasemapPicture zoomed = view.oneWarp();
        const Difference atRest = compare(sharp, zoomed.image.pixels, 6);
        CHECK(atRest.mean < 2.0);
        CHECK(atRest.shareOver < 0.01);
    }

    SUBCASE("translucent, while the tiles arrive moving and then at rest: a stand-in never lies under a tile") {
        view.camera.zoomAbout(w / 2.0, h / 2.0, 4.0);
        const geo::BasemapPicture zoomed = view.oneWarp();
        std::vector<uint8_t> half(zoomed.image.pixels.size());
        for (size_t i = 0; i < half.size(); ++i) half[i] = static_cast<uint8_t>((zoomed.image.pixels[i] + 1) / 2);
        // A camera that moves by a hair every frame takes one finished tile a frame (of the coarser
        // level), then rests and takes the view's own: every mix of stand-ins and tiles is drawn on the way.
        std::vector<std::string> problems;
        const double x = view.camera.centerX;
        bool complete = false;
        int frames = 0, movingFrames = 0, worstFrame = -1;
        double worst = 0;
        const auto start = std::chrono::steady_clock::now();
        while (!complete && std::chrono::steady_clock::now() - start < std::chrono::seconds(20)) {
            const bool isMoving = frames < 60;
            if (isMoving) view.camera.centerX = x + (frames % 2 ? 1e-7 : 0.0);
            complete = tiles.update(view.camera, problems);
            movingFrames += isMoving && tiles.tilesMissing() > 0;
            const std::vector<uint8_t> shownHalf = view.drawn(tiles, 0.5f);
            const double share = compare(shownHalf, half, 6).shareOver;
            if (share > worst) worst = share, worstFrame = frames;
            ++frames;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        MESSAGE(frames, " frames; worst share of pixels off half the picture by over 6: ", worst, " (frame ", worstFrame, ")");
        CHECK(complete);
        CHECK(movingFrames > 2);  // the coarser tiles came over several frames
        CHECK(worst < 0.01);  // under a tile its stand-in would have added a quarter more
    }

    SUBCASE("a new look: the old tiles stay until the new ones arrive, then opacity shows") {
        geo::Basemap faded = view.basemap;
        faded.opacity = 0.5;
        tiles.setSource({faded}, view.workspace(), kEpsg);
        std::vector<std::string> problems;
        CHECK_FALSE(tiles.update(view.camera, problems));  // the new look is on its way
        const std::vector<uint8_t> before = view.drawn(tiles);
        CHECK(compare(before, shown, 6).shareOver < 0.01);  // the old look, not a blank
        REQUIRE(waitComplete(tiles, view.camera));
        const std::vector<uint8_t> after = view.drawn(tiles);
        const size_t mid = (static_cast<size_t>(h / 2) * w + w / 2) * 4;
        CHECK(std::abs(after[mid + 2] - 64) <= 2);  // blue 128 at half opacity over black
    }

    SUBCASE("no basemap: nothing is drawn and nothing is waited for") {
        tiles.setSource({}, view.workspace(), kEpsg);
        CHECK_FALSE(tiles.isActive());
        std::vector<std::string> problems;
        CHECK(tiles.update(view.camera, problems));
    }
}

TEST_CASE("cached vector tiles lie over the basemap tiles: the basemap shows between the roads") {
    View view;
    constexpr int w = View::w, h = View::h;

    // One road running north through the middle of the view; no boundary.
    geo::Layer roads;
    roads.kind = geo::GeomKind::Line;
    const double midX = 0.5 * (view.inner.minX + view.inner.maxX);
    for (double y = view.inner.minY - 1000; y <= view.inner.maxY + 1000; y += 100)  // short segments, as surveyed
        roads.addVertex(midX + (y - view.inner.minY) * 0.001, y);
    roads.endRing();
    roads.endPart();
    roads.endFeature();
    std::vector<geo::RoadClass> classes{geo::RoadClass::National};
    app::MapRenderer renderer;
    renderer.update(app::MapData{nullptr, nullptr, &roads, nullptr, &classes, 1});

    app::BasemapTiles tiles;
    tiles.setSource({view.basemap}, view.workspace(), kEpsg);
    REQUIRE(waitComplete(tiles, view.camera));
    app::MapTileCache cache;
    cache.setDirectLimit(0);  // always from tiles
    app::MapDrawOptions options;
    options.underlay = &tiles;
    view.target.bind();
    bool complete = false;
    for (int i = 0; i < 200 && !complete; ++i) complete = cache.draw(renderer, view.camera, options);
    REQUIRE(complete);
    std::vector<uint8_t> map;
    view.target.readPixels(map);

    const std::vector<uint8_t> under = view.drawn(tiles);

    // A quarter of the way across: only the view.basemap. In the middle: the road's colour.
    const size_t side = (static_cast<size_t>(h / 2) * w + w / 4) * 4, middle = (static_cast<size_t>(h / 2) * w + w / 2) * 4;
    for (size_t c = 0; c < 3; ++c) CHECK(std::abs(map[side + c] - under[side + c]) <= 3);
    const app::Rgba road = app::style::kRoads[static_cast<size_t>(geo::RoadClass::National)].fill;
    int nearest = 1000;  // the road is a few pixels wide about the middle
    for (int dx = -3; dx <= 3; ++dx) {
        const size_t at = middle + static_cast<size_t>(4 * (w / 2 + dx)) - static_cast<size_t>(4 * (w / 2));
        nearest = std::min(nearest, std::abs(map[at] - road.r) + std::abs(map[at + 1] - road.g) + std::abs(map[at + 2] - road.b));
    }
    CHECK(nearest < 30);
}
