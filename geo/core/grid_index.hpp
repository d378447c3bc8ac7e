// One uniform grid over small boxes (road segments, outline edges): the spatial index of the
// road snapper, the road locator and the polygon outline index.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "geo/core/layer.hpp"

namespace geo {

// Square cells from the extent's lower-left corner; each cell lists (CSR) the items whose box
// touches it. Boxes reaching past the extent are clamped to the border cells. Items are uint32_t.
class GridIndex {
public:
    GridIndex() = default;
    // boxOf(i) -> Bbox of item i, for i in [0, count); called twice per item (count, then fill).
    // An empty box (or one with NaN) leaves the item out.
    template <class BoxOf>
    GridIndex(const Bbox& extent, double cellSize, uint32_t count, BoxOf&& boxOf);

    bool isEmpty() const { return items_.empty(); }
    double cellSize() const { return cell_; }
    int64_t cols() const { return cols_; }
    int64_t rows() const { return rows_; }
    // The column/row holding x/y, not clamped: outside [0, cols) / [0, rows) off the grid.
    int64_t colOf(double x) const { return static_cast<int64_t>(std::floor((x - originX_) / cell_)); }
    int64_t rowOf(double y) const { return static_cast<int64_t>(std::floor((y - originY_) / cell_)); }
    size_t cellCount() const { return start_.empty() ? 0 : start_.size() - 1; }
    // The cell holding (x, y), clamped to the grid: cells are numbered row by row.
    size_t cellIndexOf(double x, double y) const {
        int64_t c = clampedIndex(std::floor((x - originX_) / cell_), cols_);
        int64_t r = clampedIndex(std::floor((y - originY_) / cell_), rows_);
        return static_cast<size_t>(r * cols_ + c);
    }
    std::span<const uint32_t> cellAt(size_t c) const { return {items_.data() + start_[c], items_.data() + start_[c + 1]}; }
    // Items of one cell; empty off the grid.
    std::span<const uint32_t> cell(int64_t col, int64_t row) const {
        if (col < 0 || row < 0 || col >= cols_ || row >= rows_) return {};
        size_t c = static_cast<size_t>(row * cols_ + col);
        return {items_.data() + start_[c], items_.data() + start_[c + 1]};
    }
    // f(item) for each item in the cells the box touches: every item whose box meets it comes, an
    // item spanning several cells more than once; nothing for a box off the grid or with NaN.
    template <class F>
    void forEachNear(double minX, double minY, double maxX, double maxY, F&& f) const {
        if (items_.empty() || !(minX <= maxX && minY <= maxY)) return;
        double fc0 = std::floor((minX - originX_) / cell_), fc1 = std::floor((maxX - originX_) / cell_);
        double fr0 = std::floor((minY - originY_) / cell_), fr1 = std::floor((maxY - originY_) / cell_);
        if (fc1 < 0 || fr1 < 0 || fc0 >= static_cast<double>(cols_) || fr0 >= static_cast<double>(rows_)) return;
        int64_t c0 = clampedIndex(fc0, cols_), c1 = clampedIndex(fc1, cols_);
        int64_t r0 = clampedIndex(fr0, rows_), r1 = clampedIndex(fr1, rows_);
        for (int64_t r = r0; r <= r1; ++r)
            for (int64_t c = c0; c <= c1; ++c) {
                size_t cellIndex = static_cast<size_t>(r * cols_ + c);
                for (uint32_t k = start_[cellIndex]; k < start_[cellIndex + 1]; ++k) f(items_[k]);
            }
    }

private:
    static int64_t clampedIndex(double v, int64_t n) {
        return static_cast<int64_t>(std::clamp(v, 0.0, static_cast<double>(n - 1)));
    }
    template <class F>
    void forCellsOf(const Bbox& b, F&& f) const {
        if (b.isEmpty()) return;
        int64_t c0 = clampedIndex(std::floor((b.minX - originX_) / cell_), cols_);
        int64_t c1 = clampedIndex(std::floor((b.maxX - originX_) / cell_), cols_);
        int64_t r0 = clampedIndex(std::floor((b.minY - originY_) / cell_), rows_);
        int64_t r1 = clampedIndex(std::floor((b.maxY - originY_) / cell_), rows_);
        for (int64_t r = r0; r <= r1; ++r)
            for (int64_t c = c0; c <= c1; ++c) f(static_cast<size_t>(r * cols_ + c));
    }

    double originX_ = 0, originY_ = 0, cell_ = 1;
    int64_t cols_ = 0, rows_ = 0;
    std::vector<uint32_t> start_, items_;  // CSR, cells row-major: start_.size() == cells + 1
};

template <class BoxOf>
GridIndex::GridIndex(const Bbox& extent, double cellSize, uint32_t count, BoxOf&& boxOf) {
    if (count == 0 || extent.isEmpty() || !(cellSize > 0)) return;
    originX_ = extent.minX;
    originY_ = extent.minY;
    cell_ = cellSize;
    cols_ = static_cast<int64_t>(extent.width() / cell_) + 1;
    rows_ = static_cast<int64_t>(extent.height() / cell_) + 1;
    size_t cells = static_cast<size_t>(cols_ * rows_);
    start_.assign(cells + 1, 0);
    for (uint32_t i = 0; i < count; ++i) forCellsOf(boxOf(i), [&](size_t c) { ++start_[c + 1]; });
    for (size_t c = 0; c < cells; ++c) start_[c + 1] += start_[c];
    items_.resize(start_[cells]);
    std::vector<uint32_t> fill(start_.begin(), start_.end() - 1);
    for (uint32_t i = 0; i < count; ++i) forCellsOf(boxOf(i), [&](size_t c) { items_[fill[c]++] = i; });
}

}  // namespace geo
