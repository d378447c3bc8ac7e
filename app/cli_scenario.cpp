// `cordon scenario`: list, create, copy, rename and delete the plans in a workspace.
#include <cstdio>

#include "app/cli_plan.hpp"
#include "app/command.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon scenario WS list [--json]\n"
    "       cordon scenario WS create NAME\n"
    "       cordon scenario WS copy FROM TO\n"
    "       cordon scenario WS rename FROM TO\n"
    "       cordon scenario WS delete NAME\n"
    "       cordon scenario WS set NAME [--staff-available N] [--shifts N] [--guard-distance M]\n"
    "                                   [--entry-gap M] [--threshold N]\n"
    "       cordon scenario WS show NAME [--json]\n"
    "\n"
    "A scenario is a named plan: its checkpoints and parameters (staff available, shifts, guard\n"
    "distance, grid size, small-count threshold). Each change is saved to WS before the command\n"
    "exits 0. list --json prints an array of {name, checkpoints}.\n"
    "set changes the settings given and keeps the others: --staff-available (people the command\n"
    "post has), --shifts (shifts per day for new checkpoints), --guard-distance (metres),\n"
    "--entry-gap (metres: a road end this near the boundary is an entry), --threshold (small\n"
    "counts below it are shown as <N). show prints the settings and the plan's totals; --json\n"
    "gives {name, notes, staff_available, shifts, guard_distance_m, entry_gap_m, grid_size_m,\n"
    "small_count_threshold, staff_by_district, checkpoints, closures, staff_required}.\n";

constexpr const char* kSettings[] = {"--staff-available", "--shifts", "--guard-distance", "--entry-gap", "--threshold"};

int64_t integerIn(const Args& a, const char* option, int64_t fallback, int64_t low, int64_t high) {
    int64_t v = a.integer(option, fallback);
    if (v < low || v > high)
        throw UsageError(std::string(option) + " must be between " + std::to_string(low) + " and " + std::to_string(high) +
                         ", not " + std::to_string(v));
    return v;
}

double metresIn(const Args& a, const char* option, double fallback, double low, double high) {
    double v = a.number(option, fallback);
    if (!(v >= low && v <= high))
        throw UsageError(std::string(option) + " must be between " + std::to_string(static_cast<int>(low)) + " and " +
                         std::to_string(static_cast<int>(high)) + " metres");
    return v;
}

int set(geo::PlanSession& session, const std::string& name, const Args& a) {
    bool any = false;
    for (const char* o : kSettings) any |= a.has(o);
    if (!any) throw UsageError("set needs at least one of --staff-available, --shifts, --guard-distance, --entry-gap, --threshold");
    int64_t id = session.requireScenario(name);
    geo::ScenarioParams p = session.loadScenario(id).params;
    p.staffAvailable = static_cast<int>(integerIn(a, "--staff-available", p.staffAvailable, 0, 1'000'000));
    p.defaultShifts = static_cast<int>(integerIn(a, "--shifts", p.defaultShifts, 1, 24));
    p.guardDistanceM = metresIn(a, "--guard-distance", p.guardDistanceM, 1, 100'000);
    p.entryGapM = metresIn(a, "--entry-gap", p.entryGapM, 0, 300);
    p.smallCountThreshold = static_cast<int>(integerIn(a, "--threshold", p.smallCountThreshold, 0, 1000));
    session.setParams(id, p);  // undoable, like the GUI's settings
    return 0;
}

int show(const geo::PlanSession& session, const std::string& name, bool json) {
    geo::Scenario sc = session.loadScenario(session.requireScenario(name));
    const geo::ScenarioParams& p = sc.params;
    const geo::StaffingTotals totals = geo::staffingTotals(sc.checkpoints, p, {});
    const int checkpoints = totals.checkpoints, closures = totals.closures, required = totals.staffRequired;
    if (json) {
        geo::JsonWriter j;
        j.beginObject().key("name").value(sc.name).key("notes").value(sc.notes);
        j.key("staff_available").value(p.staffAvailable).key("shifts").value(p.defaultShifts);
        j.key("guard_distance_m").value(p.guardDistanceM).key("entry_gap_m").value(p.entryGapM);
        j.key("grid_size_m").value(p.gridSizeM).key("small_count_threshold").value(p.smallCountThreshold);
        j.key("staff_by_district").beginObject();
        for (const auto& [district, staff] : p.staffByDistrict) j.key(district).value(staff);
        j.endObject();
        j.key("checkpoints").value(checkpoints).key("closures").value(closures).key("staff_required").value(required);
        j.endObject();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    std::printf("scenario        %s\n", sc.name.c_str());
    if (!sc.notes.empty()) std::printf("notes           %s\n", sc.notes.c_str());
    std::printf("staff available %d\nshifts per day  %d\nguard distance  %.0f m\nentry gap       %.0f m\n", p.staffAvailable,
                p.defaultShifts, p.guardDistanceM, p.entryGapM);
    std::printf("grid size       %.0f m\nsmall counts    below %d shown as <%d\n", p.gridSizeM, p.smallCountThreshold,
                p.smallCountThreshold);
    for (const auto& [district, staff] : p.staffByDistrict) std::printf("  %s: %d staff\n", district.c_str(), staff);
    std::printf("checkpoints     %d (+%d road closures), staff required %d of %d available\n", checkpoints, closures, required,
                p.staffAvailable);
    return 0;
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--staff-available", "--shifts", "--guard-distance", "--entry-gap", "--threshold"}, {"--json"});
    const auto& p = a.positional();
    std::string ws = a.requirePositional(0, "workspace (cordon scenario WS list|create|copy|rename|delete|set|show)");
    std::string verb = a.requirePositional(
        1, "what to do: list, create NAME, copy FROM TO, rename FROM TO, delete NAME, set NAME or show NAME");
    size_t want = verb == "list"                                                                  ? 2
                  : (verb == "create" || verb == "delete" || verb == "set" || verb == "show") ? 3
                  : (verb == "copy" || verb == "rename")                                      ? 4
                                                                                              : 0;
    if (want == 0) throw UsageError("unknown scenario action '" + verb + "' (list, create, copy, rename, delete, set, show)");
    if (verb != "set")
        for (const char* o : kSettings)
            if (a.has(o)) throw UsageError(std::string(o) + " goes with `scenario WS set NAME`");
    if (p.size() < want) throw UsageError(verb + " needs " + (want == 3 ? "a NAME" : "FROM and TO"));
    if (p.size() > want) throw UsageError("unexpected argument '" + p[want] + "'");
    PlanFile f = openPlanFile(ws);
    geo::PlanSession& session = *f.session;
    if (verb == "show") return show(session, p[2], a.flag("--json"));
    if (verb == "list") {
        auto all = session.listScenarios();
        if (a.flag("--json")) {
            geo::JsonWriter j;
            j.beginArray();
            for (const auto& s : all) j.beginObject().key("name").value(s.name).key("checkpoints").value(s.checkpoints).endObject();
            j.endArray();
            std::printf("%s\n", j.str().c_str());
        } else if (all.empty()) {
            std::printf("no scenarios yet (cordon scenario %s create NAME)\n", ws.c_str());
        } else {
            for (const auto& s : all) std::printf("%-24s %lld checkpoints\n", s.name.c_str(), static_cast<long long>(s.checkpoints));
        }
        return 0;
    }
    const char* done = "deleted";
    if (verb == "set") {
        set(session, p[2], a);
        if (!a.flag("--json")) std::printf("updated scenario %s\n", p[2].c_str());
        return show(session, p[2], a.flag("--json"));
    } else if (verb == "create") {
        session.createScenario(p[2], geo::ScenarioParams{});
        done = "created";
    } else if (verb == "copy") {
        session.copyScenario(p[2], p[3]);
        done = "copied";
    } else if (verb == "rename") {
        session.renameScenario(p[2], p[3]);
        done = "renamed";
    } else {
        session.deleteScenario(p[2]);  // with its undo history
    }
    if (a.flag("--json")) {
        // {"action": "copied", "scenario": TO, "from": FROM}
        geo::JsonWriter j;
        j.beginObject().key("action").value(done).key("scenario").value(p.size() > 3 ? p[3] : p[2]);
        if (p.size() > 3) j.key("from").value(p[2]);
        j.endObject();
        std::printf("%s\n", j.str().c_str());
    } else if (p.size() > 3) {
        std::printf("%s scenario %s to %s\n", done, p[2].c_str(), p[3].c_str());
    } else {
        std::printf("%s scenario %s\n", done, p[2].c_str());
    }
    return 0;
}

const CommandRegistration reg({"scenario", "list, create, copy, rename or delete scenarios (plans)", kUsage, run});

}  // namespace
}  // namespace app
