// The one place a plan is changed: a workspace's scenario store, its undo history and what placing
// a checkpoint works against (roads, districts, the township outline). The CLI and the GUI call
// these verbs alike; each commits before it returns, and a failed one leaves the file as it was.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/plan/plan.hpp"
#include "geo/plan/plan_history.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/plan/snap.hpp"

namespace geo {

class Workspace;

class PlanSession {
public:
    // Opens the workspace's store and reads its roads, districts and outline. The workspace must
    // outlive the session.
    explicit PlanSession(Workspace& workspace);
    Workspace& workspace() const { return workspace_; }
    bool isReadOnly() const { return store_->isReadOnly(); }
    int64_t externalChangeCounter() const { return store_->externalChangeCounter(); }  // see ScenarioStore
    // Roads, districts and the outline are read on first use (a listing needs none of them).
    void reloadLayers() { hasLayers_ = false; }  // after an import replaced a layer
    const RoadSnapper& roads() const { return loadLayers().roads_; }
    const DistrictLocator& districts() const { return loadLayers().districts_; }
    const TownshipOutline& township() const { return loadLayers().township_; }

    // Scenarios. Creating, copying, renaming and deleting are not undone; notes and parameters are.
    std::vector<ScenarioSummary> listScenarios() const { return store_->listScenarios(); }
    std::optional<int64_t> findScenario(const std::string& name) const { return store_->findScenario(name); }
    int64_t requireScenario(const std::string& name) const { return store_->requireScenario(name); }
    Scenario loadScenario(int64_t scenarioId) const { return store_->loadScenario(scenarioId); }
    int64_t createScenario(const std::string& name, const ScenarioParams& params = {}) { return store_->createScenario(name, params); }
    int64_t copyScenario(const std::string& from, const std::string& to) { return store_->copyScenario(from, to); }
    void renameScenario(const std::string& from, const std::string& to) { store_->renameScenario(from, to); }
    void deleteScenario(const std::string& name);  // with its checkpoints and its undo history
    void setNotes(int64_t scenarioId, const std::string& notes) { history_.setNotes(scenarioId, notes); }
    void setParams(int64_t scenarioId, const ScenarioParams& params) { history_.setParams(scenarioId, params); }
    // A suggested plan as a new scenario: parameters, notes and checkpoints in one transaction.
    int64_t createSuggestedScenario(const std::string& name, const ScenarioParams& params, const std::string& notes,
                                    const std::vector<Checkpoint>& checkpoints) {
        return store_->createScenarioWith(name, params, notes, checkpoints);
    }

    // Checkpoints, every edit undoable. A placement snaps to the nearest road within the
    // tolerance and is refused (geo::Error) farther outside the township than the scenario's
    // guard distance unless options.outside; options.guardDistanceM is taken from the scenario.
    // A new checkpoint placed and staffed (the scenario's shifts, the staff per shift of its road
    // class), not yet stored: the CLI sets typed fields on it before adding it.
    Checkpoint draftCheckpoint(int64_t scenarioId, double x, double y, PlaceOptions options,
                               CheckpointKind kind = CheckpointKind::RoadCheckpoint) const;
    // Stores it with the next number; without a name it gets defaultCheckpointName. Returns it
    // as stored (id, number).
    Checkpoint addCheckpoint(int64_t scenarioId, Checkpoint c);
    Checkpoint addCheckpointAt(int64_t scenarioId, double x, double y, const PlaceOptions& options,
                               CheckpointKind kind = CheckpointKind::RoadCheckpoint) {
        return addCheckpoint(scenarioId, draftCheckpoint(scenarioId, x, y, options, kind));
    }
    Checkpoint moveCheckpoint(int64_t scenarioId, int64_t id, double x, double y, PlaceOptions options);
    // Every field as given (by id); several in one undo step.
    void setCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& edited, const std::string& label = "edit checkpoints");
    void setCheckpoint(int64_t scenarioId, const Checkpoint& edited, const std::string& label = "edit checkpoint") {
        setCheckpoints(scenarioId, {edited}, label);
    }
    // Makes these checkpoints road closures (no staff) or, with another kind, staffed again by
    // their road class (setCheckpointKind); one undo step.
    void setKind(int64_t scenarioId, const std::vector<int64_t>& ids, CheckpointKind kind);
    void deleteCheckpoints(int64_t scenarioId, const std::vector<int64_t>& ids);
    std::vector<Checkpoint> checkpoints(int64_t scenarioId) const { return store_->checkpoints(scenarioId); }
    std::optional<Checkpoint> checkpoint(int64_t scenarioId, int64_t id) const { return store_->checkpoint(scenarioId, id); }

    // Staff per district (the workspace's districts, sorted by name, then any other a checkpoint
    // names) and in all.
    StaffingTotals staffing(const Scenario& scenario) const;

    // Undo and redo, one history per scenario; they return the label of what was undone or
    // redone, "" when there was nothing.
    bool canUndo(int64_t scenarioId) const { return history_.canUndo(scenarioId); }
    bool canRedo(int64_t scenarioId) const { return history_.canRedo(scenarioId); }
    std::string undoLabel(int64_t scenarioId) const { return history_.undoLabel(scenarioId); }
    std::string redoLabel(int64_t scenarioId) const { return history_.redoLabel(scenarioId); }
    std::string undo(int64_t scenarioId) { return history_.undo(scenarioId); }
    std::string redo(int64_t scenarioId) { return history_.redo(scenarioId); }

private:
    PlacementContext where() const { return {roads(), districts(), township()}; }
    const PlanSession& loadLayers() const;
    Workspace& workspace_;
    std::unique_ptr<ScenarioStore> store_;
    PlanHistory history_;
    mutable bool hasLayers_ = false;
    mutable RoadSnapper roads_;
    mutable DistrictLocator districts_;
    mutable TownshipOutline township_;
};

}  // namespace geo
