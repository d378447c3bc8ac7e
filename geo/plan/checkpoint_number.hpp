// A checkpoint's number on maps, tables and exports, in one place.
#pragma once
#include <cstddef>
#include <vector>

#include "geo/plan/plan.hpp"

namespace geo {

// Its stored number within the scenario (Checkpoint::number, kept across copies and deletions);
// a checkpoint not yet stored, without one, takes its position from 1. Every numbered picture and
// export goes through this function.
inline int checkpointNumber(const std::vector<Checkpoint>& scenarioOrder, size_t index) {
    const int stored = index < scenarioOrder.size() ? scenarioOrder[index].number : 0;
    return stored > 0 ? stored : static_cast<int>(index) + 1;
}

}  // namespace geo
