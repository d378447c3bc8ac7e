// The plan verbs over the store and its history, shared by the CLI and the GUI.
#include "geo/plan/plan_session.hpp"

#include <algorithm>

#include "geo/core/error.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {

PlanSession::PlanSession(Workspace& workspace)
    : workspace_(workspace), store_(openSqliteScenarioStore(workspace)), history_(*store_) {}

const PlanSession& PlanSession::loadLayers() const {
    if (hasLayers_) return *this;
    roads_ = workspace_.hasLayer("roads") ? RoadSnapper::fromWorkspace(workspace_) : RoadSnapper();
    districts_ = DistrictLocator::fromWorkspace(workspace_);
    township_ = TownshipOutline::fromWorkspace(workspace_);
    hasLayers_ = true;
    return *this;
}

void PlanSession::deleteScenario(const std::string& name) {
    std::optional<int64_t> id = store_->findScenario(name);
    store_->deleteScenario(name);
    if (id) history_.forget(*id);
}

Checkpoint PlanSession::draftCheckpoint(int64_t scenarioId, double x, double y, PlaceOptions options, CheckpointKind kind) const {
    if (!scenarioId) throw Error("no scenario yet: create one first");
    const ScenarioParams params = store_->loadScenario(scenarioId).params;
    options.guardDistanceM = params.guardDistanceM;
    return newCheckpointAt(x, y, where(), options, params, kind);
}

Checkpoint PlanSession::addCheckpoint(int64_t scenarioId, Checkpoint c) {
    if (c.name.empty()) c.name = defaultCheckpointName(c, nextCheckpointNumber(store_->checkpoints(scenarioId)));
    const int64_t id = history_.addCheckpoint(scenarioId, c);
    auto stored = store_->checkpoint(scenarioId, id);
    if (!stored) throw Error("the checkpoint just added cannot be read back");
    return *stored;
}

Checkpoint PlanSession::moveCheckpoint(int64_t scenarioId, int64_t id, double x, double y, PlaceOptions options) {
    auto c = store_->checkpoint(scenarioId, id);
    if (!c) throw Error("the checkpoint no longer exists");
    options.guardDistanceM = store_->loadScenario(scenarioId).params.guardDistanceM;
    placeByHand(*c, x, y, where(), options);
    history_.updateCheckpoint(scenarioId, *c, "move checkpoint");
    return *c;
}

void PlanSession::setCheckpoints(int64_t scenarioId, const std::vector<Checkpoint>& edited, const std::string& label) {
    if (!edited.empty()) history_.updateCheckpoints(scenarioId, edited, label);
}

void PlanSession::setKind(int64_t scenarioId, const std::vector<int64_t>& ids, CheckpointKind kind) {
    std::vector<Checkpoint> edited;
    for (int64_t id : ids) {
        auto c = store_->checkpoint(scenarioId, id);
        if (!c) throw Error("no checkpoint " + std::to_string(id) + " in this scenario");
        setCheckpointKind(*c, kind);
        edited.push_back(std::move(*c));
    }
    setCheckpoints(scenarioId, edited, kind == CheckpointKind::RoadClosure ? "close roads" : "change kind");
}

void PlanSession::deleteCheckpoints(int64_t scenarioId, const std::vector<int64_t>& ids) {
    if (!ids.empty()) history_.deleteCheckpoints(scenarioId, ids);
}

StaffingTotals PlanSession::staffing(const Scenario& scenario) const {
    std::vector<std::string> names = districts().names();
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    StaffingTotals t = staffingTotals(scenario.checkpoints, scenario.params, names);
    std::stable_sort(t.districts.begin(), t.districts.end(),
                     [](const DistrictStaffing& a, const DistrictStaffing& b) { return a.name < b.name; });
    return t;
}

}  // namespace geo
