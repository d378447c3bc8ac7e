// Drawing an unchanged map allocates nothing: the frame loop's promise (imgui.cpp's idle-frame rule).
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "app/camera.hpp"
#include "app/gl_context.hpp"
#include "app/map_renderer.hpp"
#include "app/map_tiles.hpp"
#include "geo/core/layer.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define CORDON_COUNT_ALLOCATIONS 0  // the sanitizer owns operator new
#else
#define CORDON_COUNT_ALLOCATIONS 1
#endif

#if CORDON_COUNT_ALLOCATIONS
#if defined(__GNUC__) && !defined(__clang__)
// The replacement pair below is malloc/free by design; GCC cannot see that they match.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace {

// A small grid of roads and a square boundary.
struct Grid {
    geo::Layer boundary, roads;
    std::vector<geo::RoadClass> classes;
    Grid() {
        boundary.kind = geo::GeomKind::Polygon;
        for (auto [x, y] : {std::pair{0.0, 0.0}, {5000.0, 0.0}, {5000.0, 5000.0}, {0.0, 5000.0}, {0.0, 0.0}}) boundary.addVertex(x, y);
        boundary.endRing();
        boundary.endPart();
        boundary.endFeature();
        roads.kind = geo::GeomKind::Line;
        for (int i = 0; i <= 50; ++i) {
            roads.addVertex(100.0 * i, -200);
            roads.addVertex(100.0 * i + 30, 5200);
            roads.endRing();
            roads.endPart();
            roads.endFeature();
            classes.push_back(static_cast<geo::RoadClass>(i % 7));
        }
    }
};

}  // namespace

TEST_CASE("drawing an unchanged map allocates nothing, directly or from tiles") {
#if !CORDON_COUNT_ALLOCATIONS
    MESSAGE("skipped under the address sanitizer");
#else
    Grid g;
    app::HeadlessContext gl;
    app::MapRenderer renderer;
    app::MapData data{&g.boundary, nullptr, &g.roads, nullptr, &g.classes, 7};
    renderer.update(data);
    app::Camera camera;
    camera.setViewport(640, 480);
    camera.fit(g.boundary.bbox());
    app::OffscreenTarget target(640, 480);
    target.bind();
    app::MapTileCache tiles;
    tiles.setDirectLimit(0);
    app::MapDrawOptions options;
    renderer.draw(camera, options);                   // warm-up: GL driver state
    for (int i = 0; i < 40 && !tiles.draw(renderer, camera, options); ++i) {}
    allocations = 0;
    counting = true;
    for (int frame = 0; frame < 5; ++frame) {
        renderer.update(data);  // same version: nothing to do
        renderer.draw(camera, options);
        tiles.draw(renderer, camera, options);
        camera.panPixels(0.5, 0);  // a moving camera over cached tiles
    }
    counting = false;
    CHECK(allocations.load() == 0);
    // The counter itself works.
    counting = true;
    { std::vector<int> probe(3); }
    counting = false;
    CHECK(allocations.load() == 1);
#endif
}

#include "tests/app/analysis_support.hpp"
#include "tests/geo/test_support.hpp"

TEST_CASE("the figures as of an unchanged day are not recomputed: frames allocate nothing") {
#if !CORDON_COUNT_ALLOCATIONS
    MESSAGE("skipped under the address sanitizer");
#else
    testing::TempDir dir;
    app::AppModel model;
    model.open(testing::demoWorkspaceCopy(dir));
    app::PlanState plan;
    plan.attach(model.workspace(), model.version());
    app::AnalysisState an;
    REQUIRE(testing::waitReady(an, model, plan));
    const int day = an.dataDays().hasDates ? an.dataDays().last : 18300;
    an.setDay(day);
    REQUIRE(testing::waitReady(an, model, plan));  // the day's figures come from a worker
    REQUIRE(an.day());
    allocations = 0;
    counting = true;
    for (int frame = 0; frame < 10; ++frame) {  // what the date bar and the windows do each frame
        an.setDay(day);
        an.update(model, plan);
    }
    counting = false;
    CHECK(allocations.load() == 0);
    counting = true;  // a new day is recomputed (on a worker: the frame goes on meanwhile)
    an.setDay(day - 1);
    an.update(model, plan);
    counting = false;
    CHECK(allocations.load() > 0);
    CHECK(an.isBuilding());
    REQUIRE(testing::waitReady(an, model, plan));
    CHECK(*an.day() == day - 1);
#endif
}
