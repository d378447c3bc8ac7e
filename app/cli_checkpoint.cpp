// `cordon checkpoint`: add, move, edit, delete and list a scenario's checkpoints.
#include <cstdio>

#include "app/cli_plan.hpp"
#include "app/command.hpp"
#include "geo/checkpoint_repair.hpp"
#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/json.hpp"
#include "geo/snap.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon checkpoint WS [--scenario NAME] add --at LON,LAT [--name N] [--kind K]\n"
    "                            [--staff-per-shift K] [--shifts K] [--hours H] [--leader L] [--phone P]\n"
    "                            [--notes T] [--tolerance M] [--off-road]\n"
    "       cordon checkpoint WS [--scenario NAME] move ID --at LON,LAT [--tolerance M] [--off-road]\n"
    "       cordon checkpoint WS [--scenario NAME] set ID [--name N] [--kind K] [--staff-per-shift K] [--shifts K] ...\n"
    "       cordon checkpoint WS [--scenario NAME] delete ID\n"
    "       cordon checkpoint WS [--scenario NAME] list [--json]\n"
    "       cordon checkpoint WS [--scenario NAME] repair\n"
    "\n"
    "LON,LAT are WGS84 degrees. A new or moved checkpoint snaps to the nearest road within the\n"
    "tolerance (default 150 m); farther from every road it is refused (exit 2) unless --off-road.\n"
    "Kinds: township_entry, village_gate, road_checkpoint, health_station, road_closure (封路, no staff).\n"
    "Each edit is saved to WS before the command prints it and exits 0. Without --scenario the first\n"
    "scenario is used. list --json prints an array of {id, name, kind, lon, lat, road, class,\n"
    "staff_per_shift, shifts, district}.\n"
    "A checkpoint whose point was removed outside Cordon (QGIS \"delete geometry\") is skipped with a\n"
    "warning; repair puts each such checkpoint back at the middle of its road when the road is known\n"
    "and lists the others (exit 2 while any is left).\n";

struct Context {
    PlanFile file;
    int64_t scenario = 0;
    double toLonLat(double& x, double& y) const {
        geo::Transformer("EPSG:" + std::to_string(file.workspace->workingEpsg()), "EPSG:4326").transformPoint(x, y);
        return x;
    }
};

void applyFields(const Args& a, geo::Checkpoint& c) {
    if (a.has("--name")) c.name = a.value("--name");
    if (a.has("--kind") && !geo::parseCheckpointKind(a.value("--kind"), c.kind))
        throw UsageError("unknown --kind '" + a.value("--kind") +
                         "' (township_entry, village_gate, road_checkpoint, health_station, road_closure)");
    auto small = [&](const char* option, int fallback) {
        int64_t v = a.integer(option, fallback);
        if (v < 0 || v > 100000) throw UsageError(std::string(option) + " must be between 0 and 100000");
        return static_cast<int>(v);
    };
    c.staffPerShift = small("--staff-per-shift", c.staffPerShift);
    c.shifts = small("--shifts", c.shifts);
    if (a.has("--hours")) c.hours = a.value("--hours");
    if (a.has("--leader")) c.leader = a.value("--leader");
    if (a.has("--phone")) c.phone = a.value("--phone");
    if (a.has("--notes")) c.notes = a.value("--notes");
}

void place(const Context& ctx, const Args& a, geo::Checkpoint& c) {
    double lon = 0, lat = 0;
    parseLonLat(a.value("--at"), lon, lat);
    double x = lon, y = lat;
    geo::Transformer("EPSG:4326", "EPSG:" + std::to_string(ctx.file.workspace->workingEpsg())).transformPoint(x, y);
    double tolerance = a.number("--tolerance", geo::kDefaultSnapToleranceM);
    if (!(tolerance >= 0) || tolerance > 100000) throw UsageError("--tolerance must be between 0 and 100000 metres");
    auto roads = geo::RoadSnapper::fromWorkspace(*ctx.file.workspace);
    auto districts = geo::DistrictLocator::fromWorkspace(*ctx.file.workspace);
    geo::placeCheckpoint(c, x, y, roads, districts, tolerance, a.flag("--off-road"));
}

std::string where(const geo::Checkpoint& c) {
    if (c.roadFid < 0) return "off-road";
    return "on " + (c.road.empty() ? std::string("an unnamed road") : c.road) + " (" + geo::roadClassName(c.roadClass) +
           ", road " + std::to_string(c.roadFid) + ")";
}

int64_t parseId(const std::vector<std::string>& p, const std::string& verb) {
    if (p.size() < 3) throw UsageError(verb + " needs a checkpoint ID (see `checkpoint WS list`)");
    char* end = nullptr;
    long long id = std::strtoll(p[2].c_str(), &end, 10);
    if (p[2].empty() || *end != '\0' || id <= 0) throw UsageError("checkpoint ID must be a positive number, not '" + p[2] + "'");
    if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
    return id;
}

geo::Checkpoint existing(const Context& ctx, int64_t id) {
    auto c = ctx.file.store->checkpoint(ctx.scenario, id);
    if (!c) throw geo::Error("no checkpoint " + std::to_string(id) + " in this scenario");
    return *c;
}

// One checkpoint as the JSON object of `list --json` (WGS84, 8 decimals).
void writeCheckpoint(geo::JsonWriter& j, const Context& ctx, const geo::Checkpoint& c) {
    double lon = c.x, lat = c.y;
    ctx.toLonLat(lon, lat);
    j.beginObject();
    j.key("id").value(c.id).key("name").value(c.name).key("kind").value(geo::checkpointKindName(c.kind));
    j.key("lon").value(lon, 8).key("lat").value(lat, 8);
    j.key("road").value(c.road).key("class").value(c.roadFid >= 0 ? geo::roadClassName(c.roadClass) : "");
    j.key("staff_per_shift").value(c.staffPerShift).key("shifts").value(c.shifts).key("district").value(c.district);
    j.endObject();
}

// The result of an edit: {"action": "added", "checkpoint": {...}}.
void printEdit(const Context& ctx, const char* action, const geo::Checkpoint& c) {
    geo::JsonWriter j;
    j.beginObject().key("action").value(action).key("checkpoint");
    writeCheckpoint(j, ctx, c);
    j.endObject();
    std::printf("%s\n", j.str().c_str());
}

int list(Context& ctx, bool json) {
    auto all = ctx.file.store->checkpoints(ctx.scenario);
    if (json) {
        geo::JsonWriter j;
        j.beginArray();
        for (const auto& c : all) writeCheckpoint(j, ctx, c);
        j.endArray();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    int required = 0;
    for (const auto& c : all) {
        double lon = c.x, lat = c.y;
        ctx.toLonLat(lon, lat);
        std::printf("%6lld  %-20s %-16s %.7f,%.7f  %d x %d  %s  %s\n", static_cast<long long>(c.id), c.name.c_str(),
                    geo::checkpointKindName(c.kind), lon, lat, c.staffPerShift, c.shifts, c.district.c_str(), where(c).c_str());
        required += c.staffRequired();
    }
    auto sc = ctx.file.store->loadScenario(ctx.scenario);
    std::printf("%zu checkpoints, staff required %d of %d available\n", all.size(), required, sc.params.staffAvailable);
    return 0;
}

int repair(Context& ctx) {
    auto damaged = geo::repairCheckpoints(*ctx.file.workspace, ctx.scenario);
    if (damaged.empty()) {
        std::printf("nothing to repair: every checkpoint has a position\n");
        return 0;
    }
    int left = 0;
    for (const auto& d : damaged) {
        if (d.restored) {
            std::printf("restored checkpoint %lld %s at the middle of %s (road %lld); move it if it stood elsewhere\n",
                        static_cast<long long>(d.id), d.name.c_str(), d.road.empty() ? "its road" : d.road.c_str(),
                        static_cast<long long>(d.roadFid));
        } else {
            ++left;
            std::printf("checkpoint %lld %s has no position and no road to restore it on; it stays skipped "
                        "(give it a point in QGIS, or remove the row)\n",
                        static_cast<long long>(d.id), d.name.c_str());
        }
    }
    return left == 0 ? 0 : 2;
}

int run(const std::vector<std::string>& argv) {
    Args a(argv,
           {"--scenario", "--at", "--name", "--kind", "--staff-per-shift", "--shifts", "--hours", "--leader", "--phone",
            "--notes", "--tolerance"},
           {"--off-road", "--json"});
    const auto& p = a.positional();
    std::string ws = a.requirePositional(0, "workspace (cordon checkpoint WS --scenario NAME add|move|set|delete|list)");
    std::string verb = a.requirePositional(1, "what to do: add, move, set, delete or list");
    if (verb != "add" && verb != "move" && verb != "set" && verb != "delete" && verb != "list" && verb != "repair")
        throw UsageError("unknown checkpoint action '" + verb + "' (add, move, set, delete, list, repair)");
    if ((verb == "add" || verb == "move") && !a.has("--at")) throw UsageError(verb + " needs --at LON,LAT");
    if (verb == "add" || verb == "list" || verb == "repair")
        if (p.size() > 2) throw UsageError("unexpected argument '" + p[2] + "'");
    Context ctx{openPlanFile(ws), 0};
    ctx.scenario = chooseScenario(*ctx.file.store, a.value("--scenario"));
    auto& store = *ctx.file.store;
    const bool json = a.flag("--json");
    if (verb == "repair") return repair(ctx);
    if (auto damaged = geo::damagedCheckpoints(*ctx.file.workspace, ctx.scenario); !damaged.empty())
        std::fprintf(stderr, "warning: %s; skipped (cordon checkpoint %s%s repair)\n", geo::describeDamaged(damaged).c_str(),
                     ws.c_str(), a.has("--scenario") ? (" --scenario " + a.value("--scenario")).c_str() : "");
    if (verb == "list") return list(ctx, json);
    if (verb == "add") {
        geo::Checkpoint c;
        c.shifts = store.loadScenario(ctx.scenario).params.defaultShifts;
        applyFields(a, c);
        place(ctx, a, c);
        if (c.name.empty()) c.name = (c.road.empty() ? std::string("卡口") : c.road + "卡口") + " " + std::to_string(store.checkpoints(ctx.scenario).size() + 1);
        c.id = store.addCheckpoint(ctx.scenario, c);
        if (json) printEdit(ctx, "added", c);
        else std::printf("added checkpoint %lld %s %s\n", static_cast<long long>(c.id), c.name.c_str(), where(c).c_str());
        return 0;
    }
    int64_t id = parseId(p, verb);
    geo::Checkpoint c = existing(ctx, id);
    if (verb == "delete") {
        store.deleteCheckpoint(ctx.scenario, id);
        if (json) printEdit(ctx, "deleted", c);
        else std::printf("deleted checkpoint %lld\n", static_cast<long long>(id));
    } else if (verb == "move") {
        place(ctx, a, c);
        store.updateCheckpoint(ctx.scenario, c);
        if (json) printEdit(ctx, "moved", c);
        else std::printf("moved checkpoint %lld %s\n", static_cast<long long>(id), where(c).c_str());
    } else {
        applyFields(a, c);
        store.updateCheckpoint(ctx.scenario, c);
        if (json) printEdit(ctx, "updated", c);
        else std::printf("updated checkpoint %lld: %s, %s, %d staff x %d shifts\n", static_cast<long long>(id), c.name.c_str(),
                         geo::checkpointKindName(c.kind), c.staffPerShift, c.shifts);
    }
    return 0;
}

const CommandRegistration reg({"checkpoint", "add, move, edit, delete or list a scenario's checkpoints", kUsage, run});

}  // namespace
}  // namespace app
