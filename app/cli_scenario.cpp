// `cordon scenario`: list, create, copy, rename and delete the plans in a workspace.
#include <cstdio>

#include "app/cli_plan.hpp"
#include "app/command.hpp"
#include "geo/json.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon scenario WS list [--json]\n"
    "       cordon scenario WS create NAME\n"
    "       cordon scenario WS copy FROM TO\n"
    "       cordon scenario WS rename FROM TO\n"
    "       cordon scenario WS delete NAME\n"
    "\n"
    "A scenario is a named plan: its checkpoints and parameters (staff available, shifts, guard\n"
    "distance, grid size, small-count threshold). Each change is saved to WS before the command\n"
    "exits 0. list --json prints an array of {name, checkpoints}.\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {}, {"--json"});
    const auto& p = a.positional();
    std::string ws = a.requirePositional(0, "workspace (cordon scenario WS list|create|copy|rename|delete)");
    std::string verb = a.requirePositional(1, "what to do: list, create NAME, copy FROM TO, rename FROM TO or delete NAME");
    size_t want = verb == "list" ? 2 : (verb == "create" || verb == "delete") ? 3 : (verb == "copy" || verb == "rename") ? 4 : 0;
    if (want == 0) throw UsageError("unknown scenario action '" + verb + "' (list, create, copy, rename, delete)");
    if (p.size() < want) throw UsageError(verb + " needs " + (want == 3 ? "a NAME" : "FROM and TO"));
    if (p.size() > want) throw UsageError("unexpected argument '" + p[want] + "'");
    PlanFile f = openPlanFile(ws);
    auto& store = *f.store;
    if (verb == "list") {
        auto all = store.listScenarios();
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
    if (verb == "create") {
        store.createScenario(p[2], geo::ScenarioParams{});
        std::printf("created scenario %s\n", p[2].c_str());
    } else if (verb == "copy") {
        store.copyScenario(p[2], p[3]);
        std::printf("copied scenario %s to %s\n", p[2].c_str(), p[3].c_str());
    } else if (verb == "rename") {
        store.renameScenario(p[2], p[3]);
        std::printf("renamed scenario %s to %s\n", p[2].c_str(), p[3].c_str());
    } else {
        store.deleteScenario(p[2]);
        std::printf("deleted scenario %s\n", p[2].c_str());
    }
    return 0;
}

const CommandRegistration reg({"scenario", "list, create, copy, rename or delete scenarios (plans)", kUsage, run});

}  // namespace
}  // namespace app
