// Parsing the GUI's options.
#include "app/gui_options.hpp"

#include <cstdio>

#include "app/cli_daily.hpp"
#include "app/command.hpp"
#include "app/i18n.hpp"
#include "app/platform.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"

namespace app {

GuiOptions parseGuiOptions(const std::vector<std::string>& argv) {
    Args args(argv, {"--screenshot", "--frames", "--frame-log", "--camera-script", "--scenario", "--lang", "--size", "--zoom", "--drop", "--drop-role", "--screenshot-after", "--screenshot-when", "--center", "--compare",
                      "--layout-log", "--present-screenshot", "--date", "--rota", "--georef"},
              {"--briefing", "--returnees", "--district-entries", "--present"});
    GuiOptions o;
    if (args.positional().size() > 1) throw UsageError("one workspace at a time");
    o.workspace = args.positional().empty() ? bundledDemoWorkspace() : std::filesystem::path(args.positional()[0]);
    o.screenshot = args.value("--screenshot");
    o.frames = args.integer("--frames", 0);
    o.screenshotAfter = args.number("--screenshot-after", 0);
    if (o.screenshotAfter < 0 || o.screenshotAfter > 3600) throw UsageError("--screenshot-after: seconds, 0 to 3600");
    o.screenshotWhen = args.value("--screenshot-when");
    if (o.frames < 0) throw UsageError("--frames must be positive");
    o.frameLog = args.value("--frame-log");
    o.cameraScript = args.value("--camera-script");
    o.briefing = args.flag("--briefing");
    o.present = args.flag("--present");
    if (o.present && o.briefing) throw UsageError("--present already shows the briefing: use one of --present and --briefing");
    o.presentScreenshot = args.value("--present-screenshot");
    if (!o.presentScreenshot.empty() && (!o.present || o.screenshot.empty()))
        throw UsageError("--present-screenshot goes with --present and --screenshot");
    o.layoutLog = args.value("--layout-log");
    if (args.has("--rota")) {
        const std::string r = args.value("--rota");
        const size_t comma = r.find(',');
        int day = 0;
        o.rotaFrom = r.substr(0, comma);
        if (!geo::parseIsoDay(o.rotaFrom, day)) throw UsageError("--rota: DATE[,DAYS] with DATE as YYYY-MM-DD");
        if (comma != std::string::npos && (std::sscanf(r.c_str() + comma + 1, "%d", &o.rotaDays) != 1 || o.rotaDays < 1 || o.rotaDays > 366))
            throw UsageError("--rota: DAYS between 1 and 366");
    }
    o.scenario = args.value("--scenario");
    o.compare = args.value("--compare");
    o.districtEntries = args.flag("--district-entries");
    if (!o.cameraScript.empty() && o.cameraScript != "pan-zoom") throw UsageError("--camera-script: only 'pan-zoom' is known");
    std::string lang = args.value("--lang", "zh");
    if (lang != "zh" && lang != "en") throw UsageError("--lang: zh or en");
    setLanguage(lang == "en" ? Language::English : Language::Chinese);
    if (args.has("--size") && std::sscanf(args.value("--size").c_str(), "%dx%d", &o.width, &o.height) != 2)
        throw UsageError("--size: WIDTHxHEIGHT");
    o.zoom = args.number("--zoom", 1);
    if (!(o.zoom > 0)) throw UsageError("--zoom must be positive");
    o.drop = args.value("--drop");
    o.georef = args.value("--georef");
    if (args.has("--center")) {
        if (std::sscanf(args.value("--center").c_str(), "%lf,%lf", &o.centerLon, &o.centerLat) != 2)
            throw UsageError("--center: LON,LAT");
        o.hasCenter = true;
    }
    o.returnees = args.flag("--returnees");
    if (args.has("--date")) o.date = parseDateOption(args.value("--date"));
    o.dropRole = args.value("--drop-role");
    if (!o.dropRole.empty() && o.dropRole != "boundary" && o.dropRole != "districts" && o.dropRole != "roads" &&
        o.dropRole != "villages" && o.dropRole != "returnees")
        throw UsageError("--drop-role: boundary, districts, roads, villages or returnees");
    if (!o.screenshot.empty()) {
        std::filesystem::path p(o.screenshot);
        std::error_code ec;
        if (p.has_parent_path() && !std::filesystem::is_directory(p.parent_path(), ec))
            throw UsageError("--screenshot: folder " + p.parent_path().string() + " does not exist");
    }
    if (!hasDisplay()) throw geo::Error("no display to open the map window on (DISPLAY or WAYLAND_DISPLAY is unset)");
    return o;
}


}  // namespace app
