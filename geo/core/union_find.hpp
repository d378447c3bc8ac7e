// Disjoint sets over 0..n-1 with path halving; the smaller id becomes the root.
#pragma once
#include <algorithm>
#include <numeric>
#include <vector>

namespace geo {

template <class Id>
class UnionFind {
public:
    explicit UnionFind(size_t n = 0) : parent_(n) { std::iota(parent_.begin(), parent_.end(), Id{0}); }
    Id add() { parent_.push_back(static_cast<Id>(parent_.size())); return parent_.back(); }
    Id find(Id a) {
        while (parent_[a] != a) { parent_[a] = parent_[parent_[a]]; a = parent_[a]; }
        return a;
    }
    void unite(Id a, Id b) {
        a = find(a); b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }
    // Points every element straight at its root; parents always precede their children.
    void flatten() { for (Id a = 0; a < static_cast<Id>(parent_.size()); ++a) parent_[a] = parent_[parent_[a]]; }
    void reserve(size_t n) { parent_.reserve(n); }
    size_t size() const { return parent_.size(); }
private:
    std::vector<Id> parent_;
};

}  // namespace geo
