// `cordon analyze`: entries, guarding, staffing and returnee load of one scenario.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "geo/workspace/boundary.hpp"
#include "app/cli_daily.hpp"
#include "app/command.hpp"
#include "app/scenario_source.hpp"
#include "geo/analysis/figures.hpp"
#include "geo/core/crs.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/analysis/district_entries.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon analyze WS.gpkg [--scenario NAME] [--date YYYY-MM-DD] [--entry-gap METRES] [--district-entries] [--json]\n"
    "\n"
    "Figures of a scenario (the first one when --scenario is not given; an empty plan when the\n"
    "workspace has none): checkpoints, staff required against available, entries guarded out of\n"
    "all entries into the township, the unguarded ones by road class, returnees by origin, per\n"
    "district figures and the returnee load of each checkpoint. --json prints one object with the\n"
    "keys checkpoints, closures, staff_required, staff_available, entries_total, entries_guarded,\n"
    "unguarded, near_entries, returnees_total, returnees_by_origin, districts, checkpoint_load.\n"
    "Internal figures: counts are exact, small ones included (render, exports and the briefing suppress <5).\n"
    "\n"
    "An entry is where a road crosses the boundary or ends within 5 m of it, or ends within the\n"
    "entry gap of it where the road layer stops there (no road of the layer outside the boundary\n"
    "within 500 m: surveyed layers are clipped a little short of the line); points within 100 m\n"
    "are one entry. An expressway is entered only at its exits (ramps, roads ending at it).\n"
    "--entry-gap METRES overrides the scenario's setting (default 60). Road ends up to 300 m in\n"
    "that are not entries are listed for review: near_entries, each {road, class, lon, lat, gap_m}.\n"
    "An entry is guarded when every road path from it to a village meets a checkpoint or closure\n"
    "(without villages: every path to a point deeper inside than the guard distance); a road that\n"
    "leads to none is guarded as it is.\n"
    "\n"
    "--date YYYY-MM-DD gives the figures as of that day: only the checkpoints and closures active\n"
    "then (checkpoint --from/--until), the returnees arrived up to it, and a line (JSON: the key\n"
    "as_of {date, checkpoints_active, staff_on_duty, returnees_total, arrived_on_date,\n"
    "under_observation, released, fever, observation_days}) with the day's returnee figures.\n"
    "\n"
    "--district-entries adds the places where a road passes from one district to another inside\n"
    "the township (same 5 m touch and 100 m merge rules), each with its road, class, the two\n"
    "districts and whether a checkpoint or closure stands within the guard distance on every road\n"
    "into one of them; in JSON as the extra key district_entries, an array of objects\n"
    "{road, class, lon, lat, from, to, guarded}.\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--scenario", "--entry-gap", "--date"}, {"--json", "--district-entries"});
    std::string path = a.requirePositional(0, "workspace path (cordon analyze WS.gpkg)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    auto ws = geo::Workspace::open(path);
    geo::Scenario scenario = loadScenario(ws, a.value("--scenario"));
    std::optional<int> day;
    if (a.has("--date")) day = parseDateOption(a.value("--date"));
    if (day) scenario = geo::scenarioAsOf(scenario, *day);
    ReturneeAreas returnees = loadReturnees(ws, geo::readBoundary(ws), scenario, day);
    auto t0 = std::chrono::steady_clock::now();
    geo::NetworkOptions options;
    options.entryGapM = geo::checkedEntryGap(a.number("--entry-gap", scenario.params.entryGapM));
    auto net = geo::openNetwork(ws, options);
    for (const auto& w : geo::damageWarnings(ws)) std::fprintf(stderr, "analyze: warning: %s\n", w.c_str());
    auto t1 = std::chrono::steady_clock::now();
    geo::Figures f = geo::analyze(*net, scenario, returnees.areas, returnees.origins);
    auto t2 = std::chrono::steady_clock::now();
    geo::Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    bool withDistricts = a.flag("--district-entries");
    std::vector<geo::DistrictEntry> districtEntries;
    std::vector<uint8_t> districtGuarded;
    if (withDistricts) {
        districtEntries = geo::findDistrictEntries(*net);
        districtGuarded = geo::guardDistrictEntries(*net, districtEntries, geo::placeBarriers(*net, scenario.checkpoints),
                                                    scenario.params.guardDistanceM);
    }
    if (a.flag("--json")) {
        std::string json = geo::figuresJson(*net, f, toLonLat);
        if (withDistricts) {  // one more key at the end of the object; the others stay as they are
            json.pop_back();
            json += ",\"district_entries\":" + geo::districtEntriesJson(*net, districtEntries, districtGuarded, toLonLat) + "}";
        }
        if (day) {
            json.pop_back();
            json += ",\"as_of\":" + asOfJson(ws, scenario, *day) + "}";
        }
        std::printf("%s\n", json.c_str());
        return 0;
    }
    std::printf("scenario     %s\n", scenario.name.empty() ? "(empty plan)" : scenario.name.c_str());
    std::printf("checkpoints  %d (+%d road closures)\n", f.checkpoints, f.closures);
    std::printf("staff        %d required, %d available%s\n", f.staffRequired, f.staffAvailable,
                f.staffRequired > f.staffAvailable ? "  SHORT" : "");
    std::printf("entries      %d guarded of %d\n", f.entriesGuarded, f.entriesTotal);
    if (day) printAsOf(ws, scenario, *day);
    for (size_t i : f.unguarded) {
        const geo::Entry& e = net->entries()[i];
        double x = e.x, y = e.y;
        toLonLat.transformPoint(x, y);
        std::printf("  unguarded  %-11s %-24s %.6f, %.6f\n", geo::roadClassName(e.roadClass),
                    e.road.empty() ? "(unnamed)" : e.road.c_str(), x, y);
    }
    if (!net->nearEntries().empty())
        std::printf("near entries %zu road end(s) within %.0f m of the boundary, not counted (entry gap %.0f m)\n",
                    net->nearEntries().size(), net->options().nearEntryM, net->options().entryGapM);
    for (const geo::NearEntry& e : net->nearEntries()) {
        double x = e.x, y = e.y;
        toLonLat.transformPoint(x, y);
        std::printf("  near       %-11s %-24s %.6f, %.6f  %.0f m in\n", geo::roadClassName(e.roadClass),
                    e.road.empty() ? "(unnamed)" : e.road.c_str(), x, y, e.gapM);
    }
    std::printf("returnees    %lld", static_cast<long long>(f.returneesTotal));
    for (const auto& [origin, n] : f.returneesByOrigin) std::printf(", %s %lld", origin.c_str(), static_cast<long long>(n));
    std::printf("\n");
    for (const auto& d : f.districts) {
        std::printf("district     %-12s %d checkpoints, staff %d/", d.name.c_str(), d.checkpoints, d.staffRequired);
        if (d.staffAvailable >= 0) std::printf("%d", d.staffAvailable); else std::printf("-");
        std::printf(", entries %d/%d, returnees %lld\n", d.entriesGuarded, d.entriesTotal, static_cast<long long>(d.returnees));
    }
    if (withDistricts) {
        size_t guarded = static_cast<size_t>(std::count(districtGuarded.begin(), districtGuarded.end(), uint8_t{1}));
        std::printf("district entries %zu guarded of %zu\n", guarded, districtEntries.size());
        for (size_t i = 0; i < districtEntries.size(); ++i) {
            const geo::DistrictEntry& e = districtEntries[i];
            double x = e.x, y = e.y;
            toLonLat.transformPoint(x, y);
            std::printf("  %-9s  %-11s %-24s %s -> %s  %.6f, %.6f\n", districtGuarded[i] ? "guarded" : "unguarded",
                        geo::roadClassName(e.roadClass), e.road.empty() ? "(unnamed)" : e.road.c_str(),
                        net->districtNames()[static_cast<size_t>(e.from)].c_str(),
                        net->districtNames()[static_cast<size_t>(e.to)].c_str(), x, y);
        }
    }
    for (const auto& l : f.checkpointLoad)
        std::printf("load         %-20s %lld returnees, %d staff, %.1f per staff%s\n", l.name.c_str(),
                    static_cast<long long>(l.returnees), l.staff, l.loadPerStaff, l.isMostLoaded ? "  MOST LOADED" : "");
    double total = std::chrono::duration<double>(t1 - t0).count();
    std::printf("(%zu road segments: layers read in %.2f s, road graph of %zu nodes and %zu edges with entries built in %.2f s;"
                " figures in %.3f s)\n", net->graph().segmentCount(), total - net->buildSeconds(), net->graph().nodeCount(),
                net->graph().edgeCount(), net->buildSeconds(), std::chrono::duration<double>(t2 - t1).count());
    return 0;
}

const CommandRegistration reg({"analyze", "figures of a scenario: entries guarded, staff, returnee load", kUsage, run});

}  // namespace
}  // namespace app
