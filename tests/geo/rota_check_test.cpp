// The rota's rule checker on hand-made rotas: a valid one passes, and each rule broken once is
// reported once, under that rule, at the person and place that break it; hand edits see only
// what they newly break.
#include <doctest/doctest.h>

#include <algorithm>

#include "geo/rota/rota_check.hpp"

namespace {

constexpr int kDay0 = 18286;  // 2020-01-25

// Two posts of 1 person a shift: post 1 with 3 shifts of 8 h, post 2 with 2 shifts of 12 h;
// three people (one a leader, one off on day 2); rest 12 h, 1 shift a day, 3 days in a row.
geo::RotaProblem problem() {
    geo::RotaProblem pb;
    pb.firstDay = kDay0;
    pb.days = 7;
    pb.posts = {{1, "北口", "东片", 1, 3, false}, {2, "东垣村口", "东片", 1, 2, false}, {3, "封路", "", 0, 1, false}};
    pb.people = {{10, "张伟", "东片", true, false, {}}, {11, "李娜", "东片", false, false, {kDay0 + 2}},
                 {12, "王强", "西片", false, false, {}}};
    pb.rules.minRestHours = 12;
    pb.rules.maxShiftsPerDay = 1;
    pb.rules.maxDaysInARow = 3;
    return pb;
}

std::vector<geo::RotaBreak> hard(const std::vector<geo::RotaBreak>& v) {
    std::vector<geo::RotaBreak> out;
    for (const auto& b : v)
        if (!b.isWarning()) out.push_back(b);
    return out;
}

}  // namespace

TEST_CASE("a rota that keeps every rule has no breaks") {
    const geo::RotaProblem pb = problem();
    // 张伟 leads post 1 shift 1 on days 0-2, 王强 post 2 shift 2 on days 0-2 (12 h rest kept: 12:00-24:00, next 12:00).
    std::vector<geo::RotaAssignment> as;
    for (int d = 0; d < 3; ++d) {
        as.push_back({10, 1, kDay0 + d, 1});
        as.push_back({12, 2, kDay0 + d, 2});
    }
    CHECK(hard(geo::rotaBreaks(pb, as)).empty());
    // Only the leader rule warns: post 2's shifts have no leader.
    const auto all = geo::rotaBreaks(pb, as);
    CHECK(std::all_of(all.begin(), all.end(), [](const geo::RotaBreak& b) { return b.rule == geo::RotaRule::LeaderPresent && b.post == 2; }));
    CHECK(all.size() == 3);
}

TEST_CASE("each rule broken once is reported once under that rule") {
    const geo::RotaProblem pb = problem();
    struct Case {
        geo::RotaRule rule;
        std::vector<geo::RotaAssignment> as;
        int64_t person;
        const geo::RotaProblem* pb;
    };
    geo::RotaProblem twoPerDay = pb;
    twoPerDay.rules.maxShiftsPerDay = 2;
    twoPerDay.rules.minRestHours = 0;
    const std::vector<Case> cases = {
        // 张伟 on post 1 shift 1 (00-08) and post 2 shift 1 (00-12) of the same day (two a day allowed, no rest).
        {geo::RotaRule::TwoAtOnce, {{10, 1, kDay0, 1}, {10, 2, kDay0, 1}}, 10, &twoPerDay},
        // 王强 on post 1 shift 3 (16-24) and the next day's shift 1 (00-08): 0 h rest.
        {geo::RotaRule::MinRest, {{12, 1, kDay0, 3}, {12, 1, kDay0 + 1, 1}}, 12, &pb},
        // 李娜 on day 2, her day off.
        {geo::RotaRule::Unavailable, {{11, 1, kDay0 + 2, 2}}, 11, &pb},
        // 王强 four days in a row on post 2's day shift.
        {geo::RotaRule::MaxDaysInARow,
         {{12, 2, kDay0, 1}, {12, 2, kDay0 + 1, 1}, {12, 2, kDay0 + 2, 1}, {12, 2, kDay0 + 3, 1}}, 12, &pb},
    };
    for (const auto& c : cases) {
        CAPTURE(geo::rotaRuleName(c.rule));
        const auto breaks = hard(geo::rotaBreaks(*c.pb, c.as));
        REQUIRE(breaks.size() == 1);
        CHECK(breaks[0].rule == c.rule);
        CHECK(breaks[0].person == c.person);
        CHECK(geo::describeBreak(pb, breaks[0]).find(geo::rotaRuleName(c.rule)) != std::string::npos);
    }
    SUBCASE("max shifts per day, with rest and overlap allowed") {
        // 王强 on post 1 shifts 1 and 2 with a limit of 1 a day: one break, that rule (rest 0: no rest break).
        geo::RotaProblem one = twoPerDay;
        one.rules.maxShiftsPerDay = 1;
        const auto breaks = hard(geo::rotaBreaks(one, {{12, 1, kDay0, 1}, {12, 1, kDay0, 2}}));
        REQUIRE(breaks.size() == 1);
        CHECK(breaks[0].rule == geo::RotaRule::MaxShiftsPerDay);
        CHECK(breaks[0].day == kDay0);
        CHECK(hard(geo::rotaBreaks(twoPerDay, {{12, 1, kDay0, 1}, {12, 1, kDay0, 2}})).empty());
    }
    SUBCASE("leader present") {
        const auto none = geo::rotaBreaks(pb, {{12, 1, kDay0, 1}});
        REQUIRE(none.size() == 1);
        CHECK(none[0].rule == geo::RotaRule::LeaderPresent);
        CHECK(none[0].isWarning());
        CHECK(geo::rotaBreaks(pb, {{10, 1, kDay0, 1}}).empty());
    }
    SUBCASE("a closure, an unknown shift, a day outside the period, overstaffing") {
        CHECK(hard(geo::rotaBreaks(pb, {{10, 3, kDay0, 1}}))[0].rule == geo::RotaRule::UnknownSlot);
        CHECK(hard(geo::rotaBreaks(pb, {{10, 2, kDay0, 3}}))[0].rule == geo::RotaRule::UnknownSlot);
        CHECK(hard(geo::rotaBreaks(pb, {{10, 1, kDay0 + 7, 1}}))[0].rule == geo::RotaRule::UnknownSlot);
        const auto over = hard(geo::rotaBreaks(pb, {{10, 1, kDay0, 1}, {12, 1, kDay0, 1}}));
        REQUIRE(over.size() == 1);
        CHECK(over[0].rule == geo::RotaRule::Overstaffed);
    }
}

TEST_CASE("a rota's locks and shortfall list are checked against what it assigns") {
    geo::RotaProblem pb = problem();
    pb.days = 1;
    pb.locks = {{12, 2, kDay0, 1}};
    geo::Rota rota;
    rota.assignments = {{10, 1, kDay0, 1}, {12, 2, kDay0, 1}};
    // Missing: post 1 shifts 2 and 3, post 2 shift 2.
    rota.shortfall = {{1, kDay0, 2, 1, "no one left"}, {1, kDay0, 3, 1, "no one left"}, {2, kDay0, 2, 1, "no one left"}};
    CHECK(hard(geo::rotaBreaks(pb, rota)).empty());
    rota.shortfall.pop_back();
    auto breaks = hard(geo::rotaBreaks(pb, rota));
    REQUIRE(breaks.size() == 1);
    CHECK(breaks[0].rule == geo::RotaRule::Shortfall);
    CHECK(breaks[0].post == 2);
    rota.shortfall.push_back({2, kDay0, 2, 1, "no one left"});
    rota.assignments.pop_back();
    rota.shortfall.push_back({2, kDay0, 1, 1, "no one left"});
    breaks = hard(geo::rotaBreaks(pb, rota));
    REQUIRE(breaks.size() == 1);
    CHECK(breaks[0].rule == geo::RotaRule::LockLost);
}

TEST_CASE("a hand edit is judged by what it newly breaks") {
    const geo::RotaProblem pb = problem();
    const std::vector<geo::RotaAssignment> as = {{10, 1, kDay0, 1}, {12, 1, kDay0 + 1, 3}};
    // 王强 on the day before at 16-24 is fine; the next morning breaks his rest.
    CHECK(hard(geo::rotaBreaksAdding(pb, as, {12, 1, kDay0, 1})).size() == 1);  // overstaffs 张伟's shift
    const auto rest = hard(geo::rotaBreaksAdding(pb, as, {12, 1, kDay0 + 2, 1}));
    REQUIRE(rest.size() == 1);
    CHECK(rest[0].rule == geo::RotaRule::MinRest);
    CHECK(hard(geo::rotaBreaksAdding(pb, as, {11, 2, kDay0 + 3, 1})).empty());
    // Removing the only leader of a shift leaves it without one: a warning, under the leader rule.
    const auto removed = geo::rotaBreaksAfterRemoving(pb, as, {10, 1, kDay0, 1});
    CHECK(removed.empty());  // an empty shift needs no leader; the shortfall says it is empty
    const auto led = geo::rotaBreaksAfterRemoving(pb, {{10, 2, kDay0, 1}, {11, 2, kDay0, 1}}, {10, 2, kDay0, 1});
    REQUIRE(led.size() == 1);
    CHECK(led[0].rule == geo::RotaRule::LeaderPresent);
}
