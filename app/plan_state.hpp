// The planner's session in the GUI: the scenario store of the open workspace, undo history,
// road snapper, the current scenario (reloaded after each committed edit), selection and tools.
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "geo/plan_history.hpp"
#include "geo/scenario_store.hpp"
#include "geo/snap.hpp"
#include "geo/workspace.hpp"

namespace app {

enum class PlanTool { Select, AddCheckpoint };

// Text being typed in the checkpoint details, and the values to apply to a multi-selection.
struct CheckpointEditState {
    int64_t forId = 0;
    uint64_t forVersion = 0;
    char hours[64] = {}, leader[128] = {}, phone[64] = {}, notes[1024] = {};
    int kind = 2, staffPerShift = 2, shifts = 3;
};

struct StaffingFigures {
    int required = 0, available = 0;
    struct District { std::string name; int required = 0; int available = -1; };  // -1: no figure set
    std::vector<District> districts;
};

class PlanState {
public:
    // Attaches to the model's workspace; cheap when it is the same one as last frame. A new
    // layersVersion (an import replaced a layer) rebuilds the road snapper and districts. On a
    // geo::Error the session stays closed for that workspace (no retry every frame).
    void attach(geo::Workspace* workspace, uint64_t layersVersion = 0);
    // Reloads when another Cordon committed to the workspace since the last look.
    void reloadIfChangedElsewhere();
    bool isOpen() const { return store_ != nullptr; }
    bool isReadOnly() const { return store_ && store_->isReadOnly(); }
    geo::ScenarioStore& store() { return *store_; }
    geo::PlanHistory& history() { return *history_; }
    const geo::RoadSnapper& roads() const { return roads_; }
    const geo::DistrictLocator& districts() const { return districts_; }
    const geo::TownshipOutline& township() const { return township_; }

    const std::vector<geo::ScenarioSummary>& scenarios() const { return scenarios_; }
    int64_t scenarioId() const { return scenario_.id; }
    const geo::Scenario& scenario() const { return scenario_; }
    void switchTo(int64_t scenarioId);
    // Re-reads scenarios and the current one from the store (after an edit, or another process's).
    void reload();
    uint64_t version() const { return version_; }  // bumped by every reload
    StaffingFigures staffing() const;

    // Edits through the history (undoable); geo::Error propagates to the UI action.
    // Snapped, refused farther outside the township than the guard distance unless `beyond`;
    // a new one is staffed by its road class as a suggested one would be. addAt returns the id.
    int64_t addAt(double x, double y, bool offRoad, bool beyond = false);
    void moveTo(int64_t id, double x, double y, bool offRoad, bool beyond = false);
    void update(const geo::Checkpoint& c, const char* label);
    void updateMany(const std::vector<geo::Checkpoint>& edited, const char* label);  // one undo step
    void deleteSelected();
    void undo();
    void redo();

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
    geo::Workspace* workspace_ = nullptr;
    uint64_t layersVersion_ = 0;
    int64_t externalCounter_ = 0;
    std::unique_ptr<geo::ScenarioStore> store_;
    std::unique_ptr<geo::PlanHistory> history_;
    geo::RoadSnapper roads_;
    geo::DistrictLocator districts_;
    geo::TownshipOutline township_;
    std::vector<geo::ScenarioSummary> scenarios_;
    geo::Scenario scenario_;
    uint64_t version_ = 0;
};

// Chinese or English by the UI language; the plan windows' strings.
const char* planText(const char* zh, const char* en);
void collectPlanTexts(const PlanState& plan, std::vector<std::string_view>& out);

}  // namespace app
