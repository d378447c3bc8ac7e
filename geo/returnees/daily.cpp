// Status and fever of returnee registers, the observation period, and the figures of one day.
#include "geo/returnees/daily.hpp"

#include <algorithm>
#include <cstdlib>

#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {
namespace {

struct StatusNames { const char* zh; const char* en; };
constexpr StatusNames kStatusNames[kReturneeStatusCount] = {
    {"居家观察", "home_observation"}, {"集中隔离", "central_isolation"}, {"解除观察", "released"},
    {"住院治疗", "hospital"}, {"其他", "other"}};

bool contains(std::string_view s, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (s.find(w) != std::string_view::npos) return true;
    return false;
}

std::string lowerAscii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

}  // namespace

const char* returneeStatusNameZh(ReturneeStatus s) { return kStatusNames[static_cast<size_t>(s)].zh; }
const char* returneeStatusName(ReturneeStatus s) { return kStatusNames[static_cast<size_t>(s)].en; }

ReturneeStatus classifyStatus(std::string_view text) {
    std::string t = lowerAscii(toHalfWidth(text));
    // Order matters: 解除隔离 is released, 居家隔离 is at home, 集中隔离 and a bare 隔离 are central.
    if (contains(t, {"解除", "期满", "已结束", "结束观察", "released", "release"})) return ReturneeStatus::Released;
    if (contains(t, {"住院", "医院", "治疗", "hospital"})) return ReturneeStatus::Hospital;
    if (contains(t, {"居家", "在家", "home"})) return ReturneeStatus::HomeObservation;
    if (contains(t, {"集中", "隔离", "central", "isolation"})) return ReturneeStatus::CentralIsolation;
    if (contains(t, {"观察", "observation"})) return ReturneeStatus::HomeObservation;
    for (size_t i = 0; i < kReturneeStatusCount; ++i)
        if (t == kStatusNames[i].en) return static_cast<ReturneeStatus>(i);
    return ReturneeStatus::Other;
}

bool isFeverCell(std::string_view text) {
    std::string t = lowerAscii(toHalfWidth(text));
    t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
    if (t.empty()) return false;
    if ((t[0] >= '0' && t[0] <= '9') && t.size() > 1) {
        char* end = nullptr;
        double v = std::strtod(t.c_str(), &end);
        // A temperature in °C (35..43); "1" and "0" fall through to the yes/no reading.
        if (v >= 30 && v <= 45) return v >= kFeverCelsius - 1e-9;
    }
    if (contains(t, {"否", "无", "正常", "不"})) return false;
    return t == "1" || t == "y" || t == "yes" || t == "true" || t == "是" || t == "有" || contains(t, {"发热", "发烧", "√", "fever"});
}

int observationDays(const Workspace& ws) {
    int n = std::atoi(ws.meta("observation_days").c_str());
    return n > 0 ? n : kDefaultObservationDays;
}

void setObservationDays(Workspace& ws, int days) {
    if (days < 1 || days > 60) throw Error("--observation-days must be between 1 and 60, not " + std::to_string(days));
    ws.setMeta("observation_days", std::to_string(days));
}

bool isActiveOn(const Checkpoint& c, int day) {
    int d = 0;
    if (!c.activeFrom.empty() && parseIsoDay(c.activeFrom, d) && day < d) return false;
    if (!c.activeUntil.empty() && parseIsoDay(c.activeUntil, d) && day > d) return false;
    return true;
}

int parseDayOption(const std::string& text, const char* flag) {
    int d = 0;
    if (!parseIsoDay(text, d)) throw Error(std::string(flag) + " '" + text + "' is not a date (YYYY-MM-DD)");
    return d;
}

std::string checkedCheckpointDate(const std::string& text, const char* flag) {
    if (text.empty()) return text;
    return formatDay(parseDayOption(text, flag));
}

Scenario scenarioAsOf(const Scenario& s, int day) {
    Scenario out = s;
    std::erase_if(out.checkpoints, [&](const Checkpoint& c) { return !isActiveOn(c, day); });
    return out;
}

DailyCounter::DailyCounter(const ReturneeCounts& counts, int observationDays) : counts_(counts), period_(observationDays) {
    for (const auto& s : counts.statuses) released_.push_back(classifyStatus(s) == ReturneeStatus::Released);
}

DailyReturnees DailyCounter::figures(int day) const {
    DailyReturnees f;
    f.day = day;
    for (const auto& e : counts_.entries) {
        if (e.day > day) continue;
        f.returneesTotal += e.count;
        if (e.day == day) f.arrivedOnDate += e.count;
        if (isUnder(e, day)) f.underObservation += e.count;
        if (e.fever) f.fever += e.count;
    }
    f.released = f.returneesTotal - f.underObservation;
    return f;
}

std::vector<VillageDay> DailyCounter::byVillage(int day) const {
    std::vector<VillageDay> out(counts_.villages.size() + 1);
    for (size_t v = 0; v < counts_.villages.size(); ++v) out[v].village = counts_.villages[v];
    for (const auto& e : counts_.entries) {
        if (e.day > day) continue;
        VillageDay& v = e.village < 0 ? out.back() : out[static_cast<size_t>(e.village)];
        v.arrived += e.count;
        if (isUnder(e, day)) v.underObservation += e.count;
    }
    if (out.back().arrived == 0) out.pop_back();
    return out;
}

std::vector<OriginDay> DailyCounter::byOrigin(int day) const {
    std::vector<OriginDay> out(counts_.origins.size());
    for (size_t o = 0; o < out.size(); ++o) out[o].origin = counts_.origins[o];
    for (const auto& e : counts_.entries) {
        if (e.day > day) continue;
        OriginDay& o = out[e.origin];
        o.arrived += e.count;
        if (e.day == day) o.arrivedOnDate += e.count;
        if (isUnder(e, day)) o.underObservation += e.count;
    }
    return out;
}

std::vector<DailyReturnees> DailyCounter::series(int fromDay, int toDay) const {
    if (toDay < fromDay) return {};
    const size_t n = static_cast<size_t>(toDay - fromDay + 1);
    // Per arrival day (clamped into the range): arrivals, and the not-released and fever counts;
    // then running sums give the totals, and a window of `period` days the people under observation.
    std::vector<int64_t> arrived(n, 0), notReleased(n, 0), fever(n, 0);
    int64_t before = 0, beforeFever = 0;
    std::vector<int64_t> earlyNotReleased;  // arrivals before fromDay still inside a window reaching it
    earlyNotReleased.assign(static_cast<size_t>(std::max(period_, 1)), 0);
    for (const auto& e : counts_.entries) {
        if (e.day > toDay) continue;
        bool notRel = !released_[e.status];
        if (e.day < fromDay) {
            before += e.count;
            if (e.fever) beforeFever += e.count;
            int back = fromDay - e.day;  // 1.. ; still observed on fromDay + k while back + k < period
            if (notRel && back < period_) earlyNotReleased[static_cast<size_t>(back)] += e.count;
            continue;
        }
        size_t i = static_cast<size_t>(e.day - fromDay);
        arrived[i] += e.count;
        if (notRel) notReleased[i] += e.count;
        if (e.fever) fever[i] += e.count;
    }
    std::vector<DailyReturnees> out(n);
    int64_t total = before, feverTotal = beforeFever, window = 0;
    for (size_t b = 1; b < earlyNotReleased.size(); ++b) window += earlyNotReleased[b];
    for (size_t i = 0; i < n; ++i) {
        DailyReturnees& f = out[i];
        f.day = fromDay + static_cast<int>(i);
        total += arrived[i];
        feverTotal += fever[i];
        window += notReleased[i];
        // Leaving the window today: arrived on day - period (inside the range or before it).
        if (i >= static_cast<size_t>(period_)) window -= notReleased[i - static_cast<size_t>(period_)];
        else {
            size_t back = static_cast<size_t>(period_) - i;  // arrival fromDay - back left today
            if (back < earlyNotReleased.size()) window -= earlyNotReleased[back];
        }
        f.returneesTotal = total;
        f.arrivedOnDate = arrived[i];
        f.underObservation = window;
        f.released = total - window;
        f.fever = feverTotal;
    }
    return out;
}

}  // namespace geo
