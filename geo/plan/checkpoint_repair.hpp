// Checkpoints whose stored point is gone (a NULL or unreadable geometry, as QGIS leaves after
// "delete geometry"): found, reported and restored, so one damaged row never locks a plan.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace geo {

class Workspace;

struct DamagedCheckpoint {
    int64_t id = 0;
    std::string name;
    int64_t roadFid = -1;   // the road it was snapped to, -1 when none
    std::string road;
    bool restored = false;  // repairCheckpoints put it back on its road
};

// The scenario's checkpoints without a readable point (the store skips them).
std::vector<DamagedCheckpoint> damagedCheckpoints(const Workspace& ws, int64_t scenarioId);
// Puts each one whose road is known and still in the workspace at the middle of that road, in
// one transaction; the others are left as they are. Returns all of them, restored flagged.
std::vector<DamagedCheckpoint> repairCheckpoints(Workspace& ws, int64_t scenarioId);
// One line for a warning: "checkpoint 3 (东口) has no position".
std::string describeDamaged(const std::vector<DamagedCheckpoint>& damaged);

}  // namespace geo
