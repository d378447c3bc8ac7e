// Checkpoints added and removed between two scenarios, matched by kind and position.
#pragma once
#include <utility>
#include <vector>

#include "geo/plan/plan.hpp"

namespace geo {

struct PlanDifference {
    std::vector<size_t> added;    // indices into current: no match in other
    std::vector<size_t> removed;  // indices into other: no match in current
    std::vector<std::pair<size_t, size_t>> common;  // (current, other)
};

// A checkpoint of `current` matches one of `other` of the same kind within toleranceM; each
// matches at most one, closest pairs first.
PlanDifference compareScenarios(const Scenario& current, const Scenario& other, double toleranceM);

}  // namespace geo
