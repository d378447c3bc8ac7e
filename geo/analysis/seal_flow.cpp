// Minimum vertex cut by Boykov-Kolmogorov max-flow on an implicit split graph: each vertex is an
// entry half and an exit half joined by an arc of the vertex's cost; each link lets unbounded
// flow from the exit half of either end into the entry half of the other. Only per-vertex and
// per-link arrays with 32-bit indices are stored. Search trees grown from both terminals are
// kept between augmentations, so each path costs far less than a pass over the graph; but in a
// dense mesh of lanes an augmentation still frees and regrows sizeable parts of the trees,
// because every site on a path of unit-cost sites fills up at once.
#include "geo/analysis/seal_flow.hpp"

#include <algorithm>
#include <cassert>
#include <deque>
#include <limits>

namespace geo {
namespace {

constexpr uint32_t kInner = 0xFFFFFFFFu;     // the arc between the two halves of a vertex
constexpr uint32_t kTerminal = 0xFFFFFFFEu;  // parent of a tree's root
constexpr uint32_t kOrphan = 0xFFFFFFFDu;    // lost its parent arc in the last augmentation
constexpr uint32_t kNone = 0xFFFFFFFCu;
constexpr int64_t kUnbounded = int64_t{1} << 62;
constexpr uint32_t kFar = std::numeric_limits<uint32_t>::max();
enum Tree : uint8_t { Free, SourceTree, SinkTree };

// Node v is a half of vertex v/2: its entry half when even, its exit half when odd. The source
// is the exit half of vertex n and the sink the entry half of vertex n+1; the other halves of
// those two are never joined to anything. Arcs out of a node are kInner or an index into the
// adjacency of its vertex; the flow on a link is kept per direction in linkFlow_.
class CutFlow {
public:
    CutFlow(const std::vector<int64_t>& cost, const std::vector<std::pair<int32_t, int32_t>>& links, int32_t kSource,
            int32_t kSink);
    int64_t run();
    std::vector<uint8_t> cutNearestSource() const;

private:
    static bool isExit(uint32_t v) { return (v & 1) != 0; }
    uint32_t target(uint32_t v, uint32_t i) const { return i == kInner ? v ^ 1 : 2 * nbr_[i] + (isExit(v) ? 0 : 1); }
    int64_t residual(uint32_t v, uint32_t i) const;         // of the arc v -> target(v, i)
    int64_t reverseResidual(uint32_t v, uint32_t i) const;  // of the arc target(v, i) -> v
    void push(uint32_t v, uint32_t i, int32_t amount);
    void pushReverse(uint32_t v, uint32_t i, int32_t amount);
    uint32_t reverseArc(uint32_t i) const;  // the arc at target(v, i) leading back to v
    void activate(uint32_t v);
    void orphan(uint32_t v);
    bool grow(uint32_t& from, uint32_t& arc);
    int64_t augment(uint32_t from, uint32_t arc);
    void adopt(uint32_t v);
    uint32_t depth(uint32_t v);

    uint32_t n_, source_, sink_;                  // source_ = n_, sink_ = n_ + 1 as vertices
    std::vector<uint32_t> first_, nbr_, slot_;    // adjacency (CSR) of vertices 0..n+1
    std::vector<int32_t> cap_, through_;          // per vertex: cost and flow through it
    std::vector<int32_t> linkFlow_;               // per link: first -> second, second -> first
    std::vector<uint8_t> tree_, isActive_;        // per node
    std::vector<uint32_t> parent_, stamp_, dist_; // per node
    std::deque<uint32_t> active_, orphans_;
    uint32_t time_ = 0;
};

CutFlow::CutFlow(const std::vector<int64_t>& cost, const std::vector<std::pair<int32_t, int32_t>>& links,
                 int32_t kSource, int32_t kSink)
    : n_(static_cast<uint32_t>(cost.size())), source_(n_), sink_(n_ + 1) {
    auto vertexOf = [&](int32_t e) { return e == kSource ? source_ : e == kSink ? sink_ : static_cast<uint32_t>(e); };
    first_.assign(n_ + 3, 0);
    for (auto [a, b] : links) {
        ++first_[vertexOf(a) + 1];
        ++first_[vertexOf(b) + 1];
    }
    for (size_t k = 1; k < first_.size(); ++k) first_[k] += first_[k - 1];
    nbr_.resize(first_.back());
    slot_.resize(first_.back());
    std::vector<uint32_t> fill(first_.begin(), first_.end() - 1);
    for (size_t j = 0; j < links.size(); ++j) {
        uint32_t a = vertexOf(links[j].first), b = vertexOf(links[j].second);
        assert(!(a >= n_ && b >= n_));  // the source and the sink never touch
        uint32_t ia = fill[a]++, ib = fill[b]++;
        nbr_[ia] = b;
        slot_[ia] = static_cast<uint32_t>(2 * j);
        nbr_[ib] = a;
        slot_[ib] = static_cast<uint32_t>(2 * j + 1);
    }
    cap_.assign(n_ + 2, 0);
    for (size_t k = 0; k < cost.size(); ++k)
        cap_[k] = static_cast<int32_t>(std::clamp<int64_t>(cost[k], 0, std::numeric_limits<int32_t>::max()));
    through_.assign(n_ + 2, 0);
    linkFlow_.assign(2 * links.size(), 0);
    size_t nodes = 2 * (size_t{n_} + 2);
    tree_.assign(nodes, Free);
    isActive_.assign(nodes, 0);
    parent_.assign(nodes, kNone);
    stamp_.assign(nodes, 0);
    dist_.assign(nodes, 0);
}

int64_t CutFlow::residual(uint32_t v, uint32_t i) const {
    uint32_t k = v >> 1;
    if (i == kInner) return isExit(v) ? through_[k] : cap_[k] - through_[k];
    uint32_t a = nbr_[i];
    if (isExit(v)) return a == source_ ? 0 : kUnbounded;  // never back into the source
    return a == sink_ ? 0 : linkFlow_[slot_[i] ^ 1];      // undoes flow that came from a
}

int64_t CutFlow::reverseResidual(uint32_t v, uint32_t i) const {
    if (i == kInner) return residual(v ^ 1, kInner);
    uint32_t a = nbr_[i];
    if (isExit(v)) return a == source_ ? 0 : linkFlow_[slot_[i]];
    return a == sink_ ? 0 : kUnbounded;
}

void CutFlow::push(uint32_t v, uint32_t i, int32_t amount) {
    if (i == kInner) { through_[v >> 1] += isExit(v) ? -amount : amount; return; }
    if (isExit(v)) linkFlow_[slot_[i]] += amount; else linkFlow_[slot_[i] ^ 1] -= amount;
}

void CutFlow::pushReverse(uint32_t v, uint32_t i, int32_t amount) {
    if (i == kInner) { push(v ^ 1, kInner, amount); return; }
    if (isExit(v)) linkFlow_[slot_[i]] -= amount; else linkFlow_[slot_[i] ^ 1] += amount;
}

uint32_t CutFlow::reverseArc(uint32_t i) const {
    if (i == kInner) return kInner;
    uint32_t a = nbr_[i], want = slot_[i] ^ 1;
    for (uint32_t j = first_[a]; j < first_[a + 1]; ++j)
        if (slot_[j] == want) return j;
    assert(false);
    return kInner;
}

void CutFlow::activate(uint32_t v) {
    if (isActive_[v]) return;
    isActive_[v] = 1;
    active_.push_back(v);
}

void CutFlow::orphan(uint32_t v) {
    parent_[v] = kOrphan;
    orphans_.push_back(v);
}

// Grows the trees until an arc from the source tree reaches the sink tree; false when neither
// tree can grow (the flow is maximal).
bool CutFlow::grow(uint32_t& from, uint32_t& arc) {
    while (!active_.empty()) {
        uint32_t p = active_.front();
        if (tree_[p] == Free) {
            active_.pop_front();
            isActive_[p] = 0;
            continue;
        }
        bool isSource = tree_[p] == SourceTree;
        uint32_t k = p >> 1;
        for (uint32_t i = first_[k];; ++i) {
            uint32_t a = i == first_[k + 1] ? kInner : i;  // the inner arc last
            if ((isSource ? residual(p, a) : reverseResidual(p, a)) > 0) {
                uint32_t q = target(p, a);
                if (tree_[q] == Free) {
                    tree_[q] = tree_[p];
                    parent_[q] = reverseArc(a);
                    stamp_[q] = stamp_[p];
                    dist_[q] = dist_[p] + 1;
                    activate(q);
                } else if (tree_[q] != tree_[p]) {
                    from = isSource ? p : q;
                    arc = isSource ? a : reverseArc(a);
                    return true;  // p stays active: it may have more to give
                }
            }
            if (a == kInner) break;
        }
        active_.pop_front();
        isActive_[p] = 0;
    }
    return false;
}

int64_t CutFlow::augment(uint32_t from, uint32_t arc) {
    int64_t amount = residual(from, arc);
    for (uint32_t v = from; parent_[v] != kTerminal; v = target(v, parent_[v]))
        amount = std::min(amount, reverseResidual(v, parent_[v]));
    uint32_t to = target(from, arc);
    for (uint32_t v = to; parent_[v] != kTerminal; v = target(v, parent_[v]))
        amount = std::min(amount, residual(v, parent_[v]));
    // Every path holds a vertex arc, so the amount is a vertex cost (fits 32 bits).
    int32_t d = static_cast<int32_t>(amount);
    push(from, arc, d);
    for (uint32_t v = from; parent_[v] != kTerminal;) {
        uint32_t a = parent_[v], w = target(v, a);
        pushReverse(v, a, d);
        if (reverseResidual(v, a) == 0) orphan(v);
        v = w;
    }
    for (uint32_t v = to; parent_[v] != kTerminal;) {
        uint32_t a = parent_[v], w = target(v, a);
        push(v, a, d);
        if (residual(v, a) == 0) orphan(v);
        v = w;
    }
    return amount;
}

// Distance of v from its tree's root along parent arcs, or kFar when the way up meets an
// orphan; marks the nodes passed with the current time so later walks stop there.
uint32_t CutFlow::depth(uint32_t v) {
    uint32_t d = 0, u = v;
    for (;;) {
        if (stamp_[u] == time_) { d += dist_[u]; break; }
        uint32_t a = parent_[u];
        if (a == kTerminal) {
            stamp_[u] = time_;
            dist_[u] = 0;
            break;
        }
        if (a == kOrphan) return kFar;
        ++d;
        u = target(u, a);
    }
    uint32_t left = d;
    for (u = v; stamp_[u] != time_; u = target(u, parent_[u])) {
        stamp_[u] = time_;
        dist_[u] = left--;
    }
    return d;
}

// Finds an orphan a new parent in its own tree that still leads to the root, or frees it.
void CutFlow::adopt(uint32_t v) {
    bool isSource = tree_[v] == SourceTree;
    uint32_t k = v >> 1, best = kNone, bestDepth = kFar;
    for (uint32_t i = first_[k];; ++i) {
        uint32_t a = i == first_[k + 1] ? kInner : i;
        if ((isSource ? reverseResidual(v, a) : residual(v, a)) > 0) {
            uint32_t q = target(v, a);
            if (tree_[q] == tree_[v]) {
                uint32_t d = depth(q);
                if (d < bestDepth) { bestDepth = d; best = a; }
            }
        }
        if (a == kInner) break;
    }
    if (best != kNone) {
        parent_[v] = best;
        stamp_[v] = time_;
        dist_[v] = bestDepth + 1;
        return;
    }
    for (uint32_t i = first_[k];; ++i) {
        uint32_t a = i == first_[k + 1] ? kInner : i;
        uint32_t q = target(v, a);
        if (tree_[q] == tree_[v]) {
            if ((isSource ? reverseResidual(v, a) : residual(v, a)) > 0) activate(q);
            uint32_t pa = parent_[q];
            if (pa != kTerminal && pa != kOrphan && target(q, pa) == v) orphan(q);
        }
        if (a == kInner) break;
    }
    tree_[v] = Free;
    parent_[v] = kNone;
}

int64_t CutFlow::run() {
    uint32_t s = 2 * source_ + 1, t = 2 * sink_;
    tree_[s] = SourceTree;
    tree_[t] = SinkTree;
    parent_[s] = parent_[t] = kTerminal;
    activate(s);
    activate(t);
    int64_t flow = 0;
    uint32_t from = 0, arc = 0;
    while (grow(from, arc)) {
        flow += augment(from, arc);
        ++time_;
        while (!orphans_.empty()) {
            uint32_t v = orphans_.front();
            orphans_.pop_front();
            adopt(v);
        }
    }
    return flow;
}

// Vertices whose entry half the source still reaches in the residual graph but whose exit half
// it does not: the same set whichever maximum flow was found.
std::vector<uint8_t> CutFlow::cutNearestSource() const {
    std::vector<uint8_t> seen(tree_.size(), 0);
    std::vector<uint32_t> stack{2 * source_ + 1};
    seen[stack[0]] = 1;
    while (!stack.empty()) {
        uint32_t v = stack.back();
        stack.pop_back();
        uint32_t k = v >> 1;
        for (uint32_t i = first_[k];; ++i) {
            uint32_t a = i == first_[k + 1] ? kInner : i;
            if (residual(v, a) > 0) {
                uint32_t q = target(v, a);
                if (!seen[q]) { seen[q] = 1; stack.push_back(q); }
            }
            if (a == kInner) break;
        }
    }
    std::vector<uint8_t> isCut(n_, 0);
    for (uint32_t k = 0; k < n_; ++k) isCut[k] = seen[2 * k] && !seen[2 * k + 1];
    return isCut;
}

// Vertices no simple path from source to sink needs are dropped, and a vertex of degree two
// between two ordinary vertices that costs no less than the cheaper of them is bypassed (its
// links become one link between them): cutting that neighbour instead blocks every path through
// it, so the cheapest cost is unchanged. Vertices next to the source or the sink are always
// kept, so a cut there still stands where the road leaves the outside or reaches the village.
// Most of a dense network is such vertices (the stretch between two crossings of lanes).
std::vector<std::pair<int32_t, int32_t>> reduceLinks(const std::vector<int64_t>& cost,
                                                    std::vector<std::pair<int32_t, int32_t>> links) {
    size_t n = cost.size();
    std::vector<uint32_t> first(n + 1, 0);
    for (auto [a, b] : links) {
        if (a >= 0) ++first[static_cast<size_t>(a) + 1];
        if (b >= 0) ++first[static_cast<size_t>(b) + 1];
    }
    for (size_t k = 1; k <= n; ++k) first[k] += first[k - 1];
    std::vector<uint32_t> linkAt(first.back());  // per vertex, the ids of its links (dead ones skipped)
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    for (size_t j = 0; j < links.size(); ++j)
        for (int32_t e : {links[j].first, links[j].second})
            if (e >= 0) linkAt[fill[static_cast<size_t>(e)]++] = static_cast<uint32_t>(j);
    std::vector<uint8_t> isDead(links.size(), 0);  // a bypassed vertex keeps stale ids: check ends too
    auto otherEnd = [&](uint32_t j, int32_t x) { return links[j].first == x ? links[j].second : links[j].first; };
    std::vector<int32_t> work(n);
    for (size_t x = 0; x < n; ++x) work[x] = static_cast<int32_t>(n - 1 - x);
    uint32_t alive[2];
    while (!work.empty()) {
        int32_t x = work.back();
        work.pop_back();
        size_t ux = static_cast<size_t>(x);
        size_t degree = 0;
        for (uint32_t i = first[ux]; i < first[ux + 1]; ++i)
            if (!isDead[linkAt[i]] && (links[linkAt[i]].first == x || links[linkAt[i]].second == x)) {
                if (degree < 2) alive[degree] = linkAt[i];
                ++degree;
            }
        if (degree > 2) continue;
        int32_t u = degree > 0 ? otherEnd(alive[0], x) : 0, v = degree > 1 ? otherEnd(alive[1], x) : 0;
        bool isDeadEnd = degree < 2 || u == v;  // nothing passes through: drop it with its links
        if (!isDeadEnd && (u < 0 || v < 0 || cost[ux] < std::min(cost[static_cast<size_t>(u)], cost[static_cast<size_t>(v)])))
            continue;
        if (isDeadEnd) {
            for (size_t k = 0; k < degree; ++k) {
                isDead[alive[k]] = 1;
                int32_t w = otherEnd(alive[k], x);
                if (w >= 0 && w != x) work.push_back(w);
            }
            continue;
        }
        // Bypass: the first link now runs u - v, the second dies; v's entry for it moves over.
        uint32_t keep = alive[0], drop = alive[1];
        links[keep] = {u, v};
        isDead[drop] = 1;
        size_t uv = static_cast<size_t>(v);
        for (uint32_t i = first[uv]; i < first[uv + 1]; ++i)
            if (linkAt[i] == drop) { linkAt[i] = keep; break; }
        work.push_back(u);
        work.push_back(v);
    }
    std::vector<std::pair<int32_t, int32_t>> kept;
    for (size_t j = 0; j < links.size(); ++j)
        if (!isDead[j]) kept.push_back(links[j]);
    return kept;
}

}  // namespace

VertexCut minVertexCut(const std::vector<int64_t>& cost, const std::vector<std::pair<int32_t, int32_t>>& links,
                       int32_t kSource, int32_t kSink) {
    CutFlow flow(cost, reduceLinks(cost, links), kSource, kSink);
    VertexCut cut;
    cut.value = flow.run();
    cut.isCut = flow.cutNearestSource();
    return cut;
}

}  // namespace geo
