// The answers on every page: open entries marked where they are, checkpoints numbered with
// labels that never overlap, the returnee layer and a legend of exactly what is drawn.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "app/map_style.hpp"
#include "app/snapshot.hpp"
#include "app/snapshot_data.hpp"
#include "geo/render/png_writer.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/workspace.hpp"
#include "tests/app/snapshot_support.hpp"

namespace {

using snapshot_test::request;
using snapshot_test::ScratchDir;

bool isColour(const uint8_t* p, app::Rgba c, int tolerance) {
    return std::abs(p[0] - c.r) <= tolerance && std::abs(p[1] - c.g) <= tolerance && std::abs(p[2] - c.b) <= tolerance;
}

int64_t colourIn(const testing::PngImage& img, const geo::Rect& box, app::Rgba c) {
    int64_t n = 0;
    for (int y = std::max(0, static_cast<int>(box.y)); y < std::min(img.height, static_cast<int>(box.bottom())); ++y)
        for (int x = std::max(0, static_cast<int>(box.x)); x < std::min(img.width, static_cast<int>(box.right())); ++x)
            n += isColour(img.at(x, y), c, 24);
    return n;
}

// The demo with one scenario: a checkpoint, a road closure and a cluster of eight checkpoints
// 60 m apart, so that labels must compete for room; most entries stay open.
struct PlannedDemo {
    ScratchDir dir;
    app::SnapshotData data;
    PlannedDemo() {
        const std::filesystem::path wsPath = dir / "ws.gpkg";
        std::filesystem::copy_file(std::string(CORDON_SOURCE_DIR) + "/data/demo.gpkg", wsPath);
        auto ws = geo::Workspace::open(wsPath.string());
        const geo::Bbox e = ws.readLayer("boundary").bbox();
        {
            auto store = geo::openSqliteScenarioStore(ws);
            const int64_t id = store->createScenario("方案甲", geo::ScenarioParams{});
            geo::Checkpoint cp;
            cp.name = "东口检查站";
            cp.x = e.minX + e.width() * 0.3;
            cp.y = e.minY + e.height() * 0.6;
            store->addCheckpoint(id, cp);
            cp.name = "北路封闭";
            cp.kind = geo::CheckpointKind::RoadClosure;
            cp.x = e.minX + e.width() * 0.7;
            store->addCheckpoint(id, cp);
            cp.kind = geo::CheckpointKind::RoadCheckpoint;
            for (int i = 0; i < 8; ++i) {
                cp.name = "密集卡口" + std::to_string(i);
                cp.x = e.minX + e.width() * 0.5 + 60.0 * (i % 3);
                cp.y = e.minY + e.height() * 0.35 + 60.0 * (i / 3);
                store->addCheckpoint(id, cp);
            }
        }
        data = app::loadSnapshotData(ws);
        app::loadSnapshotScenario(ws, "", data);
    }
};

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("open entries are marked where they are and counted in the legend") {
    PlannedDemo demo;
    REQUIRE(demo.data.hasFigures);
    const size_t open = demo.data.figures.unguarded.size();
    REQUIRE(open > 3);
    CHECK(demo.data.openEntries.size() == open);
    for (auto style : {geo::LayoutStyle::Report, geo::LayoutStyle::Briefing}) {
        auto r = request(demo.dir / "open.png", style == geo::LayoutStyle::Report ? geo::pageFromPaper("A4", true, 120)
                                                                                   : geo::pageFromPixels("1920x1080"));
        r.style = style;
        const app::SnapshotResult res = app::renderSnapshot(demo.data, r);
        const testing::PngImage img = testing::decodePng(r.out);
        const geo::MapTransform t = geo::fitExtent(demo.data.extent, res.layout.mapFrame);
        const double markR = 5.6 * res.layout.pixelsPerPoint;
        for (const auto& e : demo.data.openEntries) {
            const double x = t.toPixelX(e.x), y = t.toPixelY(e.y);
            CAPTURE(x);
            CAPTURE(y);
            const geo::Rect around{x - markR, y - markR, 2 * markR, 2 * markR};
            CHECK(colourIn(img, around, app::style::kOpenEntry) >= 4);
        }
        // The legend shows the same marker, with the count.
        CHECK(colourIn(img, res.layout.legendBox, app::style::kOpenEntry) >= 4);
        bool hasCountRow = false;
        for (const auto& text : res.overlay.texts)
            hasCountRow |= text.text.find("(" + std::to_string(open) + ")") != std::string::npos;
        CHECK(hasCountRow);
    }
}

TEST_CASE("the legend lists exactly the symbols drawn") {
    PlannedDemo demo;
    auto r = request(demo.dir / "legend.png", geo::pageFromPaper("A3", false, 100));
    const app::SnapshotResult with = app::renderSnapshot(demo.data, r);
    CHECK(sorted(with.overlay.legendRows) == sorted(with.overlay.symbolsDrawn));
    const auto& rows = with.overlay.legendRows;
    auto has = [&](const std::vector<std::string>& keys, const std::string& key) {
        return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    CHECK(has(rows, "entry:open"));
    CHECK(has(rows, "checkpoint:road_closure"));
    CHECK(has(rows, "checkpoint:road_checkpoint"));
    CHECK_FALSE(has(rows, "checkpoint:health_station"));  // none in the plan: no row
    CHECK(has(rows, "returnees:0"));
    // The closure's barred bar is in the legend box, in its own colour.
    const testing::PngImage img = testing::decodePng(r.out);
    CHECK(colourIn(img, with.layout.legendBox, app::style::kClosure) > 10);

    // Without the returnee layer and with every entry guarded, neither appears anywhere.
    app::SnapshotData quiet = demo.data;
    quiet.showReturnees = false;
    quiet.openEntries.clear();
    const app::SnapshotResult without = app::renderSnapshot(quiet, r);
    CHECK(sorted(without.overlay.legendRows) == sorted(without.overlay.symbolsDrawn));
    CHECK_FALSE(has(without.overlay.legendRows, "entry:open"));
    CHECK_FALSE(has(without.overlay.legendRows, "returnees:0"));
    CHECK(colourIn(testing::decodePng(r.out), without.layout.mapFrame, app::style::kOpenEntry) == 0);
}

TEST_CASE("every checkpoint's number is drawn and no two checkpoint labels overlap") {
    PlannedDemo demo;
    REQUIRE(demo.data.checkpoints.size() == 10);
    auto r = request(demo.dir / "labels.png", geo::pageFromPixels("1280x900"));
    const app::SnapshotResult res = app::renderSnapshot(demo.data, r);
    std::vector<app::TextBox> labels;
    for (const auto& t : res.overlay.texts) {
        const bool isNumber = !t.text.empty() && t.text.find_first_not_of("0123456789") == std::string::npos;
        const bool isName = t.text.find("卡口") != std::string::npos || t.text.find("检查站") != std::string::npos ||
                            t.text.find("封闭") != std::string::npos;
        if ((isNumber || isName) && t.panel.x == res.layout.mapFrame.x && t.panel.y == res.layout.mapFrame.y)
            labels.push_back(t);
    }
    for (int n = 1; n <= 10; ++n) {
        CAPTURE(n);
        CHECK(std::count_if(labels.begin(), labels.end(), [&](const app::TextBox& t) { return t.text == std::to_string(n); }) == 1);
    }
    CHECK(std::any_of(labels.begin(), labels.end(), [](const app::TextBox& t) { return t.text == "东口检查站"; }));
    // Crowded: some names give way, but no two labels share a pixel.
    CHECK(labels.size() < 20);
    for (size_t i = 0; i < labels.size(); ++i)
        for (size_t j = i + 1; j < labels.size(); ++j) {
            const geo::Rect& a = labels[i].box;
            const geo::Rect& b = labels[j].box;
            CAPTURE(labels[i].text);
            CAPTURE(labels[j].text);
            CHECK_FALSE((a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()));
        }
    CHECK(app::checkpointNumber(demo.data.checkpoints, 0) == 1);
}

TEST_CASE("returnee classes keep small counts hidden in the legend") {
    app::ReturneeLayer layer;
    layer.breaks = {3, 8, 20};
    layer.smallestPositive = 1;
    CHECK(app::returneeClassLabel(layer, 0, 5) == "<5");
    CHECK(app::returneeClassLabel(layer, 1, 5) == "≤8");
    CHECK(app::returneeClassLabel(layer, 2, 5) == "9–20");
    CHECK(app::returneeClassLabel(layer, 1, 3) == "4–8");
}

TEST_CASE("the returnee layer is drawn with the strongest colour on the largest counts") {
    const app::SnapshotData& demo = snapshot_test::demoData();
    REQUIRE(demo.hasReturnees);
    const app::ReturneeLayer& layer = demo.returneeLayer;
    REQUIRE(layer.breaks.size() >= 3);
    // The darkest cell colour belongs to the top class.
    auto luminance = [](uint32_t c) { return 0.3 * (c & 0xff) + 0.59 * ((c >> 8) & 0xff) + 0.11 * ((c >> 16) & 0xff); };
    double topLum = 1e9, bottomLum = 0;
    for (size_t i = 0; i < layer.colors.size(); ++i) {
        if (layer.classOfCell[i] == static_cast<int>(layer.breaks.size()) - 1) topLum = std::min(topLum, luminance(layer.colors[i]));
        if (layer.classOfCell[i] == 0) bottomLum = std::max(bottomLum, luminance(layer.colors[i]));
    }
    CHECK(topLum < bottomLum);
}

TEST_CASE("the default title is the township's name and what the map is") {
    CHECK(app::defaultTitle("", "王茅镇", "wangmao") == "王茅镇防控卡口布局图");
    CHECK(app::defaultTitle("", "", "wangmao") == "wangmao防控卡口布局图");
    CHECK(app::defaultTitle("自定标题", "王茅镇", "wangmao") == "自定标题");
    CHECK(snapshot_test::demoData().townshipName.empty());  // the demo's boundary has no name field
}

TEST_CASE("the key figures are the reader's: closures and open entries, no road segment counts") {
    PlannedDemo demo;
    const auto figures = app::snapshotFigures(demo.data, demo.data.scenarioName);
    auto find = [&](const std::string& label) -> const app::FigureItem* {
        for (const auto& f : figures)
            if (f.label.find(label) != std::string::npos) return &f;
        return nullptr;
    };
    REQUIRE(find("Open entries"));
    CHECK(find("Open entries")->value == std::to_string(demo.data.openEntries.size()));
    CHECK(find("Open entries")->isAlert);
    REQUIRE(find("Closures"));
    CHECK(find("Closures")->value == "1");
    CHECK(find("Checkpoints")->value == "9");
    CHECK_FALSE(find("Road segments"));
    CHECK_FALSE(find("Area"));
}

TEST_CASE("the checkpoint table prints a road with its route code once") {
    app::SnapshotData data = snapshot_test::demoData();
    CHECK(data.routeCodes.at("G241国道") == "G241");  // the demo's roads carry 编号
    CHECK(app::roadWithCode(data, "G241国道") == "G241国道");
    data.routeCodes["东环路"] = "X520";
    CHECK(app::roadWithCode(data, "东环路") == "东环路 X520");
    CHECK(app::roadWithCode(data, "无名路") == "无名路");
}

TEST_CASE("a district's figures are its own") {
    PlannedDemo demo;
    REQUIRE_FALSE(demo.data.figures.districts.empty());
    int checkpointsSeen = 0;
    for (const auto& d : demo.data.figures.districts) {
        CAPTURE(d.name);
        const auto figures = app::snapshotDistrictFigures(demo.data, d.name);
        REQUIRE(figures.size() >= 5);
        CHECK(figures[0].value == std::to_string(d.checkpoints));
        checkpointsSeen += std::stoi(figures[0].value);
        bool hasEntries = false;
        for (const auto& f : figures) {
            if (f.label.find("Entries") != std::string::npos) {
                CHECK(f.value == std::to_string(d.entriesGuarded) + " / " + std::to_string(d.entriesTotal));
                hasEntries = true;
            }
            if (f.label.find("Returnees") != std::string::npos && d.returnees > 0 && d.returnees < 5) CHECK(f.value == "<5");
        }
        CHECK(hasEntries);
    }
    CHECK(checkpointsSeen <= demo.data.figures.checkpoints);
    CHECK(app::snapshotDistrictFigures(demo.data, "没有这个片区").empty());
}
