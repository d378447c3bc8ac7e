// Dense winding roads for the level-of-detail tests: random walks of short steps, like lanes
// surveyed vertex by vertex, far from the CRS origin as real projected data is.
#pragma once
#include <algorithm>
#include <cmath>
#include <random>

#include "geo/core/layer.hpp"

namespace testing {

constexpr double kWindingX0 = 561000, kWindingY0 = 3893000;

// `lines` walks of `steps` steps of `step` metres inside a square of `side` metres; each step
// turns by up to `turn` radians.
inline geo::Layer windingRoads(int lines, int steps, double side, double step, double turn, unsigned seed) {
    geo::Layer l;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> at(0, side), turning(-turn, turn);
    for (int i = 0; i < lines; ++i) {
        double x = at(rng), y = at(rng), heading = at(rng);
        for (int k = 0; k <= steps; ++k) {
            l.addVertex(kWindingX0 + x, kWindingY0 + y);
            heading += turning(rng);
            x = std::clamp(x + step * std::cos(heading), 0.0, side);
            y = std::clamp(y + step * std::sin(heading), 0.0, side);
        }
        l.endRing();
        l.endPart();
        l.endFeature();
    }
    return l;
}

}  // namespace testing
