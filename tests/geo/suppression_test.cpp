// Small-count suppression: no hidden count can be worked out from what a table shows.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "geo/io/demo.hpp"
#include "geo/returnees/suppression.hpp"

namespace {

// Every value each hidden cell can take in a table that agrees with everything shown: "<t" cells
// in 1..t-1, other hidden cells in 0..grand total. Exhaustive, so only for small tables.
std::vector<std::set<int64_t>> feasibleValues(const geo::SuppressedTable& t) {
    const size_t R = t.rows() + 1, C = t.cols() + 1;
    // Searching a smaller range than the attacker's can only find fewer alternatives.
    int64_t cap = 0;
    for (size_t r = 0; r < R; ++r)
        for (size_t c = 0; c < C; ++c)
            if (t.isHidden(r, c)) cap = std::max(cap, t.value(r, c) + t.threshold());
    std::vector<int64_t> v(R * C);
    std::vector<std::pair<size_t, size_t>> hidden;
    for (size_t r = 0; r < R; ++r)
        for (size_t c = 0; c < C; ++c) {
            if (t.isHidden(r, c)) hidden.emplace_back(r, c);
            else v[r * C + c] = t.value(r, c);
        }
    std::vector<std::set<int64_t>> seen(hidden.size());
    auto consistent = [&]() {
        for (size_t r = 0; r < R; ++r) {
            int64_t s = 0;
            for (size_t c = 0; c + 1 < C; ++c) s += v[r * C + c];
            if (s != v[r * C + C - 1]) return false;
        }
        for (size_t c = 0; c < C; ++c) {
            int64_t s = 0;
            for (size_t r = 0; r + 1 < R; ++r) s += v[r * C + c];
            if (s != v[(R - 1) * C + c]) return false;
        }
        return true;
    };
    // Prune on rows: once a row's cells are all set, it must add up.
    auto rowDone = [&](size_t k) { return k + 1 == hidden.size() || hidden[k + 1].first != hidden[k].first; };
    auto rowOk = [&](size_t r) {
        int64_t s = 0;
        for (size_t c = 0; c + 1 < C; ++c) s += v[r * C + c];
        return s == v[r * C + C - 1];
    };
    std::function<void(size_t)> search = [&](size_t k) {
        if (k == hidden.size()) {
            if (!consistent()) return;
            for (size_t i = 0; i < hidden.size(); ++i) seen[i].insert(v[hidden[i].first * C + hidden[i].second]);
            return;
        }
        auto [r, c] = hidden[k];
        bool primary = t.state(r, c) == geo::CellState::Primary;
        int64_t lo = primary ? 1 : 0, hi = primary ? t.threshold() - 1 : cap;
        if (rowDone(k)) {
            // The row's last hidden cell follows from the others.
            v[r * C + c] = 0;
            int64_t s = 0;
            for (size_t j = 0; j + 1 < C; ++j) s += v[r * C + j];
            int64_t x = c + 1 == C ? s : v[r * C + C - 1] - s;
            if (x < lo || x > hi) return;
            v[r * C + c] = x;
            if (rowOk(r)) search(k + 1);
            return;
        }
        for (int64_t x = lo; x <= hi; ++x) {
            v[r * C + c] = x;
            if (rowDone(k) && !rowOk(r)) continue;
            search(k + 1);
        }
    };
    search(0);
    return seen;
}

std::vector<std::vector<int64_t>> randomTable(geo::DemoRandom& rnd, size_t rows, size_t cols) {
    std::vector<std::vector<int64_t>> t(rows, std::vector<int64_t>(cols));
    for (auto& row : t)
        for (auto& x : row) x = rnd.below(3) == 0 ? rnd.below(5) : rnd.below(14);
    return t;
}

}  // namespace

TEST_CASE("counts below the threshold show as <5, zeros and larger counts as they are") {
    geo::SuppressedTable t({{3, 10, 12}, {8, 9, 20}, {15, 11, 0}}, 5);
    CHECK(t.label(0, 0) == "<5");
    CHECK(t.state(0, 0) == geo::CellState::Primary);
    CHECK(t.label(2, 2) == "0");
    CHECK(t.value(0, 3) == 25);  // row total
    CHECK(t.value(3, 0) == 26);  // column total
    CHECK(t.value(3, 3) == 88);
    for (size_t r = 0; r <= t.rows(); ++r)
        for (size_t c = 0; c <= t.cols(); ++c) {
            if (t.isHidden(r, c)) CHECK(t.hasAlternative(r, c));
            if (t.state(r, c) == geo::CellState::Secondary) CHECK(t.label(r, c) == "x");
        }
}

TEST_CASE("a lone small count gets company, so its row and column totals do not give it away") {
    std::vector<std::vector<int64_t>> cells{{3, 10, 12}, {8, 9, 20}, {15, 11, 6}};
    geo::SuppressedTable t(cells, 5);
    // Hidden alone, the 3 would follow from its row total (25 - 10 - 12).
    size_t secondary = 0;
    for (size_t r = 0; r <= t.rows(); ++r)
        for (size_t c = 0; c <= t.cols(); ++c) secondary += t.state(r, c) == geo::CellState::Secondary;
    CHECK(secondary >= 3);
    auto seen = feasibleValues(t);
    for (const auto& values : seen) CHECK(values.size() >= 2);
}

TEST_CASE("no hidden count can be recovered in random small tables") {
    geo::DemoRandom rnd(7);
    for (int round = 0; round < 40; ++round) {
        auto cells = randomTable(rnd, 3, 3);
        geo::SuppressedTable t(cells, 5);
        CAPTURE(round);
        auto seen = feasibleValues(t);
        size_t k = 0;
        for (size_t r = 0; r <= t.rows(); ++r)
            for (size_t c = 0; c <= t.cols(); ++c) {
                if (!t.isHidden(r, c)) continue;
                CAPTURE(r);
                CAPTURE(c);
                REQUIRE(k < seen.size());
                CHECK(seen[k].count(t.value(r, c)) == 1);  // the truth is among the candidates
                CHECK(seen[k].size() >= 2);                // and is not the only one
                ++k;
            }
    }
}

TEST_CASE("large tables keep every hidden cell protected") {
    geo::DemoRandom rnd(11);
    auto cells = randomTable(rnd, 400, 5);
    geo::SuppressedTable t(cells, 5);
    size_t primary = 0;
    for (size_t r = 0; r <= t.rows(); ++r)
        for (size_t c = 0; c <= t.cols(); ++c) {
            if (t.state(r, c) == geo::CellState::Primary) ++primary;
            if (t.isHidden(r, c)) CHECK(t.hasAlternative(r, c));
        }
    CHECK(primary > 100);
}
