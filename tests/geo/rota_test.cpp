// The rota: every rule checked on the solver's output by an independent checker, the optimum of
// tiny cases by brute force, the shortfall of plans the staff cannot cover.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "geo/core/error.hpp"
#include "geo/rota/rota.hpp"
#include "geo/rota/rota_check.hpp"

namespace {

constexpr int kDay0 = 18286;  // 2020-01-25

// Everything a rota must satisfy: geo::rotaBreaks reads the rules as stated, never the solver's
// model (geo/rota/rota_check.cpp). `full`: the locks kept and the shortfall listing exactly what is
// missing. A shift without a leader is a warning (the staff may not allow one), checked apart.
std::vector<std::string> ruleBreaks(const geo::RotaProblem& pb, const geo::Rota& rota, bool full = true) {
    std::vector<std::string> out;
    for (const auto& b : full ? geo::rotaBreaks(pb, rota) : geo::rotaBreaks(pb, rota.assignments))
        if (!b.isWarning()) out.push_back(geo::describeBreak(pb, b));
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

geo::RotaProblem randomProblem(std::mt19937& rng, int people, int posts, int days) {
    geo::RotaProblem pb;
    pb.firstDay = kDay0;
    pb.days = days;
    const char* districts[] = {"东片", "西片"};
    for (int i = 0; i < posts; ++i) {
        geo::RotaPost p;
        p.number = i + 1;
        p.name = "卡口" + std::to_string(i + 1);
        p.district = districts[rng() % 2];
        p.staffPerShift = 1 + static_cast<int>(rng() % 2);
        p.shifts = 2 + static_cast<int>(rng() % 2);
        p.needsMedical = rng() % 3 == 0;
        pb.posts.push_back(p);
    }
    for (int i = 0; i < people; ++i) {
        geo::RotaPerson p;
        p.id = 100 + i;
        p.name = "P" + std::to_string(i);
        p.district = districts[rng() % 2];
        p.isLeader = rng() % 3 == 0;
        p.isMedical = rng() % 4 == 0;
        if (rng() % 4 == 0) p.unavailableDays.push_back(kDay0 + static_cast<int>(rng() % static_cast<unsigned>(days)));
        pb.people.push_back(p);
    }
    return pb;
}

// The best objective over every rota that keeps the rules, by enumerating each person's shift
// (or none) on each day. Only for maxShiftsPerDay == 1.
double bruteForceOptimum(const geo::RotaProblem& pb) {
    struct Choice { int post, shift; };
    std::vector<Choice> choices{{0, 0}};
    for (const auto& p : pb.posts)
        for (int k = 1; k <= p.shifts && p.staffPerShift > 0; ++k) choices.push_back({p.number, k});
    const size_t cells = pb.people.size() * static_cast<size_t>(pb.days);
    std::vector<size_t> pick(cells, 0);
    double best = 1e300;
    std::vector<geo::RotaAssignment> as;
    std::function<void(size_t)> go = [&](size_t cell) {
        if (cell == cells) {
            as.clear();
            for (size_t c = 0; c < cells; ++c)
                if (pick[c])
                    as.push_back({pb.people[c / static_cast<size_t>(pb.days)].id, choices[pick[c]].post,
                                  kDay0 + static_cast<int>(c % static_cast<size_t>(pb.days)), choices[pick[c]].shift});
            geo::Rota r;
            r.assignments = as;
            if (ruleBreaks(pb, r, false).empty()) best = std::min(best, geo::rotaObjective(pb, as));
            return;
        }
        for (size_t i = 0; i < choices.size(); ++i) {
            pick[cell] = i;
            go(cell + 1);
        }
        pick[cell] = 0;
    };
    go(0);
    return best;
}

}  // namespace

TEST_CASE("tiny rotas are optimal: the solver's objective equals the brute-force optimum") {
    std::mt19937 rng(17);
    for (int round = 0; round < 8; ++round) {
        geo::RotaProblem pb = randomProblem(rng, 3, 2, 2);
        pb.rules.minRestHours = round % 2 ? 12 : 4;
        pb.rules.maxDaysInARow = round % 3 == 0 ? 1 : 6;
        geo::Rota rota = geo::solveRota(pb);
        CAPTURE(round);
        CHECK(rota.isWholePeriod);
        CHECK_MESSAGE(ruleBreaks(pb, rota).empty(), joined(ruleBreaks(pb, rota)));
        CHECK(rota.objective == doctest::Approx(geo::rotaObjective(pb, rota.assignments)));
        CHECK(rota.objective == doctest::Approx(bruteForceOptimum(pb)));
        CHECK(rota.gap == doctest::Approx(0).epsilon(1e-6));
    }
}

TEST_CASE("a plan the staff can cover gets every seat, a leader and medical staff on every shift") {
    geo::RotaProblem pb;
    pb.firstDay = kDay0;
    pb.days = 7;
    for (int i = 1; i <= 4; ++i) pb.posts.push_back({i, "卡口", i % 2 ? "东片" : "西片", 2, 3, i == 1});
    pb.posts.push_back({5, "封路", "东片", 0, 3, false});  // a closure: nobody
    for (int i = 0; i < 40; ++i)
        pb.people.push_back({i + 1, "P", i % 2 ? "东片" : "西片", i % 2 == 0, i % 5 == 0, {}});
    pb.rules.maxDaysInARow = 5;
    geo::Rota rota = geo::solveRota(pb);
    CHECK_MESSAGE(ruleBreaks(pb, rota).empty(), joined(ruleBreaks(pb, rota)));
    CHECK(rota.shortfall.empty());
    CHECK(rota.assignments.size() == 4u * 3 * 2 * 7);
    std::map<std::tuple<int, int, int>, std::pair<int, int>> roles;  // slot -> leaders, medical
    for (const auto& a : rota.assignments) {
        const auto& p = pb.people[static_cast<size_t>(a.person - 1)];
        roles[{a.post, a.day, a.shift}].first += p.isLeader;
        roles[{a.post, a.day, a.shift}].second += p.isMedical;
        CHECK(a.post != 5);
    }
    for (const auto& [slot, n] : roles) {
        CHECK(n.first >= 1);
        if (std::get<0>(slot) == 1) CHECK(n.second >= 1);
    }
    // Fair: 168 shifts over 40 people, 4.2 each; solved a day at a time (a min-cost flow that
    // costs each shift by what its person already has), the spread stays within 2.
    std::map<int64_t, int> shifts;
    for (const auto& a : rota.assignments) ++shifts[a.person];
    int most = 0, fewest = 99;
    for (const auto& p : pb.people) {
        most = std::max(most, shifts[p.id]);
        fewest = std::min(fewest, shifts[p.id]);
    }
    CHECK(most - fewest <= 2);
    CHECK_FALSE(rota.isWholePeriod);
}

TEST_CASE("solved day by day, the rota keeps every rule and the locks") {
    std::mt19937 rng(3);
    geo::RotaProblem pb = randomProblem(rng, 30, 8, 10);
    pb.rules.wholePeriodLimit = 0;  // force the decomposition
    pb.rules.maxDaysInARow = 3;
    pb.locks.push_back({105, 2, kDay0 + 4, 1});
    pb.locks.push_back({105, 2, kDay0 + 5, 1});
    for (auto& p : pb.people) p.unavailableDays.erase(std::remove_if(p.unavailableDays.begin(), p.unavailableDays.end(), [](int d) { return d == kDay0 + 4 || d == kDay0 + 5; }), p.unavailableDays.end());
    for (int perDay : {1, 2}) {  // 1: a min-cost flow per day; 2 with 4 h rest: a MIP per day
        pb.rules.maxShiftsPerDay = perDay;
        pb.rules.minRestHours = perDay == 1 ? 12 : 4;
        CAPTURE(perDay);
        geo::Rota rota = geo::solveRota(pb);
        CHECK_FALSE(rota.isWholePeriod);
        CHECK_MESSAGE(ruleBreaks(pb, rota).empty(), joined(ruleBreaks(pb, rota)));
        CHECK(std::isnan(rota.gap));
        CHECK(rota.assignments.size() > 100u);
    }
}

TEST_CASE("locks that break a rule are refused, naming the person") {
    geo::RotaProblem pb;
    pb.firstDay = kDay0;
    pb.days = 3;
    pb.posts.push_back({1, "东口", "东片", 1, 3, false});
    pb.people.push_back({7, "张伟", "东片", true, false, {kDay0 + 1}});
    pb.locks.push_back({7, 1, kDay0 + 1, 2});
    CHECK_THROWS_WITH_AS(geo::solveRota(pb), doctest::Contains("张伟 at post 1 on 2020-01-26 shift 2: unavailable"), geo::Error);
    pb.locks = {{7, 1, kDay0, 1}, {7, 1, kDay0, 3}};
    pb.rules.maxShiftsPerDay = 2;
    CHECK_THROWS_WITH_AS(geo::solveRota(pb), doctest::Contains("less than 12 h apart"), geo::Error);
    pb.locks = {{7, 9, kDay0, 1}};
    CHECK_THROWS_WITH_AS(geo::solveRota(pb), doctest::Contains("no checkpoint number 9"), geo::Error);
}

TEST_CASE("when the staff cannot cover the plan, the rota goes as far as it can and says what is missing") {
    geo::RotaProblem pb;
    pb.firstDay = kDay0;
    pb.days = 3;
    pb.posts.push_back({1, "东口", "东片", 2, 1, false});
    pb.posts.push_back({2, "西口", "西片", 2, 1, false});
    for (int i = 0; i < 3; ++i) pb.people.push_back({i + 1, "P", "东片", i == 0, false, {}});
    pb.rules.minRestHours = 0;  // 24-hour shifts back to back: only the head count binds
    geo::Rota rota = geo::solveRota(pb);
    CHECK_MESSAGE(ruleBreaks(pb, rota).empty(), joined(ruleBreaks(pb, rota)));
    CHECK(rota.assignments.size() == 9u);  // everyone, every day
    int missing = 0;
    for (const auto& s : rota.shortfall) {
        missing += s.missing;
        CHECK_MESSAGE(s.reason.rfind("staff:", 0) == 0, s.reason);
    }
    CHECK(missing == 3);

    // One person, one post, three days, at most two in a row: a day stays open, and the rule is named.
    geo::RotaProblem row;
    row.firstDay = kDay0;
    row.days = 3;
    row.posts.push_back({4, "北口", "北片", 1, 1, false});
    row.people.push_back({1, "P", "北片", true, false, {}});
    row.rules.maxDaysInARow = 2;
    row.rules.minRestHours = 0;
    geo::Rota r2 = geo::solveRota(row);
    CHECK_MESSAGE(ruleBreaks(row, r2).empty(), joined(ruleBreaks(row, r2)));
    REQUIRE(r2.shortfall.size() == 1);
    CHECK(r2.shortfall[0].post == 4);
    CHECK(r2.shortfall[0].missing == 1);
    CHECK_MESSAGE(r2.shortfall[0].reason.rfind("max days in a row:", 0) == 0, r2.shortfall[0].reason);

    // Three shifts of eight hours and 12 h rest: one person cannot take a second shift that day.
    geo::RotaProblem rest;
    rest.firstDay = kDay0;
    rest.days = 1;
    rest.posts.push_back({1, "东口", "东片", 1, 3, false});
    rest.people.push_back({1, "P", "东片", true, false, {}});
    rest.rules.maxShiftsPerDay = 3;
    geo::Rota r3 = geo::solveRota(rest);
    CHECK_MESSAGE(ruleBreaks(rest, r3).empty(), joined(ruleBreaks(rest, r3)));
    REQUIRE(r3.shortfall.size() == 2);
    CHECK_MESSAGE(r3.shortfall[0].reason.rfind("min rest:", 0) == 0, r3.shortfall[0].reason);
}
