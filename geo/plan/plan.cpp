// Checkpoint kind names (English workspace values, Chinese for planners), staffing rules and totals.
#include "geo/plan/plan.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "geo/core/error.hpp"
#include "geo/analysis/seal.hpp"

namespace geo {
namespace {
constexpr std::array<const char*, kCheckpointKindCount> kNames = {"township_entry", "village_gate", "road_checkpoint",
                                                                  "health_station", "road_closure"};
constexpr std::array<const char*, kCheckpointKindCount> kNamesZh = {"镇入口", "村口", "道路卡口", "健康检测站", "封路"};
}  // namespace

const char* checkpointKindName(CheckpointKind k) { return kNames[static_cast<size_t>(k)]; }
const char* checkpointKindNameZh(CheckpointKind k) { return kNamesZh[static_cast<size_t>(k)]; }

bool parseCheckpointKind(const std::string& text, CheckpointKind& out) {
    std::string t = text;
    for (char& c : t) {
        if (c == '-' || c == ' ') c = '_';
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (size_t i = 0; i < kCheckpointKindCount; ++i) {
        if (t == kNames[i] || text == kNamesZh[i]) {
            out = static_cast<CheckpointKind>(i);
            return true;
        }
    }
    // Short forms planners type: entry, gate, checkpoint, health, closure; and 卡口 for a road checkpoint.
    static const std::array<std::pair<const char*, CheckpointKind>, 6> shortForms = {{
        {"entry", CheckpointKind::TownshipEntry}, {"gate", CheckpointKind::VillageGate},
        {"checkpoint", CheckpointKind::RoadCheckpoint}, {"health", CheckpointKind::HealthStation},
        {"closure", CheckpointKind::RoadClosure}, {"卡口", CheckpointKind::RoadCheckpoint}}};
    for (const auto& [name, kind] : shortForms)
        if (t == name) {
            out = kind;
            return true;
        }
    return false;
}

void setCheckpointKind(Checkpoint& c, CheckpointKind kind) {
    if (kind == c.kind) return;
    bool wasClosure = c.isClosure();
    c.kind = kind;
    if (c.isClosure()) c.staffPerShift = 0;
    else if (wasClosure) c.staffPerShift = defaultStaffPerShift(c);
}

void setStaffPerShift(Checkpoint& c, int staffPerShift) {
    if (c.isClosure() && staffPerShift > 0)
        throw Error("a road closure (封路) has no staff: make it another kind first to staff it");
    c.staffPerShift = staffPerShift;
}

int defaultStaffPerShift(const Checkpoint& c) { return c.isClosure() ? 0 : staffPerShiftFor(c.roadClass); }

std::string defaultCheckpointName(const Checkpoint& c, int number) {
    return (c.road.empty() ? std::string("卡口") : c.road + "卡口") + " " + std::to_string(number);
}

int nextCheckpointNumber(const std::vector<Checkpoint>& checkpoints) {
    int next = 1;
    for (const auto& c : checkpoints) next = std::max(next, c.number + 1);
    return next;
}

StaffingTotals staffingTotals(const std::vector<Checkpoint>& checkpoints, const ScenarioParams& params,
                              const std::vector<std::string>& districtNames, const std::vector<int>* districtOf) {
    StaffingTotals t;
    t.staffAvailable = params.staffAvailable;
    for (const auto& name : districtNames) t.districts.push_back({name, 0, 0, 0, -1});
    auto rowOf = [&](size_t i) -> DistrictStaffing* {
        if (districtOf) {
            int d = (*districtOf)[i];
            return d >= 0 ? &t.districts[static_cast<size_t>(d)] : nullptr;
        }
        const std::string& name = checkpoints[i].district;
        auto it = std::find_if(t.districts.begin(), t.districts.end(), [&](const DistrictStaffing& d) { return d.name == name; });
        if (it != t.districts.end()) return &*it;
        t.districts.push_back({name, 0, 0, 0, -1});
        return &t.districts.back();
    };
    for (size_t i = 0; i < checkpoints.size(); ++i) {
        const Checkpoint& c = checkpoints[i];
        DistrictStaffing* d = rowOf(i);
        const int required = c.staffRequired();
        if (c.isClosure()) {
            ++t.closures;
        } else {
            ++t.checkpoints;
            t.staffPerShift += c.staffPerShift;
        }
        t.staffRequired += required;
        if (!d) continue;
        if (c.isClosure()) ++d->closures;
        else ++d->checkpoints;
        d->staffRequired += required;
    }
    for (auto& d : t.districts)
        if (auto it = params.staffByDistrict.find(d.name); it != params.staffByDistrict.end()) d.staffAvailable = it->second;
    return t;
}

}  // namespace geo
