// The rota solver: a mixed-integer programme solved by CBC (Debian coinor-libcbc).
//
// Design
// - Staff are the command post's own people (geo/rota/staff.*, table cordon_staff); the solver sees
//   only ids, names, districts and the leader/medical flags. Phones never reach it.
// - A slot is (post, day, shift) with need = staffPerShift (closures have none). Shift k of n
//   covers hours [(k-1)*24/n, k*24/n); every time is absolute hours from the first day, so posts
//   with different shift counts mix and rest is measured across midnight.
// - Variables: x[p,s] binary for each person p who may stand at slot s (available that day, the
//   post among the person's nearest when posts are many, no clash with fixed assignments);
//   u[s] in [0,need] people missing; v[s] in [0,1] no leader; w[s] in [0,1] no medical person at
//   a temperature-check post; y[p,d] binary works on day d; hi, lo: most and fewest shifts.
// - Rows: sum_p x + u = need; sum_leaders x + v >= 1; sum_medical x + w >= 1; rest: for each
//   person and each shift interval a, the intervals b starting in [start_a, end_a + rest) clash
//   with a: one clique row when they clash pairwise (always so when all posts share a shift
//   count), otherwise a row per pair; sum_day x <= maxShiftsPerDay * y; every run of
//   maxDaysInARow+1 days has sum y <= maxDaysInARow (fixed days counted); hi >= count_p,
//   lo <= count_p (lo over people available every day).
// - Objective (RotaRules): lexicographic by weights: missing people, then leaders, medical,
//   spread (hi - lo), travel (outside one's district).
// - Decomposition: the whole period in one MIP while it has at most wholePeriodLimit x
//   variables (small cases; tested optimal against brute force). Beyond that one MIP per day,
//   earlier days fixed; fairness then also costs each x by the shifts its person already has,
//   and future locks are fixed constraints (rest and days in a row), so no later lock becomes
//   impossible. The bound then is the sum of the days' bounds given the days before, not a
//   bound on the whole period; Rota::isWholePeriod says which.
// - Many posts (2,000 staff x 600 posts): each person is offered only the candidatePosts
//   nearest posts (own district first), which keeps a day at ~2000*24*3 variables.
// - Shortfall: for each slot short, the people who could not stand there are counted by the
//   rule that stops them, and the reason names the rule that stops most of them.
#include "geo/rota/rota.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/rota/min_cost_flow.hpp"
#include "geo/rota/rota_index.hpp"
#include "geo/rota/rota_mip.hpp"

namespace geo {
using namespace rota_detail;
namespace {

struct PersonState {  // what is already decided for one person
    std::vector<Fixed> fixed;
    std::vector<char> worked;  // per day of the period
    int shifts = 0;            // count on days before the window
};

class Solver {
public:
    explicit Solver(const RotaProblem& pb) : pb_(pb), ix_(pb) {}

    Rota run();

private:
    void checkLocks();
    void solveWindow(int d0, int d1, double seconds, bool isDaily, Rota& rota);
    void flowDay(int d);
    bool canFlow() const;
    // What is decided outside days [d0, d1): earlier days and locks after them.
    void decided(int d0, int d1, std::vector<std::vector<Fixed>>& fixedOf, std::vector<std::vector<char>>& workedOf) const;
    bool mayStand(int p, int s, const std::vector<Fixed>& fixed, bool& isLocked) const;
    void record(int p, int s);  // person p stands at slot s
    void describeShortfall(Rota& rota);

    const RotaProblem& pb_;
    Index ix_;
    std::vector<PersonState> state_;
    std::vector<std::vector<int>> lockedSlotsOf_;  // [person] slots
    std::vector<std::vector<int>> assigned_;       // [slot] people
};

void Solver::checkLocks() {
    const RotaRules& r = pb_.rules;
    lockedSlotsOf_.assign(pb_.people.size(), {});
    for (const RotaLock& l : pb_.locks) {
        auto pi = ix_.personById.find(l.person);
        if (pi == ix_.personById.end()) throw Error("lock: no staff member with id " + std::to_string(l.person));
        auto po = ix_.postByNumber.find(l.post);
        if (po == ix_.postByNumber.end()) throw Error("lock: no checkpoint number " + std::to_string(l.post));
        const RotaPost& post = pb_.posts[static_cast<size_t>(po->second)];
        const std::string who = pb_.people[static_cast<size_t>(pi->second)].name;
        const std::string what = "lock " + who + " at post " + std::to_string(l.post) + " on " + formatDay(l.day) +
                                 " shift " + std::to_string(l.shift);
        if (post.staffPerShift <= 0) throw Error(what + ": the post is a closure or has no staff");
        if (l.shift < 1 || l.shift > post.shifts) throw Error(what + ": the post has " + std::to_string(post.shifts) + " shifts");
        const int d = l.day - pb_.firstDay;
        if (d < 0 || d >= pb_.days) continue;  // outside the period: not part of this solve
        if (ix_.unavailable[static_cast<size_t>(pi->second)][static_cast<size_t>(d)]) throw Error(what + ": unavailable that day");
        for (int s : ix_.slotsByDay[static_cast<size_t>(d)]) {
            const Slot& slot = ix_.slots[static_cast<size_t>(s)];
            if (slot.post == po->second && slot.shift == l.shift) lockedSlotsOf_[static_cast<size_t>(pi->second)].push_back(s);
        }
    }
    for (size_t p = 0; p < pb_.people.size(); ++p) {
        auto& mine = lockedSlotsOf_[p];
        std::sort(mine.begin(), mine.end());
        mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
        std::map<int, int> perDay;
        for (size_t a = 0; a < mine.size(); ++a) {
            const Slot& sa = ix_.slots[static_cast<size_t>(mine[a])];
            if (++perDay[sa.day] > r.maxShiftsPerDay)
                throw Error("locks: " + pb_.people[p].name + " has more than " + std::to_string(r.maxShiftsPerDay) +
                            " shift(s) on " + formatDay(pb_.firstDay + sa.day));
            for (size_t b = a + 1; b < mine.size(); ++b) {
                const Slot& sb = ix_.slots[static_cast<size_t>(mine[b])];
                if (clashes(sa.start, sa.end, sb.start, sb.end, r.minRestHours))
                    throw Error("locks: " + pb_.people[p].name + " has two shifts less than " +
                                std::to_string(static_cast<int>(r.minRestHours)) + " h apart on " +
                                formatDay(pb_.firstDay + sa.day));
            }
        }
        int run = 0, last = -2;
        for (auto [day, n] : perDay) {
            run = day == last + 1 ? run + 1 : 1;
            last = day;
            if (run > r.maxDaysInARow)
                throw Error("locks: " + pb_.people[p].name + " is locked on more than " + std::to_string(r.maxDaysInARow) +
                            " days in a row");
        }
    }
}

using Terms = std::vector<std::pair<int, double>>;

void Solver::decided(int d0, int d1, std::vector<std::vector<Fixed>>& fixedOf,
                     std::vector<std::vector<char>>& workedOf) const {
    fixedOf.assign(pb_.people.size(), {});
    workedOf.assign(pb_.people.size(), {});
    for (size_t p = 0; p < pb_.people.size(); ++p) {
        fixedOf[p] = state_[p].fixed;
        workedOf[p] = state_[p].worked;
        for (int s : lockedSlotsOf_[p]) {
            const Slot& slot = ix_.slots[static_cast<size_t>(s)];
            if (slot.day < d1) continue;  // in the window, or already in the history
            fixedOf[p].push_back({slot.day, slot.start, slot.end});
            workedOf[p][static_cast<size_t>(slot.day)] = 1;
        }
        (void)d0;
    }
}

// Whether person p may be offered slot s given what is decided: available, offered the post, no
// clash of rest or shifts per day with a decided shift (days in a row are the caller's: rows in
// the MIP, a filter in the flow). Locked slots are always offered.
bool Solver::mayStand(int p, int s, const std::vector<Fixed>& fixed, bool& isLocked) const {
    const RotaRules& r = pb_.rules;
    const Slot& slot = ix_.slots[static_cast<size_t>(s)];
    const auto& locked = lockedSlotsOf_[static_cast<size_t>(p)];
    isLocked = std::binary_search(locked.begin(), locked.end(), s);
    if (isLocked) return true;
    if (ix_.unavailable[static_cast<size_t>(p)][static_cast<size_t>(slot.day)]) return false;
    if (!ix_.candidate[static_cast<size_t>(p)][static_cast<size_t>(slot.post)]) return false;
    int sameDay = 0;
    for (const Fixed& f : fixed) {
        if (clashes(f.start, f.end, slot.start, slot.end, r.minRestHours)) return false;
        sameDay += f.day == slot.day;
    }
    return sameDay < r.maxShiftsPerDay;
}

// One shift a day at most (the rule, or every two shifts of a day clash): a day is then a
// transportation problem, solved exactly as a min-cost flow.
bool Solver::canFlow() const {
    if (pb_.rules.maxShiftsPerDay == 1) return true;
    std::set<std::pair<double, double>> hours;
    for (const RotaPost& post : pb_.posts)
        for (int k = 1; k <= post.shifts && post.staffPerShift > 0; ++k)
            hours.insert({shiftStartHour(k, post.shifts), shiftEndHour(k, post.shifts)});
    for (const auto& a : hours)
        for (const auto& b : hours)
            if (a < b && !clashes(a.first, a.second, b.first, b.second, pb_.rules.minRestHours)) return false;
    return true;
}

void Solver::flowDay(int d) {
    const RotaRules& r = pb_.rules;
    const int nPeople = static_cast<int>(pb_.people.size());
    std::vector<std::vector<Fixed>> fixedOf;
    std::vector<std::vector<char>> workedOf;
    decided(d, d + 1, fixedOf, workedOf);
    const auto& daySlots = ix_.slotsByDay[static_cast<size_t>(d)];
    // Locks first: their people are done for the day, their seats taken.
    std::vector<char> busy(static_cast<size_t>(nPeople), 0);
    std::vector<int> need(daySlots.size());
    std::vector<char> hasLeader(daySlots.size(), 0), hasMedical(daySlots.size(), 0);
    for (size_t i = 0; i < daySlots.size(); ++i) need[i] = ix_.slots[static_cast<size_t>(daySlots[i])].need;
    for (int p = 0; p < nPeople; ++p)
        for (int s : lockedSlotsOf_[static_cast<size_t>(p)]) {
            const auto at = std::find(daySlots.begin(), daySlots.end(), s);
            if (at == daySlots.end()) continue;
            const size_t i = static_cast<size_t>(at - daySlots.begin());
            record(p, s);
            busy[static_cast<size_t>(p)] = 1;
            --need[i];
            hasLeader[i] |= pb_.people[static_cast<size_t>(p)].isLeader;
            hasMedical[i] |= pb_.people[static_cast<size_t>(p)].isMedical;
        }
    // Nodes in layer order: source, people, leader and medical seats, slots, sink.
    const int nSlots = static_cast<int>(daySlots.size());
    const int firstSeat = 1 + nPeople, firstSlot = firstSeat + 2 * nSlots, sink = firstSlot + nSlots;
    MinCostFlow flow(sink + 1);
    auto scaled = [](double cost) { return static_cast<int64_t>(std::llround(cost * 10)); };
    int minShifts = 1 << 30;
    for (const PersonState& st : state_) minShifts = std::min(minShifts, st.shifts);
    struct Use { int arc, person, slot; };
    std::vector<Use> uses;
    for (int p = 0; p < nPeople; ++p) {
        if (busy[static_cast<size_t>(p)]) continue;
        const auto& worked = workedOf[static_cast<size_t>(p)];
        int left = 0, right = 0;
        for (int k = d - 1; k >= 0 && worked[static_cast<size_t>(k)]; --k) ++left;
        for (int k = d + 1; k < pb_.days && worked[static_cast<size_t>(k)]; ++k) ++right;
        if (left + right + 1 > r.maxDaysInARow) continue;
        flow.addArc(0, 1 + p, 1, scaled(r.spreadWeight * (state_[static_cast<size_t>(p)].shifts - minShifts)));
        const RotaPerson& person = pb_.people[static_cast<size_t>(p)];
        for (int i = 0; i < nSlots; ++i) {
            const int s = daySlots[static_cast<size_t>(i)];
            bool isLocked = false;
            if (need[static_cast<size_t>(i)] <= 0 ||
                !mayStand(p, s, fixedOf[static_cast<size_t>(p)], isLocked) || isLocked)
                continue;
            const int64_t travel = scaled(r.travelWeight * ix_.travel[static_cast<size_t>(p)][static_cast<size_t>(ix_.slots[static_cast<size_t>(s)].post)]);
            uses.push_back({flow.addArc(1 + p, firstSlot + i, 1, travel), p, s});
            if (person.isLeader && !hasLeader[static_cast<size_t>(i)])
                uses.push_back({flow.addArc(1 + p, firstSeat + 2 * i, 1, travel), p, s});
            if (person.isMedical && !hasMedical[static_cast<size_t>(i)] && pb_.posts[static_cast<size_t>(ix_.slots[static_cast<size_t>(s)].post)].needsMedical)
                uses.push_back({flow.addArc(1 + p, firstSeat + 2 * i + 1, 1, travel), p, s});
        }
    }
    for (int i = 0; i < nSlots; ++i) {
        if (need[static_cast<size_t>(i)] <= 0) continue;
        flow.addArc(firstSeat + 2 * i, firstSlot + i, 1, -scaled(r.leaderWeight));
        flow.addArc(firstSeat + 2 * i + 1, firstSlot + i, 1, -scaled(r.medicalWeight));
        flow.addArc(firstSlot + i, sink, need[static_cast<size_t>(i)], -scaled(r.shortWeight));
    }
    flow.run(0, sink);
    for (const Use& u : uses)
        if (flow.flow(u.arc) > 0) record(u.person, u.slot);
}

void Solver::record(int p, int s) {
    const Slot& slot = ix_.slots[static_cast<size_t>(s)];
    PersonState& st = state_[static_cast<size_t>(p)];
    st.fixed.push_back({slot.day, slot.start, slot.end});
    st.worked[static_cast<size_t>(slot.day)] = 1;
    ++st.shifts;
    assigned_[static_cast<size_t>(s)].push_back(p);
}

void Solver::solveWindow(int d0, int d1, double seconds, bool isDaily, Rota& rota) {
    const RotaRules& r = pb_.rules;
    const int nPeople = static_cast<int>(pb_.people.size());
    Mip mip;
    struct XVar { int col, person, slot; };
    std::vector<XVar> xs;
    std::vector<std::vector<int>> xOfPerson(static_cast<size_t>(nPeople));
    std::vector<std::vector<Fixed>> fixedOf;
    std::vector<std::vector<char>> workedOf;
    decided(d0, d1, fixedOf, workedOf);
    int minShifts = 1 << 30;
    for (const PersonState& st : state_) minShifts = std::min(minShifts, st.shifts);
    // x: who may stand where.
    std::vector<std::vector<int>> xOfSlot(ix_.slots.size());
    for (int d = d0; d < d1; ++d)
        for (int s : ix_.slotsByDay[static_cast<size_t>(d)]) {
            const Slot& slot = ix_.slots[static_cast<size_t>(s)];
            for (int p = 0; p < nPeople; ++p) {
                bool isLocked = false;
                if (!mayStand(p, s, fixedOf[static_cast<size_t>(p)], isLocked)) continue;
                double cost = r.travelWeight * ix_.travel[static_cast<size_t>(p)][static_cast<size_t>(slot.post)];
                if (isDaily) cost += r.spreadWeight * 0.2 * (state_[static_cast<size_t>(p)].shifts - minShifts);
                const int col = mip.addCol(isLocked ? 1 : 0, 1, cost, true);
                xs.push_back({col, p, s});
                xOfPerson[static_cast<size_t>(p)].push_back(static_cast<int>(xs.size()) - 1);
                xOfSlot[static_cast<size_t>(s)].push_back(static_cast<int>(xs.size()) - 1);
            }
        }
    // Slots: cover, leader, medical.
    for (int d = d0; d < d1; ++d)
        for (int s : ix_.slotsByDay[static_cast<size_t>(d)]) {
            const Slot& slot = ix_.slots[static_cast<size_t>(s)];
            Terms cover, leaders, medical;
            for (int xi : xOfSlot[static_cast<size_t>(s)]) {
                const XVar& x = xs[static_cast<size_t>(xi)];
                cover.push_back({x.col, 1});
                if (pb_.people[static_cast<size_t>(x.person)].isLeader) leaders.push_back({x.col, 1});
                if (pb_.people[static_cast<size_t>(x.person)].isMedical) medical.push_back({x.col, 1});
            }
            cover.push_back({mip.addCol(0, slot.need, r.shortWeight, true), 1});
            mip.addRow(cover, slot.need, slot.need);
            leaders.push_back({mip.addCol(0, 1, r.leaderWeight, true), 1});
            mip.addRow(leaders, 1, 1e30);
            if (pb_.posts[static_cast<size_t>(slot.post)].needsMedical) {
                medical.push_back({mip.addCol(0, 1, r.medicalWeight, true), 1});
                mip.addRow(medical, 1, 1e30);
            }
        }
    // People: rest, shifts per day, days in a row, fairness.
    const int hi = mip.addCol(0, 1e6, r.spreadWeight, true);  // integral: branching on it is what closes the LP's gap
    bool anyFull = false;
    for (int p = 0; p < nPeople; ++p) anyFull |= ix_.fullyAvailable[static_cast<size_t>(p)] != 0;
    const int lo = mip.addCol(0, anyFull ? 1e6 : 0, -r.spreadWeight, true);
    for (int p = 0; p < nPeople; ++p) {
        const auto& mine = xOfPerson[static_cast<size_t>(p)];
        const double before = state_[static_cast<size_t>(p)].shifts;
        Terms count;
        for (int xi : mine) count.push_back({xs[static_cast<size_t>(xi)].col, 1});
        Terms hiRow = count, loRow = count;
        hiRow.push_back({hi, -1});
        mip.addRow(hiRow, -1e30, -before);
        if (ix_.fullyAvailable[static_cast<size_t>(p)]) {
            loRow.push_back({lo, -1});
            mip.addRow(loRow, -before, 1e30);
        }
        if (mine.empty()) continue;
        std::map<std::pair<double, double>, Terms> byInterval;
        std::map<int, Terms> byDay;
        for (int xi : mine) {
            const Slot& slot = ix_.slots[static_cast<size_t>(xs[static_cast<size_t>(xi)].slot)];
            byInterval[{slot.start, slot.end}].push_back({xs[static_cast<size_t>(xi)].col, 1});
            byDay[slot.day].push_back({xs[static_cast<size_t>(xi)].col, 1});
        }
        std::vector<std::pair<std::pair<double, double>, Terms*>> ints;
        for (auto& [key, terms] : byInterval) ints.push_back({key, &terms});
        for (size_t a = 0; a < ints.size(); ++a) {
            std::vector<size_t> group{a};
            for (size_t b = a + 1; b < ints.size() && ints[b].first.first < ints[a].first.second + r.minRestHours; ++b)
                group.push_back(b);
            bool isClique = true;
            for (size_t i = 0; i < group.size(); ++i)
                for (size_t j = i + 1; j < group.size(); ++j) {
                    const auto& ki = ints[group[i]].first;
                    const auto& kj = ints[group[j]].first;
                    isClique &= clashes(ki.first, ki.second, kj.first, kj.second, r.minRestHours);
                }
            auto rowOf = [&](std::initializer_list<size_t> which, const std::vector<size_t>* all) {
                Terms row;
                if (all) for (size_t g : *all) row.insert(row.end(), ints[g].second->begin(), ints[g].second->end());
                for (size_t g : which) row.insert(row.end(), ints[g].second->begin(), ints[g].second->end());
                if (row.size() > 1) mip.addRow(row, -1e30, 1);
            };
            if (isClique) rowOf({}, &group);
            else {
                rowOf({a}, nullptr);
                for (size_t g = 1; g < group.size(); ++g) rowOf({a, group[g]}, nullptr);
            }
        }
        std::map<int, int> yOf;
        for (auto& [day, terms] : byDay) {
            const int y = mip.addCol(0, 1, 0, true);
            yOf[day] = y;
            Terms row = terms;
            row.push_back({y, -static_cast<double>(r.maxShiftsPerDay)});
            mip.addRow(row, -1e30, 0);
        }
        const int n = r.maxDaysInARow;
        for (int a = d0 - n; a < d1; ++a) {
            int constant = 0;
            Terms row;
            for (int d = a; d <= a + n; ++d) {
                if (d < 0 || d >= pb_.days) continue;
                if (d >= d0 && d < d1) {
                    if (auto it = yOf.find(d); it != yOf.end()) row.push_back({it->second, 1});
                } else {
                    constant += workedOf[static_cast<size_t>(p)][static_cast<size_t>(d)];
                }
            }
            if (!row.empty() && constant + static_cast<int>(row.size()) > n)
                mip.addRow(row, -1e30, std::max(0, n - constant));
        }
    }
    std::vector<double> sol;
    double objective = 0, bound = 0;
    mip.solve(seconds, sol, objective, bound);
    if (isDaily) {
        rota.gap = std::max(rota.gap, (objective - bound) / std::max(1.0, std::fabs(objective)));
    } else {
        rota.bound = bound;
    }
    for (const XVar& x : xs)
        if (sol[static_cast<size_t>(x.col)] >= 0.5) record(x.person, x.slot);
}

void Solver::describeShortfall(Rota& rota) {
    const RotaRules& r = pb_.rules;
    const int nPeople = static_cast<int>(pb_.people.size());
    std::vector<std::vector<int>> slotsOf(static_cast<size_t>(nPeople));
    for (size_t s = 0; s < assigned_.size(); ++s)
        for (int p : assigned_[s]) slotsOf[static_cast<size_t>(p)].push_back(static_cast<int>(s));
    for (size_t s = 0; s < ix_.slots.size(); ++s) {
        const Slot& slot = ix_.slots[s];
        const int missing = slot.need - static_cast<int>(assigned_[s].size());
        if (missing <= 0) continue;
        enum { Unavailable, SameTime, Rest, PerDay, InARow, Far, Free, Count };
        int count[Count] = {};
        for (int p = 0; p < nPeople; ++p) {
            if (std::find(assigned_[s].begin(), assigned_[s].end(), p) != assigned_[s].end()) continue;
            const auto& mine = slotsOf[static_cast<size_t>(p)];
            bool overlap = false, rest = false;
            int sameDay = 0;
            for (int o : mine) {
                const Slot& other = ix_.slots[static_cast<size_t>(o)];
                overlap |= clashes(other.start, other.end, slot.start, slot.end, 0);
                rest |= clashes(other.start, other.end, slot.start, slot.end, r.minRestHours);
                sameDay += other.day == slot.day;
            }
            const auto& worked = state_[static_cast<size_t>(p)].worked;
            int left = 0, right = 0;
            for (int d = slot.day - 1; d >= 0 && worked[static_cast<size_t>(d)]; --d) ++left;
            for (int d = slot.day + 1; d < pb_.days && worked[static_cast<size_t>(d)]; ++d) ++right;
            const int why = ix_.unavailable[static_cast<size_t>(p)][static_cast<size_t>(slot.day)] ? Unavailable
                            : overlap                                                   ? SameTime
                            : rest                                                      ? Rest
                            : sameDay >= r.maxShiftsPerDay                              ? PerDay
                            : !worked[static_cast<size_t>(slot.day)] && left + right + 1 > r.maxDaysInARow ? InARow
                            : !ix_.candidate[static_cast<size_t>(p)][static_cast<size_t>(slot.post)]        ? Far
                                                                                                              : Free;
            ++count[why];
        }
        const std::string tail = "; " + std::to_string(count[Unavailable]) + " unavailable, " +
                                 std::to_string(count[SameTime]) + " on duty at the same time";
        int best = Rest;
        for (int k : {PerDay, InARow, Far, Free})
            if (count[k] > count[best]) best = k;
        std::string reason;
        if (count[best] == 0) {
            reason = "staff: all " + std::to_string(nPeople) + " people are on duty at this time or unavailable" + tail;
        } else {
            const std::string n = std::to_string(count[best]) + " people";
            switch (best) {
            case Rest: reason = "min rest: " + n + " free at this hour have a shift less than " +
                                std::to_string(static_cast<int>(r.minRestHours)) + " h before or after"; break;
            case PerDay: reason = "shifts per day: " + n + " already have " + std::to_string(r.maxShiftsPerDay) +
                                  " shift(s) that day"; break;
            case InARow: reason = "max days in a row: " + n + " would work more than " +
                                  std::to_string(r.maxDaysInARow) + " days in a row"; break;
            case Far: reason = "distance: " + n + " are not offered this post (not among their nearest)"; break;
            default: reason = "time limit: " + n + " could still stand here"; break;
            }
            reason += tail;
        }
        rota.shortfall.push_back({pb_.posts[static_cast<size_t>(slot.post)].number, pb_.firstDay + slot.day, slot.shift,
                                  missing, reason});
    }
}

Rota Solver::run() {
    const auto t0 = std::chrono::steady_clock::now();
    if (pb_.days < 1 || pb_.days > 366) throw Error("the rota needs between 1 and 366 days");
    const RotaRules& r = pb_.rules;
    if (r.minRestHours < 0 || r.maxDaysInARow < 1 || r.maxShiftsPerDay < 1)
        throw Error("rota rules: min rest must be 0 h or more, days in a row and shifts per day at least 1");
    checkLocks();
    state_.assign(pb_.people.size(), PersonState{{}, std::vector<char>(static_cast<size_t>(pb_.days), 0), 0});
    assigned_.assign(ix_.slots.size(), {});
    int64_t variables = 0;
    for (const Slot& slot : ix_.slots)
        for (size_t p = 0; p < pb_.people.size(); ++p)
            variables += !ix_.unavailable[p][static_cast<size_t>(slot.day)] && ix_.candidate[p][static_cast<size_t>(slot.post)];
    Rota rota;
    rota.isWholePeriod = variables <= r.wholePeriodLimit;
    if (rota.isWholePeriod) {
        solveWindow(0, pb_.days, r.timeLimitSeconds, false, rota);
    } else {
        const bool isFlow = canFlow();
        for (int d = 0; d < pb_.days; ++d) {
            if (isFlow) flowDay(d);
            else solveWindow(d, d + 1, r.timeLimitSeconds / pb_.days, true, rota);
        }
    }
    for (size_t s = 0; s < ix_.slots.size(); ++s) {
        const Slot& slot = ix_.slots[s];
        for (int p : assigned_[s])
            rota.assignments.push_back({pb_.people[static_cast<size_t>(p)].id, pb_.posts[static_cast<size_t>(slot.post)].number,
                                        pb_.firstDay + slot.day, slot.shift});
    }
    std::sort(rota.assignments.begin(), rota.assignments.end(), [](const RotaAssignment& a, const RotaAssignment& b) {
        return std::tie(a.day, a.shift, a.post, a.person) < std::tie(b.day, b.shift, b.post, b.person);
    });
    describeShortfall(rota);
    rota.objective = rotaObjective(pb_, rota.assignments);
    if (rota.isWholePeriod) rota.gap = std::max(0.0, (rota.objective - rota.bound) / std::max(1.0, std::fabs(rota.objective)));
    else rota.bound = rota.gap = std::nan("");  // no bound on the whole period
    rota.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return rota;
}

}  // namespace

Rota solveRota(const RotaProblem& problem) { return Solver(problem).run(); }

}  // namespace geo
