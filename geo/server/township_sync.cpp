// sync: push with conflicts kept, pull again, carry the open conflicts over.
#include "geo/server/township_sync.hpp"

#include <algorithm>
#include <filesystem>

#include "geo/plan/scenario_store.hpp"
#include "geo/server/township_local.hpp"
#include "geo/workspace/sqlite.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

int countRows(sqlite3* db, const char* sql) {
    Statement s(db, sql);
    return s.step() ? s.integer(0) : 0;
}

}  // namespace

std::vector<SyncConflict> openConflicts(const std::string& path) {
    SqliteDb db = sync::openWorkingCopy(path, false);
    std::vector<SyncConflict> out;
    if (!tableExists(db.get(), "cordon_sync_conflicts")) return out;
    Statement s(db.get(), "SELECT fid, number, name, changed_by, changed_at FROM cordon_sync_conflicts ORDER BY fid");
    while (s.step()) {
        SyncConflict c;
        c.kind = "checkpoint";
        c.serverId = s.int64(0);
        c.number = s.integer(1);
        c.name = s.text(2);
        c.changedBy = s.text(3);
        c.changedAt = s.text(4);
        c.deletedThere = c.changedBy.empty();
        c.message = "checkpoint " + std::to_string(c.number) + " \"" + c.name + "\" (id " + std::to_string(c.serverId) + ") " +
                    (c.deletedThere ? "was deleted on the server" : "was changed by " + c.changedBy + " at " + c.changedAt) +
                    " and here: the server's version is in the plan, yours is kept (--keep mine|theirs --checkpoint " +
                    std::to_string(c.serverId) + ")";
        out.push_back(std::move(c));
    }
    return out;
}

void resolveConflict(const std::string& path, int64_t checkpointId, bool keepMine) {
    SqliteDb db = sync::openWorkingCopy(path, true);
    Transaction tx(db.get());
    if (!tableExists(db.get(), "cordon_sync_conflicts") ||
        !Statement(db.get(), "SELECT 1 FROM cordon_sync_conflicts WHERE fid = ?").bind(1, checkpointId).step())
        throw Error("no open conflict for checkpoint id " + std::to_string(checkpointId) + " (cordon sync lists them)");
    if (keepMine) {
        std::string columns;
        Statement info(db.get(), "SELECT name FROM pragma_table_info('checkpoints') ORDER BY cid");
        while (info.step()) columns += (columns.empty() ? "" : ", ") + quoteIdentifier(info.text(0));
        Statement(db.get(), "DELETE FROM checkpoints WHERE fid = ?").bind(1, checkpointId).run();
        Statement(db.get(), ("INSERT INTO checkpoints(" + columns + ") SELECT " + columns +
                             " FROM cordon_sync_conflicts WHERE fid = ?").c_str())
            .bind(1, checkpointId)
            .run();
    }
    Statement(db.get(), "DELETE FROM cordon_sync_conflicts WHERE fid = ?").bind(1, checkpointId).run();
    tx.commit();
}

SyncReport syncWorkingCopy(PgConnection& conn, const std::string& path, const std::string& township) {
    SyncReport report;
    std::string name = township;
    if (!fs::exists(path)) {
        if (name.empty()) throw Error(path + " does not exist: name the township to pull with --township NAME");
        pullTownship(conn, name, path);
        report.pulledFresh = true;
    } else {
        std::string recorded = workingCopyTownship(path);
        if (recorded.empty()) throw Error(path + " was not pulled from a server: sync a new file to pull one");
        if (!name.empty() && name != recorded)
            throw Error(path + " is township '" + recorded + "', not '" + name + "'");
        name = recorded;
        report.pushed = pushTownship(conn, path, PushMode::KeepConflicts);
        // Pull again beside it, carry the open conflicts over, then replace the file in one step.
        sync::pullInto(conn, name, path, "sync", [&](sqlite3* db) {
            Statement attach(db, "ATTACH DATABASE ? AS old");
            attach.bind(1, path).run();
            Transaction tx(db);
            if (countRows(db, "SELECT count(*) FROM old.sqlite_master WHERE name = 'cordon_sync_conflicts'") > 0)
                exec(db, "CREATE TABLE cordon_sync_conflicts AS SELECT * FROM old.cordon_sync_conflicts");
            tx.commit();
            exec(db, "DETACH DATABASE old");
        });
    }
    SqliteDb db = sync::openWorkingCopy(path, false);
    report.scenarios = countRows(db.get(), "SELECT count(*) FROM cordon_scenarios");
    report.checkpoints = countRows(db.get(), "SELECT count(*) FROM checkpoints");
    db.reset();
    report.open = openConflicts(path);
    return report;
}

SyncState saveSyncState(const std::string& path) {
    SqliteDb db = sync::openWorkingCopy(path, false);
    SyncState state;
    Statement meta(db.get(), "SELECT key, value FROM cordon_sync_meta");
    while (meta.step()) state.meta.emplace_back(meta.text(0), meta.text(1));
    Statement rows(db.get(), "SELECT y.kind, y.id, y.base_version, y.base_hash, coalesce(s.name, c.scenario), coalesce(c.number, 0)"
                             " FROM cordon_sync y LEFT JOIN cordon_scenarios s ON y.kind = 'scenario' AND s.id = y.id"
                             " LEFT JOIN checkpoints c ON y.kind = 'checkpoint' AND c.fid = y.id");
    while (rows.step())
        state.rows.push_back({rows.text(0), rows.text(4), rows.integer(5), rows.int64(1), rows.int64(2), rows.text(3)});
    return state;
}

void restoreSyncState(const std::string& path, const SyncState& state) {
    SqliteDb db = sync::openWorkingCopy(path, true);
    Transaction tx(db.get());
    addEntryGapColumn(db.get());
    sync::createSyncTables(db.get());
    for (const auto& [key, value] : state.meta) sync::setSyncMeta(db.get(), key.c_str(), value);
    // Ids out of the way first (negative), then the server's: the two ranges may overlap.
    exec(db.get(), "UPDATE checkpoints SET fid = -fid; UPDATE cordon_scenarios SET id = -id;"
                   "UPDATE checkpoints SET scenario_id = -scenario_id;"
                   "UPDATE cordon_scenario_district_staff SET scenario_id = -scenario_id;");
    Statement find(db.get(), "SELECT id FROM cordon_scenarios WHERE name = ? AND id < 0");
    Statement checkpoint(db.get(), "UPDATE checkpoints SET fid = ?1 WHERE scenario = ?2 AND number = ?3 AND fid < 0");
    Statement base(db.get(), "INSERT INTO cordon_sync(kind, id, base_version, base_hash) VALUES (?, ?, ?, ?)");
    auto renumberScenario = [&](int64_t from, int64_t to) {
        for (const char* sql : {"UPDATE cordon_scenarios SET id = ?1 WHERE id = ?2",
                                "UPDATE checkpoints SET scenario_id = ?1 WHERE scenario_id = ?2",
                                "UPDATE cordon_scenario_district_staff SET scenario_id = ?1 WHERE scenario_id = ?2"})
            Statement(db.get(), sql).bind(1, to).bind(2, from).run();
    };
    for (const auto& r : state.rows) {
        if (r.kind != "scenario") continue;
        find.bind(1, r.scenario);
        bool found = find.step();
        int64_t from = found ? find.int64(0) : 0;
        find.reset();
        if (!found) continue;
        renumberScenario(from, r.id);
        base.bind(1, r.kind).bind(2, r.id).bind(3, r.baseVersion).bind(4, r.baseHash).run();
    }
    for (const auto& r : state.rows) {
        if (r.kind != "checkpoint") continue;
        checkpoint.bind(1, r.id).bind(2, r.scenario).bind(3, r.number).run();
        if (sqlite3_changes(db.get()) == 1) base.bind(1, r.kind).bind(2, r.id).bind(3, r.baseVersion).bind(4, r.baseHash).run();
    }
    // Rows the import made anew (none normally) get fresh positive ids: pushed as new.
    int64_t top = 0;
    for (const char* sql : {"SELECT coalesce(max(id), 0) FROM cordon_scenarios", "SELECT coalesce(max(fid), 0) FROM checkpoints"}) {
        Statement m(db.get(), sql);
        if (m.step()) top = std::max(top, m.int64(0));
    }
    std::vector<int64_t> strays;
    for (Statement s(db.get(), "SELECT id FROM cordon_scenarios WHERE id < 0"); s.step();) strays.push_back(s.int64(0));
    for (int64_t id : strays) renumberScenario(id, top - id);
    Statement(db.get(), "UPDATE checkpoints SET fid = ?1 - fid WHERE fid < 0").bind(1, top).run();
    tx.commit();
}

}  // namespace geo
