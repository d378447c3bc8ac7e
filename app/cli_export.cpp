// `cordon export`: a scenario's checkpoint roster as CSV, GeoJSON, KML or GeoPackage.
#include <cstdio>
#include <optional>

#include "app/cli_daily.hpp"
#include "app/cli_plan.hpp"
#include "app/command.hpp"
#include "geo/plan/checkpoint_repair.hpp"
#include "geo/core/dates.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/core/error.hpp"
#include "geo/io/output_file.hpp"
#include "geo/plan/roster_export.hpp"
#include "geo/plan/roster_field.hpp"
#include "app/snapshot.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon export WS [--scenario NAME] --format csv|xlsx|geojson|kml|gpkg --out FILE\n"
    "                        [--lang zh|en] [--coords wgs84|gcj02] [--date YYYY-MM-DD] [--force]\n"
    "\n"
    "Writes the scenario's checkpoints with lon/lat in WGS84 and their staffing. The CSV roster is\n"
    "UTF-8 with a BOM (opens in Excel on Chinese Windows) and includes duty leaders and phones;\n"
    "its id column is each checkpoint's number in the scenario (#3 in Cordon, 编号 with --lang zh);\n"
    "the map formats leave those out and carry each checkpoint's number (KML names read\n"
    "\"12 东口\" on phones). FILE is written completely or not at all. FILE is never the\n"
    "workspace itself; an existing Cordon workspace or a file of another kind is overwritten only\n"
    "with --force, and a name whose extension says another format is refused.\n"
    "xlsx: a workbook with a sheet per scenario (every scenario, or the one --scenario names): its\n"
    "name and today's date on top, its figures, the numbered checkpoints, then road closures apart.\n"
    "--lang: the headers' language: xlsx defaults to zh, csv to en (its column names).\n"
    "--coords gcj02: lon/lat as web maps in China draw them (for phone map apps); default wgs84.\n"
    "--date: the plan as of that day: only the checkpoints and closures active then (checkpoint\n"
    "--from/--until); the xlsx sheets carry that date instead of today's.\n";

geo::OutputKind outputKind(geo::ExportFormat format) {
    switch (format) {
    case geo::ExportFormat::Csv: return geo::OutputKind::Csv;
    case geo::ExportFormat::GeoJson: return geo::OutputKind::GeoJson;
    case geo::ExportFormat::Kml: return geo::OutputKind::Kml;
    case geo::ExportFormat::Gpkg: return geo::OutputKind::GeoPackage;
    }
    return geo::OutputKind::Csv;
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--scenario", "--format", "--out", "--lang", "--coords", "--date"}, {"--force"});
    std::optional<int> day;
    if (a.has("--date")) day = parseDateOption(a.value("--date"));
    std::string ws = a.requirePositional(0, "workspace (cordon export WS --scenario NAME --format F --out FILE)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    if (!a.has("--format")) throw UsageError("--format csv|geojson|kml|gpkg is required");
    if (!a.has("--out")) throw UsageError("--out FILE is required");
    const bool isXlsx = a.value("--format") == "xlsx";
    geo::ExportFormat format = geo::ExportFormat::Csv;
    geo::RosterLanguage lang = geo::RosterLanguage::Chinese;
    try {
        if (!isXlsx) format = geo::parseExportFormat(a.value("--format"));
        lang = geo::parseRosterLanguage(a.value("--lang", isXlsx ? "zh" : "en"));
    } catch (const geo::Error& e) {
        throw UsageError(std::string(e.what()) + (isXlsx ? "" : " (or xlsx)"));
    }
    const std::string coords = a.value("--coords", "wgs84");
    if (coords != "wgs84" && coords != "gcj02") throw UsageError("--coords must be wgs84 or gcj02, not '" + coords + "'");
    if (a.has("--lang") && !isXlsx && format != geo::ExportFormat::Csv) throw UsageError("--lang goes with csv or xlsx");
    try {
        geo::checkOutputTarget(a.value("--out"), isXlsx ? geo::OutputKind::Xlsx : outputKind(format), a.flag("--force"), ws);
    } catch (const geo::Error& e) {
        throw UsageError(e.what());
    }
    PlanFile f = openPlanFile(ws);
    const int epsg = f.workspace->workingEpsg();
    auto prepared = [&](geo::Scenario s) {
        if (day) s = geo::scenarioAsOf(s, *day);
        return coords == "gcj02" ? geo::withGcj02Positions(s, epsg) : s;
    };
    if (isXlsx) {
        std::vector<geo::Scenario> all;
        if (a.has("--scenario")) all.push_back(prepared(f.session->loadScenario(chooseScenario(*f.session, a.value("--scenario")))));
        else
            for (const auto& summary : f.session->listScenarios()) all.push_back(prepared(f.session->loadScenario(summary.id)));
        geo::writeRosterXlsx(all, epsg, lang, day ? geo::formatDay(*day) : todayText(), a.value("--out"));
        std::printf("exported %zu scenario(s) to %s\n", all.size(), a.value("--out").c_str());
        return 0;
    }
    int64_t id = chooseScenario(*f.session, a.value("--scenario"));
    geo::Scenario s = prepared(f.session->loadScenario(id));
    if (auto damaged = geo::damagedCheckpoints(*f.workspace, id); !damaged.empty())
        std::fprintf(stderr, "warning: %s; left out (cordon checkpoint WS --scenario %s repair)\n",
                     geo::describeDamaged(damaged).c_str(), s.name.c_str());
    if (format == geo::ExportFormat::Csv && lang == geo::RosterLanguage::Chinese)
        geo::writeRosterText(geo::chineseCsvHeader(geo::rosterCsv(s, epsg)), a.value("--out"));
    else
        geo::exportRoster(s, epsg, format, a.value("--out"));
    std::printf("exported %zu checkpoints of %s to %s\n", s.checkpoints.size(), s.name.c_str(), a.value("--out").c_str());
    return 0;
}

const CommandRegistration reg({"export", "write checkpoint rosters (CSV, XLSX, GeoJSON, KML, GeoPackage)", kUsage, run});

}  // namespace
}  // namespace app
