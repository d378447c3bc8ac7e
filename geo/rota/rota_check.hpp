// The rota's rules checked on any list of assignments, written from the rules and not from the
// solver's model: the tests check the solver with it and the GUI checks hand edits with it. The
// solver never calls it, so a test that passes is two independent readings agreeing.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/rota/rota.hpp"

namespace geo {

enum class RotaRule {
    UnknownSlot,      // no such person, post, shift or day in the period; or a closure staffed
    Twice,            // the same person listed twice on one shift
    TwoAtOnce,        // one person on two shifts that overlap
    MaxShiftsPerDay,
    MinRest,
    MaxDaysInARow,
    Unavailable,      // on a day the person is off
    Overstaffed,      // more people than the post's staff per shift
    LockLost,         // a manual lock not in the rota
    Shortfall,        // the rota's shortfall list does not say what is missing
    LeaderPresent,    // a staffed shift without a leader (a warning: the staff may not allow one)
};

struct RotaBreak {
    RotaRule rule = RotaRule::UnknownSlot;
    int64_t person = 0;  // 0 when the break is a slot's (overstaffed, no leader, shortfall)
    int post = 0, day = 0, shift = 0;
    bool isWarning() const { return rule == RotaRule::LeaderPresent; }
};

// Every break of the rules by `assignments`. With `rota`, also its locks and shortfall list.
std::vector<RotaBreak> rotaBreaks(const RotaProblem& problem, const std::vector<RotaAssignment>& assignments);
std::vector<RotaBreak> rotaBreaks(const RotaProblem& problem, const Rota& rota);

// What adding `edit` to `assignments` breaks that was not broken before (the breaks a hand
// edit causes). Removing is checked by rotaBreaksAfterRemoving.
std::vector<RotaBreak> rotaBreaksAdding(const RotaProblem& problem, const std::vector<RotaAssignment>& assignments,
                                        const RotaAssignment& edit);
std::vector<RotaBreak> rotaBreaksAfterRemoving(const RotaProblem& problem, const std::vector<RotaAssignment>& assignments,
                                               const RotaAssignment& removed);

const char* rotaRuleName(RotaRule rule);    // "min rest"
const char* rotaRuleNameZh(RotaRule rule);  // "休息不足"
// One line naming the rule and who and where: "min rest (休息不足): 张伟, post 2, 2020-01-26 shift 3".
std::string describeBreak(const RotaProblem& problem, const RotaBreak& b);

}  // namespace geo
