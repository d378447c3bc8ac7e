// Seal or budget placement for a scenario, as checkpoints ready to store in a new scenario.
#include "geo/analysis/suggest.hpp"

namespace geo {

Suggestion suggestPlan(const CordonNetwork& net, const Scenario& from, const SuggestOptions& options,
                       const std::vector<AreaCount>& returnees) {
    std::vector<Checkpoint> keep;
    for (const auto& c : from.checkpoints)
        if (options.keepExisting || c.kind == CheckpointKind::RoadClosure) keep.push_back(c);
    const ScenarioParams& params = from.params;
    Suggestion out;
    std::vector<Site> sites;
    if (!options.isBudget) {
        SealOptions o;
        o.guardDistanceM = params.guardDistanceM;
        o.isWeighted = options.isWeighted;
        o.keep = keep;
        SealResult r = seal(net, o);
        sites = r.sites;
        out.candidates = r.candidates;
        out.sealCost = r.cost;
        out.forced = r.forced;
    } else {
        BudgetOptions o;
        o.maxCheckpoints = options.maxCheckpoints;
        o.maxStaff = options.maxStaff;
        o.shifts = params.defaultShifts;
        o.guardDistanceM = params.guardDistanceM;
        o.keep = keep;
        o.returnees = returnees;
        BudgetResult r = budgetPlacement(net, o);
        for (const auto& p : r.picks) { sites.push_back(p.site); out.gains.push_back(p.gain); }
        out.candidates = r.candidates;
        out.weightTotal = r.totalWeight;
        out.weightGuarded = r.coveredWeight;
        out.isEnoughForAll = r.isEnoughForAll;
    }
    out.checkpoints = checkpointsForSites(net, sites, params.defaultShifts, "建议卡口");
    out.suggested = out.checkpoints.size();
    for (auto& c : keep) out.checkpoints.push_back(c);
    for (auto& c : out.checkpoints) c.id = 0;
    return out;
}

std::string unguardedReason(const CordonNetwork& net, size_t entry, double guardDistanceM, bool isBudget) {
    if (net.guardModel(guardDistanceM).touchesProtected(static_cast<uint32_t>(entry)))
        return net.hasVillages() ? "a village reaches the boundary here: only a checkpoint on the entry itself guards it"
                                 : "the road reaches the guard distance right at the boundary";
    if (isBudget) return "beyond the budget";
    return "the suggested checkpoint could not be placed on its road (another road passes within centimetres)";
}

void snapSuggested(Suggestion& suggestion, const RoadSnapper& roads, const DistrictLocator& districts) {
    constexpr double kOnRoadM = 5;
    for (size_t i = 0; i < suggestion.suggested; ++i) {
        Checkpoint& c = suggestion.checkpoints[i];
        RoadClass siteClass = c.roadClass;
        placeCheckpoint(c, c.x, c.y, roads, districts, kOnRoadM, true);
        if (c.roadClass > siteClass) c.roadClass = siteClass;  // a junction keeps its most important road
    }
}

}  // namespace geo
