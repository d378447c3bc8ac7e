// Undo/redo stacks per scenario; every step is a store edit of its own.
#include "geo/plan/plan_history.hpp"

#include "geo/core/error.hpp"
#include "geo/plan/scenario_store.hpp"

namespace geo {
namespace {
std::string plural(const char* verb, size_t n) {
    return std::string(verb) + (n == 1 ? " checkpoint" : " " + std::to_string(n) + " checkpoints");
}
}  // namespace

std::vector<int64_t> PlanHistory::addCheckpoints(int64_t scenarioId, std::vector<Checkpoint> checkpoints) {
    for (auto& c : checkpoints) c.id = 0;
    std::vector<int64_t> ids = store_.addCheckpoints(scenarioId, checkpoints);
    for (size_t i = 0; i < ids.size(); ++i) {
        checkpoints[i].id = ids[i];
        // The number the store gave it, so that redo brings it back under the same number.
        if (auto stored = store_.checkpoint(scenarioId, ids[i])) checkpoints[i].number = stored->number;
    }
    PlanEdit e;
    e.label = plural("add", checkpoints.size());
    e.after = std::move(checkpoints);
    record(scenarioId, std::move(e));
    return ids;
}

void PlanHistory::updateCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& after, const std::string& label) {
    PlanEdit e;
    e.label = label;
    for (const auto& c : after) {
        auto old = store_.checkpoint(scenarioId, c.id);
        if (!old) throw Error("no checkpoint " + std::to_string(c.id) + " in this scenario");
        e.before.push_back(*old);
    }
    store_.updateCheckpoints(scenarioId, after);
    e.after = after;
    record(scenarioId, std::move(e));
}

void PlanHistory::deleteCheckpoints(int64_t scenarioId, const std::vector<int64_t>& ids) {
    PlanEdit e;
    e.label = plural("delete", ids.size());
    for (int64_t id : ids) {
        auto old = store_.checkpoint(scenarioId, id);
        if (!old) throw Error("no checkpoint " + std::to_string(id) + " in this scenario");
        e.before.push_back(*old);
    }
    store_.deleteCheckpoints(scenarioId, ids);
    record(scenarioId, std::move(e));
}

void PlanHistory::setNotes(int64_t scenarioId, const std::string& notes) {
    PlanEdit e;
    e.kind = PlanEdit::Kind::Notes;
    e.label = "edit notes";
    e.notesBefore = store_.loadScenario(scenarioId).notes;
    store_.setNotes(scenarioId, notes);
    e.notesAfter = notes;
    record(scenarioId, std::move(e));
}

void PlanHistory::setParams(int64_t scenarioId, const ScenarioParams& params) {
    PlanEdit e;
    e.kind = PlanEdit::Kind::Params;
    e.label = "edit scenario parameters";
    e.paramsBefore = store_.loadScenario(scenarioId).params;
    store_.setParams(scenarioId, params);
    e.paramsAfter = params;
    record(scenarioId, std::move(e));
}

void PlanHistory::apply(int64_t scenarioId, const PlanEdit& e, bool forward) {
    switch (e.kind) {
    case PlanEdit::Kind::Notes: store_.setNotes(scenarioId, forward ? e.notesAfter : e.notesBefore); return;
    case PlanEdit::Kind::Params: store_.setParams(scenarioId, forward ? e.paramsAfter : e.paramsBefore); return;
    case PlanEdit::Kind::Checkpoints: break;
    }
    const auto& from = forward ? e.before : e.after;
    const auto& to = forward ? e.after : e.before;
    if (from.empty()) {
        store_.addCheckpoints(scenarioId, to);  // with their old ids
    } else if (to.empty()) {
        std::vector<int64_t> ids;
        for (const auto& c : from) ids.push_back(c.id);
        store_.deleteCheckpoints(scenarioId, ids);
    } else {
        store_.updateCheckpoints(scenarioId, to);
    }
}

void PlanHistory::record(int64_t scenarioId, PlanEdit e) {
    Stacks& s = stacks_[scenarioId];
    s.redo.clear();
    s.undo.push_back(std::move(e));
    if (s.undo.size() > maxDepth_) s.undo.erase(s.undo.begin());
}

bool PlanHistory::canUndo(int64_t id) const {
    auto it = stacks_.find(id);
    return it != stacks_.end() && !it->second.undo.empty();
}
bool PlanHistory::canRedo(int64_t id) const {
    auto it = stacks_.find(id);
    return it != stacks_.end() && !it->second.redo.empty();
}
std::string PlanHistory::undoLabel(int64_t id) const { return canUndo(id) ? stacks_.at(id).undo.back().label : ""; }
std::string PlanHistory::redoLabel(int64_t id) const { return canRedo(id) ? stacks_.at(id).redo.back().label : ""; }

std::string PlanHistory::undo(int64_t id) {
    if (!canUndo(id)) return {};
    Stacks& s = stacks_[id];
    apply(id, s.undo.back(), false);
    s.redo.push_back(std::move(s.undo.back()));
    s.undo.pop_back();
    return s.redo.back().label;
}

std::string PlanHistory::redo(int64_t id) {
    if (!canRedo(id)) return {};
    Stacks& s = stacks_[id];
    apply(id, s.redo.back(), true);
    s.undo.push_back(std::move(s.redo.back()));
    s.redo.pop_back();
    return s.undo.back().label;
}

void PlanHistory::forget(int64_t id) { stacks_.erase(id); }

}  // namespace geo
