// The CBC wrapper: rows collected as triplets, handed over column-wise.
#include "geo/rota/rota_mip.hpp"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <memory>

namespace geo {

int Mip::addCol(double lb, double ub, double obj, bool isInteger) {
    lb_.push_back(lb); ub_.push_back(ub); obj_.push_back(obj); int_.push_back(isInteger);
    return static_cast<int>(lb_.size()) - 1;
}

void Mip::addRow(const std::vector<std::pair<int, double>>& terms, double lb, double ub) {
    for (auto [c, v] : terms) entries_.push_back({c, static_cast<int>(rowLb_.size()), v});
    rowLb_.push_back(lb); rowUb_.push_back(ub);
}

void Mip::solve(double seconds, std::vector<double>& x, double& objective, double& bound) {
    std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> m(Cbc_newModel(), Cbc_deleteModel);
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.col < b.col || (a.col == b.col && a.row < b.row); });
    std::vector<CoinBigIndex> start(lb_.size() + 1, 0);
    std::vector<int> index;
    std::vector<double> value;
    for (const Entry& e : entries_) {
        ++start[static_cast<size_t>(e.col) + 1];
        index.push_back(e.row);
        value.push_back(e.value);
    }
    for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    Cbc_loadProblem(m.get(), cols(), static_cast<int>(rowLb_.size()), start.data(), index.data(), value.data(),
                    lb_.data(), ub_.data(), obj_.data(), rowLb_.data(), rowUb_.data());
    for (int c = 0; c < cols(); ++c)
        if (int_[static_cast<size_t>(c)]) Cbc_setInteger(m.get(), c);
    Cbc_setLogLevel(m.get(), 0);
    Cbc_setMaximumSeconds(m.get(), std::max(0.5, seconds));
    Cbc_setAllowableFractionGap(m.get(), 1e-9);
    Cbc_setAllowableGap(m.get(), 0.5);  // objective terms are integral multiples of the weights
    Cbc_solve(m.get());
    const double* sol = Cbc_bestSolution(m.get());
    x.assign(lb_.begin(), lb_.end());
    if (sol) std::copy(sol, sol + cols(), x.begin());
    objective = sol ? Cbc_getObjValue(m.get()) : 0;
    bound = Cbc_isProvenOptimal(m.get()) ? objective : std::min(objective, Cbc_getBestPossibleObjValue(m.get()));
}

}  // namespace geo
