// Time in the plan and the counts: returnee status mapped to a fixed set, the fever flag, the
// workspace's observation period, checkpoints active on a date, and the figures "as of" a day.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/plan/plan.hpp"
#include "geo/returnees/returnees.hpp"

namespace geo {

// What registers write in their 状态 column, reduced to the few states the figures need.
enum class ReturneeStatus : uint8_t { HomeObservation, CentralIsolation, Released, Hospital, Other };
constexpr size_t kReturneeStatusCount = 5;
const char* returneeStatusNameZh(ReturneeStatus s);  // 居家观察, 集中隔离, 解除观察, 住院治疗, 其他
const char* returneeStatusName(ReturneeStatus s);    // home_observation, ..., other
// 居家隔离/在家观察 -> HomeObservation, 集中隔离/隔离点 -> CentralIsolation, 解除/期满 -> Released,
// 住院/医院 -> Hospital; the English names and words too; anything else (or empty) Other.
ReturneeStatus classifyStatus(std::string_view text);

constexpr double kFeverCelsius = 37.3;
// A fever column cell: a temperature (37.5, 37.5℃, 38度) at or above 37.3 °C, or a yes
// (是, 有, 发热, 发烧, 1, y, yes, true, √). Empty, "否", "正常" and lower temperatures: no.
bool isFeverCell(std::string_view text);

// Stored status code of an imported row: the status and the fever flag in one small number.
constexpr uint16_t statusCode(ReturneeStatus s, bool fever) { return static_cast<uint16_t>(static_cast<int>(s) * 2 + (fever ? 1 : 0)); }
constexpr size_t kStatusCodeCount = kReturneeStatusCount * 2;

// The observation period of a workspace in days (cordon_meta 'observation_days'; 14 when unset).
constexpr int kDefaultObservationDays = 14;
int observationDays(const Workspace& ws);
void setObservationDays(Workspace& ws, int days);  // 1..60, else geo::Error

// Checkpoint dates: "" or YYYY-MM-DD; active on D when from <= D <= until (both inclusive).
bool isActiveOn(const Checkpoint& c, int day);
// A checkpoint's --from/--until text checked: "" clears, else exactly YYYY-MM-DD (geo::Error).
std::string checkedCheckpointDate(const std::string& text, const char* flag);
// The scenario as of `day`: only the checkpoints and closures active then.
Scenario scenarioAsOf(const Scenario& s, int day);
// "YYYY-MM-DD" -> day number, or geo::Error naming the flag.
int parseDayOption(const std::string& text, const char* flag);

// Returnee figures of one day. Status is what the latest batch says. Under observation:
// arrived in (D - period, D] and not released; released: arrived by D and either released or
// past the period (so returneesTotal = underObservation + released). Fever: arrived by D, flagged.
struct DailyReturnees {
    int day = 0;
    int64_t returneesTotal = 0, arrivedOnDate = 0, underObservation = 0, released = 0, fever = 0;
};
struct VillageDay {
    std::string village;  // "" for records that named none
    int64_t arrived = 0, underObservation = 0;
};
struct OriginDay {
    std::string origin;
    int64_t arrived = 0, arrivedOnDate = 0, underObservation = 0;
};

// Per-entry classification done once, so that many days cost one pass each.
class DailyCounter {
public:
    DailyCounter(const ReturneeCounts& counts, int observationDays);
    DailyReturnees figures(int day) const;
    std::vector<VillageDay> byVillage(int day) const;  // villages in counts order, then "" when any
    std::vector<OriginDay> byOrigin(int day) const;
    // Arrivals and under observation per day from `fromDay` to `toDay` inclusive: one pass over entries.
    std::vector<DailyReturnees> series(int fromDay, int toDay) const;
    const ReturneeCounts& counts() const { return counts_; }
    int observationDays() const { return period_; }
private:
    bool isUnder(const ReturneeCounts::Entry& e, int day) const {
        return e.day <= day && e.day > day - period_ && !released_[e.status];
    }
    const ReturneeCounts& counts_;
    int period_;
    std::vector<uint8_t> released_;  // per ReturneeCounts::statuses
};

}  // namespace geo
