// The rota's rules on a list of assignments (see rota_check.hpp). Deliberately shares nothing
// with the solver's model (rota.cpp, rota_index.hpp): it reads the rules as the planner states them.
#include "geo/rota/rota_check.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "geo/core/dates.hpp"

namespace geo {
namespace {

using SlotKey = std::tuple<int, int, int>;  // post, day, shift

struct Shift {
    double start, end;  // absolute hours
    const RotaAssignment* a;
};

void checkAssignments(const RotaProblem& pb, const std::vector<RotaAssignment>& as, std::vector<RotaBreak>& out,
                      std::map<SlotKey, int>& staffed, std::set<std::tuple<int64_t, int, int, int>>& seen) {
    std::map<int, const RotaPost*> posts;
    for (const auto& p : pb.posts) posts[p.number] = &p;
    std::map<int64_t, const RotaPerson*> people;
    for (const auto& p : pb.people) people[p.id] = &p;
    std::map<int64_t, std::vector<Shift>> hours;
    std::map<int64_t, std::map<int, int>> perDay;
    auto add = [&](RotaRule rule, const RotaAssignment& a) { out.push_back({rule, a.person, a.post, a.day, a.shift}); };
    for (const auto& a : as) {
        if (!seen.insert({a.person, a.post, a.day, a.shift}).second) { add(RotaRule::Twice, a); continue; }
        auto post = posts.find(a.post);
        auto person = people.find(a.person);
        if (post == posts.end() || person == people.end() || post->second->staffPerShift <= 0 || a.shift < 1 ||
            a.shift > post->second->shifts || a.day < pb.firstDay || a.day >= pb.firstDay + pb.days) {
            add(RotaRule::UnknownSlot, a);
            continue;
        }
        const auto& off = person->second->unavailableDays;
        if (std::find(off.begin(), off.end(), a.day) != off.end()) add(RotaRule::Unavailable, a);
        const int n = post->second->shifts;
        const double start = a.day * 24.0 + (a.shift - 1) * 24.0 / n;
        hours[a.person].push_back({start, start + 24.0 / n, &a});
        ++perDay[a.person][a.day];
        ++staffed[{a.post, a.day, a.shift}];
    }
    for (auto& [person, list] : hours) {
        std::sort(list.begin(), list.end(), [](const Shift& x, const Shift& y) { return x.start < y.start; });
        for (size_t i = 0; i < list.size(); ++i)
            for (size_t j = i + 1; j < list.size(); ++j) {
                if (list[j].start >= list[i].end + pb.rules.minRestHours) break;  // sorted: later ones start later still
                add(list[j].start < list[i].end ? RotaRule::TwoAtOnce : RotaRule::MinRest, *list[j].a);
            }
        int run = 0, last = -1000000;
        for (auto [day, count] : perDay[person]) {
            if (count > pb.rules.maxShiftsPerDay) out.push_back({RotaRule::MaxShiftsPerDay, person, 0, day, 0});
            run = day == last + 1 ? run + 1 : 1;
            last = day;
            if (run > pb.rules.maxDaysInARow) out.push_back({RotaRule::MaxDaysInARow, person, 0, day, 0});
        }
    }
}

void checkSlots(const RotaProblem& pb, const std::vector<RotaAssignment>& as, const std::map<SlotKey, int>& staffed,
                std::vector<RotaBreak>& out) {
    std::set<int64_t> leaders;
    for (const auto& p : pb.people)
        if (p.isLeader) leaders.insert(p.id);
    std::set<SlotKey> led;
    for (const auto& a : as)
        if (leaders.count(a.person)) led.insert({a.post, a.day, a.shift});
    std::map<int, const RotaPost*> posts;
    for (const auto& p : pb.posts) posts[p.number] = &p;
    for (const auto& [key, n] : staffed) {
        const auto [post, day, shift] = key;
        if (n > posts[post]->staffPerShift) out.push_back({RotaRule::Overstaffed, 0, post, day, shift});
        if (!leaders.empty() && !led.count(key)) out.push_back({RotaRule::LeaderPresent, 0, post, day, shift});
    }
}

using BreakKey = std::tuple<int, int64_t, int, int, int>;
BreakKey keyOf(const RotaBreak& b) { return {static_cast<int>(b.rule), b.person, b.post, b.day, b.shift}; }

// The breaks of `after` that `before` does not have (as many times as they are new).
std::vector<RotaBreak> newBreaks(const std::vector<RotaBreak>& before, const std::vector<RotaBreak>& after) {
    std::map<BreakKey, int> had;
    for (const auto& b : before) ++had[keyOf(b)];
    std::vector<RotaBreak> out;
    for (const auto& b : after)
        if (had[keyOf(b)]-- <= 0) out.push_back(b);
    return out;
}

}  // namespace

std::vector<RotaBreak> rotaBreaks(const RotaProblem& pb, const std::vector<RotaAssignment>& as) {
    std::vector<RotaBreak> out;
    std::map<SlotKey, int> staffed;
    std::set<std::tuple<int64_t, int, int, int>> seen;
    checkAssignments(pb, as, out, staffed, seen);
    checkSlots(pb, as, staffed, out);
    return out;
}

std::vector<RotaBreak> rotaBreaks(const RotaProblem& pb, const Rota& rota) {
    std::vector<RotaBreak> out;
    std::map<SlotKey, int> staffed;
    std::set<std::tuple<int64_t, int, int, int>> seen;
    checkAssignments(pb, rota.assignments, out, staffed, seen);
    checkSlots(pb, rota.assignments, staffed, out);
    for (const auto& l : pb.locks)
        if (!seen.count({l.person, l.post, l.day, l.shift})) out.push_back({RotaRule::LockLost, l.person, l.post, l.day, l.shift});
    std::map<SlotKey, int> said;
    for (const auto& s : rota.shortfall) {
        said[{s.post, s.day, s.shift}] += s.missing;
        if (s.reason.empty() || s.missing <= 0) out.push_back({RotaRule::Shortfall, 0, s.post, s.day, s.shift});
    }
    for (const auto& post : pb.posts)
        for (int d = pb.firstDay; d < pb.firstDay + pb.days && post.staffPerShift > 0; ++d)
            for (int k = 1; k <= post.shifts; ++k) {
                auto it = staffed.find({post.number, d, k});
                const int missing = std::max(0, post.staffPerShift - (it == staffed.end() ? 0 : it->second));
                auto s = said.find({post.number, d, k});
                if ((s == said.end() ? 0 : s->second) != missing) out.push_back({RotaRule::Shortfall, 0, post.number, d, k});
            }
    return out;
}

std::vector<RotaBreak> rotaBreaksAdding(const RotaProblem& pb, const std::vector<RotaAssignment>& as,
                                        const RotaAssignment& edit) {
    std::vector<RotaAssignment> after = as;
    after.push_back(edit);
    return newBreaks(rotaBreaks(pb, as), rotaBreaks(pb, after));
}

std::vector<RotaBreak> rotaBreaksAfterRemoving(const RotaProblem& pb, const std::vector<RotaAssignment>& as,
                                               const RotaAssignment& removed) {
    std::vector<RotaAssignment> after;
    for (const auto& a : as)
        if (!(a.person == removed.person && a.post == removed.post && a.day == removed.day && a.shift == removed.shift))
            after.push_back(a);
    return newBreaks(rotaBreaks(pb, as), rotaBreaks(pb, after));
}

const char* rotaRuleName(RotaRule rule) {
    switch (rule) {
        case RotaRule::UnknownSlot: return "no such post, shift or day";
        case RotaRule::Twice: return "already on this shift";
        case RotaRule::TwoAtOnce: return "two shifts at once";
        case RotaRule::MaxShiftsPerDay: return "max shifts per day";
        case RotaRule::MinRest: return "min rest";
        case RotaRule::MaxDaysInARow: return "max days in a row";
        case RotaRule::Unavailable: return "unavailable day";
        case RotaRule::Overstaffed: return "more than the staff per shift";
        case RotaRule::LockLost: return "lock lost";
        case RotaRule::Shortfall: return "shortfall misreported";
        case RotaRule::LeaderPresent: return "leader present";
    }
    return "?";
}

const char* rotaRuleNameZh(RotaRule rule) {
    switch (rule) {
        case RotaRule::UnknownSlot: return "无此卡口、班次或日期";
        case RotaRule::Twice: return "已在此班";
        case RotaRule::TwoAtOnce: return "同时两班";
        case RotaRule::MaxShiftsPerDay: return "每日班次超限";
        case RotaRule::MinRest: return "休息不足";
        case RotaRule::MaxDaysInARow: return "连续上班天数超限";
        case RotaRule::Unavailable: return "请假日";
        case RotaRule::Overstaffed: return "超出每班人数";
        case RotaRule::LockLost: return "锁定丢失";
        case RotaRule::Shortfall: return "缺员统计不符";
        case RotaRule::LeaderPresent: return "无带班组长";
    }
    return "?";
}

std::string describeBreak(const RotaProblem& pb, const RotaBreak& b) {
    std::string s = std::string(rotaRuleName(b.rule)) + " (" + rotaRuleNameZh(b.rule) + ")";
    std::string where;
    if (b.person != 0) {
        auto it = std::find_if(pb.people.begin(), pb.people.end(), [&](const RotaPerson& p) { return p.id == b.person; });
        where = it == pb.people.end() ? "person " + std::to_string(b.person) : it->name;
    }
    if (b.post != 0) where += (where.empty() ? "" : ", ") + std::string("post ") + std::to_string(b.post);
    if (b.day != 0) where += (where.empty() ? "" : ", ") + formatDay(b.day);
    if (b.shift != 0) where += " shift " + std::to_string(b.shift);
    return where.empty() ? s : s + ": " + where;
}

}  // namespace geo
