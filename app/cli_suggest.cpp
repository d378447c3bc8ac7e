// `cordon suggest`: a new scenario holding a seal (minimum cut) or a budget placement.
#include <chrono>
#include <cstdio>

#include "app/command.hpp"
#include "app/scenario_source.hpp"
#include "geo/budget.hpp"
#include "geo/cordon.hpp"
#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/json.hpp"
#include "geo/scenario_store.hpp"
#include "geo/seal.hpp"
#include "geo/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon suggest WS.gpkg --from NAME --into NEW --mode seal|budget [--weighted]\n"
    "         [--checkpoints N] [--staff S] [--keep-existing] [--json]\n"
    "\n"
    "Writes a new scenario NEW with the parameters of NAME and suggested checkpoints; NAME is\n"
    "never changed. Road closures of NAME always cut roads; --keep-existing also keeps (and\n"
    "copies) its checkpoints.\n"
    "  --mode seal    the fewest checkpoints so that every road path from outside the township to\n"
    "                 a village passes one (exact minimum cut); --weighted minimises staff by road\n"
    "                 class instead. Zero checkpoints is a success when nothing needs guarding.\n"
    "  --mode budget  with --checkpoints N or --staff S, the placement guarding the most weight:\n"
    "                 entries by road class plus returnees near each site (greedy); the gain of\n"
    "                 each pick is printed.\n";

std::vector<geo::Checkpoint> kept(const geo::Scenario& from, bool keepAll) {
    std::vector<geo::Checkpoint> out;
    for (const auto& c : from.checkpoints)
        if (keepAll || c.kind == geo::CheckpointKind::RoadClosure) out.push_back(c);
    return out;
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--from", "--into", "--mode", "--checkpoints", "--staff"}, {"--weighted", "--keep-existing", "--json"});
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
    auto store = geo::openSqliteScenarioStore(ws);
    geo::Scenario from;
    if (a.has("--from")) from = store->loadScenario(store->requireScenario(a.value("--from")));
    std::string into = a.value("--into");
    if (store->findScenario(into)) throw geo::Error("scenario '" + into + "' already exists; choose another --into name");
    auto t0 = std::chrono::steady_clock::now();
    auto net = geo::openNetwork(ws);
    auto t1 = std::chrono::steady_clock::now();
    const geo::ScenarioParams& params = from.params;

    std::vector<geo::Site> sites;
    std::vector<double> gains;
    geo::JsonWriter j;
    j.beginObject().key("scenario").value(into).key("mode").value(mode);
    if (mode == "seal") {
        geo::SealOptions o;
        o.guardDistanceM = params.guardDistanceM;
        o.isWeighted = a.flag("--weighted");
        o.keep = kept(from, keepAll);
        geo::SealResult r = geo::seal(*net, o);
        sites = r.sites;
        j.key("candidates").value(static_cast<uint64_t>(r.candidates)).key("cost").value(r.cost).key("forced").value(r.forced);
    } else {
        geo::BudgetOptions o;
        o.maxCheckpoints = static_cast<int>(maxCheckpoints);
        o.maxStaff = static_cast<int>(maxStaff);
        o.shifts = params.defaultShifts;
        o.guardDistanceM = params.guardDistanceM;
        o.keep = kept(from, keepAll);
        o.returnees = loadReturnees(ws, ws.readLayer("boundary"), from).areas;
        geo::BudgetResult r = geo::budgetPlacement(*net, o);
        for (const auto& p : r.picks) { sites.push_back(p.site); gains.push_back(p.gain); }
        j.key("candidates").value(static_cast<uint64_t>(r.candidates));
        j.key("weight_total").value(r.totalWeight, 1).key("weight_guarded").value(r.coveredWeight, 1);
    }
    auto t2 = std::chrono::steady_clock::now();
    std::vector<geo::Checkpoint> checkpoints = geo::checkpointsForSites(*net, sites, params.defaultShifts, "建议卡口");
    for (auto& c : checkpoints) c.id = 0;
    if (keepAll)
        for (const auto& c : from.checkpoints) { checkpoints.push_back(c); checkpoints.back().id = 0; }
    else
        for (const auto& c : kept(from, false)) { checkpoints.push_back(c); checkpoints.back().id = 0; }
    int64_t id = store->createScenario(into, params);
    store->setNotes(id, "suggested by `cordon suggest --mode " + mode + "` from '" + from.name + "'");
    if (!checkpoints.empty()) store->addCheckpoints(id, checkpoints);

    geo::Scenario result = store->loadScenario(id);
    geo::Figures f = geo::analyze(*net, result);
    geo::Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    j.key("suggested").beginArray();
    for (size_t i = 0; i < sites.size(); ++i) {
        double x = sites[i].x, y = sites[i].y;
        toLonLat.transformPoint(x, y);
        j.beginObject().key("road").value(checkpoints[i].road).key("class").value(geo::roadClassName(sites[i].roadClass));
        j.key("lon").value(x, 7).key("lat").value(y, 7).key("staff").value(checkpoints[i].staffRequired());
        if (i < gains.size()) j.key("gain").value(gains[i], 1);
        j.endObject();
    }
    j.endArray();
    j.key("entries_total").value(f.entriesTotal).key("entries_guarded").value(f.entriesGuarded);
    j.key("staff_required").value(f.staffRequired).endObject();
    if (a.flag("--json")) {
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    std::printf("scenario '%s' written with %zu suggested checkpoint(s) (%s from '%s')\n", into.c_str(), sites.size(),
                mode.c_str(), from.name.c_str());
    for (size_t i = 0; i < sites.size(); ++i) {
        std::printf("  %-28s %-11s staff %d", checkpoints[i].name.c_str(), geo::roadClassName(sites[i].roadClass),
                    checkpoints[i].staffRequired());
        if (i < gains.size()) std::printf("  gain %.1f", gains[i]);
        std::printf("\n");
    }
    std::printf("entries guarded %d of %d, staff required %d\n", f.entriesGuarded, f.entriesTotal, f.staffRequired);
    std::printf("(%zu road segments read and built into a graph in %.2f s; %s in %.2f s)\n", net->graph().segmentCount(),
                std::chrono::duration<double>(t1 - t0).count(), mode.c_str(), std::chrono::duration<double>(t2 - t1).count());
    return 0;
}

const CommandRegistration reg({"suggest", "a new scenario with a seal or a budget placement of checkpoints", kUsage, run});

}  // namespace
}  // namespace app
