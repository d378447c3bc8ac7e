// Budget placement: lazy greedy reaches 1-1/e of the brute-force optimum, respects the staff
// limit, and its picks guard what they claim on the demo.
#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <numbers>

#include "geo/analysis/budget.hpp"
#include "geo/io/demo.hpp"
#include "geo/workspace/workspace.hpp"
#include "geo/analysis/figures.hpp"
#include "test_support.hpp"

namespace {

geo::CoverageProblem randomProblem(geo::DemoRandom& rnd) {
    geo::CoverageProblem p;
    int items = 6 + rnd.below(10), sets = 5 + rnd.below(6);
    for (int i = 0; i < items; ++i) p.itemWeight.push_back(1 + rnd.below(10));
    p.covers.resize(static_cast<size_t>(sets));
    for (auto& c : p.covers)
        for (int i = 0; i < items; ++i)
            if (rnd.uniform() < 0.3) c.push_back(static_cast<uint32_t>(i));
    for (int s = 0; s < sets; ++s) p.cost.push_back(1 + rnd.below(4));
    return p;
}

// Best weight reachable with at most k sets (count limit) or total cost at most budget.
double bruteForce(const geo::CoverageProblem& p, int k, int64_t budget) {
    size_t n = p.covers.size();
    double best = 0;
    for (uint32_t mask = 0; mask < (1u << n); ++mask) {
        std::vector<uint32_t> chosen;
        int64_t cost = 0;
        for (uint32_t s = 0; s < n; ++s)
            if (mask & (1u << s)) { chosen.push_back(s); cost += p.cost[s]; }
        if (k > 0 && static_cast<int>(chosen.size()) > k) continue;
        if (budget > 0 && cost > budget) continue;
        best = std::max(best, geo::coveredWeight(p, chosen));
    }
    return best;
}

}  // namespace

TEST_CASE("greedy budget reaches at least 1-1/e of the optimum under a checkpoint count") {
    geo::DemoRandom rnd(5);
    const double bound = 1 - 1 / std::numbers::e;
    double worst = 1;
    for (int round = 0; round < 200; ++round) {
        geo::CoverageProblem p = randomProblem(rnd);
        int k = 1 + rnd.below(4);
        auto picks = geo::greedyCoverage(p, k, 0);
        CHECK(static_cast<int>(picks.size()) <= k);
        std::vector<uint32_t> chosen;
        double sum = 0;
        for (size_t i = 0; i < picks.size(); ++i) {
            chosen.push_back(picks[i].set);
            sum += picks[i].gain;
            CHECK(picks[i].gain > 0);
            if (i > 0) CHECK(picks[i].gain <= picks[i - 1].gain + 1e-9);  // diminishing returns
        }
        double got = geo::coveredWeight(p, chosen);
        CHECK(sum == doctest::Approx(got));
        double opt = bruteForce(p, k, 0);
        CAPTURE(round);
        CHECK(got >= bound * opt - 1e-9);
        if (opt > 0) worst = std::min(worst, got / opt);
    }
    MESSAGE("worst greedy/optimum ratio over 200 cases: " << worst);
}

TEST_CASE("greedy budget under a staff limit stays within it and reaches half of 1-1/e") {
    geo::DemoRandom rnd(6);
    for (int round = 0; round < 200; ++round) {
        geo::CoverageProblem p = randomProblem(rnd);
        int64_t budget = 2 + rnd.below(8);
        auto picks = geo::greedyCoverage(p, 0, budget);
        int64_t spent = 0;
        std::vector<uint32_t> chosen;
        for (const auto& pick : picks) { spent += p.cost[pick.set]; chosen.push_back(pick.set); }
        CAPTURE(round);
        CHECK(spent <= budget);
        CHECK(geo::coveredWeight(p, chosen) >= 0.5 * (1 - 1 / std::numbers::e) * bruteForce(p, 0, budget) - 1e-9);
    }
}

TEST_CASE("budget on the demo: picks guard the entries they were credited with") {
    auto ws = geo::Workspace::open((testing::demoDir() / "demo.gpkg").string(), geo::Workspace::Mode::ReadOnly);
    auto net = geo::openNetwork(ws);
    geo::BudgetOptions o;
    o.maxCheckpoints = 6;
    geo::BudgetResult r = geo::budgetPlacement(*net, o);
    REQUIRE(r.picks.size() == 6);
    CHECK(r.coveredWeight <= r.totalWeight + 1e-9);
    double gains = 0;
    for (const auto& p : r.picks) gains += p.gain;
    CHECK(gains == doctest::Approx(r.coveredWeight));
    // Without returnees every gain is entry weight; the analysis of the picks agrees.
    std::vector<geo::Site> sites;
    for (const auto& p : r.picks) sites.push_back(p.site);
    geo::Scenario s;
    s.params.guardDistanceM = o.guardDistanceM;
    s.checkpoints = geo::checkpointsForSites(*net, sites, 3, "B");
    geo::Figures f = geo::analyze(*net, s);
    double guardedWeight = 0;
    for (size_t e = 0; e < net->entries().size(); ++e)
        if (f.entryGuarded[e]) guardedWeight += geo::entryWeight(net->entries()[e].roadClass);
    CHECK(guardedWeight >= gains - 1e-9);
    // The most important entries come first: the first pick is worth a national road.
    CHECK(r.picks[0].gain >= geo::entryWeight(geo::RoadClass::National));
    // A staff limit is respected.
    geo::BudgetOptions staff;
    staff.maxStaff = 40;
    int spent = 0;
    for (const auto& p : geo::budgetPlacement(*net, staff).picks) spent += p.staff;
    CHECK(spent <= 40);
    CHECK(spent > 0);
}
