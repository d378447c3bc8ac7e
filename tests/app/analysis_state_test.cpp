// The GUI's analysis: the road network is built on a worker thread, the figures equal the
// command line's, and reopening or closing the workspace mid-build neither blocks nor crashes.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/analysis_state.hpp"
#include "app/app_model.hpp"
#include "app/plan_state.hpp"
#include "geo/analysis/figures.hpp"
#include "geo/io/demo.hpp"
#include "tests/app/analysis_support.hpp"
#include "tests/geo/test_support.hpp"

using testing::waitReady;

TEST_CASE("the GUI builds the network off the frame loop and shows the same figures as analyze") {
    testing::TempDir tmp;
    geo::DemoOptions o;
    o.outDir = tmp / "demo";
    o.roads = 30000;
    geo::generateDemo(o);
    app::AppModel model;
    model.open(std::filesystem::path(o.outDir) / "demo.gpkg");
    app::PlanState plan;
    plan.attach(model.workspace(), model.version());

    app::AnalysisState an;
    an.update(model, plan);
    CHECK(an.isBuilding());  // the first frame does not wait for the network
    CHECK_FALSE(an.isReady());
    REQUIRE(waitReady(an, model, plan));
    CHECK(an.error().empty());

    geo::CordonNetwork net(*model.layer(app::MapLayer::Roads), *model.layer(app::MapLayer::Boundary),
                           model.layer(app::MapLayer::Districts), model.layer(app::MapLayer::Villages));
    geo::Figures direct = geo::analyze(net, plan.scenario(), {}, {});
    CHECK(an.network().entries().size() == net.entries().size());
    CHECK(an.figures().entriesTotal == direct.entriesTotal);
    CHECK(an.figures().entryGuarded == direct.entryGuarded);

    // A reload while a build runs: the old build is dropped, the new one arrives.
    model.reloadLayer(app::MapLayer::Roads);
    an.update(model, plan);
    CHECK(an.isBuilding());
    model.reloadLayer(app::MapLayer::Roads);  // and again, before the first finished
    REQUIRE(waitReady(an, model, plan));
    CHECK(an.network().entries().size() == net.entries().size());
    CHECK(an.buildsTaken() == 2);
}
