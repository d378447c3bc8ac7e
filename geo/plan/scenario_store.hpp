// Where scenarios and checkpoints are kept: one interface, an SQLite/GeoPackage implementation.
// Every edit is committed in its own transaction before the call returns.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/plan/plan.hpp"

struct sqlite3;

namespace geo {

class Workspace;

struct ScenarioSummary {
    int64_t id = 0;
    std::string name;
    int64_t checkpoints = 0;
};

// A PostGIS store can implement this later without the UI noticing.
// Expected failures (unknown name, duplicate name, read-only, busy) throw geo::Error; a failed
// edit leaves the store as it was.
class ScenarioStore {
public:
    virtual ~ScenarioStore() = default;
    virtual bool isReadOnly() const = 0;
    // Changes whenever another process (or connection) commits to the store: poll it to reload.
    virtual int64_t externalChangeCounter() const = 0;

    virtual std::vector<ScenarioSummary> listScenarios() const = 0;           // in creation order
    virtual std::optional<int64_t> findScenario(const std::string& name) const = 0;
    virtual Scenario loadScenario(int64_t scenarioId) const = 0;              // with its checkpoints
    virtual int64_t createScenario(const std::string& name, const ScenarioParams& params) = 0;
    // A new scenario with its notes and checkpoints in one transaction: when any part fails (the
    // name is taken, a checkpoint is refused) nothing of it is written.
    virtual int64_t createScenarioWith(const std::string& name, const ScenarioParams& params, const std::string& notes,
                                       const std::vector<Checkpoint>& checkpoints) = 0;
    virtual int64_t copyScenario(const std::string& from, const std::string& to) = 0;  // params, notes, checkpoints, numbers
    virtual void renameScenario(const std::string& from, const std::string& to) = 0;
    virtual void deleteScenario(const std::string& name) = 0;                 // and its checkpoints
    virtual void setNotes(int64_t scenarioId, const std::string& notes) = 0;
    virtual void setParams(int64_t scenarioId, const ScenarioParams& params) = 0;

    // Adds in one transaction; a checkpoint with id 0 gets a new id, one with an id keeps it
    // (undo of a delete). Likewise number 0 gets the scenario's highest number + 1, a number
    // given is kept. Returns the ids. Updates never change a number; deletes renumber nothing.
    virtual std::vector<int64_t> addCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& checkpoints) = 0;
    virtual void updateCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& checkpoints) = 0;  // every field, by id
    virtual void deleteCheckpoints(int64_t scenarioId, const std::vector<int64_t>& ids) = 0;
    virtual std::vector<Checkpoint> checkpoints(int64_t scenarioId) const = 0;  // by id
    virtual std::optional<Checkpoint> checkpoint(int64_t scenarioId, int64_t id) const = 0;

    int64_t addCheckpoint(int64_t scenarioId, const Checkpoint& c) { return addCheckpoints(scenarioId, {c}).front(); }
    void updateCheckpoint(int64_t scenarioId, const Checkpoint& c) { updateCheckpoints(scenarioId, {c}); }
    void deleteCheckpoint(int64_t scenarioId, int64_t id) { deleteCheckpoints(scenarioId, {id}); }
    // The named scenario's id, or a geo::Error saying what scenarios there are.
    int64_t requireScenario(const std::string& name) const;
};

// What analysis and rendering read: the named scenario; with name "" the first scenario, or an
// empty plan (default parameters, no checkpoints) when the workspace has none.
Scenario scenarioOrEmptyPlan(const ScenarioStore& store, const std::string& name);

// Checks a checkpoint's fields (staff, shifts, name); throws geo::Error naming the problem.
void validateCheckpoint(const Checkpoint& c);

// The store inside a workspace file (tables cordon_scenarios, cordon_scenario_district_staff and
// the `checkpoints` GeoPackage layer). The workspace must outlive the store.
std::unique_ptr<ScenarioStore> openSqliteScenarioStore(Workspace& workspace);

// The scenarios' entry gap column. Workspaces from before the setting get it with the first
// scenario parameters written, or the first plan pulled from a server (which always has it);
// until then every scenario reads the default.
bool hasEntryGapColumn(sqlite3* db);
void addEntryGapColumn(sqlite3* db);  // in the caller's transaction; nothing when it is there

}  // namespace geo
