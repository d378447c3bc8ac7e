// `cordon analyze PG:...` over every township on the server: figures per township, the county's
// total and the roads that pass from one township into a neighbour.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "app/cli_daily.hpp"
#include "app/scenario_source.hpp"
#include "app/server_workspace.hpp"
#include "geo/analysis/figures.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/json.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/server/township.hpp"
#include "geo/workspace/boundary.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

struct TownshipFigures {
    std::string name;
    geo::Figures figures;
    std::string json;  // its own analyze --json object
};

// The raw JSON text of a top-level member of an object Cordon wrote ("" when absent).
std::string member(const std::string& object, const std::string& key) {
    std::string quoted = "\"" + key + "\":";
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < object.size(); ++i) {
        char c = object[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
            continue;
        }
        if (depth == 1 && c == '"' && object.compare(i, quoted.size(), quoted) == 0) {
            size_t start = i + quoted.size(), end = start;
            int d = 0;
            bool s = false;
            for (; end < object.size(); ++end) {
                char e = object[end];
                if (s) { if (e == '\\') ++end; else if (e == '"') s = false; continue; }
                if (e == '"') s = true;
                else if (e == '[' || e == '{') ++d;
                else if (e == ']' || e == '}') { if (d == 0) break; --d; }
                else if (e == ',' && d == 0) break;
            }
            return object.substr(start, end - start);
        }
        if (c == '"') inString = true;
        else if (c == '{' || c == '[') ++depth;
        else if (c == '}' || c == ']') --depth;
    }
    return "";
}

struct Crossing {
    std::string from, to, road;
    double lon = 0, lat = 0;
};

// Roads of one township that cross its boundary where a neighbour's boundary lies (within 50 m):
// the places where traffic passes between townships. Read from the layers on the server.
std::vector<Crossing> crossingsBetween(geo::PgConnection& conn) {
    geo::PgResult r = conn.query(R"SQL(
WITH b AS (SELECT t.id, t.name, bd.geom, ST_Transform(bd.geom, 4326) AS g4326
           FROM cordon.townships t JOIN cordon.boundary bd ON bd.township_id = t.id),
pairs AS (SELECT a.id AS aid, a.name AS aname, a.geom AS ageom, n.name AS nname,
                 ST_Transform(n.geom, ST_SRID(a.geom)) AS ngeom
          FROM b a JOIN b n ON n.id <> a.id AND ST_Expand(a.g4326, 0.01) && n.g4326),
points AS (SELECT p.aname, p.nname, coalesce(r.attrs->>'name', '') AS road, (ST_Dump(ST_Intersection(r.geom, ST_Boundary(p.ageom)))).geom AS pt,
                  p.ngeom
           FROM pairs p JOIN cordon.roads r ON r.township_id = p.aid AND r.geom && ST_Expand(p.ngeom, 50)
           WHERE ST_DWithin(r.geom, p.ngeom, 50) AND ST_Intersects(r.geom, ST_Boundary(p.ageom)))
SELECT aname, nname, road, ST_X(ST_Transform(ST_PointOnSurface(pt), 4326)), ST_Y(ST_Transform(ST_PointOnSurface(pt), 4326))
FROM points WHERE ST_DWithin(pt, ngeom, 50) ORDER BY 1, 2, 3, 4
)SQL");
    std::vector<Crossing> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.real(i, 3), r.real(i, 4)});
    return out;
}

TownshipFigures analyzeTownship(geo::PgConnection& conn, const std::string& name, const Args& a) {
    std::string path = geo::temporaryWorkspacePath("township");
    struct Cleanup {
        std::string dir;
        ~Cleanup() { std::error_code e; std::filesystem::remove_all(dir, e); }
    } cleanup{std::filesystem::path(path).parent_path().string()};
    geo::pullTownship(conn, name, path);
    auto ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    geo::Scenario scenario = loadScenario(ws, a.value("--scenario"));
    std::optional<int> day;
    if (a.has("--date")) day = parseDateOption(a.value("--date"));
    if (day) scenario = geo::scenarioAsOf(scenario, *day);
    ReturneeAreas returnees = loadReturnees(ws, geo::readBoundary(ws), scenario, day);
    geo::NetworkOptions options;
    options.entryGapM = geo::checkedEntryGap(a.number("--entry-gap", scenario.params.entryGapM));
    auto net = geo::openNetwork(ws, options);
    TownshipFigures t{name, geo::analyze(*net, scenario, returnees.areas, returnees.origins), ""};
    t.json = geo::figuresJson(*net, t.figures, geo::Transformer("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326"));
    return t;
}

}  // namespace

int runCountyAnalyze(geo::PgConnection& conn, const std::string& server, const std::vector<std::string>& argv) {
    Args a(argv, {"--scenario", "--entry-gap", "--date"}, {"--json", "--district-entries"});
    if (a.flag("--district-entries")) throw UsageError("--district-entries needs one township: add --township NAME");
    auto t0 = std::chrono::steady_clock::now();
    // Townships are independent: one worker per core, each with its own connection.
    auto townships = geo::listTownships(conn);
    std::vector<TownshipFigures> all(townships.size());
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureLock;
    auto work = [&] {
        try {
            geo::PgConnection own(server);
            for (size_t i = next++; i < townships.size(); i = next++) all[i] = analyzeTownship(own, townships[i].name, a);
        } catch (...) {
            std::lock_guard<std::mutex> hold(failureLock);
            if (!failure) failure = std::current_exception();
            next = townships.size();
        }
    };
    size_t workers = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    workers = std::min(workers, townships.size());
    std::vector<std::thread> threads;
    for (size_t w = 0; w < workers; ++w) threads.emplace_back(work);
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    std::vector<Crossing> crossings = crossingsBetween(conn);
    geo::Figures total;
    std::map<std::string, int64_t> byOrigin;
    for (const auto& t : all) {
        const geo::Figures& f = t.figures;
        total.checkpoints += f.checkpoints;
        total.closures += f.closures;
        total.staffRequired += f.staffRequired;
        total.staffAvailable += f.staffAvailable;
        total.entriesTotal += f.entriesTotal;
        total.entriesGuarded += f.entriesGuarded;
        total.returneesTotal += f.returneesTotal;
        for (const auto& [origin, n] : f.returneesByOrigin) byOrigin[origin] += n;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (a.flag("--json")) {
        auto totals = [&](geo::JsonWriter& j) {
            j.key("checkpoints").value(total.checkpoints).key("closures").value(total.closures);
            j.key("staff_required").value(total.staffRequired).key("staff_available").value(total.staffAvailable);
            j.key("entries_total").value(total.entriesTotal).key("entries_guarded").value(total.entriesGuarded);
            j.key("returnees_total").value(total.returneesTotal);
            j.key("returnees_by_origin").beginObject();
            for (const auto& [origin, n] : byOrigin) j.key(origin).value(n);
            j.endObject();
        };
        geo::JsonWriter j;
        j.beginObject();
        totals(j);
        std::string out = j.str();
        // The per-township lists under their usual keys, each item as that township's analyze gives it.
        for (const char* key : {"unguarded", "near_entries", "districts", "checkpoint_load"}) {
            std::string items;
            for (const auto& t : all) {
                std::string list = member(t.json, key);
                if (list.size() > 2) items += (items.empty() ? "" : ",") + list.substr(1, list.size() - 2);
            }
            out += ",\"" + std::string(key) + "\":[" + items + "]";
        }
        out += ",\"townships\":[";
        for (size_t i = 0; i < all.size(); ++i) {
            geo::JsonWriter name;
            name.value(all[i].name);
            out += (i ? ",{\"township\":" : "{\"township\":") + name.str() + "," + all[i].json.substr(1);
        }
        geo::JsonWriter rest;
        rest.beginObject().key("total").beginObject();
        totals(rest);
        rest.endObject().key("entries_between").beginArray();
        for (const auto& c : crossings)
            rest.beginObject().key("from").value(c.from).key("to").value(c.to).key("road").value(c.road)
                .key("lon").value(c.lon).key("lat").value(c.lat).endObject();
        rest.endArray().key("seconds").value(seconds, 3).endObject();
        out += "]," + rest.str().substr(1);
        std::printf("%s\n", out.c_str());
        return 0;
    }
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
