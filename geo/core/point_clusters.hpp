// Single-linkage clustering of points closer than a distance: the merge behind township entries
// and district entries alike.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

#include "geo/core/union_find.hpp"

namespace geo {

// The cluster of each of n points, numbered 0.. in the order of each cluster's first point:
// points i and j share one when a chain of pairs, each closer than `distance` and allowed by
// canJoin(a, b), links them. xOf(i), yOf(i) give point i; sorting by x keeps the pairs looked at
// near n log n for spread-out points.
template <class X, class Y, class CanJoin>
std::vector<size_t> clusterPoints(size_t n, X&& xOf, Y&& yOf, double distance, CanJoin&& canJoin) {
    std::vector<size_t> byX(n);
    std::iota(byX.begin(), byX.end(), size_t{0});
    std::sort(byX.begin(), byX.end(), [&](size_t a, size_t b) { return xOf(a) < xOf(b); });
    UnionFind<size_t> uf(n);
    for (size_t i = 0; i < n; ++i) {
        const size_t a = byX[i];
        for (size_t j = i + 1; j < n && xOf(byX[j]) - xOf(a) < distance; ++j) {
            const size_t b = byX[j];
            if (canJoin(a, b) && std::hypot(xOf(b) - xOf(a), yOf(b) - yOf(a)) < distance) uf.unite(a, b);
        }
    }
    std::vector<size_t> clusterOfRoot(n, SIZE_MAX), cluster(n);
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) {
        size_t& c = clusterOfRoot[uf.find(i)];
        if (c == SIZE_MAX) c = count++;
        cluster[i] = c;
    }
    return cluster;
}

}  // namespace geo
