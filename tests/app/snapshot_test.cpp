// Headless snapshots (EGL surfaceless, llvmpipe) checked by their pixels.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <imgui.h>

#include "app/snapshot.hpp"
#include "app/gl_context.hpp"
#include "app/map_style.hpp"
#include "app/snapshot_data.hpp"
#include "geo/core/error.hpp"
#include "geo/render/png_writer.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/workspace.hpp"
#include "tests/app/snapshot_support.hpp"

namespace {

using snapshot_test::ScratchDir;
using snapshot_test::demoData;
using snapshot_test::inkIn;
using snapshot_test::request;

bool isBoundaryPurple(const uint8_t* p) {
    const app::Rgba c = app::style::kBoundary.fill;
    return std::abs(p[0] - c.r) < 30 && std::abs(p[1] - c.g) < 30 && std::abs(p[2] - c.b) < 30;
}

}  // namespace

TEST_CASE("the scale bar's pixels match the map's scale at the page's dpi") {
    ScratchDir dir;
    for (double dpi : {100.0, 200.0}) {
        CAPTURE(dpi);
        auto r = request(dir / "scale.png", geo::pageFromPaper("A4", true, dpi));
        const app::SnapshotResult res = app::renderSnapshot(demoData(), r);
        const testing::PngImage img = testing::decodePng(r.out);
        REQUIRE(img.width == res.width);
        CHECK(img.dpi == doctest::Approx(dpi).epsilon(0.001));
        // The map's scale, measured on the drawing: the boundary's width in pixels against metres.
        const geo::Rect& f = res.layout.mapFrame;
        int minX = img.width, maxX = -1;
        for (int y = static_cast<int>(f.y) + 2; y < static_cast<int>(f.bottom()) - 2; ++y)
            for (int x = static_cast<int>(f.x) + 2; x < static_cast<int>(f.right()) - 2; ++x)
                if (isBoundaryPurple(img.at(x, y))) minX = std::min(minX, x), maxX = std::max(maxX, x);
        REQUIRE(maxX > minX);
        const geo::Bbox boundary = demoData().boundary.bbox();
        // The boundary line is drawn 1.8 pt wide, centred on the edge: half of it sticks out each side.
        const double measuredMpp = boundary.width() / (maxX - minX + 1 - 1.8 * res.layout.pixelsPerPoint);
        CHECK(measuredMpp == doctest::Approx(res.metresPerPixel).epsilon(4.0 / (maxX - minX)));
        // The scale bar on the image: its dark outline, scanned along its middle row.
        const geo::Rect& b = res.layout.scaleBarBox;
        const double barH = std::max(2.0, std::round(res.layout.pixelsPerPoint * 3.5));
        const int row = static_cast<int>(std::round(b.bottom() - res.layout.paddingPx * 0.6) - barH / 2);
        int first = -1, last = -1;
        for (int x = static_cast<int>(b.x); x < static_cast<int>(b.right()); ++x) {
            const uint8_t* p = img.at(x, row);
            if (p[0] < 80 && p[1] < 80 && p[2] < 80) {
                if (first < 0) first = x;
                last = x;
            }
        }
        REQUIRE(first >= 0);
        const double barPx = last - first + 1;
        CHECK(barPx == doctest::Approx(res.scaleBar.lengthPx).epsilon(2.5 / barPx));
        // What the bar says, in metres, is what its pixels cover at the map's scale.
        CHECK(barPx * measuredMpp == doctest::Approx(res.scaleBar.lengthMetres).epsilon(0.03));
        // And the printed ratio agrees with the dpi: 1 pixel = 0.0254 / dpi metres of paper.
        CHECK(res.scaleDenominator == doctest::Approx(res.metresPerPixel * dpi / 0.0254));
    }
}

TEST_CASE("title, legend, figures and north arrow are drawn in their boxes") {
    ScratchDir dir;
    for (auto style : {geo::LayoutStyle::Report, geo::LayoutStyle::Briefing}) {
        auto r = request(dir / "boxes.png", geo::pageFromPixels("1280x720"));
        r.style = style;
        const app::SnapshotResult res = app::renderSnapshot(demoData(), r);
        const testing::PngImage img = testing::decodePng(r.out);
        const uint8_t* page = img.at(1, 1);  // the page colour
        const auto& l = res.layout;
        CHECK(inkIn(img, l.titleBox, page) > 200);
        CHECK(inkIn(img, l.subtitleBox, page) > 50);
        CHECK(inkIn(img, l.legendBox, page) > 500);
        CHECK(inkIn(img, l.figuresBox, page) > 300);
        CHECK(inkIn(img, l.attributionBox, img.at(static_cast<int>(l.attributionBox.x) + 1,
                                                  static_cast<int>(l.attributionBox.y) + 1)) > 30);
        const geo::Rect mapMargin{l.mapFrame.x + l.mapFrame.w * 0.02, l.mapFrame.y + l.mapFrame.h * 0.02,
                                  l.mapFrame.w * 0.96, l.mapFrame.h * 0.96};
        const uint8_t* ground = img.at(static_cast<int>(mapMargin.x), static_cast<int>(mapMargin.y));
        CHECK(inkIn(img, l.northArrowBox, ground) > 30);
        // Nothing but page colour where no box is: the strip between title and map frame on the far right.
        CHECK(res.mapInkPixels > 2000);
    }
}

TEST_CASE("a checkpoint placed at a known position is drawn there") {
    ScratchDir dir;
    app::SnapshotData data = demoData();
    geo::Checkpoint cp;
    const geo::Bbox e = data.boundary.bbox();
    cp.x = e.minX + e.width() * 0.3;
    cp.y = e.minY + e.height() * 0.6;
    data.checkpoints.push_back(cp);
    auto r = request(dir / "cp.png", geo::pageFromPixels("900x700"));
    const app::SnapshotResult res = app::renderSnapshot(data, r);
    const testing::PngImage img = testing::decodePng(r.out);
    const geo::MapTransform t = geo::fitExtent(data.extent, res.layout.mapFrame);
    const int px = static_cast<int>(std::lround(t.toPixelX(cp.x))), py = static_cast<int>(std::lround(t.toPixelY(cp.y)));
    const uint8_t* p = img.at(px, py);
    CHECK(p[0] > 170);
    CHECK(p[1] < 70);
    CHECK(p[2] < 70);
    // 20 pixels away the marker is gone.
    const uint8_t* q = img.at(px + 20, py);
    CHECK_FALSE((q[0] > 170 && q[1] < 70 && q[2] < 70));
}

const app::FigureItem* findFigure(const std::vector<app::FigureItem>& figures, const std::string& label) {
    for (const auto& f : figures)
        if (f.label.find(label) != std::string::npos) return &f;
    return nullptr;
}

TEST_CASE("a stored scenario's checkpoints are drawn and its analysis fills the figures") {
    ScratchDir dir;
    const std::filesystem::path wsPath = dir / "ws.gpkg";
    std::filesystem::copy_file(std::string(CORDON_SOURCE_DIR) + "/data/demo.gpkg", wsPath);
    auto ws = geo::Workspace::open(wsPath.string());
    const geo::Bbox e = ws.readLayer("boundary").bbox();
    {
        auto store = geo::openSqliteScenarioStore(ws);
        geo::ScenarioParams params;
        params.staffAvailable = 4;          // 2 per shift x 3 shifts = 6 required: short by 2
        params.smallCountThreshold = 1000;  // every returnee count of the demo is "small" here
        const int64_t id = store->createScenario("方案甲 Test plan", params);
        geo::Checkpoint cp;
        cp.name = "东口";
        cp.kind = geo::CheckpointKind::TownshipEntry;
        cp.x = e.minX + e.width() * 0.3;
        cp.y = e.minY + e.height() * 0.6;
        cp.leader = "张三";
        cp.phone = "13800000000";
        store->addCheckpoint(id, cp);
    }
    app::SnapshotData data = app::loadSnapshotData(ws);
    app::loadSnapshotScenario(ws, "", data);  // the first scenario
    CHECK(data.scenarioName == "方案甲 Test plan");
    REQUIRE(data.checkpoints.size() == 1);
    CHECK(data.checkpoints[0].leader.empty());
    CHECK(data.checkpoints[0].phone.empty());
    REQUIRE(data.hasFigures);

    const auto figures = app::snapshotFigures(data, data.scenarioName);
    const app::FigureItem* checkpoints = findFigure(figures, "Checkpoints");
    REQUIRE(checkpoints);
    CHECK(checkpoints->value == "1");
    const app::FigureItem* staff = findFigure(figures, "Staff");
    REQUIRE(staff);
    CHECK(staff->value == "6 / 4");
    CHECK(staff->detail == "缺 2");
    CHECK(staff->isAlert);
    const app::FigureItem* entries = findFigure(figures, "Entries");
    REQUIRE(entries);
    CHECK(entries->value == std::to_string(data.figures.entriesGuarded) + " / " + std::to_string(data.figures.entriesTotal));
    CHECK(data.figures.entriesTotal > 0);
    const app::FigureItem* returnees = findFigure(figures, "Returnees");
    REQUIRE(returnees);
    CHECK(returnees->value == "<1000");
    CHECK(returnees->detail.find("武汉 <1000") != std::string::npos);  // the outbreak's origin, wherever it ranks
    CHECK(returnees->detail.find(" 2") == std::string::npos);         // and no count under the threshold

    auto r = request(dir / "plan.png", geo::pageFromPixels("900x700"));
    r.figures = figures;
    const app::SnapshotResult res = app::renderSnapshot(data, r);
    const testing::PngImage img = testing::decodePng(r.out);
    const geo::MapTransform t = geo::fitExtent(data.extent, res.layout.mapFrame);
    const int px = static_cast<int>(std::lround(t.toPixelX(data.checkpoints[0].x)));
    const int py = static_cast<int>(std::lround(t.toPixelY(data.checkpoints[0].y)));
    const uint8_t* p = img.at(px, py);
    CHECK(p[0] > 170);
    CHECK(p[1] < 70);
    CHECK(p[2] < 70);

    CHECK_THROWS_AS(app::loadSnapshotScenario(ws, "no such plan", data), geo::Error);
}

TEST_CASE("a tiled render equals a single-pass render of the same size") {
    ScratchDir dir;
    auto single = request(dir / "single.png", geo::pageFromPixels("1000x700"));
    auto tiled = request(dir / "tiled.png", geo::pageFromPixels("1000x700"));
    tiled.maxTileSide = 300;                  // 4 columns of 250 pixels
    tiled.stripBudgetBytes = 1000 * 3 * 180;  // rows of 180 pixels: 4 bands, the last 160
    const auto a = app::renderSnapshot(demoData(), single);
    const auto b = app::renderSnapshot(demoData(), tiled);
    CHECK(a.tiles == 1);
    CHECK(b.tiles == 16);
    const testing::PngImage x = testing::decodePng(single.out), y = testing::decodePng(tiled.out);
    REQUIRE(x.pixels.size() == y.pixels.size());
    // Every tile shares the page's clip-space geometry and the line shader takes its pixel
    // positions from gl_FragCoord, so every pixel agrees within 1 per channel.
    size_t differing = 0;
    int maxDiff = 0;
    for (size_t i = 0; i < x.pixels.size(); i += 3) {
        int d = 0;
        for (size_t c = 0; c < 3; ++c) d = std::max(d, std::abs(x.pixels[i + c] - y.pixels[i + c]));
        differing += d > 1;
        maxDiff = std::max(maxDiff, d);
    }
    CAPTURE(differing);
    CHECK(maxDiff <= 1);
}

TEST_CASE("a missing output folder fails before drawing and creates nothing") {
    ScratchDir dir;
    auto r = request(dir / "absent" / "x.png", geo::pageFromPixels("200x200"));
    CHECK_THROWS_AS(app::renderSnapshot(demoData(), r), geo::Error);
    CHECK_FALSE(std::filesystem::exists(dir / "absent"));
}

TEST_CASE("small counts are suppressed in snapshots") {
    CHECK(app::snapshotCount(3, 5) == "<5");
    CHECK(app::snapshotCount(0, 5) == "0");
    CHECK(app::snapshotCount(5, 5) == "5");
    CHECK(app::snapshotCount(829, 5) == "829");
}

TEST_CASE("a snapshot taken from the GUI uses its GL context and leaves its ImGui context current") {
    ScratchDir dir;
    app::HeadlessContext gl;
    ImGuiContext* gui = ImGui::CreateContext();
    ImGui::SetCurrentContext(gui);
    auto r = request(dir / "gui.png", geo::pageFromPixels("640x400"));
    r.useCurrentContext = true;
    const auto res = app::renderSnapshot(demoData(), r);
    CHECK(ImGui::GetCurrentContext() == gui);
    CHECK(res.mapInkPixels > 0);
    CHECK(testing::decodePng(r.out).width == 640);
    ImGui::DestroyContext(gui);
}
