// `cordon render`: a workspace's map as a PNG for reports or the big screen, without a display.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "app/cli_daily.hpp"
#include "app/command.hpp"
#include "app/gl_context.hpp"
#include "app/stage_clock.hpp"
#include "app/snapshot.hpp"
#include "app/snapshot_data.hpp"
#include "geo/analysis/figures.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/io/output_file.hpp"
#include "geo/render/page_layout.hpp"
#include "geo/render/png_writer.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon render WS.gpkg [--scenario NAME] --out FILE.png\n"
    "         (--size WxH | --paper A4|A3 [--landscape] [--dpi N]) [--title T] [--briefing] [--date YYYY-MM-DD] [--force]\n"
    "         [--entry-gap METRES] [--returnees on|off] [--engine auto|cpu|gl] [--timings]\n"
    "\n"
    "Draws the workspace's map with a title, scenario and date, legend, key figures, scale bar,\n"
    "north arrow and data sources into a PNG. Needs no display.\n"
    "--engine: cpu draws on all cores, gl through headless OpenGL (EGL); auto (the default) takes\n"
    "cpu unless a GPU is there for OpenGL (a software OpenGL driver is slower than the cores).\n"
    "--date: the plan and figures as of that day (checkpoints active then, returnees arrived by it).\n"
    "--size gives pixels (up to 32768x32768; type scales as on a 1080p screen scaled up);\n"
    "--paper gives an ISO page at --dpi (default 300; A3 portrait at 300 dpi is 3508 x 4961).\n"
    "The PNG records its resolution so word processors place it at print size. Large images are\n"
    "drawn in tiles and streamed to the file. --briefing uses the big-screen layout.\n"
    "Open (unguarded) entries are marked, checkpoints numbered in the scenario's order, and the\n"
    "returnee density drawn when the workspace has returnee counts (--returnees off leaves it out).\n"
    "The workspace's basemaps (cordon basemap) are drawn under the map at the output resolution and\n"
    "named in the data sources line; a linked basemap whose file is gone is refused (exit status 2).\n"
    "The default title is the township's name (the boundary's name field, else the workspace's\n"
    "file name) followed by 防控卡口布局图.\n"
    "The output folder must exist. Nothing is written unless the whole image was drawn. FILE is\n"
    "never the workspace; an existing workspace or non-PNG file is overwritten only with --force.\n"
    "--entry-gap: road ends this close to the boundary count as entries where the road layer\n"
    "stops there (default: the scenario's setting, 60 m); see `cordon analyze --help`.\n"
    "Prints the scenario, the figures and each checkpoint's pixel position (tab-separated lines)\n"
    "on stdout, load_s=... render_s=... on stderr. Exit status 2 on bad input or a failed render.\n"
    "--timings adds one `stage_s<TAB>STAGE<TAB>SECONDS` line per stage on stderr (open, read_layers,\n"
    "analysis, then with gl: gl_driver_wait (the GL driver loads meanwhile), layout, gl_context,\n"
    "map_upload, overlay, framebuffer, draw, read_back, ink_check; with cpu: layout, overlay, map_wait\n"
    "(the map is drawn during analysis) or map_prepare, cpu_draw; then png_encode, png_check) and their total.\n";

// A page where the title, legend and figures leave the map too little room is refused up front,
// naming the smallest page of the same shape (or dpi, for paper) that fits.
void checkRoomForMap(const geo::PageSize& page, geo::LayoutStyle style) {
    constexpr double kMinMapPx = 48;
    auto frameOf = [&](const geo::PageSize& p) { return geo::layoutPage(p, style).mapFrame; };
    auto fits = [&](const geo::PageSize& p) { geo::Rect f = frameOf(p); return f.w >= kMinMapPx && f.h >= kMinMapPx; };
    if (fits(page)) return;
    geo::PageSize bigger = page;
    for (double scale = 1.02; scale < 100 && !fits(bigger); scale *= 1.02)
        bigger = page.paper.empty() ? geo::pageFromPixels(std::to_string(std::lround(page.width * scale)) + "x" +
                                                          std::to_string(std::lround(page.height * scale)))
                                    : geo::pageFromPaper(page.paper, page.width > page.height, page.dpi * scale);
    geo::Rect f = frameOf(page);
    char text[320];
    std::snprintf(text, sizeof text,
                  "%dx%d is too small: the title, legend and figures leave the map %.0fx%.0f pixels (%.0f at least); ",
                  page.width, page.height, std::max(0.0, f.w), std::max(0.0, f.h), kMinMapPx);
    throw UsageError(text + (page.paper.empty() ? "give --size " + std::to_string(bigger.width) + "x" + std::to_string(bigger.height) + " or more"
                                                : "give --dpi " + std::to_string(static_cast<int>(std::ceil(bigger.dpi))) + " or more"));
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--scenario", "--out", "--size", "--paper", "--dpi", "--title", "--entry-gap", "--returnees", "--date", "--engine"},
           {"--landscape", "--briefing", "--force", "--timings"});
    const std::string wsPath = a.requirePositional(0, "workspace (cordon render WS.gpkg --out FILE.png --size WxH)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    if (!a.has("--out")) throw UsageError("--out FILE.png is required");
    const std::filesystem::path out = a.value("--out");
    if (out.extension() != ".png" && out.extension() != ".PNG")
        throw UsageError("--out must name a .png file, not '" + out.string() + "'");
    if (a.has("--size") == a.has("--paper")) throw UsageError("give either --size WxH or --paper A4|A3");
    const std::string returnees = a.value("--returnees", "on");
    if (returnees != "on" && returnees != "off") throw UsageError("--returnees must be on or off, not '" + returnees + "'");
    const std::string engine = a.value("--engine", "auto");
    if (engine != "auto" && engine != "cpu" && engine != "gl")
        throw UsageError("--engine must be auto, cpu or gl, not '" + engine + "'");
    if (a.has("--size") && (a.has("--landscape") || a.has("--dpi")))
        throw UsageError("--landscape and --dpi go with --paper, not --size");
    SnapshotRequest request;
    try {
        if (a.has("--size")) {
            request.page = geo::pageFromPixels(a.value("--size"));
        } else {
            const std::string dpiText = a.value("--dpi", "300");
            char* end = nullptr;
            const double dpi = std::strtod(dpiText.c_str(), &end);
            if (dpiText.empty() || *end != '\0') throw UsageError("--dpi must be a number, not '" + dpiText + "'");
            request.page = geo::pageFromPaper(a.value("--paper"), a.flag("--landscape"), dpi);
        }
        checkRoomForMap(request.page, a.flag("--briefing") ? geo::LayoutStyle::Briefing : geo::LayoutStyle::Report);
        geo::checkOutputFolder(out);
        geo::checkOutputTarget(out, geo::OutputKind::Png, a.flag("--force"), wsPath);
    } catch (const geo::Error& e) {
        throw UsageError(e.what());
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(wsPath, ec)) throw UsageError(wsPath + ": no such workspace");
    request.out = out;
    request.style = a.flag("--briefing") ? geo::LayoutStyle::Briefing : geo::LayoutStyle::Report;
    std::optional<int> day;
    if (a.has("--date")) day = parseDateOption(a.value("--date"));
    request.date = day ? geo::formatDay(*day) : todayText();

    request.engine = engine == "auto" ? headlessEngine() : engine == "gl" ? SnapshotEngine::Gl : SnapshotEngine::Cpu;
    StageClock clock(a.flag("--timings"));
    std::optional<DriverWarmup> driver;
    if (request.engine == SnapshotEngine::Gl) driver.emplace();  // loads the GL driver while the workspace is read
    const auto loadStart = std::chrono::steady_clock::now();
    geo::Workspace ws = geo::Workspace::open(wsPath, geo::Workspace::Mode::ReadOnly);
    clock.mark("open");
    SnapshotData data = loadSnapshotData(ws);
    clock.mark("read_layers");
    if (a.has("--entry-gap")) data.entryGapM = geo::checkedEntryGap(a.number("--entry-gap", 60));
    data.showReturnees = returnees == "on";
    // The map needs only the layers: it is drawn on other threads while the scenario is analysed.
    // A paper report's page depends on the scenario (its checkpoint table), so that one waits.
    std::optional<MapPrerender> prerender;
    if (request.engine == SnapshotEngine::Cpu && (request.style == geo::LayoutStyle::Briefing || request.page.paper.empty()))
        prerender.emplace(data, geo::layoutPage(request.page, request.style));
    request.prerendered = prerender ? &*prerender : nullptr;
    request.title = a.value("--title", defaultTitle(ws.meta("title"), data.townshipName, data.workspaceName));
    request.sources = dataSources(ws);
    request.sources.push_back("EPSG:" + std::to_string(ws.workingEpsg()));
    try {
        loadSnapshotScenario(ws, a.value("--scenario"), data, day);
    } catch (const geo::Error& e) {
        throw UsageError(e.what());
    }
    request.scenarioName = data.scenarioName.empty() ? "空白方案 Empty plan" : data.scenarioName;
    request.figures = snapshotFigures(data, request.scenarioName);
    clock.mark("analysis");
    const double loadSeconds = secondsSince(loadStart);
    request.clock = &clock;
    if (driver) {
        driver->wait();
        clock.mark("gl_driver_wait");
    }

    const auto renderStart = std::chrono::steady_clock::now();
    SnapshotResult r = renderSnapshot(data, request);
    const double renderSeconds = secondsSince(renderStart);
    std::printf("wrote %s: %d x %d at %.0f dpi, scale %s, scale bar %g %s = %.1f px, %d tile(s)\n", out.string().c_str(),
                r.width, r.height, r.layout.dpi, geo::scaleText(r.scaleDenominator).c_str(),
                r.scaleBar.lengthMetres / r.scaleBar.unitDivisor, r.scaleBar.unit.c_str(), r.scaleBar.lengthPx, r.tiles);
    // What the page shows, one tab-separated line each, for scripts and the record.
    std::printf("scenario\t%s\t%s\n", request.scenarioName.c_str(), request.date.c_str());
    for (const auto& f : request.figures)
        std::printf("figure\t%s\t%s\t%s%s\n", f.label.c_str(), f.value.c_str(), f.detail.c_str(), f.isAlert ? "\talert" : "");
    const geo::MapTransform transform = geo::fitExtent(data.extent, r.layout.mapFrame);
    for (const auto& c : data.checkpoints)
        std::printf("checkpoint\t%lld\t%s\t%s\t%.1f,%.1f\n", static_cast<long long>(c.id), c.name.c_str(),
                    geo::checkpointKindName(c.kind), transform.toPixelX(c.x), transform.toPixelY(c.y));
    for (const auto& e : data.openEntries)
        std::printf("open_entry\t%s\t%s\t%.1f,%.1f\n", e.road.c_str(), geo::roadClassName(e.roadClass),
                    transform.toPixelX(e.x), transform.toPixelY(e.y));
    for (const auto& key : r.overlay.legendRows) std::printf("legend\t%s\n", key.c_str());
    std::fprintf(stderr, "load_s=%.3f render_s=%.3f engine=%s\n", loadSeconds, renderSeconds,
                 request.engine == SnapshotEngine::Cpu ? "cpu" : "gl");
    if (clock.isOn()) {
        clock.print(stderr);
        std::fprintf(stderr, "count\tsegments_drawn\t%llu\ncount\tdraw_calls\t%u\ncount\ttiles\t%d\n",
                     static_cast<unsigned long long>(r.segmentsDrawn), r.drawCalls, r.tiles);
    }
    return 0;
}

const CommandRegistration reg({"render", "draw the map as a PNG (report page or briefing), no display needed", kUsage, run});

}  // namespace
}  // namespace app
