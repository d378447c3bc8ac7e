// Matching of checkpoints between two scenarios: closest same-kind pairs within a tolerance.
#include "geo/plan/plan_compare.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace geo {

PlanDifference compareScenarios(const Scenario& current, const Scenario& other, double toleranceM) {
    const auto& a = current.checkpoints;
    const auto& b = other.checkpoints;
    // Plans hold tens of checkpoints, so all pairs are fine.
    std::vector<std::tuple<double, size_t, size_t>> pairs;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < b.size(); ++j) {
            if (a[i].kind != b[j].kind) continue;
            double d = std::hypot(a[i].x - b[j].x, a[i].y - b[j].y);
            if (d <= toleranceM) pairs.emplace_back(d, i, j);
        }
    std::sort(pairs.begin(), pairs.end());
    std::vector<uint8_t> usedA(a.size(), 0), usedB(b.size(), 0);
    PlanDifference out;
    for (const auto& [d, i, j] : pairs) {
        if (usedA[i] || usedB[j]) continue;
        usedA[i] = usedB[j] = 1;
        out.common.emplace_back(i, j);
    }
    std::sort(out.common.begin(), out.common.end());
    for (size_t i = 0; i < a.size(); ++i)
        if (!usedA[i]) out.added.push_back(i);
    for (size_t j = 0; j < b.size(); ++j)
        if (!usedB[j]) out.removed.push_back(j);
    return out;
}

}  // namespace geo
