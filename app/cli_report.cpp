// `cordon report`: the daily report (日报) of a scenario as of a date: JSON, XLSX or an A4 PNG page.
#include <cstdio>
#include <filesystem>

#include "app/command.hpp"
#include "app/report_page.hpp"
#include "app/scenario_source.hpp"
#include "geo/analysis/network.hpp"
#include "geo/core/dates.hpp"
#include "geo/returnees/daily_report.hpp"
#include "geo/core/error.hpp"
#include "geo/io/output_file.hpp"
#include "geo/render/png_writer.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon report WS.gpkg [--scenario NAME] --date YYYY-MM-DD [--from YYYY-MM-DD --to YYYY-MM-DD]\n"
    "                      (--out FILE.png|FILE.xlsx [--force] | --json)\n"
    "\n"
    "The daily report (日报) of a scenario as of a date: checkpoints and closures active that day\n"
    "(checkpoint --from/--until), staff on duty, entries guarded by the active ones only, returnees\n"
    "arrived up to the date, arrived that day, under observation (arrived in the last N days of the\n"
    "workspace's observation period, default 14, and not released; `cordon returnees WS\n"
    "--observation-days N`), released or past the period, and fever; by village and by origin.\n"
    "--from D1 --to D2 adds one row per day from D1 to D2 (--date defaults to D2).\n"
    "--json prints one object with the keys date, checkpoints_active, staff_on_duty, entries_total,\n"
    "entries_guarded, returnees_total, arrived_on_date, under_observation, released, fever,\n"
    "by_village [{village, arrived, under_observation}], by_origin, observation_days, threshold\n"
    "(and from, to, days with a range). Counts below the scenario's small-count threshold are\n"
    "published as \"<5\" everywhere, and the village table hides what would give them away (\"x\").\n"
    "--out FILE.xlsx writes the sheets 日报, 村, 来源地, 每日 with numbers as numbers; --out FILE.png\n"
    "one A4 portrait page at 300 dpi titled \"<township>疫情防控日报 <date>\". An existing workspace or a\n"
    "file of another kind is overwritten only with --force; the workspace itself never.\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--scenario", "--date", "--from", "--to", "--out", "--entry-gap"}, {"--json", "--force"});
    const std::string path = a.requirePositional(0, "workspace path (cordon report WS.gpkg --date YYYY-MM-DD)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    if (a.has("--from") != a.has("--to")) throw UsageError("--from and --to go together");
    if (!a.has("--date") && !a.has("--to")) throw UsageError("--date YYYY-MM-DD is required");
    if (a.has("--out") == a.flag("--json")) throw UsageError("give either --out FILE.png|FILE.xlsx or --json");
    int day = 0, fromDay = 0;
    try {
        day = geo::parseDayOption(a.value("--date", a.value("--to")), "--date");
        fromDay = a.has("--from") ? geo::parseDayOption(a.value("--from"), "--from") : day;
        if (a.has("--to") && geo::parseDayOption(a.value("--to"), "--to") != day)
            throw geo::Error("--date must be the range's last day (--to) when both are given");
    } catch (const geo::Error& e) {
        throw UsageError(e.what());
    }
    if (fromDay > day) throw UsageError("--from " + a.value("--from") + " is after --to " + geo::formatDay(day));
    if (day - fromDay > 366) throw UsageError("--from/--to span more than a year; give a shorter range");
    std::filesystem::path out;
    bool isPng = false;
    if (a.has("--out")) {
        out = a.value("--out");
        std::string ext = out.extension().string();
        for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (ext != ".png" && ext != ".xlsx") throw UsageError("--out must name a .png or .xlsx file, not '" + out.string() + "'");
        isPng = ext == ".png";
        try {
            geo::checkOutputFolder(out);
            geo::checkOutputTarget(out, isPng ? geo::OutputKind::Png : geo::OutputKind::Xlsx, a.flag("--force"), path);
        } catch (const geo::Error& e) {
            throw UsageError(e.what());
        }
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw UsageError(path + ": no such workspace");
    auto ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    geo::Scenario scenario = loadScenario(ws, a.value("--scenario"));
    std::unique_ptr<geo::CordonNetwork> net;
    if (ws.hasLayer("roads") && ws.hasLayer("boundary")) {
        geo::NetworkOptions options;
        options.entryGapM = geo::checkedEntryGap(a.number("--entry-gap", scenario.params.entryGapM));
        net = geo::openNetwork(ws, options);
    }
    geo::DailyReport report = geo::buildDailyReport(ws, net.get(), scenario, fromDay, day);
    if (a.flag("--json")) {
        std::printf("%s\n", geo::dailyReportJson(report).c_str());
        return 0;
    }
    if (isPng) writeReportPage(ws, scenario, report, out);
    else geo::writeDailyReportXlsx(report, out.string());
    const int64_t under = report.figures.returnees.underObservation;
    const std::string shown = geo::suppressedLabel(under, report.threshold);
    std::printf("wrote %s: %s as of %s, %s under observation\n", out.string().c_str(),
                scenario.name.empty() ? "(empty plan)" : scenario.name.c_str(), geo::formatDay(day).c_str(),
                shown.empty() ? std::to_string(under).c_str() : shown.c_str());
    return 0;
}

const CommandRegistration reg({"report", "the daily report (日报) as of a date: JSON, XLSX or an A4 page", kUsage, run});

}  // namespace
}  // namespace app
