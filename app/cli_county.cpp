// `cordon analyze PG:...` over every township on the server: figures per township, the county's
// total and the roads that pass from one township into a neighbour (app/county.hpp does the work).
#include <chrono>
#include <cstdio>

#include "app/cli_daily.hpp"
#include "app/county.hpp"
#include "app/server_workspace.hpp"
#include "geo/core/json.hpp"
#include "geo/server/township.hpp"

namespace app {

int runCountyAnalyze(geo::PgConnection& conn, const std::string& server, const std::vector<std::string>& argv) {
    Args a(argv, {"--scenario", "--entry-gap", "--date"}, {"--json", "--district-entries"});
    if (a.flag("--district-entries")) throw UsageError("--district-entries needs one township: add --township NAME");
    CountyOptions options;
    options.scenario = a.value("--scenario");
    if (a.has("--date")) options.day = parseDateOption(a.value("--date"));
    if (a.has("--entry-gap")) options.entryGapM = a.number("--entry-gap", 0);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::string> names;
    for (const auto& t : geo::listTownships(conn)) names.push_back(t.name);
    std::vector<TownshipAnalysis> all = analyzeTownships(server, names, options);
    std::vector<Crossing> crossings = crossingsBetween(conn);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (a.flag("--json")) {
        geo::JsonWriter j;
        writeCountyJson(j, all, crossings, seconds);
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    const geo::Figures total = countyTotal(all);
    std::printf("county       %zu townships\n", all.size());
    for (const auto& t : all) {
        const geo::Figures& f = t.figures;
        std::printf("township     %-16s %d checkpoints (+%d closures), staff %d/%d, entries %d guarded of %d, returnees %lld\n",
                    t.name.c_str(), f.checkpoints, f.closures, f.staffRequired, f.staffAvailable, f.entriesGuarded,
                    f.entriesTotal, static_cast<long long>(f.returneesTotal));
    }
    std::printf("total        %d checkpoints (+%d closures), staff %d/%d, entries %d guarded of %d, returnees %lld\n",
                total.checkpoints, total.closures, total.staffRequired, total.staffAvailable, total.entriesGuarded,
                total.entriesTotal, static_cast<long long>(total.returneesTotal));
    for (const auto& c : crossings)
        std::printf("between      %s -> %s  %-24s %.6f, %.6f\n", c.from.c_str(), c.to.c_str(),
                    c.road.empty() ? "(unnamed)" : c.road.c_str(), c.lon, c.lat);
    std::printf("(county analysed in %.2f s)\n", seconds);
    return 0;
}

}  // namespace app
