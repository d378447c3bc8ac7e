// `cordon suggest`: a new scenario holding a seal (minimum cut) or a budget placement.
#include <chrono>
#include <cstdio>

#include "geo/workspace/boundary.hpp"
#include "app/command.hpp"
#include "app/scenario_source.hpp"
#include "geo/analysis/budget.hpp"
#include "geo/analysis/figures.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/plan/plan_session.hpp"
#include "geo/analysis/seal.hpp"
#include "geo/analysis/suggest.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon suggest WS.gpkg --from NAME --into NEW --mode seal|budget [--weighted]\n"
    "         [--checkpoints N] [--staff S] [--keep-existing] [--entry-gap METRES] [--json]\n"
    "\n"
    "Writes a new scenario NEW with the parameters of NAME and suggested checkpoints; NAME is\n"
    "never changed. Road closures of NAME always cut roads; --keep-existing also keeps (and\n"
    "copies) its checkpoints.\n"
    "  --mode seal    the fewest checkpoints that guard every entry: every road path from an entry\n"
    "                 to a village (without villages: deeper inside than the guard distance) meets\n"
    "                 one (exact minimum cut, the rule `cordon analyze` counts by); --weighted\n"
    "                 minimises staff by road class instead. Zero checkpoints is a success when\n"
    "                 nothing needs guarding.\n"
    "  --mode budget  with --checkpoints N or --staff S: when the budget allows guarding every\n"
    "                 entry, the seal (and it says how many suffice); else the placement guarding\n"
    "                 the most weight (greedy). A pick's gain is the weight it newly covers:\n"
    "                 each entry it guards by road class (expressway 10, national 8, provincial 6,\n"
    "                 county 4, township 3, village 2, track 1) plus 0.1 per returnee within 500 m.\n"
    "--entry-gap overrides the scenario's entry gap (see `cordon analyze --help`).\n"
    "Prints (and with --json returns) the new plan's entries_guarded, entries_total,\n"
    "staff_required and staff_available, with a warning when more staff are required than\n"
    "available, and each entry left unguarded with the reason.\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--from", "--into", "--mode", "--checkpoints", "--staff", "--entry-gap"},
           {"--weighted", "--keep-existing", "--json"});
    std::string path = a.requirePositional(0, "workspace path (cordon suggest WS.gpkg --from NAME --into NEW --mode seal)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    std::string mode = a.value("--mode");
    if (mode != "seal" && mode != "budget") throw UsageError("--mode must be seal or budget");
    if (!a.has("--into") || a.value("--into").empty()) throw UsageError("--into NEW is required");
    int64_t maxCheckpoints = a.integer("--checkpoints", 0), maxStaff = a.integer("--staff", 0);
    if (maxCheckpoints < 0 || maxStaff < 0 || maxCheckpoints > 100000 || maxStaff > 10000000)
        throw UsageError("--checkpoints and --staff must be positive");
    if (mode == "budget" && maxCheckpoints == 0 && maxStaff == 0) throw UsageError("--mode budget needs --checkpoints N or --staff S");
    if (mode == "seal" && (a.has("--checkpoints") || a.has("--staff"))) throw UsageError("--checkpoints/--staff are for --mode budget");
    bool keepAll = a.flag("--keep-existing");

    auto ws = geo::Workspace::open(path);
    if (ws.isReadOnly()) throw geo::Error(path + ": read-only; cannot add a scenario");
    geo::PlanSession session(ws);
    geo::Scenario from;
    if (a.has("--from")) from = session.loadScenario(session.requireScenario(a.value("--from")));
    std::string into = a.value("--into");
    if (session.findScenario(into)) throw geo::Error("scenario '" + into + "' already exists; choose another --into name");
    auto t0 = std::chrono::steady_clock::now();
    geo::NetworkOptions options;
    options.entryGapM = geo::checkedEntryGap(a.number("--entry-gap", from.params.entryGapM));
    auto net = geo::openNetwork(ws, options);
    auto t1 = std::chrono::steady_clock::now();
    geo::ScenarioParams params = from.params;
    params.entryGapM = options.entryGapM;  // the plan is judged by the gap it was made for
    from.params = params;

    geo::SuggestOptions so;
    so.isBudget = mode == "budget";
    so.isWeighted = a.flag("--weighted");
    so.maxCheckpoints = static_cast<int>(maxCheckpoints);
    so.maxStaff = static_cast<int>(maxStaff);
    so.keepExisting = keepAll;
    std::vector<geo::AreaCount> returnees;
    if (so.isBudget) returnees = loadReturnees(ws, geo::readBoundary(ws), from).areas;
    geo::Suggestion sug = geo::suggestPlan(*net, from, so, returnees);
    geo::snapSuggested(sug, session.roads(), session.districts());
    auto t2 = std::chrono::steady_clock::now();
    const auto& checkpoints = sug.checkpoints;
    geo::JsonWriter j;
    j.beginObject().key("scenario").value(into).key("mode").value(mode);
    j.key("candidates").value(static_cast<uint64_t>(sug.candidates));
    if (!so.isBudget) j.key("cost").value(sug.sealCost).key("forced").value(sug.forced);
    else j.key("weight_total").value(sug.weightTotal, 1).key("weight_guarded").value(sug.weightGuarded, 1)
             .key("enough_for_all").value(sug.isEnoughForAll);
    int64_t id = session.createSuggestedScenario(
        into, params, "suggested by `cordon suggest --mode " + mode + "` from '" + from.name + "'", checkpoints);

    geo::Scenario result = session.loadScenario(id);
    geo::Figures f = geo::analyze(*net, result);
    geo::Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    j.key("suggested").beginArray();
    for (size_t i = 0; i < sug.suggested; ++i) {
        double x = checkpoints[i].x, y = checkpoints[i].y;
        toLonLat.transformPoint(x, y);
        j.beginObject().key("road").value(checkpoints[i].road).key("class").value(geo::roadClassName(checkpoints[i].roadClass));
        j.key("lon").value(x, 7).key("lat").value(y, 7).key("staff").value(checkpoints[i].staffRequired());
        if (i < sug.gains.size()) j.key("gain").value(sug.gains[i], 1);
        j.endObject();
    }
    j.endArray();
    j.key("entries_total").value(f.entriesTotal).key("entries_guarded").value(f.entriesGuarded);
    j.key("staff_required").value(f.staffRequired).key("staff_available").value(f.staffAvailable);
    std::vector<std::string> reasons;
    j.key("unguarded").beginArray();
    for (size_t i : f.unguarded) {
        const geo::Entry& e = net->entries()[i];
        double x = e.x, y = e.y;
        toLonLat.transformPoint(x, y);
        reasons.push_back(geo::unguardedReason(*net, i, params.guardDistanceM, so.isBudget));
        j.beginObject().key("road").value(e.road).key("class").value(geo::roadClassName(e.roadClass));
        j.key("lon").value(x, 7).key("lat").value(y, 7).key("reason").value(reasons.back()).endObject();
    }
    j.endArray();
    std::string shortage;
    if (f.staffRequired > f.staffAvailable)
        shortage = "the plan needs " + std::to_string(f.staffRequired) + " staff, " +
                   std::to_string(f.staffRequired - f.staffAvailable) + " more than the " + std::to_string(f.staffAvailable) + " available";
    j.key("warnings").beginArray();
    if (!shortage.empty()) j.value(shortage);
    j.endArray().endObject();
    if (!shortage.empty()) std::fprintf(stderr, "cordon: warning: %s\n", shortage.c_str());
    if (a.flag("--json")) {
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    std::printf("scenario '%s' written with %zu suggested checkpoint(s) (%s from '%s')\n", into.c_str(), sug.suggested,
                mode.c_str(), from.name.c_str());
    for (size_t i = 0; i < sug.suggested; ++i) {
        std::printf("  %-28s %-11s staff %d", checkpoints[i].name.c_str(), geo::roadClassName(checkpoints[i].roadClass),
                    checkpoints[i].staffRequired());
        if (i < sug.gains.size()) std::printf("  gain %.1f", sug.gains[i]);
        std::printf("\n");
    }
    if (so.isBudget && sug.isEnoughForAll)
        std::printf("%zu checkpoint(s) suffice to guard every entry (the budget allowed %s); the rest of the budget is left\n",
                    sug.suggested, maxCheckpoints > 0 ? (std::to_string(maxCheckpoints) + " checkpoints").c_str()
                                                      : (std::to_string(maxStaff) + " staff").c_str());
    if (sug.forced > 0)
        std::printf("%d checkpoint(s) stand on the boundary itself, where a village reaches it\n", sug.forced);
    std::printf("entries guarded %d of %d, staff required %d of %d available\n", f.entriesGuarded, f.entriesTotal,
                f.staffRequired, f.staffAvailable);
    for (size_t k = 0; k < f.unguarded.size(); ++k) {
        const geo::Entry& e = net->entries()[f.unguarded[k]];
        std::printf("  unguarded  %-11s %-24s %s\n", geo::roadClassName(e.roadClass), e.road.empty() ? "(unnamed)" : e.road.c_str(),
                    reasons[k].c_str());
    }

    std::printf("(%zu road segments read and built into a graph in %.2f s; %s in %.2f s)\n", net->graph().segmentCount(),
                std::chrono::duration<double>(t1 - t0).count(), mode.c_str(), std::chrono::duration<double>(t2 - t1).count());
    return 0;
}

const CommandRegistration reg({"suggest", "a new scenario with a seal or a budget placement of checkpoints", kUsage, run});

}  // namespace
}  // namespace app
