// Scenarios and checkpoints: the planner's data. Storage lives in scenario_store.*, analysis
// reads these types as they are.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "geo/road_class.hpp"

namespace geo {

enum class CheckpointKind : uint8_t { TownshipEntry, VillageGate, RoadCheckpoint, HealthStation, RoadClosure };
constexpr size_t kCheckpointKindCount = 5;
const char* checkpointKindName(CheckpointKind k);    // "township_entry", ..., "road_closure"
const char* checkpointKindNameZh(CheckpointKind k);  // "镇入口", ..., "封路"
bool parseCheckpointKind(const std::string& text, CheckpointKind& out);  // either name

struct Checkpoint {
    int64_t id = 0;
    std::string name;
    CheckpointKind kind = CheckpointKind::RoadCheckpoint;
    double x = 0, y = 0;           // working CRS metres
    int64_t roadFid = -1;          // roads layer fid it is snapped to; -1 when placed off-road
    std::string road;              // name of that road
    RoadClass roadClass = RoadClass::Other;
    int staffPerShift = 2;
    int shifts = 3;
    std::string hours = "00:00-24:00";
    std::string leader;            // the command post's own staff; never in snapshots
    std::string phone;             // ditto
    std::string notes;
    std::string district;          // assigned from position
    // A road closure is a barrier: no staff.
    int staffRequired() const { return kind == CheckpointKind::RoadClosure ? 0 : staffPerShift * shifts; }
};

struct ScenarioParams {
    int staffAvailable = 120;
    std::map<std::string, int> staffByDistrict;  // optional
    int defaultShifts = 3;
    double guardDistanceM = 500;
    double entryGapM = 60;  // road ends this close to the boundary are entries where the layer is clipped
    double gridSizeM = 500;
    int smallCountThreshold = 5;
};

struct Scenario {
    int64_t id = 0;
    std::string name;
    std::string notes;
    ScenarioParams params;
    std::vector<Checkpoint> checkpoints;
};

}  // namespace geo
