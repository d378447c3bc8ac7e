// A mixed-integer programme handed to CBC (Debian coinor-libcbc, C interface): columns and rows
// added one at a time, solved with a time limit.
#pragma once
#include <utility>
#include <vector>

namespace geo {

class Mip {
public:
    int addCol(double lb, double ub, double obj, bool isInteger);
    void addRow(const std::vector<std::pair<int, double>>& terms, double lb, double ub);
    int cols() const { return static_cast<int>(lb_.size()); }
    // Solves; `x` gets the best solution (or all lower bounds when none was found), `bound` the
    // best bound proven.
    void solve(double seconds, std::vector<double>& x, double& objective, double& bound);
private:
    struct Entry { int col, row; double value; };
    std::vector<double> lb_, ub_, obj_, rowLb_, rowUb_;
    std::vector<char> int_;
    std::vector<Entry> entries_;
};

}  // namespace geo
