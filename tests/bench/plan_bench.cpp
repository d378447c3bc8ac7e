// Plan storage and snapping figures: single-edit commit time, 10,000 checkpoints saved and
// loaded, scenario copy, the GUI's edit verbs (through the undo history) on a scenario of 10,000
// checkpoints, snap index build and query over a million road segments.
// usage: plan_bench [SEGMENTS]   (prints figures; asserts nothing)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "geo/io/demo.hpp"
#include "geo/plan/plan_history.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/plan/snap.hpp"
#include "geo/workspace/workspace.hpp"
#include "tests/geo/test_support.hpp"

namespace {
using Clock = std::chrono::steady_clock;
double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }
}  // namespace

int main(int argc, char** argv) {
    size_t segments = argc > 1 ? static_cast<size_t>(std::atoll(argv[1])) : 1000000;
    testing::TempDir tmp;
    std::string path = tmp / "ws.gpkg";
    std::filesystem::copy_file(testing::demoDir() / "demo.gpkg", path);
    auto ws = geo::Workspace::open(path);
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t s = store->createScenario("bench", {});
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> u(0, 50000);
    auto make = [&] {
        geo::Checkpoint c;
        c.name = "卡口";
        c.x = 550000 + u(rng);
        c.y = 3880000 + u(rng);
        c.road = "G241国道";
        c.roadFid = 1;
        return c;
    };

    std::vector<double> single;
    for (int i = 0; i < 200; ++i) {
        auto t0 = Clock::now();
        store->addCheckpoint(s, make());
        single.push_back(ms(t0, Clock::now()));
    }
    std::sort(single.begin(), single.end());
    std::printf("single add, committed (synchronous=FULL): median %.2f ms, p95 %.2f ms, max %.2f ms\n", single[100],
                single[190], single.back());

    std::vector<geo::Checkpoint> many;
    for (int i = 0; i < 10000; ++i) many.push_back(make());
    auto t0 = Clock::now();
    store->addCheckpoints(s, many);
    auto t1 = Clock::now();
    auto loaded = store->checkpoints(s);
    auto t2 = Clock::now();
    store->copyScenario("bench", "bench copy");
    auto t3 = Clock::now();
    std::printf("save 10,000 checkpoints in one edit: %.1f ms; load %zu: %.1f ms; copy scenario: %.1f ms\n", ms(t0, t1),
                loaded.size(), ms(t1, t2), ms(t2, t3));

    // The GUI's edit verbs go through the undo history, each committed before it returns; here
    // on a scenario already holding 10,200 checkpoints.
    geo::PlanHistory history(*store);
    auto timed = [&](const char* what, auto&& edit) {
        std::vector<double> t;
        for (int i = 0; i < 200; ++i) {
            auto a = Clock::now();
            edit(i);
            t.push_back(ms(a, Clock::now()));
        }
        std::sort(t.begin(), t.end());
        std::printf("%-34s median %.2f ms, p95 %.2f ms, max %.2f ms\n", what, t[100], t[190], t.back());
    };
    timed("edit: move a checkpoint", [&](int i) {
        geo::Checkpoint c = loaded[static_cast<size_t>(i)];
        c.x += 10;
        history.updateCheckpoint(s, c, "move checkpoint");
    });
    timed("edit: change staffing", [&](int i) {
        geo::Checkpoint c = loaded[static_cast<size_t>(i) + 200];
        c.staffPerShift = 3 + i % 4;
        history.updateCheckpoint(s, c, "staff");
    });
    timed("edit: delete a checkpoint", [&](int i) { history.deleteCheckpoints(s, {loaded[static_cast<size_t>(i) + 400].id}); });
    timed("edit: undo", [&](int) { history.undo(s); });

    geo::Layer roads;
    size_t features = std::max<size_t>(segments / 10, 1);
    std::uniform_real_distribution<double> step(-60, 60);
    for (size_t f = 0; f < features; ++f) {
        double x = u(rng) * 2, y = u(rng) * 2;
        for (int v = 0; v < 11; ++v) {
            roads.addVertex(x, y);
            x += step(rng);
            y += step(rng);
        }
        roads.endRing();
        roads.endPart();
        roads.endFeature();
    }
    std::vector<int64_t> fids(features);
    for (size_t f = 0; f < features; ++f) fids[f] = static_cast<int64_t>(f + 1);
    auto b0 = Clock::now();
    geo::RoadSnapper snapper(roads, fids, std::vector<std::string>(features), std::vector<geo::RoadClass>(features));
    auto b1 = Clock::now();
    size_t hits = 0;
    const int queries = 100000;
    for (int q = 0; q < queries; ++q) hits += snapper.snap(u(rng) * 2, u(rng) * 2, 150).has_value();
    auto b2 = Clock::now();
    std::printf("snap index over %zu segments: build %.0f ms; %d queries (150 m): %.2f us each, %zu hit a road\n",
                snapper.segmentCount(), ms(b0, b1), queries, ms(b1, b2) * 1000.0 / queries, hits);
    return 0;
}
