// Primary and secondary suppression. With the margins in the table, negating the total cells
// turns every row and column constraint into "sums to zero", so the tables that agree with
// what is shown differ by integer circulations over the hidden cells: a rectangle of hidden
// cells is the smallest such circulation.
#include "geo/returnees/suppression.hpp"

#include <limits>

#include "geo/core/error.hpp"

namespace geo {

SuppressedTable::SuppressedTable(const std::vector<std::vector<int64_t>>& cells, int threshold)
    : rows_(cells.size()), cols_(cells.empty() ? 0 : cells[0].size()), threshold_(threshold) {
    if (threshold < 1) throw Error("small-count threshold must be at least 1");
    values_.assign((rows_ + 1) * (cols_ + 1), 0);
    for (size_t r = 0; r < rows_; ++r) {
        if (cells[r].size() != cols_) throw Error("suppression: rows of different lengths");
        for (size_t c = 0; c < cols_; ++c) {
            int64_t v = cells[r][c];
            if (v < 0) throw Error("suppression: negative count");
            values_[idx(r, c)] = v;
            values_[idx(r, cols_)] += v;
            values_[idx(rows_, c)] += v;
            values_[idx(rows_, cols_)] += v;
        }
    }
    states_.assign(values_.size(), CellState::Shown);
    for (size_t i = 0; i < values_.size(); ++i)
        if (values_[i] > 0 && values_[i] < threshold_) states_[i] = CellState::Primary;
    // Protect every hidden cell, including those hidden along the way, until all have an alternative.
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t r = 0; r <= rows_; ++r)
            for (size_t c = 0; c <= cols_; ++c)
                if (isHidden(r, c) && !hasAlternative(r, c)) {
                    size_t before = hiddenCount();
                    protect(r, c);
                    changed |= hiddenCount() != before;
                }
    }
}

std::string SuppressedTable::label(size_t r, size_t c) const {
    switch (state(r, c)) {
    case CellState::Primary: return "<" + std::to_string(threshold_);
    case CellState::Secondary: return "x";
    case CellState::Shown: break;
    }
    return std::to_string(value(r, c));
}

size_t SuppressedTable::hiddenCount() const {
    size_t n = 0;
    for (CellState s : states_) n += s != CellState::Shown;
    return n;
}

bool SuppressedTable::stepFits(size_t r, size_t c, int ySign) const {
    // Total cells enter their row/column constraint negated.
    int sign = ((r == rows_) != (c == cols_)) ? -1 : 1;
    int64_t next = value(r, c) + ySign * sign;
    switch (state(r, c)) {
    case CellState::Primary: return next >= 1 && next < threshold_;
    case CellState::Secondary: return next >= 0;
    case CellState::Shown: return false;
    }
    return false;
}

bool SuppressedTable::rectangleFits(size_t r, size_t c, size_t r2, size_t c2) const {
    for (int s : {1, -1})
        if (stepFits(r, c, s) && stepFits(r, c2, -s) && stepFits(r2, c2, s) && stepFits(r2, c, -s)) return true;
    return false;
}

bool SuppressedTable::hasAlternative(size_t r, size_t c) const {
    for (size_t c2 = 0; c2 <= cols_; ++c2) {
        if (c2 == c || !isHidden(r, c2)) continue;
        for (size_t r2 = 0; r2 <= rows_; ++r2)
            if (r2 != r && isHidden(r2, c) && isHidden(r2, c2) && rectangleFits(r, c, r2, c2)) return true;
    }
    return false;
}

void SuppressedTable::protect(size_t r, size_t c) {
    // The rectangle through (r, c) that hides the least: fewest people, then fewest cells.
    int64_t bestCost = std::numeric_limits<int64_t>::max();
    size_t bestR = 0, bestC = 0;
    for (size_t r2 = 0; r2 <= rows_; ++r2) {
        if (r2 == r) continue;
        for (size_t c2 = 0; c2 <= cols_; ++c2) {
            if (c2 == c) continue;
            int64_t cost = 0;
            size_t others[3] = {idx(r, c2), idx(r2, c2), idx(r2, c)};
            CellState saved[3];
            for (int k = 0; k < 3; ++k) {
                saved[k] = states_[others[k]];
                if (saved[k] == CellState::Shown) {
                    cost += values_[others[k]] * 16 + 1;
                    states_[others[k]] = CellState::Secondary;
                }
            }
            if (cost < bestCost && rectangleFits(r, c, r2, c2)) {
                bestCost = cost;
                bestR = r2;
                bestC = c2;
            }
            for (int k = 0; k < 3; ++k) states_[others[k]] = saved[k];
        }
    }
    if (bestCost == std::numeric_limits<int64_t>::max()) return;  // nothing fits (threshold below 3)
    for (size_t i : {idx(r, bestC), idx(bestR, bestC), idx(bestR, c)})
        if (states_[i] == CellState::Shown) states_[i] = CellState::Secondary;
}

}  // namespace geo
