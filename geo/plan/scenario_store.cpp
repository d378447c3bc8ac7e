// Scenarios and checkpoints in the workspace's SQLite file; each edit is one committed
// transaction (synchronous=FULL), so an edit that returned survives a kill or a power cut.
#include "geo/plan/scenario_store.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/io/wkb.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {

int64_t ScenarioStore::requireScenario(const std::string& name) const {
    if (auto id = findScenario(name)) return *id;
    auto all = listScenarios();
    if (all.empty())
        throw Error("the workspace has no scenarios yet; create one with `cordon scenario WS create NAME`");
    std::string names;
    for (const auto& s : all) names += (names.empty() ? "" : ", ") + s.name;
    throw Error("no scenario '" + name + "' (scenarios: " + names + ")");
}

Scenario scenarioOrEmptyPlan(const ScenarioStore& store, const std::string& name) {
    if (!name.empty()) return store.loadScenario(store.requireScenario(name));
    auto all = store.listScenarios();
    return all.empty() ? Scenario{} : store.loadScenario(all.front().id);
}

void validateCheckpoint(const Checkpoint& c) {
    if (c.staffPerShift < 0 || c.staffPerShift > 1000)
        throw Error("staff per shift must be between 0 and 1000, not " + std::to_string(c.staffPerShift));
    if (c.shifts < 1 || c.shifts > 24) throw Error("shifts per day must be between 1 and 24, not " + std::to_string(c.shifts));
    if (c.name.size() > 200) throw Error("checkpoint name is too long (200 bytes at most)");
    if (!(c.x == c.x) || !(c.y == c.y)) throw Error("checkpoint position is not a number");
    // What a planner typed; the road and district come from the workspace's own layers.
    for (const auto* text : {&c.name, &c.hours, &c.leader, &c.phone, &c.notes})
        requireUtf8(*text, "checkpoint text");
}

namespace {

constexpr const char* kColumns =
    "fid, geom, name, kind, staff_per_shift, shifts, hours, district, road, road_fid, class, notes, leader, phone, number,"
    " active_from, active_until";
// A schema 3 file opened read-only has no date columns: always active.
constexpr const char* kColumnsUndated =
    "fid, geom, name, kind, staff_per_shift, shifts, hours, district, road, road_fid, class, notes, leader, phone, number, '', ''";
// A schema 2 file opened read-only (not migrated) has no number column: count as the migration would.
constexpr const char* kColumnsCounted =
    "fid, geom, name, kind, staff_per_shift, shifts, hours, district, road, road_fid, class, notes, leader, phone,"
    " (SELECT count(*) FROM checkpoints c WHERE c.scenario_id = checkpoints.scenario_id AND c.fid <= checkpoints.fid), '', ''";

void pointFromBlob(const uint8_t* blob, size_t size, double& x, double& y) {
    size_t wkbSize = 0;
    const uint8_t* wkb = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr;
    if (!wkb || wkbSize < 21) throw Error("workspace is damaged: a checkpoint has no point geometry");
    double v[2];
    std::memcpy(v, wkb + 5, sizeof v);
    if (wkb[0] == 0) {  // big-endian WKB, as another tool might write it
        for (double& d : v) {
            unsigned char b[8];
            std::memcpy(b, &d, 8);
            for (int i = 0; i < 4; ++i) std::swap(b[i], b[7 - i]);
            std::memcpy(&d, b, 8);
        }
    }
    x = v[0];
    y = v[1];
}

Checkpoint readCheckpoint(const Statement& s) {
    Checkpoint c;
    c.id = s.int64(0);
    size_t size = 0;
    const uint8_t* blob = s.blob(1, &size);
    pointFromBlob(blob, size, c.x, c.y);
    c.name = s.text(2);
    if (!parseCheckpointKind(s.text(3), c.kind)) c.kind = CheckpointKind::RoadCheckpoint;
    c.staffPerShift = s.integer(4);
    c.shifts = s.integer(5);
    c.hours = s.text(6);
    c.district = s.text(7);
    c.road = s.text(8);
    c.roadFid = s.int64(9);
    c.roadClass = roadClassFromName(s.text(10));
    c.notes = s.text(11);
    c.leader = s.text(12);
    c.phone = s.text(13);
    c.number = s.integer(14);
    c.activeFrom = s.text(15);
    c.activeUntil = s.text(16);
    if (c.isClosure()) c.staffPerShift = 0;  // a closure has no staff, whatever another tool wrote
    return c;
}

class SqliteScenarioStore final : public ScenarioStore {
public:
    explicit SqliteScenarioStore(Workspace& ws) : ws_(ws), db_(ws.db()) {
        hasTables_ = tableExists(db_, "cordon_scenarios") && tableExists(db_, "checkpoints");
        if (hasTables_) {
            Statement info(db_, "PRAGMA table_info(checkpoints)");
            while (info.step()) {
                hasNumbers_ |= info.text(1) == "number";
                hasDates_ |= info.text(1) == "active_from";
            }
        }
        if (!ws.isReadOnly()) exec(db_, "PRAGMA synchronous = FULL");
    }

    bool isReadOnly() const override { return ws_.isReadOnly(); }

    int64_t externalChangeCounter() const override {
        Statement s(db_, "PRAGMA data_version");
        return s.step() ? s.int64(0) : 0;
    }

    std::vector<ScenarioSummary> listScenarios() const override {
        std::vector<ScenarioSummary> out;
        if (!hasTables_) return out;
        Statement s(db_,
                    "SELECT s.id, s.name, (SELECT count(*) FROM checkpoints c WHERE c.scenario_id = s.id)"
                    " FROM cordon_scenarios s ORDER BY s.id");
        while (s.step()) out.push_back({s.int64(0), s.text(1), s.int64(2)});
        return out;
    }

    std::optional<int64_t> findScenario(const std::string& name) const override {
        if (!hasTables_) return std::nullopt;
        Statement s(db_, "SELECT id FROM cordon_scenarios WHERE name = ?");
        s.bind(1, name);
        if (s.step()) return s.int64(0);
        return std::nullopt;
    }

    Scenario loadScenario(int64_t id) const override {
        Scenario sc;
        if (!hasTables_) throw Error("no such scenario");
        {
            Statement s(db_,
                        "SELECT id, name, notes, staff_available, default_shifts, guard_distance_m, grid_size_m,"
                        " small_count_threshold FROM cordon_scenarios WHERE id = ?");
            s.bind(1, id);
            if (!s.step()) throw Error("the scenario no longer exists (deleted by another Cordon?)");
            sc.id = s.int64(0);
            sc.name = s.text(1);
            sc.notes = s.text(2);
            sc.params.staffAvailable = s.integer(3);
            sc.params.defaultShifts = s.integer(4);
            sc.params.guardDistanceM = s.real(5);
            sc.params.gridSizeM = s.real(6);
            sc.params.smallCountThreshold = s.integer(7);
        }
        if (hasEntryGapColumn(db_)) {
            Statement s(db_, "SELECT entry_gap_m FROM cordon_scenarios WHERE id = ?");
            s.bind(1, id);
            if (s.step()) sc.params.entryGapM = s.real(0);
        }
        {
            Statement s(db_, "SELECT district, staff FROM cordon_scenario_district_staff WHERE scenario_id = ? ORDER BY district");
            s.bind(1, id);
            while (s.step()) sc.params.staffByDistrict[s.text(0)] = s.integer(1);
        }
        sc.checkpoints = checkpoints(id);
        return sc;
    }

    int64_t createScenario(const std::string& name, const ScenarioParams& params) override {
        checkWritable();
        checkName(name);
        Transaction tx(db_);
        int64_t id = insertScenario(name, params);
        tx.commit();
        return id;
    }

    int64_t createScenarioWith(const std::string& name, const ScenarioParams& params, const std::string& notes,
                               const std::vector<Checkpoint>& list) override {
        checkWritable();
        checkName(name);
        Transaction tx(db_);
        int64_t id = insertScenario(name, params);
        Statement s(db_, "UPDATE cordon_scenarios SET notes = ? WHERE id = ?");
        s.bind(1, notes).bind(2, id).run();
        if (!list.empty()) insertCheckpoints(id, name, list);
        tx.commit();
        return id;
    }

    int64_t copyScenario(const std::string& from, const std::string& to) override {
        checkWritable();
        checkName(to);
        Transaction tx(db_);
        int64_t source = requireScenario(from);
        if (findScenario(to)) throw Error("a scenario named '" + to + "' already exists");
        Statement s(db_,
                    "INSERT INTO cordon_scenarios(name, notes, staff_available, default_shifts, guard_distance_m, grid_size_m,"
                    " small_count_threshold) SELECT ?, notes, staff_available, default_shifts, guard_distance_m, grid_size_m,"
                    " small_count_threshold FROM cordon_scenarios WHERE id = ?");
        s.bind(1, to).bind(2, source).run();
        int64_t id = sqlite3_last_insert_rowid(db_);
        if (hasEntryGapColumn(db_)) {
            Statement g(db_, "UPDATE cordon_scenarios SET entry_gap_m = (SELECT entry_gap_m FROM cordon_scenarios WHERE id = ?)"
                             " WHERE id = ?");
            g.bind(1, source).bind(2, id).run();
        }
        Statement d(db_,
                    "INSERT INTO cordon_scenario_district_staff(scenario_id, district, staff)"
                    " SELECT ?, district, staff FROM cordon_scenario_district_staff WHERE scenario_id = ?");
        d.bind(1, id).bind(2, source).run();
        Statement c(db_,
                    "INSERT INTO checkpoints(geom, scenario_id, scenario, name, kind, staff_per_shift, shifts, staff_required,"
                    " hours, district, road, road_fid, class, notes, leader, phone, number, active_from, active_until)"
                    " SELECT geom, ?, ?, name, kind, staff_per_shift, shifts, staff_required, hours, district, road, road_fid,"
                    " class, notes, leader, phone, number, active_from, active_until FROM checkpoints WHERE scenario_id = ?"
                    " ORDER BY fid");
        c.bind(1, id).bind(2, to).bind(3, source).run();
        tx.commit();
        return id;
    }

    void renameScenario(const std::string& from, const std::string& to) override {
        checkWritable();
        checkName(to);
        Transaction tx(db_);
        int64_t id = requireScenario(from);
        if (from == to) return;
        if (findScenario(to)) throw Error("a scenario named '" + to + "' already exists");
        Statement s(db_, "UPDATE cordon_scenarios SET name = ? WHERE id = ?");
        s.bind(1, to).bind(2, id).run();
        Statement c(db_, "UPDATE checkpoints SET scenario = ? WHERE scenario_id = ?");
        c.bind(1, to).bind(2, id).run();
        tx.commit();
    }

    void deleteScenario(const std::string& name) override {
        checkWritable();
        Transaction tx(db_);
        int64_t id = requireScenario(name);
        for (const char* sql : {"DELETE FROM checkpoints WHERE scenario_id = ?",
                                "DELETE FROM cordon_scenario_district_staff WHERE scenario_id = ?",
                                "DELETE FROM cordon_scenarios WHERE id = ?"}) {
            Statement s(db_, sql);
            s.bind(1, id).run();
        }
        touchContents();
        tx.commit();
    }

    void setNotes(int64_t scenarioId, const std::string& notes) override {
        checkWritable();
        Transaction tx(db_);
        requireId(scenarioId);
        Statement s(db_, "UPDATE cordon_scenarios SET notes = ? WHERE id = ?");
        s.bind(1, notes).bind(2, scenarioId).run();
        tx.commit();
    }

    void setParams(int64_t scenarioId, const ScenarioParams& params) override {
        checkWritable();
        Transaction tx(db_);
        requireId(scenarioId);
        writeParams(scenarioId, params);
        tx.commit();
    }

    std::vector<int64_t> addCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& list) override {
        checkWritable();
        Transaction tx(db_);
        std::vector<int64_t> ids = insertCheckpoints(scenarioId, requireId(scenarioId), list);
        tx.commit();
        return ids;
    }

    void updateCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& list) override {
        checkWritable();
        Transaction tx(db_);
        requireId(scenarioId);
        Statement s(db_,
                    "UPDATE checkpoints SET geom = ?2, name = ?5, kind = ?6, staff_per_shift = ?7, shifts = ?8,"
                    " staff_required = ?9, hours = ?10, district = ?11, road = ?12, road_fid = ?13, class = ?14, notes = ?15,"
                    " leader = ?16, phone = ?17, active_from = ?19, active_until = ?20 WHERE fid = ?1 AND scenario_id = ?3");
        for (const auto& c : list) {
            validateCheckpoint(c);
            s.bind(1, c.id);
            bindFields(s, 2, c).bind(3, scenarioId);
            s.run();
            if (sqlite3_changes(db_) != 1) throw Error("no checkpoint " + std::to_string(c.id) + " in this scenario");
        }
        touchContents();
        tx.commit();
    }

    void deleteCheckpoints(int64_t scenarioId, const std::vector<int64_t>& ids) override {
        checkWritable();
        Transaction tx(db_);
        requireId(scenarioId);
        Statement s(db_, "DELETE FROM checkpoints WHERE fid = ? AND scenario_id = ?");
        for (int64_t id : ids) {
            s.bind(1, id).bind(2, scenarioId);
            s.run();
            if (sqlite3_changes(db_) != 1) throw Error("no checkpoint " + std::to_string(id) + " in this scenario");
        }
        touchContents();
        tx.commit();
    }

    std::vector<Checkpoint> checkpoints(int64_t scenarioId) const override {
        std::vector<Checkpoint> out;
        if (!hasTables_) return out;
        Statement s(db_, (std::string("SELECT ") + columns() + " FROM checkpoints WHERE scenario_id = ? ORDER BY fid").c_str());
        s.bind(1, scenarioId);
        while (s.step()) {
            try {
                out.push_back(readCheckpoint(s));
            } catch (const Error&) {
                // A row without a readable point is skipped: damagedCheckpoints reports it.
            }
        }
        return out;
    }

    std::optional<Checkpoint> checkpoint(int64_t scenarioId, int64_t id) const override {
        if (!hasTables_) return std::nullopt;
        Statement s(db_, (std::string("SELECT ") + columns() + " FROM checkpoints WHERE fid = ? AND scenario_id = ?").c_str());
        s.bind(1, id).bind(2, scenarioId);
        if (!s.step()) return std::nullopt;
        try {
            return readCheckpoint(s);
        } catch (const Error&) {
            return std::nullopt;  // no readable point (see damagedCheckpoints)
        }
    }

private:
    void checkWritable() const {
        if (ws_.isReadOnly())
            throw Error(std::filesystem::path(ws_.path()).filename().string() +
                        " is open read-only (the file or its folder cannot be written); edits are not possible");
        if (!hasTables_) throw Error("workspace has no scenario tables; it is damaged");
    }

    static void checkName(const std::string& name) {
        if (name.empty()) throw Error("a scenario needs a name");
        if (name.size() > 200) throw Error("scenario name is too long (200 bytes at most)");
        requireUtf8(name, "scenario name");
    }

    // The scenario's name; throws when it is gone (another process may have deleted it).
    std::string requireId(int64_t id) const {
        Statement s(db_, "SELECT name FROM cordon_scenarios WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) throw Error("the scenario no longer exists (deleted by another Cordon?)");
        return s.text(0);
    }

    // The parts of the edits above, inside the caller's transaction.
    int64_t insertScenario(const std::string& name, const ScenarioParams& params) {
        if (findScenario(name)) throw Error("a scenario named '" + name + "' already exists");
        Statement s(db_, "INSERT INTO cordon_scenarios(name) VALUES (?)");
        s.bind(1, name).run();
        int64_t id = sqlite3_last_insert_rowid(db_);
        writeParams(id, params);
        return id;
    }

    std::vector<int64_t> insertCheckpoints(int64_t scenarioId, const std::string& scenario, const std::vector<Checkpoint>& list) {
        Statement s(db_,
                    "INSERT INTO checkpoints(fid, geom, scenario_id, scenario, name, kind, staff_per_shift, shifts, staff_required,"
                    " hours, district, road, road_fid, class, notes, leader, phone, number, active_from, active_until)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // Numbers run on from the highest in the scenario; a given number (undo of a delete, plans
        // carried over a re-import) is kept, so deleting never renumbers the others.
        int next = highestNumber(scenarioId) + 1;
        std::vector<int64_t> ids;
        for (const auto& c : list) {
            validateCheckpoint(c);
            if (c.id > 0) s.bind(1, c.id);
            else s.bindNull(1);
            bindFields(s, 2, c).bind(3, scenarioId).bind(4, scenario);
            int number = c.number > 0 ? c.number : next;
            s.bind(18, number);
            next = std::max(next, number + 1);
            s.run();
            ids.push_back(sqlite3_last_insert_rowid(db_));
        }
        touchContents();
        return ids;
    }

    int highestNumber(int64_t scenarioId) const {
        Statement s(db_, "SELECT coalesce(max(number), 0) FROM checkpoints WHERE scenario_id = ?");
        s.bind(1, scenarioId);
        return s.step() ? s.integer(0) : 0;
    }

    // Binds geom at `first` and the fields at first+3.. (scenario id and name sit between).
    Statement& bindFields(Statement& s, int first, const Checkpoint& c) const {
        std::string blob = gpkgPointBlob(c.x, c.y, ws_.workingEpsg());
        s.bindBlob(first, blob.data(), blob.size());
        s.bind(first + 3, c.name).bind(first + 4, std::string_view(checkpointKindName(c.kind)));
        s.bind(first + 5, c.isClosure() ? 0 : c.staffPerShift).bind(first + 6, c.shifts).bind(first + 7, c.staffRequired());
        s.bind(first + 8, c.hours).bind(first + 9, c.district).bind(first + 10, c.road).bind(first + 11, c.roadFid);
        s.bind(first + 12, std::string_view(c.roadFid >= 0 ? roadClassName(c.roadClass) : ""));
        s.bind(first + 13, c.notes).bind(first + 14, c.leader).bind(first + 15, c.phone);
        s.bind(first + 17, c.activeFrom).bind(first + 18, c.activeUntil);  // first + 16: the number
        return s;
    }

    void writeParams(int64_t id, const ScenarioParams& p) {
        if (p.staffAvailable < 0) throw Error("staff available cannot be negative");
        if (p.defaultShifts < 1 || p.defaultShifts > 24) throw Error("default shifts must be between 1 and 24");
        if (!(p.guardDistanceM > 0) || !(p.gridSizeM > 0)) throw Error("guard distance and grid size must be positive");
        if (p.smallCountThreshold < 0) throw Error("the small-count threshold cannot be negative");
        if (!(p.entryGapM >= 0) || p.entryGapM > 1000) throw Error("the entry gap must be between 0 and 1000 m");
        Statement s(db_,
                    "UPDATE cordon_scenarios SET staff_available = ?, default_shifts = ?, guard_distance_m = ?, grid_size_m = ?,"
                    " small_count_threshold = ? WHERE id = ?");
        s.bind(1, p.staffAvailable).bind(2, p.defaultShifts).bind(3, p.guardDistanceM).bind(4, p.gridSizeM);
        s.bind(5, p.smallCountThreshold).bind(6, id).run();
        addEntryGapColumn(db_);  // a workspace from before the setting, in the edit's transaction
        {
            Statement g(db_, "UPDATE cordon_scenarios SET entry_gap_m = ? WHERE id = ?");
            g.bind(1, p.entryGapM).bind(2, id).run();
        }
        Statement d(db_, "DELETE FROM cordon_scenario_district_staff WHERE scenario_id = ?");
        d.bind(1, id).run();
        Statement i(db_, "INSERT INTO cordon_scenario_district_staff(scenario_id, district, staff) VALUES (?, ?, ?)");
        for (const auto& [district, staff] : p.staffByDistrict) {
            if (staff < 0) throw Error("staff available in " + district + " cannot be negative");
            i.bind(1, id).bind(2, district).bind(3, staff).run();
        }
    }

    // GeoPackage readers trust last_change and the stored extent; an empty extent makes them compute it.
    void touchContents() {
        exec(db_,
             "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'),"
             " min_x = NULL, min_y = NULL, max_x = NULL, max_y = NULL WHERE table_name = 'checkpoints'");
    }

    Workspace& ws_;
    sqlite3* db_;
    bool hasTables_ = false;
    bool hasNumbers_ = false, hasDates_ = false;
    const char* columns() const { return !hasNumbers_ ? kColumnsCounted : hasDates_ ? kColumns : kColumnsUndated; }
};

}  // namespace

bool hasEntryGapColumn(sqlite3* db) { return hasColumn(db, "cordon_scenarios", "entry_gap_m"); }

void addEntryGapColumn(sqlite3* db) {
    if (!hasEntryGapColumn(db)) exec(db, "ALTER TABLE cordon_scenarios ADD COLUMN entry_gap_m REAL NOT NULL DEFAULT 60");
}

std::unique_ptr<ScenarioStore> openSqliteScenarioStore(Workspace& workspace) {
    return std::make_unique<SqliteScenarioStore>(workspace);
}

}  // namespace geo
