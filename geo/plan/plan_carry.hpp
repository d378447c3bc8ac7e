// Plans that outlive their layers: scenarios carried into a re-imported workspace, and
// checkpoints re-snapped to replaced roads, with a report of every one that moved or could not
// be placed. Shared by `import --replace` and the GUI's layer replacement.
#pragma once
#include <string>
#include <vector>

#include "geo/plan/plan.hpp"

struct sqlite3;

namespace geo {

class Workspace;
class RoadSnapper;
class DistrictLocator;

constexpr double kReportMovedM = 10;  // checkpoints that moved farther than this are listed

struct ShiftedCheckpoint {
    std::string scenario;
    int number = 0;
    std::string name;
    double movedM = 0;  // how far it moved (0 for one that could not be placed)
};

struct PlanCarryReport {
    int scenarios = 0;
    int checkpoints = 0;
    bool dropped = false;                     // --drop-plans: the old plans were not kept
    std::vector<ShiftedCheckpoint> moved;     // re-snapped more than kReportMovedM away
    std::vector<ShiftedCheckpoint> unplaced;  // no road within the tolerance: kept off-road, marked
    int returneeBatches = 0;                  // returnee batches carried over (counts by place and village)
    int returneeBatchesLost = 0;              // not carried: the working CRS changed, so their cells moved
    int basemapsKept = 0;                     // basemaps carried over (embedded ones embedded again)
    std::vector<std::string> basemapsLost;    // "name: why" for each basemap not carried
};

// Copies the returnee tables (cordon_returnee_*) of the workspace file at oldPath into `db`,
// column by column as both have them, when both use the same working CRS (cells are kept in
// it); otherwise counts the batches left behind. Adds to `report`.
void carryReturnees(sqlite3* db, const std::string& oldPath, bool sameWorkingCrs, PlanCarryReport& report);

// The note a checkpoint gets when the new roads leave it off-road.
constexpr const char* kUnplacedNote = "重新导入后容差内没有道路 (no road within 150 m after the roads were replaced)";

// Every scenario of a workspace with checkpoint positions in WGS84 lon/lat, so that they can
// be written into a workspace of another working CRS.
std::vector<Scenario> readPlansLonLat(const Workspace& ws);

// Re-snaps one checkpoint at (x, y) (working CRS): one placed on a road goes to the nearest
// road within kDefaultSnapToleranceM, or stays where it is, off-road and marked; one placed
// off-road on purpose stays. Its district follows its position. Records it in `report`.
void resnapCheckpoint(Checkpoint& c, double x, double y, const std::string& scenario, const RoadSnapper& roads,
                      const DistrictLocator& districts, PlanCarryReport& report);

// Writes `plans` (from readPlansLonLat) into `ws`, which has no scenarios of those names,
// re-snapping every checkpoint to its roads; numbers, staffing and parameters are kept.
PlanCarryReport writePlans(Workspace& ws, const std::vector<Scenario>& plans);

// After the roads (or districts) of `ws` were replaced: every scenario's checkpoints re-snapped
// in place, each scenario in one committed edit.
PlanCarryReport resnapPlans(Workspace& ws);

// "2 scenarios, 14 checkpoints kept; 1 moved more than 10 m: ...": for the CLI and the GUI.
std::vector<std::string> planCarryLines(const PlanCarryReport& report);

}  // namespace geo
