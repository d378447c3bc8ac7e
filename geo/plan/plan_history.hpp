// Undo and redo of every plan edit within a session, one stack per scenario. Each edit goes
// through the store (committed before returning); undo applies the inverse edit the same way.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "geo/plan/plan.hpp"

namespace geo {

class ScenarioStore;

// One recorded edit: checkpoints before and after (empty before = added, empty after = deleted),
// or the notes / parameters before and after.
struct PlanEdit {
    enum class Kind { Checkpoints, Notes, Params };
    Kind kind = Kind::Checkpoints;
    std::string label;  // "add checkpoint", "move 3 checkpoints", ...
    std::vector<Checkpoint> before, after;
    std::string notesBefore, notesAfter;
    ScenarioParams paramsBefore, paramsAfter;
};

class PlanHistory {
public:
    explicit PlanHistory(ScenarioStore& store, size_t maxDepth = 1000) : store_(store), maxDepth_(maxDepth) {}

    // The edit verbs; each commits through the store and then records itself. On a geo::Error
    // nothing is recorded and the store is as before.
    std::vector<int64_t> addCheckpoints(int64_t scenarioId, std::vector<Checkpoint> checkpoints);
    int64_t addCheckpoint(int64_t scenarioId, const Checkpoint& c) { return addCheckpoints(scenarioId, {c}).front(); }
    void updateCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& after, const std::string& label = "edit checkpoints");
    void updateCheckpoint(int64_t scenarioId, const Checkpoint& after, const std::string& label = "edit checkpoint") {
        updateCheckpoints(scenarioId, {after}, label);
    }
    void deleteCheckpoints(int64_t scenarioId, const std::vector<int64_t>& ids);
    void setNotes(int64_t scenarioId, const std::string& notes);
    void setParams(int64_t scenarioId, const ScenarioParams& params);

    bool canUndo(int64_t scenarioId) const;
    bool canRedo(int64_t scenarioId) const;
    std::string undoLabel(int64_t scenarioId) const;  // "" when nothing to undo
    std::string redoLabel(int64_t scenarioId) const;
    // Returns the label of what was undone/redone, "" when there was nothing. On failure the
    // stacks are unchanged.
    std::string undo(int64_t scenarioId);
    std::string redo(int64_t scenarioId);
    void forget(int64_t scenarioId);  // e.g. when the scenario is deleted

private:
    struct Stacks { std::vector<PlanEdit> undo, redo; };
    void apply(int64_t scenarioId, const PlanEdit& e, bool forward);
    void record(int64_t scenarioId, PlanEdit e);
    ScenarioStore& store_;
    size_t maxDepth_;
    std::map<int64_t, Stacks> stacks_;
};

}  // namespace geo
