// A scenario's figures: guarding per entry, staffing per district, and returnee load per checkpoint
// (one multi-source Dijkstra from the staffed checkpoints).
#include "geo/analysis/figures.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <queue>
#include <unordered_map>

#include "geo/core/crs.hpp"
#include "geo/core/json.hpp"

namespace geo {

namespace {

// Staffing per district, a checkpoint in the district it names, else the one it stands in or
// next to; returns each checkpoint's district (-1 none).
std::vector<int> staffingFigures(const CordonNetwork& net, const Scenario& scenario, Figures& f) {
    const auto& cps = scenario.checkpoints;
    std::vector<int> cpDistrict(cps.size(), -1);
    for (size_t i = 0; i < cps.size(); ++i) {
        int d = cps[i].district.empty() ? -1 : net.districtNamed(cps[i].district);
        cpDistrict[i] = d >= 0 ? d : net.districtNear(cps[i].x, cps[i].y, 200);
    }
    const StaffingTotals staffing = staffingTotals(cps, scenario.params, net.districtNames(), &cpDistrict);
    f.checkpoints = staffing.checkpoints;
    f.closures = staffing.closures;
    f.staffRequired = staffing.staffRequired;
    f.staffAvailable = staffing.staffAvailable;
    f.districts.resize(staffing.districts.size());
    for (size_t d = 0; d < f.districts.size(); ++d) {
        const DistrictStaffing& s = staffing.districts[d];
        f.districts[d].name = s.name;
        f.districts[d].checkpoints = s.checkpoints;
        f.districts[d].closures = s.closures;
        f.districts[d].staffRequired = s.staffRequired;
        f.districts[d].staffAvailable = s.staffAvailable;
    }
    return cpDistrict;
}

// Which entries the barriers guard, overall and per district; the unguarded by road class.
void guardingFigures(const CordonNetwork& net, const Scenario& scenario, const Barriers& all, Figures& f) {
    const auto& entries = net.entries();
    f.entriesTotal = static_cast<int>(entries.size());
    f.entryGuarded.resize(entries.size());
    std::vector<uint8_t> open = net.guardModel(scenario.params.guardDistanceM).openEntries(all);
    for (size_t i = 0; i < entries.size(); ++i) {
        bool guarded = !open[i];
        f.entryGuarded[i] = guarded ? 1 : 0;
        if (guarded) ++f.entriesGuarded; else f.unguarded.push_back(i);
        if (entries[i].district >= 0) {
            auto& df = f.districts[static_cast<size_t>(entries[i].district)];
            ++df.entriesTotal;
            if (guarded) ++df.entriesGuarded;
        }
    }
    std::stable_sort(f.unguarded.begin(), f.unguarded.end(), [&](size_t a, size_t b) {
        return entries[a].roadClass < entries[b].roadClass;
    });
}

// Returnees: totals, by origin, by district.
void returneeFigures(const CordonNetwork& net, const std::vector<AreaCount>& returnees, const std::vector<std::string>& origins,
                     Figures& f) {
    for (const auto& a : returnees) {
        f.returneesTotal += a.total;
        for (size_t o = 0; o < a.byOrigin.size(); ++o)
            if (a.byOrigin[o] != 0) f.returneesByOrigin[o < origins.size() ? origins[o] : "origin " + std::to_string(o + 1)] += a.byOrigin[o];
        int d = net.districtAt(a.x, a.y);
        if (d >= 0) f.districts[static_cast<size_t>(d)].returnees += a.total;
    }
}

// Load: each area goes to the nearest staffed checkpoint by road distance (one multi-source
// Dijkstra); closures cut roads. `staffed[k]` is the checkpoint of f.checkpointLoad[k].
void assignLoad(const CordonNetwork& net, const Scenario& scenario, const std::vector<AreaCount>& returnees,
                const Barriers& all, const Barriers& closures, const std::vector<size_t>& staffed, Figures& f) {
    const RoadGraph& g = net.graph();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> dist(g.nodeCount(), inf);
    std::vector<uint32_t> owner(g.nodeCount(), kNoId);
    using Item = std::pair<double, uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    std::unordered_map<uint32_t, std::vector<uint32_t>> sourcesOnEdge;
    auto relax = [&](uint32_t n, double d, uint32_t who) {
        if (!closures.nodeBlocked.empty() && closures.nodeBlocked[n]) return;
        if (d < dist[n]) { dist[n] = d; owner[n] = who; queue.emplace(d, n); }
    };
    for (uint32_t k = 0; k < staffed.size(); ++k) {
        const RoadPosition& p = all.positions[staffed[k]];
        if (!p.isValid()) continue;
        sourcesOnEdge[p.edge].push_back(k);
        if (!closures.blocksBetween(p.edge, 0, p.offset)) relax(g.edgeFrom[p.edge], p.offset, k);
        double len = g.edgeLength(p.edge);
        if (!closures.blocksBetween(p.edge, p.offset, len)) relax(g.edgeTo[p.edge], len - p.offset, k);
    }
    while (!queue.empty()) {
        auto [d, n] = queue.top();
        queue.pop();
        if (d > dist[n]) continue;
        for (uint32_t k = g.adjStart[n]; k < g.adjStart[n + 1]; ++k) {
            uint32_t e = g.adjEdge[k];
            double len = g.edgeLength(e);
            if (closures.blocksBetween(e, 0, len)) continue;
            relax(g.otherEnd(e, n), d + len, owner[n]);
        }
    }
    double snapLimit = std::max(scenario.params.gridSizeM, 1000.0);
    for (const auto& a : returnees) {
        RoadPosition p = net.locator().nearest(a.x, a.y, snapLimit);
        uint32_t who = kNoId;
        double bestD = inf;
        if (p.isValid()) {
            uint32_t e = p.edge;
            double len = g.edgeLength(e);
            auto consider = [&](double d, uint32_t k) { if (k != kNoId && d < bestD) { bestD = d; who = k; } };
            uint32_t from = g.edgeFrom[e], to = g.edgeTo[e];
            if (!closures.blocksBetween(e, 0, p.offset)) consider(dist[from] + p.offset, owner[from]);
            if (!closures.blocksBetween(e, p.offset, len)) consider(dist[to] + len - p.offset, owner[to]);
            auto it = sourcesOnEdge.find(e);
            if (it != sourcesOnEdge.end())
                for (uint32_t k : it->second) {
                    double o = all.positions[staffed[k]].offset;
                    if (!closures.blocksBetween(e, o, p.offset)) consider(std::abs(o - p.offset), k);
                }
        }
        if (who == kNoId) f.returneesUnassigned += a.total;
        else f.checkpointLoad[who].returnees += a.total;
    }
}

// Returnees per staff member at each checkpoint; the most loaded marked (the top one, and any at
// 1.5 times the mean or more).
void markLoadPerStaff(Figures& f) {
    double sum = 0;
    int counted = 0;
    for (auto& l : f.checkpointLoad) {
        l.loadPerStaff = l.staff > 0 ? static_cast<double>(l.returnees) / l.staff : static_cast<double>(l.returnees);
        sum += l.loadPerStaff;
        ++counted;
    }
    if (counted > 0) {
        double mean = sum / counted;
        auto top = std::max_element(f.checkpointLoad.begin(), f.checkpointLoad.end(),
                                    [](const CheckpointLoad& a, const CheckpointLoad& b) { return a.loadPerStaff < b.loadPerStaff; });
        for (auto& l : f.checkpointLoad)
            l.isMostLoaded = l.returnees > 0 && (&l == &*top || l.loadPerStaff >= 1.5 * mean);
    }
}

}  // namespace

Figures analyze(const CordonNetwork& net, const Scenario& scenario, const std::vector<AreaCount>& returnees,
                const std::vector<std::string>& origins) {
    const auto& cps = scenario.checkpoints;
    Figures f;
    const std::vector<int> cpDistrict = staffingFigures(net, scenario, f);
    Barriers all = placeBarriers(net, cps);
    guardingFigures(net, scenario, all, f);
    returneeFigures(net, returnees, origins, f);
    Barriers closures = placeBarriers(net, cps, true);
    std::vector<size_t> staffed;
    for (size_t i = 0; i < cps.size(); ++i)
        if (cps[i].kind != CheckpointKind::RoadClosure) {
            staffed.push_back(i);
            CheckpointLoad l;
            l.id = cps[i].id;
            l.name = cps[i].name;
            l.staff = cps[i].staffRequired();
            if (cpDistrict[i] >= 0) l.district = net.districtNames()[static_cast<size_t>(cpDistrict[i])];
            f.checkpointLoad.push_back(l);
        }
    if (!returnees.empty()) assignLoad(net, scenario, returnees, all, closures, staffed, f);
    markLoadPerStaff(f);
    return f;
}

void writeFiguresItems(JsonWriter& j, FiguresList list, const CordonNetwork& net, const Figures& f,
                       const Transformer& toLonLat) {
    switch (list) {
    case FiguresList::Unguarded:
        for (size_t i : f.unguarded) {
            const Entry& e = net.entries()[i];
            double x = e.x, y = e.y;
            toLonLat.transformPoint(x, y);
            j.beginObject().key("road").value(e.road).key("class").value(roadClassName(e.roadClass));
            j.key("lon").value(x, 7).key("lat").value(y, 7).endObject();
        }
        break;
    case FiguresList::NearEntries:
        for (const NearEntry& e : net.nearEntries()) {
            double x = e.x, y = e.y;
            toLonLat.transformPoint(x, y);
            j.beginObject().key("road").value(e.road).key("class").value(roadClassName(e.roadClass));
            j.key("lon").value(x, 7).key("lat").value(y, 7).key("gap_m").value(e.gapM, 1).endObject();
        }
        break;
    case FiguresList::Districts:
        for (const auto& d : f.districts) {
            j.beginObject().key("name").value(d.name).key("checkpoints").value(d.checkpoints);
            j.key("staff_required").value(d.staffRequired).key("staff_available");
            if (d.staffAvailable >= 0) j.value(d.staffAvailable); else j.null();
            j.key("entries_total").value(d.entriesTotal).key("entries_guarded").value(d.entriesGuarded);
            j.key("returnees").value(d.returnees).endObject();
        }
        break;
    case FiguresList::CheckpointLoad:
        for (const auto& l : f.checkpointLoad) {
            j.beginObject().key("id").value(l.id).key("name").value(l.name).key("district").value(l.district);
            j.key("staff").value(l.staff).key("returnees").value(l.returnees);
            j.key("load_per_staff").value(l.loadPerStaff, 2).key("most_loaded").value(l.isMostLoaded).endObject();
        }
        break;
    }
}

void writeFiguresMembers(JsonWriter& j, const CordonNetwork& net, const Figures& f, const Transformer& toLonLat) {
    const auto list = [&](const char* key, FiguresList which) {
        j.key(key).beginArray();
        writeFiguresItems(j, which, net, f, toLonLat);
        j.endArray();
    };
    j.key("checkpoints").value(f.checkpoints);
    j.key("closures").value(f.closures);
    j.key("staff_required").value(f.staffRequired);
    j.key("staff_available").value(f.staffAvailable);
    j.key("entries_total").value(f.entriesTotal);
    j.key("entries_guarded").value(f.entriesGuarded);
    list("unguarded", FiguresList::Unguarded);
    list("near_entries", FiguresList::NearEntries);
    j.key("returnees_total").value(f.returneesTotal);
    j.key("returnees_by_origin").beginObject();
    for (const auto& [origin, n] : f.returneesByOrigin) j.key(origin).value(n);
    j.endObject();
    list("districts", FiguresList::Districts);
    list("checkpoint_load", FiguresList::CheckpointLoad);
}

std::string figuresJson(const CordonNetwork& net, const Figures& f, const Transformer& toLonLat) {
    JsonWriter j;
    j.beginObject();
    writeFiguresMembers(j, net, f, toLonLat);
    j.endObject();
    return j.str();
}

}  // namespace geo
