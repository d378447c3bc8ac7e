// Budget placement: candidate sites from the seal problem, each covering the entries it alone
// guards and the returnee areas near it; then lazy greedy (CELF) over the coverage sets.
#include "geo/analysis/budget.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>

namespace geo {
namespace {
constexpr double kEntryInsetM = 10;  // entry sites stand this far inside the boundary
}  // namespace

double entryWeight(RoadClass c) {
    switch (c) {
    case RoadClass::Expressway: return 10;
    case RoadClass::National: return 8;
    case RoadClass::Provincial: return 6;
    case RoadClass::County: return 4;
    case RoadClass::Township: return 3;
    case RoadClass::Village: return 2;
    case RoadClass::Track: return 1;
    case RoadClass::Other: return 1;
    }
    return 1;
}

double coveredWeight(const CoverageProblem& problem, const std::vector<uint32_t>& chosen) {
    std::vector<uint8_t> done(problem.itemWeight.size(), 0);
    double total = 0;
    for (uint32_t s : chosen)
        for (uint32_t i : problem.covers[s])
            if (!done[i]) { done[i] = 1; total += problem.itemWeight[i]; }
    return total;
}

std::vector<CoveragePick> greedyCoverage(const CoverageProblem& problem, int maxCount, int64_t maxCost) {
    size_t sets = problem.covers.size();
    std::vector<uint8_t> done(problem.itemWeight.size(), 0);
    auto gainOf = [&](uint32_t s) {
        double g = 0;
        for (uint32_t i : problem.covers[s]) if (!done[i]) g += problem.itemWeight[i];
        return g;
    };
    auto costOf = [&](uint32_t s) { return problem.cost.empty() ? int64_t{1} : std::max<int64_t>(problem.cost[s], 1); };
    bool byCost = maxCost > 0;
    auto score = [&](double gain, uint32_t s) { return byCost ? gain / static_cast<double>(costOf(s)) : gain; };
    // Lazy evaluation: a stale score only overestimates (coverage is submodular), so a popped
    // set whose refreshed score still tops the queue is the true best.
    struct Item { double score; uint32_t set; uint32_t round; };
    auto less = [](const Item& a, const Item& b) { return a.score < b.score || (a.score == b.score && a.set > b.set); };
    std::priority_queue<Item, std::vector<Item>, decltype(less)> queue(less);
    for (uint32_t s = 0; s < sets; ++s) {
        double g = gainOf(s);
        if (g > 0) queue.push({score(g, s), s, 0});
    }
    std::vector<CoveragePick> picks;
    int64_t spent = 0;
    uint32_t round = 0;
    while (!queue.empty()) {
        if (maxCount > 0 && static_cast<int>(picks.size()) >= maxCount) break;
        Item top = queue.top();
        queue.pop();
        if (byCost && spent + costOf(top.set) > maxCost) continue;  // never affordable again
        if (top.round != round) {
            double g = gainOf(top.set);
            if (g > 0) queue.push({score(g, top.set), top.set, round});
            continue;
        }
        double g = gainOf(top.set);
        for (uint32_t i : problem.covers[top.set]) done[i] = 1;
        spent += costOf(top.set);
        picks.push_back({top.set, g});
        ++round;
    }
    if (byCost) {
        // Gain per cost alone can be fooled by one expensive set worth more than all cheap ones.
        double total = 0;
        for (auto& p : picks) total += p.gain;
        std::fill(done.begin(), done.end(), 0);
        uint32_t best = 0;
        double bestGain = -1;
        for (uint32_t s = 0; s < sets; ++s)
            if (costOf(s) <= maxCost) {
                double g = gainOf(s);
                if (g > bestGain) { bestGain = g; best = s; }
            }
        if (bestGain > total) picks = {{best, bestGain}};
    }
    return picks;
}

namespace {

// Candidate sites: every junction and stretch inside the township and outside protected places
// (the seal problem's sites that are not forced; `candidateOf` maps a seal site to its candidate,
// kNoId for none), and a site just inside each entry point: the township-entry checkpoint
// planners start from.
std::vector<Site> candidateSites(const CordonNetwork& net, const SealProblem& sealProblem, std::vector<uint32_t>& candidateOf) {
    std::vector<Site> sites;
    candidateOf.assign(sealProblem.sites.size(), kNoId);
    for (size_t k = 0; k < sealProblem.sites.size(); ++k)
        if (!sealProblem.sites[k].isForced) {
            candidateOf[k] = static_cast<uint32_t>(sites.size());
            sites.push_back(sealProblem.sites[k]);
        }
    const RoadGraph& graph = net.graph();
    for (const Entry& entry : net.entries())
        for (const EntryPoint& ep : entry.points) {
            double len = graph.edgeLength(ep.edge);
            for (double step : {kEntryInsetM, -kEntryInsetM}) {
                Site s;
                s.edge = ep.edge;
                s.offset = std::clamp(ep.offset + step, 0.0, len);
                graph.pointOnEdge(s.edge, s.offset, s.x, s.y);
                if (!net.isInside(s.x, s.y)) continue;
                s.feature = graph.edgeFeature(s.edge);
                s.roadClass = net.edgeClass(s.edge);
                sites.push_back(s);
                break;
            }
        }
    return sites;
}

// The sites sorted by x, to visit those within a distance of a point.
class SitesByX {
public:
    explicit SitesByX(const std::vector<Site>& sites) : sites_(sites), byX_(sites.size()) {
        for (size_t i = 0; i < byX_.size(); ++i) byX_[i] = i;
        std::sort(byX_.begin(), byX_.end(), [&](size_t a, size_t b) { return sites_[a].x < sites_[b].x; });
    }
    template <class Visit>
    void near(double x, double y, double r, Visit&& f) const {
        auto lo = std::lower_bound(byX_.begin(), byX_.end(), x - r, [&](size_t i, double v) { return sites_[i].x < v; });
        for (auto it = lo; it != byX_.end() && sites_[*it].x <= x + r; ++it)
            if (std::hypot(sites_[*it].x - x, sites_[*it].y - y) <= r) f(*it);
    }
private:
    const std::vector<Site>& sites_;
    std::vector<size_t> byX_;
};

// What each site covers: the entries left open by the kept checkpoints that it would guard (the
// first `entryItems` items), then the returnee areas within its reach; each site's cost in staff.
// The weight of everything, covered or not, goes into result.totalWeight.
CoverageProblem coverageProblem(const CordonNetwork& net, const BudgetOptions& options, const std::vector<Site>& sites,
                                BudgetResult& result, size_t& entryItems) {
    const SitesByX byX(sites);
    CoverageProblem problem;
    problem.covers.resize(sites.size());
    Barriers kept = placeBarriers(net, options.keep);
    const auto& entries = net.entries();
    const GuardModel& model = net.guardModel(options.guardDistanceM);
    std::vector<uint8_t> open = model.openEntries(kept);
    for (size_t e = 0; e < entries.size(); ++e) {
        double w = entryWeight(entries[e].roadClass);
        result.totalWeight += w;
        if (!open[e]) continue;
        uint32_t item = static_cast<uint32_t>(problem.itemWeight.size());
        problem.itemWeight.push_back(w);
        // Network distance is at least the straight-line one, so only nearby sites can guard it.
        byX.near(entries[e].x, entries[e].y, options.guardDistanceM, [&](size_t s) {
            Barriers b = kept;
            RoadPosition pos;
            pos.edge = sites[s].edge;
            pos.offset = sites[s].offset;
            if (sites[s].node != kNoId) {
                const RoadGraph& g = net.graph();
                pos.edge = g.adjEdge[g.adjStart[sites[s].node]];
                pos.offset = g.edgeFrom[pos.edge] == sites[s].node ? 0 : g.edgeLength(pos.edge);
            }
            pos.x = sites[s].x; pos.y = sites[s].y; pos.distance = 0;
            b.add(net.graph(), pos);
            if (!model.isOpen(static_cast<uint32_t>(e), b)) problem.covers[s].push_back(item);
        });
    }
    entryItems = problem.itemWeight.size();
    for (const auto& a : options.returnees) {
        double w = kReturneeWeight * static_cast<double>(a.total);
        result.totalWeight += w;
        uint32_t item = static_cast<uint32_t>(problem.itemWeight.size());
        problem.itemWeight.push_back(w);
        byX.near(a.x, a.y, options.returneeReachM, [&](size_t s) { problem.covers[s].push_back(item); });
    }
    for (const Site& s : sites) problem.cost.push_back(int64_t{staffPerShiftFor(s.roadClass)} * options.shifts);
    return problem;
}

// The seal's sites as the picks, each credited with what it covers that an earlier one did not;
// every entry counts as guarded, whether or not one pick alone was credited with it.
void takeSeal(const CordonNetwork& net, const BudgetOptions& options, const SealResult& sealed, const CoverageProblem& problem,
              const std::vector<uint32_t>& candidateOf, size_t entryItems, BudgetResult& result) {
    result.isEnoughForAll = true;
    std::vector<uint8_t> done(problem.itemWeight.size(), 0);
    for (size_t i = 0; i < sealed.sites.size(); ++i) {
        uint32_t c = candidateOf[sealed.siteIndex[i]];
        double gain = 0;
        if (c != kNoId)
            for (uint32_t item : problem.covers[c])
                if (!done[item]) { done[item] = 1; gain += problem.itemWeight[item]; }
        result.picks.push_back({sealed.sites[i], gain, static_cast<int>(staffPerShiftFor(sealed.sites[i].roadClass) * options.shifts)});
    }
    result.coveredWeight = 0;
    for (const Entry& e : net.entries()) result.coveredWeight += entryWeight(e.roadClass);
    for (size_t item = 0; item < problem.itemWeight.size(); ++item)
        if (done[item] && item >= entryItems) result.coveredWeight += problem.itemWeight[item];
}

}  // namespace

BudgetResult budgetPlacement(const CordonNetwork& net, const BudgetOptions& options) {
    BudgetResult result;
    SealOptions so;
    so.guardDistanceM = options.guardDistanceM;
    so.keep = options.keep;
    SealProblem sealProblem = buildSealProblem(net, so);
    std::vector<uint32_t> candidateOf;
    const std::vector<Site> sites = candidateSites(net, sealProblem, candidateOf);
    size_t entryItems = 0;
    const CoverageProblem problem = coverageProblem(net, options, sites, result, entryItems);
    result.candidates = sites.size();
    // When the budget covers a seal, the seal it is: every entry guarded with the fewest.
    // (Under a staff limit the seal that needs the least staff; its sites are the same list.)
    SealOptions weighted = so;
    weighted.isWeighted = true;
    SealResult sealed = solveSeal(options.maxStaff > 0 ? buildSealProblem(net, weighted) : sealProblem);
    int64_t sealStaff = 0;
    for (const Site& s : sealed.sites) sealStaff += int64_t{staffPerShiftFor(s.roadClass)} * options.shifts;
    bool fits = options.maxCheckpoints > 0 ? sealed.sites.size() <= static_cast<size_t>(options.maxCheckpoints)
                                           : sealStaff <= options.maxStaff;
    if (fits) {
        takeSeal(net, options, sealed, problem, candidateOf, entryItems, result);
        return result;
    }
    for (const CoveragePick& p : greedyCoverage(problem, options.maxCheckpoints, options.maxStaff)) {
        result.picks.push_back({sites[p.set], p.gain, static_cast<int>(problem.cost[p.set])});
        result.coveredWeight += p.gain;
    }
    result.coveredWeight += result.totalWeight - std::accumulate(problem.itemWeight.begin(), problem.itemWeight.end(), 0.0);
    return result;
}

}  // namespace geo
