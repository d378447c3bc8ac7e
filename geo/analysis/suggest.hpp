// A suggested plan from a scenario: seal or budget sites turned into checkpoints, plus the
// closures (and, when asked, the checkpoints) of the source kept. Shared by CLI and GUI.
#pragma once
#include <string>
#include <vector>

#include "geo/analysis/budget.hpp"
#include "geo/analysis/network.hpp"
#include "geo/analysis/seal.hpp"
#include "geo/plan/snap.hpp"

namespace geo {

struct SuggestOptions {
    bool isBudget = false;      // else seal
    bool isWeighted = false;    // seal: minimise staff by road class
    int maxCheckpoints = 0;     // budget: N, or
    int maxStaff = 0;           // budget: S
    bool keepExisting = false;  // keep the source's checkpoints (its road closures are always kept)
};

struct Suggestion {
    std::vector<Checkpoint> checkpoints;  // suggested ones first (ids 0), then those kept
    size_t suggested = 0;
    std::vector<double> gains;            // budget: weight each pick added
    size_t candidates = 0;
    int64_t sealCost = 0;
    int forced = 0;                       // seal: sites where a village touches the outside
    double weightTotal = 0, weightGuarded = 0;
    bool isEnoughForAll = false;          // budget: it allows guarding every entry, and the picks do
};

// Why a plan leaves an entry unguarded, in a line for the planner.
std::string unguardedReason(const CordonNetwork& net, size_t entry, double guardDistanceM, bool isBudget);

Suggestion suggestPlan(const CordonNetwork& net, const Scenario& from, const SuggestOptions& options,
                       const std::vector<AreaCount>& returnees = {});
// Gives the suggested checkpoints the road fid, name, class and district the planner's own
// snapping would (sites lie on roads, so positions move by centimetres at most).
void snapSuggested(Suggestion& suggestion, const RoadSnapper& roads, const DistrictLocator& districts);

}  // namespace geo
