// The county pipeline: pull and analyse each township, the crossings query, totals and JSON.
#include "app/county.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "app/app_model.hpp"
#include "app/scenario_source.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/json.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/server/township.hpp"
#include "geo/workspace/boundary.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

namespace {

// Pulls township `name` into `path` and analyses it there.
TownshipAnalysis analyzePulled(geo::PgConnection& conn, const std::string& name, const std::string& path,
                               const CountyOptions& options) {
    geo::pullTownship(conn, name, path);
    auto ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    TownshipAnalysis t;
    t.name = name;
    t.epsg = ws.workingEpsg();
    t.scenario = loadScenario(ws, options.scenario);
    if (options.day) t.scenario = geo::scenarioAsOf(t.scenario, *options.day);
    ReturneeAreas returnees = loadReturnees(ws, geo::readBoundary(ws), t.scenario, options.day);
    geo::NetworkOptions networkOptions;
    networkOptions.entryGapM = geo::checkedEntryGap(options.entryGapM.value_or(t.scenario.params.entryGapM));
    std::shared_ptr<const geo::CordonNetwork> net = geo::openNetwork(ws, networkOptions);
    t.figures = geo::analyze(*net, t.scenario, returnees.areas, returnees.origins);
    t.net = std::move(net);
    if (options.keepsLayers)
        for (size_t i = 0; i < kMapLayerCount; ++i)
            if (const char* layer = mapLayerName(static_cast<MapLayer>(i)); ws.hasLayer(layer))
                t.layers[i] = std::make_shared<const geo::Layer>(ws.readLayer(layer));
    return t;
}

}  // namespace

TownshipAnalysis analyzeTownship(geo::PgConnection& conn, const std::string& name, const CountyOptions& options) {
    std::string path = geo::temporaryWorkspacePath("township");
    struct Cleanup {
        std::string dir;
        ~Cleanup() { std::error_code e; std::filesystem::remove_all(dir, e); }
    } cleanup{std::filesystem::path(path).parent_path().string()};
    try {
        return analyzePulled(conn, name, path, options);
    } catch (const geo::Error& e) {
        // The temporary copy's file name means nothing to the reader: the township's name says which.
        std::string why = e.what();
        if (const std::string file = std::filesystem::path(path).filename().string() + ": "; why.rfind(file, 0) == 0)
            why.erase(0, file.size());
        throw geo::Error(name + ": " + why);
    }
}

std::vector<TownshipAnalysis> analyzeTownships(const std::string& server, const std::vector<std::string>& names,
                                               const CountyOptions& options, std::vector<std::string>* failures) {
    // Townships are independent: one worker per core, each with its own connection.
    std::vector<TownshipAnalysis> all(names.size());
    std::vector<std::string> why(names.size());  // with `failures`: each left-out township's reason
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureLock;
    auto work = [&] {
        try {
            geo::PgConnection own(server);
            for (size_t i = next++; i < names.size(); i = next++) {
                try {
                    all[i] = analyzeTownship(own, names[i], options);
                } catch (const geo::Error& e) {
                    if (!failures || !own.isOpen()) throw;
                    why[i] = e.what();
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> hold(failureLock);
            if (!failure) failure = std::current_exception();
            next = names.size();
        }
    };
    size_t workers = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    workers = std::min(workers, names.size());
    std::vector<std::thread> threads;
    for (size_t w = 0; w < workers; ++w) threads.emplace_back(work);
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    if (failures) {
        std::vector<TownshipAnalysis> analysed;
        for (size_t i = 0; i < names.size(); ++i) {
            if (why[i].empty()) analysed.push_back(std::move(all[i]));
            else failures->push_back(std::move(why[i]));
        }
        return analysed;
    }
    return all;
}

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

geo::Figures countyTotal(const std::vector<TownshipAnalysis>& townships) {
    geo::Figures total;
    for (const auto& t : townships) {
        const geo::Figures& f = t.figures;
        total.checkpoints += f.checkpoints;
        total.closures += f.closures;
        total.staffRequired += f.staffRequired;
        total.staffAvailable += f.staffAvailable;
        total.entriesTotal += f.entriesTotal;
        total.entriesGuarded += f.entriesGuarded;
        total.returneesTotal += f.returneesTotal;
        for (const auto& [origin, n] : f.returneesByOrigin) total.returneesByOrigin[origin] += n;
    }
    return total;
}

void writeCountyJson(geo::JsonWriter& j, const std::vector<TownshipAnalysis>& townships, const std::vector<Crossing>& crossings,
                     double seconds) {
    const geo::Figures total = countyTotal(townships);
    auto totals = [&] {
        j.key("checkpoints").value(total.checkpoints).key("closures").value(total.closures);
        j.key("staff_required").value(total.staffRequired).key("staff_available").value(total.staffAvailable);
        j.key("entries_total").value(total.entriesTotal).key("entries_guarded").value(total.entriesGuarded);
        j.key("returnees_total").value(total.returneesTotal);
        j.key("returnees_by_origin").beginObject();
        for (const auto& [origin, n] : total.returneesByOrigin) j.key(origin).value(n);
        j.endObject();
    };
    std::vector<geo::Transformer> toLonLat;
    toLonLat.reserve(townships.size());
    for (const auto& t : townships) toLonLat.emplace_back("EPSG:" + std::to_string(t.epsg), "EPSG:4326");
    j.beginObject();
    totals();
    // The per-township lists under their usual keys, each item as that township's analyze gives it.
    for (auto [key, list] : {std::pair{"unguarded", geo::FiguresList::Unguarded}, {"near_entries", geo::FiguresList::NearEntries},
                             {"districts", geo::FiguresList::Districts}, {"checkpoint_load", geo::FiguresList::CheckpointLoad}}) {
        j.key(key).beginArray();
        for (size_t i = 0; i < townships.size(); ++i)
            geo::writeFiguresItems(j, list, *townships[i].net, townships[i].figures, toLonLat[i]);
        j.endArray();
    }
    j.key("townships").beginArray();
    for (size_t i = 0; i < townships.size(); ++i) {
        j.beginObject().key("township").value(townships[i].name);
        geo::writeFiguresMembers(j, *townships[i].net, townships[i].figures, toLonLat[i]);
        j.endObject();
    }
    j.endArray();
    j.key("total").beginObject();
    totals();
    j.endObject().key("entries_between").beginArray();
    for (const auto& c : crossings)
        j.beginObject().key("from").value(c.from).key("to").value(c.to).key("road").value(c.road)
            .key("lon").value(c.lon).key("lat").value(c.lat).endObject();
    j.endArray().key("seconds").value(seconds, 3).endObject();
}

}  // namespace app
