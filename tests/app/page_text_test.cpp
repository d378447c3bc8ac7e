// No text on a page leaves its panel: report pages with a long checkpoint table at A4/A3 and
// several dpi, briefings at three screen sizes, with long Chinese and English names.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "app/snapshot.hpp"
#include "app/snapshot_data.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/workspace.hpp"
#include "tests/app/snapshot_support.hpp"

namespace {

using snapshot_test::ScratchDir;

bool within(const geo::Rect& box, const geo::Rect& panel) {
    constexpr double slack = 1.0;  // a pixel of rounding
    return box.x >= panel.x - slack && box.y >= panel.y - slack && box.right() <= panel.right() + slack &&
           box.bottom() <= panel.bottom() + slack;
}

// The demo with a plan of 40 checkpoints (a few closures) under long names, in one language.
app::SnapshotData longPlan(const ScratchDir& dir, bool isEnglish) {
    static int copies = 0;
    const std::filesystem::path wsPath = dir / ((isEnglish ? "en" : "zh") + std::to_string(++copies) + ".gpkg");
    std::filesystem::copy_file(std::string(CORDON_SOURCE_DIR) + "/data/demo.gpkg", wsPath);
    auto ws = geo::Workspace::open(wsPath.string());
    const geo::Bbox e = ws.readLayer("boundary").bbox();
    {
        auto store = geo::openSqliteScenarioStore(ws);
        const int64_t id = store->createScenario(
            isEnglish ? "Second revision of the township's closure plan after the county review" : "全镇封闭管控第二次修订方案（县指挥部审定稿）",
            geo::ScenarioParams{});
        for (int i = 0; i < 40; ++i) {
            geo::Checkpoint cp;
            cp.name = isEnglish ? "North bridge temporary checkpoint no. " + std::to_string(i)
                                : "东头村村口临时检查站第" + std::to_string(i) + "号";
            cp.kind = i % 9 == 0 ? geo::CheckpointKind::RoadClosure : geo::CheckpointKind::RoadCheckpoint;
            cp.x = e.minX + e.width() * (0.15 + 0.7 * (i % 8) / 7.0);
            cp.y = e.minY + e.height() * (0.2 + 0.6 * (i / 8) / 4.0);
            cp.district = isEnglish ? "Northern hills district" : "北沟片区";
            store->addCheckpoint(id, cp);
        }
    }
    app::SnapshotData data = app::loadSnapshotData(ws);
    app::loadSnapshotScenario(ws, "", data);
    return data;
}

void checkPage(const app::SnapshotData& data, const std::filesystem::path& out, geo::PageSize page, geo::LayoutStyle style) {
    app::SnapshotRequest r;
    r.out = out;
    r.page = page;
    r.style = style;
    r.title = app::defaultTitle("", "王茅镇", "ws");
    r.scenarioName = data.scenarioName;
    r.date = "2020-01-28";
    r.figures = app::snapshotFigures(data, data.scenarioName);
    r.sources = {"boundary.shp", "roads.shp", "districts.shp", "villages.shp", "EPSG:4546"};
    const app::SnapshotResult res = app::renderSnapshot(data, r);
    CHECK(res.overlay.texts.size() > 40);
    for (const auto& t : res.overlay.texts) {
        CAPTURE(t.text);
        CAPTURE(t.box.x);
        CAPTURE(t.box.right());
        CAPTURE(t.panel.x);
        CAPTURE(t.panel.right());
        CHECK(within(t.box, t.panel));
        CHECK(t.box.h >= 1);
    }
    if (style == geo::LayoutStyle::Report && !page.paper.empty()) {
        // The table: every checkpoint's name is printed, inside the table.
        int names = 0;
        for (const auto& t : res.overlay.texts)
            names += t.text == data.checkpoints.back().name && t.panel.x == res.layout.tableBox.x;
        CHECK(names == 1);
    }
}

}  // namespace

TEST_CASE("no text leaves its panel on report pages and briefings") {
    ScratchDir dir;
    for (bool isEnglish : {false, true}) {
        CAPTURE(isEnglish);
        const app::SnapshotData data = longPlan(dir, isEnglish);
        REQUIRE(data.checkpoints.size() == 40);
        checkPage(data, dir / "a4.png", geo::pageFromPaper("A4", false, 72), geo::LayoutStyle::Report);
        checkPage(data, dir / "a4l.png", geo::pageFromPaper("A4", true, 150), geo::LayoutStyle::Report);
        checkPage(data, dir / "a3l.png", geo::pageFromPaper("A3", true, 96), geo::LayoutStyle::Report);
        checkPage(data, dir / "b768.png", geo::pageFromPixels("1366x768"), geo::LayoutStyle::Briefing);
        checkPage(data, dir / "b1080.png", geo::pageFromPixels("1920x1080"), geo::LayoutStyle::Briefing);
    }
    const app::SnapshotData data = longPlan(dir, false);
    checkPage(data, dir / "a3.png", geo::pageFromPaper("A3", false, 300), geo::LayoutStyle::Report);
    checkPage(data, dir / "b4k.png", geo::pageFromPixels("3840x2160"), geo::LayoutStyle::Briefing);
}
