// Small-count suppression for published tables (areas x origins with totals): counts below the
// threshold show as "<5", and further cells are hidden so no hidden count follows from the totals.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace geo {

enum class CellState : uint8_t { Shown, Primary, Secondary };  // Primary: 0 < count < threshold

// The table with its margins: rows()+1 by cols()+1 cells; row `rows()` holds the column totals,
// column `cols()` the row totals, and (rows(), cols()) the grand total. Zero counts are shown.
//
// The guarantee: for every hidden cell there is another table, different in that cell, that agrees
// with everything shown, keeps every "<5" cell within 1..threshold-1 and every other hidden cell
// at 0 or more. Each hidden cell lies on a rectangle of hidden cells (a, b, c, d with a and b in one
// row, b and c in one column, ...) along which +1/-1 alternately changes no row or column total.
class SuppressedTable {
public:
    SuppressedTable(const std::vector<std::vector<int64_t>>& cells, int threshold);

    size_t rows() const { return rows_; }
    size_t cols() const { return cols_; }
    int threshold() const { return threshold_; }
    int64_t value(size_t r, size_t c) const { return values_[r * (cols_ + 1) + c]; }  // the true count
    CellState state(size_t r, size_t c) const { return states_[r * (cols_ + 1) + c]; }
    bool isHidden(size_t r, size_t c) const { return state(r, c) != CellState::Shown; }
    std::string label(size_t r, size_t c) const;  // "12", "<5", or "x" for a cell hidden to protect another
    size_t hiddenCount() const;

    // True when (r, c) lies on a rectangle of hidden cells along which a +1/-1 step stays within
    // what is published; every hidden cell has one after construction.
    bool hasAlternative(size_t r, size_t c) const;

private:
    size_t idx(size_t r, size_t c) const { return r * (cols_ + 1) + c; }
    bool stepFits(size_t r, size_t c, int ySign) const;  // can cell move by ySign along a cycle
    bool rectangleFits(size_t r, size_t c, size_t r2, size_t c2) const;
    void protect(size_t r, size_t c);  // hides the cheapest rectangle through (r, c)

    size_t rows_, cols_;
    int threshold_;
    std::vector<int64_t> values_;
    std::vector<CellState> states_;
};

}  // namespace geo
