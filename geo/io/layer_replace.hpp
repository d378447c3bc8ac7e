// Replacing one layer of an existing workspace with a new source, in one transaction.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <string>

#include "geo/io/boundary_lines.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/plan/plan_carry.hpp"
#include "geo/io/road_class.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {

struct ReplaceRequest {
    std::string workspacePath;
    std::string role;              // "boundary", "districts", "roads" or "villages"
    LayerSource source;            // file, layer ("" picks one) and attribute filter
    std::string encoding;          // "" uses what the source declares
    std::string roadClassField;    // roads: "" picks highway, class, TYPE or 道路等级
    double snapLinesM = kDefaultSnapLinesM;  // boundary or districts given as lines: ends this close are joined
    std::function<bool(double)> progress;  // fraction done; false cancels
};

struct ReplaceReport {
    ReadReport read;
    int64_t features = 0;  // written
    std::array<int64_t, kRoadClassCount> classCounts{};  // roads only
    PlanCarryReport plans;  // roads or districts: every scenario's checkpoints re-snapped
    std::string polygonized;  // boundary or districts read from lines: what polygonising did; "" otherwise
};

// Reads the source into the workspace's working CRS and swaps it in for the role's layer,
// updating cordon_layers in the same transaction: on any failure or cancel the workspace is
// unchanged. Throws geo::Error with a one-line reason naming the file. A layer far from the
// boundary is refused (checkNearBoundary). After new roads or districts, the checkpoints of
// every scenario are re-snapped (resnapPlans) and the report says which moved or lost their road.
ReplaceReport replaceLayer(const ReplaceRequest& request);

}  // namespace geo
