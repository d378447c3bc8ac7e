// A checkpoint's number on maps, tables and exports, in one place.
#pragma once
#include <cstddef>
#include <vector>

#include "geo/plan.hpp"

namespace geo {

// Its position in the scenario's order, from 1. Every numbered picture and export goes through
// this function, so a stored per-scenario number can replace the position here alone.
inline int checkpointNumber(const std::vector<Checkpoint>& scenarioOrder, size_t index) {
    (void)scenarioOrder;
    return static_cast<int>(index) + 1;
}

}  // namespace geo
