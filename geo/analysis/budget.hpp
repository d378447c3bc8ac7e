// Budget placement: with N checkpoints or S staff, the sites that guard the most weight
// (entries by road class plus returnee load nearby), by lazy greedy maximum coverage.
#pragma once
#include <cstdint>
#include <vector>

#include "geo/analysis/network.hpp"
#include "geo/analysis/seal.hpp"

namespace geo {

// Weighted maximum coverage: item i weighs itemWeight[i]; choosing set s covers covers[s] and
// costs cost[s]. Greedy reaches at least 1-1/e of the optimum under a count limit.
struct CoverageProblem {
    std::vector<double> itemWeight;
    std::vector<std::vector<uint32_t>> covers;
    std::vector<int64_t> cost;
};

struct CoveragePick {
    uint32_t set = 0;
    double gain = 0;  // weight newly covered by this pick
};

// maxCount > 0 limits picks; maxCost > 0 limits total cost (then gain per cost decides, and the
// best single affordable set is taken instead when it alone beats the greedy total).
std::vector<CoveragePick> greedyCoverage(const CoverageProblem& problem, int maxCount, int64_t maxCost);
double coveredWeight(const CoverageProblem& problem, const std::vector<uint32_t>& chosen);

double entryWeight(RoadClass c);  // expressway 10 ... track 1
constexpr double kReturneeWeight = 0.1;  // per returnee within reach of a site

struct BudgetOptions {
    int maxCheckpoints = 0;          // N, or
    int maxStaff = 0;                // S (staff per shift x shifts summed)
    int shifts = 3;
    double guardDistanceM = 500;
    double returneeReachM = 500;     // a checkpoint this close to an area's centre screens its returnees
    std::vector<Checkpoint> keep;    // closures and kept checkpoints; entries they guard count as done
    std::vector<AreaCount> returnees;
};

struct BudgetPick {
    Site site;
    double gain = 0;  // weight newly guarded or screened by this pick (see entryWeight, kReturneeWeight)
    int staff = 0;
};

struct BudgetResult {
    std::vector<BudgetPick> picks;
    double totalWeight = 0;    // everything there was to guard
    double coveredWeight = 0;  // guarded by the picks
    size_t candidates = 0;
    // The budget allows guarding every entry: the picks are then the seal (the fewest that do),
    // not the whole budget.
    bool isEnoughForAll = false;
};

BudgetResult budgetPlacement(const CordonNetwork& net, const BudgetOptions& options);

}  // namespace geo
