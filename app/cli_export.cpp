// `cordon export`: a scenario's checkpoint roster as CSV, GeoJSON, KML or GeoPackage.
#include <cstdio>

#include "app/cli_plan.hpp"
#include "app/command.hpp"
#include "geo/checkpoint_repair.hpp"
#include "geo/error.hpp"
#include "geo/output_file.hpp"
#include "geo/roster_export.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon export WS [--scenario NAME] --format csv|geojson|kml|gpkg --out FILE [--force]\n"
    "\n"
    "Writes the scenario's checkpoints with lon/lat in WGS84 and their staffing. The CSV roster is\n"
    "UTF-8 with a BOM (opens in Excel on Chinese Windows) and includes duty leaders and phones;\n"
    "the map formats leave those out. FILE is written completely or not at all. FILE is never the\n"
    "workspace itself; an existing Cordon workspace or a file of another kind is overwritten only\n"
    "with --force, and a name whose extension says another format is refused.\n";

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
    Args a(argv, {"--scenario", "--format", "--out"}, {"--force"});
    std::string ws = a.requirePositional(0, "workspace (cordon export WS --scenario NAME --format F --out FILE)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    if (!a.has("--format")) throw UsageError("--format csv|geojson|kml|gpkg is required");
    if (!a.has("--out")) throw UsageError("--out FILE is required");
    geo::ExportFormat format;
    try {
        format = geo::parseExportFormat(a.value("--format"));
    } catch (const geo::Error& e) {
        throw UsageError(e.what());
    }
    try {
        geo::checkOutputTarget(a.value("--out"), outputKind(format), a.flag("--force"), ws);
    } catch (const geo::Error& e) {
        throw UsageError(e.what());
    }
    PlanFile f = openPlanFile(ws);
    int64_t id = chooseScenario(*f.store, a.value("--scenario"));
    geo::Scenario s = f.store->loadScenario(id);
    if (auto damaged = geo::damagedCheckpoints(*f.workspace, id); !damaged.empty())
        std::fprintf(stderr, "warning: %s; left out (cordon checkpoint WS --scenario %s repair)\n",
                     geo::describeDamaged(damaged).c_str(), s.name.c_str());
    geo::exportRoster(s, f.workspace->workingEpsg(), format, a.value("--out"));
    std::printf("exported %zu checkpoints of %s to %s\n", s.checkpoints.size(), s.name.c_str(), a.value("--out").c_str());
    return 0;
}

const CommandRegistration reg({"export", "write a scenario's checkpoint roster (CSV, GeoJSON, KML, GeoPackage)", kUsage, run});

}  // namespace
}  // namespace app
