// Scenarios and checkpoints: the planner's data. Storage lives in scenario_store.*, analysis
// reads these types as they are.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "geo/io/road_class.hpp"

namespace geo {

enum class CheckpointKind : uint8_t { TownshipEntry, VillageGate, RoadCheckpoint, HealthStation, RoadClosure };
constexpr size_t kCheckpointKindCount = 5;
const char* checkpointKindName(CheckpointKind k);    // "township_entry", ..., "road_closure"
const char* checkpointKindNameZh(CheckpointKind k);  // "镇入口", ..., "封路"
bool parseCheckpointKind(const std::string& text, CheckpointKind& out);  // either name

struct Checkpoint {
    int64_t id = 0;                // internal (the file's fid); never shown to planners
    int number = 0;                // what planners see: 1..n within the scenario; 0 = assign the next
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
    std::string activeFrom, activeUntil;  // "" or YYYY-MM-DD, both inclusive: in place on those days only
    // A road closure is a barrier: no staff.
    bool isClosure() const { return kind == CheckpointKind::RoadClosure; }
    int staffRequired() const { return isClosure() ? 0 : staffPerShift * shifts; }
};

// Staffing edits that keep the closure rule: a closure has no staff. Setting staff above 0 on a
// closure is refused (geo::Error); making a checkpoint a closure clears its staff, and turning a
// closure back into a staffed kind gives it the default staff for its road class.
void setCheckpointKind(Checkpoint& c, CheckpointKind kind);
void setStaffPerShift(Checkpoint& c, int staffPerShift);
// Staff per shift a checkpoint on a road of this class gets by default, suggested or added by
// hand alike (geo::staffPerShiftFor); 0 for a closure.
int defaultStaffPerShift(const Checkpoint& c);

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

// The name a checkpoint added without one gets: "<road>卡口 N" ("卡口 N" off the roads), N its number.
std::string defaultCheckpointName(const Checkpoint& c, int number);
// The number the next checkpoint added to these gets: the highest + 1 (deleted numbers are not reused).
int nextCheckpointNumber(const std::vector<Checkpoint>& checkpoints);

// Staff per district and in all, the one count every table, map and page shows.
struct DistrictStaffing {
    std::string name;              // "" for checkpoints in no district
    int checkpoints = 0;           // staffed ones
    int closures = 0;
    int staffRequired = 0;
    int staffAvailable = -1;       // -1: not set in the scenario
};
struct StaffingTotals {
    int checkpoints = 0, closures = 0;
    int staffPerShift = 0;         // summed over staffed checkpoints
    int staffRequired = 0, staffAvailable = 0;
    std::vector<DistrictStaffing> districts;
    bool isShort() const { return staffRequired > staffAvailable; }
};
// Districts are `districtNames` in that order; a checkpoint's district is districtOf[i] (an
// index into them, -1 for none: counted only in the totals) or, without districtOf, its
// `district` name, where a name not among them (or "") gets a row of its own after them.
StaffingTotals staffingTotals(const std::vector<Checkpoint>& checkpoints, const ScenarioParams& params,
                              const std::vector<std::string>& districtNames, const std::vector<int>* districtOf = nullptr);

}  // namespace geo
