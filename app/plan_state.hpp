// The GUI's side of the plan: the geo::PlanSession of the open workspace, the current scenario
// (reloaded after each committed edit) and gesture state (selection, tools, drags, typed edits).
// Every change goes through the session's verbs.
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "geo/plan/plan_session.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

enum class PlanTool { Select, AddCheckpoint };

// Text being typed in the checkpoint details, and the values to apply to a multi-selection.
struct CheckpointEditState {
    int64_t forId = 0;
    uint64_t forVersion = 0;
    char hours[64] = {}, leader[128] = {}, phone[64] = {}, notes[1024] = {};
    int kind = 2, staffPerShift = 2, shifts = 3;
};

class PlanState {
public:
    // Attaches to the model's workspace; cheap when it is the same one as last frame. A new
    // layersVersion (an import replaced a layer) rebuilds the road snapper and districts. On a
    // geo::Error the session stays closed for that workspace (no retry every frame).
    void attach(geo::Workspace* workspace, uint64_t layersVersion = 0);
    // Reloads when another Cordon committed to the workspace since the last look.
    void reloadIfChangedElsewhere();
    bool isOpen() const { return session_ != nullptr; }
    bool isReadOnly() const { return session_ && session_->isReadOnly(); }
    const geo::PlanSession& session() const { return *session_; }  // reads; edits go through the verbs below
    // Empty ones while no workspace is open.
    const geo::RoadSnapper& roads() const;
    const geo::DistrictLocator& districts() const;

    const std::vector<geo::ScenarioSummary>& scenarios() const { return scenarios_; }
    int64_t scenarioId() const { return scenario_.id; }
    const geo::Scenario& scenario() const { return scenario_; }
    void switchTo(int64_t scenarioId);
    // Re-reads scenarios and the current one from the store (after an edit, or another process's).
    void reload();
    uint64_t version() const { return version_; }  // bumped by every reload
    geo::StaffingTotals staffing() const;

    // The session's verbs on the current scenario, then a reload; geo::Error propagates to the
    // UI action. Placement: snapped, refused farther outside the township than the guard
    // distance unless `beyond`; a new one is named and staffed by its road class as the CLI's
    // `checkpoint add` does. addAt returns the id.
    int64_t addAt(double x, double y, bool offRoad, bool beyond = false);
    void moveTo(int64_t id, double x, double y, bool offRoad, bool beyond = false);
    void update(const geo::Checkpoint& c, const char* label);
    void updateMany(const std::vector<geo::Checkpoint>& edited, const char* label);  // one undo step
    void deleteSelected();
    // The one undo/redo entry point of the GUI (buttons and keys alike).
    bool canUndo() const { return session_ && scenario_.id && session_->canUndo(scenario_.id); }
    bool canRedo() const { return session_ && scenario_.id && session_->canRedo(scenario_.id); }
    void undo();
    void redo();
    // Scenario verbs: each switches to the scenario it made, or reloads.
    void createScenario(const std::string& name);
    void copyScenario(const std::string& to);
    void renameScenario(const std::string& to);
    void deleteScenario();
    void setNotes(const std::string& notes);
    void setParams(const geo::ScenarioParams& params);
    void createSuggestedScenario(const std::string& name, const std::string& notes, const std::vector<geo::Checkpoint>& checkpoints);

    std::set<int64_t> selection;
    PlanTool tool = PlanTool::Select;
    bool offRoad = false;
    bool outside = false;  // allow placing farther outside the township than the guard distance
    float toleranceM = static_cast<float>(geo::kDefaultSnapToleranceM);
    CheckpointEditState details;
    std::string damagedNotice;       // set when a loaded scenario skipped checkpoints without a point; the UI shows and clears it
    std::string damagedNoticeShown;  // the last one set, so that reloads do not repeat it
    std::string preferredScenario;  // `cordon WS --scenario NAME`: shown first when it exists
    std::string lastPlaced;  // "G241国道 (national)": named in the tool panel after a click

    // Pointer gestures on the map (screen pixels).
    int64_t dragId = 0;        // checkpoint being dragged
    bool boxSelecting = false;
    bool dragMoved = false;
    double pressX = 0, pressY = 0;

private:
    geo::PlaceOptions placeOptions(bool offRoad, bool beyond) const;
    // Runs a verb, then reloads whether it worked or not (another process may have changed things).
    template <class Verb> void thenReload(Verb&& verb);
    geo::Workspace* workspace_ = nullptr;
    uint64_t layersVersion_ = 0;
    int64_t externalCounter_ = 0;
    std::unique_ptr<geo::PlanSession> session_;
    std::vector<geo::ScenarioSummary> scenarios_;
    geo::Scenario scenario_;
    uint64_t version_ = 0;
};

void collectPlanTexts(const PlanState& plan, std::vector<std::string_view>& out);

}  // namespace app
