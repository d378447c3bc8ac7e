// Carrying scenarios across a re-import and re-snapping checkpoints to replaced roads.
#include "geo/plan/plan_carry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/plan/snap.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {

std::vector<Scenario> readPlansLonLat(const Workspace& ws) {
    // The store only reads here; it needs a non-const workspace for its edits.
    auto store = openSqliteScenarioStore(const_cast<Workspace&>(ws));
    Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    std::vector<Scenario> out;
    for (const auto& summary : store->listScenarios()) {
        Scenario sc = store->loadScenario(summary.id);
        for (auto& c : sc.checkpoints) toLonLat.transformPoint(c.x, c.y);
        out.push_back(std::move(sc));
    }
    return out;
}

void resnapCheckpoint(Checkpoint& c, double x, double y, const std::string& scenario, const RoadSnapper& roads,
                      const DistrictLocator& districts, PlanCarryReport& report) {
    ++report.checkpoints;
    if (c.roadFid < 0 || !std::isfinite(x) || !std::isfinite(y)) {  // off-road on purpose: it stays
        c.x = x;
        c.y = y;
        c.district = districts.districtAt(x, y);
        return;
    }
    // The same road when it is still in reach (a junction does not hand it to the side road).
    if (auto hit = roads.snapPreferring(x, y, kDefaultSnapToleranceM, c.road, c.roadClass)) {
        c.x = hit->x;
        c.y = hit->y;
        c.roadFid = hit->roadFid;
        c.road = hit->road;
        c.roadClass = hit->roadClass;
        c.district = districts.districtAt(c.x, c.y);
        if (hit->distanceM > kReportMovedM) report.moved.push_back({scenario, c.number, c.name, hit->distanceM});
        return;
    }
    placeCheckpoint(c, x, y, roads, districts, 0, true);
    if (c.notes.find(kUnplacedNote) == std::string::npos) c.notes += (c.notes.empty() ? "" : "; ") + std::string(kUnplacedNote);
    report.unplaced.push_back({scenario, c.number, c.name, 0});
}

namespace {
struct PlacementData {
    RoadSnapper roads;
    DistrictLocator districts;
    explicit PlacementData(const Workspace& ws)
        : roads(ws.hasLayer("roads") ? RoadSnapper::fromWorkspace(ws) : RoadSnapper()),
          districts(DistrictLocator::fromWorkspace(ws)) {}
};
}  // namespace

PlanCarryReport writePlans(Workspace& ws, const std::vector<Scenario>& plans) {
    PlanCarryReport report;
    if (plans.empty()) return report;
    PlacementData place(ws);
    Transformer fromLonLat("EPSG:4326", "EPSG:" + std::to_string(ws.workingEpsg()));
    auto store = openSqliteScenarioStore(ws);
    for (Scenario sc : plans) {
        int64_t id = store->createScenario(sc.name, sc.params);
        if (!sc.notes.empty()) store->setNotes(id, sc.notes);
        for (auto& c : sc.checkpoints) {
            double x = c.x, y = c.y;
            fromLonLat.transformPoint(x, y);
            resnapCheckpoint(c, x, y, sc.name, place.roads, place.districts, report);
            c.id = 0;  // a new file: new ids, the same numbers
        }
        store->addCheckpoints(id, sc.checkpoints);
        ++report.scenarios;
    }
    return report;
}

PlanCarryReport resnapPlans(Workspace& ws) {
    PlanCarryReport report;
    auto store = openSqliteScenarioStore(ws);
    auto all = store->listScenarios();
    if (all.empty()) return report;
    PlacementData place(ws);
    for (const auto& summary : all) {
        auto checkpoints = store->checkpoints(summary.id);
        for (auto& c : checkpoints) resnapCheckpoint(c, c.x, c.y, summary.name, place.roads, place.districts, report);
        if (!checkpoints.empty()) store->updateCheckpoints(summary.id, checkpoints);
        ++report.scenarios;
    }
    return report;
}

namespace {
std::vector<std::string> columnsOf(sqlite3* db, const std::string& schema, const std::string& table) {
    std::vector<std::string> out;
    Statement info(db, ("PRAGMA " + schema + ".table_info(" + quoteIdentifier(table) + ")").c_str());
    while (info.step()) out.push_back(info.text(1));
    return out;
}
}  // namespace

void carryReturnees(sqlite3* db, const std::string& oldPath, bool sameWorkingCrs, PlanCarryReport& report) {
    Statement attach(db, "ATTACH DATABASE ? AS old");
    attach.bind(1, oldPath).run();
    struct Detach {
        sqlite3* db;
        ~Detach() { sqlite3_exec(db, "DETACH DATABASE old", nullptr, nullptr, nullptr); }
    } detach{db};
    int batches = 0;
    {
        Statement t(db, "SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = 'cordon_returnee_batches'");
        if (!t.step()) return;
        Statement n(db, "SELECT count(*) FROM old.cordon_returnee_batches");
        batches = n.step() ? n.integer(0) : 0;
    }
    if (batches == 0) return;
    if (!sameWorkingCrs) {
        report.returneeBatchesLost = batches;
        return;
    }
    std::vector<std::string> tables;
    {
        Statement t(db, "SELECT name FROM old.sqlite_master WHERE type = 'table' AND name LIKE 'cordon\\_returnee\\_%' ESCAPE '\\'"
                        " ORDER BY name = 'cordon_returnee_batches' DESC, name");
        while (t.step()) tables.push_back(t.text(0));
    }
    Transaction tx(db);
    for (const auto& table : tables) {
        auto mine = columnsOf(db, "main", table);
        if (mine.empty()) continue;  // a table this version does not know
        std::string columns;
        for (const auto& c : columnsOf(db, "old", table))
            if (std::find(mine.begin(), mine.end(), c) != mine.end()) columns += (columns.empty() ? "" : ", ") + quoteIdentifier(c);
        if (columns.empty()) continue;
        exec(db, ("INSERT INTO main." + quoteIdentifier(table) + "(" + columns + ") SELECT " + columns + " FROM old." + quoteIdentifier(table)).c_str());
    }
    tx.commit();
    report.returneeBatches = batches;
}

std::vector<std::string> planCarryLines(const PlanCarryReport& r) {
    std::vector<std::string> lines;
    if (r.returneeBatches > 0) lines.push_back("returnees: " + std::to_string(r.returneeBatches) + " batch(es) kept");
    if (r.returneeBatchesLost > 0)
        lines.push_back("returnees: " + std::to_string(r.returneeBatchesLost) +
                        " batch(es) NOT kept: the working CRS changed, so their places no longer match; import the registers again");
    if (r.basemapsKept > 0) lines.push_back("basemaps: " + std::to_string(r.basemapsKept) + " kept");
    for (const auto& lost : r.basemapsLost) lines.push_back("basemap NOT kept: " + lost);
    if (r.dropped) {
        lines.push_back("plans: the old scenarios were dropped (--drop-plans)");
        return lines;
    }
    if (r.scenarios == 0) return lines;
    lines.push_back("plans: " + std::to_string(r.scenarios) + " scenario(s), " + std::to_string(r.checkpoints) +
                    " checkpoint(s) kept and re-snapped to the new roads");
    char buf[64];
    for (const auto& m : r.moved) {
        std::snprintf(buf, sizeof buf, "%.0f m", m.movedM);
        lines.push_back("  moved " + std::string(buf) + ": " + m.scenario + " #" + std::to_string(m.number) + " " + m.name);
    }
    for (const auto& m : r.unplaced)
        lines.push_back("  NOT ON A ROAD (no road within 150 m; kept where it was, off-road, marked in its notes): " + m.scenario +
                        " #" + std::to_string(m.number) + " " + m.name);
    return lines;
}

}  // namespace geo
