// Checkpoint kind names, in English (workspace values) and Chinese (what planners read).
#include "geo/plan.hpp"

#include <array>
#include <string>

#include "geo/error.hpp"
#include "geo/seal.hpp"

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

}  // namespace geo
