// `cordon checkpoint`: add, move, edit, delete and list a scenario's checkpoints.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "geo/workspace/boundary.hpp"
#include "app/cli_plan.hpp"
#include "app/command.hpp"
#include "geo/plan/checkpoint_repair.hpp"
#include "geo/core/crs.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/plan/plan_session.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon checkpoint WS [--scenario NAME] add --at LON,LAT [--name N] [--kind K]\n"
    "                            [--staff-per-shift K] [--shifts K] [--hours H] [--leader L] [--phone P]\n"
    "                            [--notes T] [--from DATE] [--until DATE] [--tolerance M] [--off-road] [--outside]\n"
    "       cordon checkpoint WS [--scenario NAME] move CP --at LON,LAT [--tolerance M] [--off-road] [--outside]\n"
    "       cordon checkpoint WS [--scenario NAME] set CP [--name N] [--kind K] [--staff-per-shift K] [--shifts K] ...\n"
    "       cordon checkpoint WS [--scenario NAME] delete CP\n"
    "       cordon checkpoint WS [--scenario NAME] list [--json]\n"
    "       cordon checkpoint WS [--scenario NAME] repair\n"
    "\n"
    "Checkpoints are numbered 1..n within each scenario, as `list` shows them (#3); a copied scenario\n"
    "keeps the numbers, a deleted checkpoint's number is not reused by the others, a new one gets the\n"
    "next. CP is that number, written #3 (quote it in the shell: '#3') or --number 3, or the checkpoint's\n"
    "id (the `id` of list --json, for scripts); a plain 3 is taken as the id or the number, whichever\n"
    "this scenario has, and refused as ambiguous when it names two different checkpoints.\n"
    "LON,LAT are WGS84 degrees. A new or moved checkpoint snaps to the nearest road within the\n"
    "tolerance (default 150 m); farther from every road it is refused (exit 2) unless --off-road.\n"
    "At a junction it is named after the road of the highest class there, with its route code\n"
    "(G344, S107). A position farther outside the township than the scenario's guard distance is\n"
    "refused unless --outside. A new checkpoint gets the scenario's shifts and the staff per shift\n"
    "of its road class, as a suggested one does, unless --staff-per-shift/--shifts say otherwise.\n"
    "Kinds: township_entry, village_gate, road_checkpoint, health_station, road_closure (封路): a\n"
    "closure has no staff, so --staff-per-shift above 0 on one is refused.\n"
    "--from/--until YYYY-MM-DD (both days included; \"\" clears) limit the days a checkpoint or closure\n"
    "is in place: a scenario as of a date (analyze/render/export/report --date) holds those active then.\n"
    "Each edit is saved to WS before the command prints it and exits 0. Without --scenario the first\n"
    "scenario is used. list --json prints an array of {id, number, name, kind, lon, lat, road, class,\n"
    "staff_per_shift, shifts, staff_required, district, from, until}; `id` is internal and stable, for scripts.\n"
    "A checkpoint whose point was removed outside Cordon (QGIS \"delete geometry\") is skipped with a\n"
    "warning; repair puts each such checkpoint back at the middle of its road when the road is known\n"
    "and lists the others (exit 2 while any is left).\n";

struct Context {
    PlanFile file;  // the edits go through file.session's verbs
    int64_t scenario = 0;
    double toLonLat(double& x, double& y) const {
        geo::Transformer("EPSG:" + std::to_string(file.workspace->workingEpsg()), "EPSG:4326").transformPoint(x, y);
        return x;
    }
};

// "08:00-20:00", or several such ranges joined by commas; hours 0-24, minutes 0-59, 24 only as 24:00.
bool isValidHours(const std::string& text) {
    int h1, m1, h2, m2, used = 0;
    for (size_t at = 0; at <= text.size();) {
        std::string range = text.substr(at, text.find(',', at) - at);
        if (std::sscanf(range.c_str(), "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &used) != 4 || used != static_cast<int>(range.size()))
            return false;
        for (auto [h, m] : {std::pair{h1, m1}, std::pair{h2, m2}})
            if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) return false;
        at += range.size() + 1;
    }
    return true;
}

geo::CheckpointKind parseKind(const Args& a, geo::CheckpointKind fallback) {
    geo::CheckpointKind kind = fallback;
    if (a.has("--kind") && !geo::parseCheckpointKind(a.value("--kind"), kind))
        throw UsageError("unknown --kind '" + a.value("--kind") +
                         "' (township_entry, village_gate, road_checkpoint, health_station, road_closure)");
    return kind;
}

void applyFields(const Args& a, geo::Checkpoint& c) {
    if (a.has("--name")) c.name = a.value("--name");
    geo::setCheckpointKind(c, parseKind(a, c.kind));
    auto small = [&](const char* option, int fallback) {
        int64_t v = a.integer(option, fallback);
        if (v < 0 || v > 100000) throw UsageError(std::string(option) + " must be between 0 and 100000");
        return static_cast<int>(v);
    };
    if (a.has("--staff-per-shift")) geo::setStaffPerShift(c, small("--staff-per-shift", c.staffPerShift));
    c.shifts = small("--shifts", c.shifts);
    if (a.has("--hours") && !isValidHours(a.value("--hours")))
        throw UsageError("--hours must be HH:MM-HH:MM (00:00-24:00, or several joined by commas), not '" + a.value("--hours") + "'");
    if (a.has("--hours")) c.hours = a.value("--hours");
    if (a.has("--leader")) c.leader = a.value("--leader");
    if (a.has("--phone")) c.phone = a.value("--phone");
    if (a.has("--notes")) c.notes = a.value("--notes");
    if (a.has("--from")) c.activeFrom = geo::checkedCheckpointDate(a.value("--from"), "--from");
    if (a.has("--until")) c.activeUntil = geo::checkedCheckpointDate(a.value("--until"), "--until");
    if (!c.activeFrom.empty() && !c.activeUntil.empty() && c.activeUntil < c.activeFrom)
        throw UsageError("--until " + c.activeUntil + " is before --from " + c.activeFrom);
}

// Where --at puts a checkpoint (working CRS) and how: --tolerance, --off-road, --outside.
struct Placement {
    double x = 0, y = 0;
    geo::PlaceOptions options;
};

Placement placement(const Context& ctx, const Args& a) {
    double lon = 0, lat = 0;
    parseLonLat(a.value("--at"), lon, lat);
    double x = lon, y = lat;
    geo::Transformer("EPSG:4326", "EPSG:" + std::to_string(ctx.file.workspace->workingEpsg())).transformPoint(x, y);
    geo::PlaceOptions options;
    options.toleranceM = a.number("--tolerance", geo::kDefaultSnapToleranceM);
    if (!(options.toleranceM >= 0) || options.toleranceM > 100000)
        throw UsageError("--tolerance must be between 0 and 100000 metres");
    options.offRoad = a.flag("--off-road");
    options.outside = a.flag("--outside");
    if (a.flag("--off-road")) {
        // Off the roads, but still at the township: not at 0,0 in the Gulf of Guinea.
        constexpr double kMaxOutsideM = 20000;
        geo::Bbox town = geo::readBoundary(*ctx.file.workspace).bbox();
        double outside = std::hypot(std::max({town.minX - x, 0.0, x - town.maxX}), std::max({town.minY - y, 0.0, y - town.maxY}));
        if (!(outside <= kMaxOutsideM))
            throw UsageError("--at " + a.value("--at") + " is " +
                             (outside < 1e6 ? std::to_string(std::lround(outside / 1000)) + " km outside" : "far from") +
                             " the township; an off-road checkpoint must be within 20 km of its boundary");
    }
    return {x, y, options};
}

std::string label(const geo::Checkpoint& c) { return "#" + std::to_string(c.number); }

std::string staffing(const geo::Checkpoint& c) {
    if (c.isClosure()) return "closure, no staff";
    return std::to_string(c.staffPerShift) + " x " + std::to_string(c.shifts);
}

std::string where(const geo::Checkpoint& c) {
    if (c.roadFid < 0) return "off-road";
    return "on " + (c.road.empty() ? std::string("an unnamed road") : c.road) + " (" + geo::roadClassName(c.roadClass) +
           ", road " + std::to_string(c.roadFid) + ")";
}

long long positiveNumber(const std::string& text, const char* what) {
    char* end = nullptr;
    long long n = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n <= 0 || n > 1'000'000'000'000LL)
        throw UsageError(std::string(what) + " must be a positive number, not '" + text + "'");
    return n;
}

// The checkpoint CP names: #N / --number N (the number shown), --id N, or a plain N taken as
// whichever of the two this scenario has (refused when they are two different checkpoints).
geo::Checkpoint chosen(const Context& ctx, const Args& a, const std::string& verb) {
    const auto& p = a.positional();
    if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
    bool byNumber = a.has("--number"), byId = a.has("--id");
    if (int(byNumber) + int(byId) + int(p.size() > 2) != 1)
        throw UsageError(verb + " needs one checkpoint: its number (#3 or --number 3, see `checkpoint WS list`) or --id N");
    std::string text = byNumber ? a.value("--number") : byId ? a.value("--id") : p[2];
    bool hash = !text.empty() && text[0] == '#';
    long long n = positiveNumber(hash ? text.substr(1) : text, "a checkpoint number");
    auto all = ctx.file.session->checkpoints(ctx.scenario);
    const geo::Checkpoint *withNumber = nullptr, *withId = nullptr;
    for (const auto& c : all) {
        if (c.number == n) withNumber = &c;
        if (c.id == n) withId = &c;
    }
    if (byId || (!byNumber && !hash)) {
        if (byId) withNumber = nullptr;
        if (withId && withNumber && withId != withNumber)
            throw UsageError("checkpoint " + text + " is ambiguous here: #" + text + " is " + withNumber->name + ", id " + text +
                             " is #" + std::to_string(withId->number) + " " + withId->name + "; write '#" + text + "' or --id " + text);
        if (withId) return *withId;
    }
    if (withNumber) return *withNumber;
    throw geo::Error("no checkpoint " + std::string(byId ? "with id " : "#") + std::to_string(n) +
                     " in this scenario (see `checkpoint WS list`)");
}

// One checkpoint as the JSON object of `list --json` (WGS84, 8 decimals).
void writeCheckpoint(geo::JsonWriter& j, const Context& ctx, const geo::Checkpoint& c) {
    double lon = c.x, lat = c.y;
    ctx.toLonLat(lon, lat);
    j.beginObject();
    j.key("id").value(c.id).key("number").value(c.number).key("name").value(c.name).key("kind").value(geo::checkpointKindName(c.kind));
    j.key("lon").value(lon, 8).key("lat").value(lat, 8);
    j.key("road").value(c.road).key("class").value(c.roadFid >= 0 ? geo::roadClassName(c.roadClass) : "");
    j.key("staff_per_shift").value(c.staffPerShift).key("shifts").value(c.shifts).key("staff_required").value(c.staffRequired());
    j.key("district").value(c.district).key("from").value(c.activeFrom).key("until").value(c.activeUntil);
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
    auto all = ctx.file.session->checkpoints(ctx.scenario);
    if (json) {
        geo::JsonWriter j;
        j.beginArray();
        for (const auto& c : all) writeCheckpoint(j, ctx, c);
        j.endArray();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    for (const auto& c : all) {
        double lon = c.x, lat = c.y;
        ctx.toLonLat(lon, lat);
        std::printf("%5s  %-20s %-16s %.7f,%.7f  %-17s  %s  %s\n", label(c).c_str(), c.name.c_str(),
                    geo::checkpointKindName(c.kind), lon, lat, staffing(c).c_str(), c.district.c_str(), where(c).c_str());
    }
    auto sc = ctx.file.session->loadScenario(ctx.scenario);
    const geo::StaffingTotals totals = geo::staffingTotals(sc.checkpoints, sc.params, {});
    std::printf("%zu checkpoints, staff required %d of %d available\n", all.size(), totals.staffRequired, totals.staffAvailable);
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
            "--notes", "--from", "--until", "--tolerance", "--number", "--id"},
           {"--off-road", "--outside", "--json"});
    const auto& p = a.positional();
    std::string ws = a.requirePositional(0, "workspace (cordon checkpoint WS --scenario NAME add|move|set|delete|list)");
    std::string verb = a.requirePositional(1, "what to do: add, move, set, delete or list");
    if (verb != "add" && verb != "move" && verb != "set" && verb != "delete" && verb != "list" && verb != "repair")
        throw UsageError("unknown checkpoint action '" + verb + "' (add, move, set, delete, list, repair)");
    if ((verb == "add" || verb == "move") && !a.has("--at")) throw UsageError(verb + " needs --at LON,LAT");
    if (verb == "add" || verb == "list" || verb == "repair")
        if (p.size() > 2) throw UsageError("unexpected argument '" + p[2] + "'");
    Context ctx{openPlanFile(ws), 0};
    ctx.scenario = chooseScenario(*ctx.file.session, a.value("--scenario"));
    geo::PlanSession& session = *ctx.file.session;
    const bool json = a.flag("--json");
    if (verb == "repair") return repair(ctx);
    if (auto damaged = geo::damagedCheckpoints(*ctx.file.workspace, ctx.scenario); !damaged.empty())
        std::fprintf(stderr, "warning: %s; skipped (cordon checkpoint %s%s repair)\n", geo::describeDamaged(damaged).c_str(),
                     ws.c_str(), a.has("--scenario") ? (" --scenario " + a.value("--scenario")).c_str() : "");
    if (verb == "list") return list(ctx, json);
    if (verb == "add") {
        if (a.has("--number") || a.has("--id")) throw UsageError("add gives the new checkpoint the next number itself");
        Placement at = placement(ctx, a);
        geo::Checkpoint c = session.draftCheckpoint(ctx.scenario, at.x, at.y, at.options, parseKind(a, geo::CheckpointKind::RoadCheckpoint));
        applyFields(a, c);
        c = session.addCheckpoint(ctx.scenario, c);  // named by default when --name was not given; with its number
        if (json) printEdit(ctx, "added", c);
        else std::printf("added checkpoint %s %s %s, %s (id %lld)\n", label(c).c_str(), c.name.c_str(), where(c).c_str(),
                         staffing(c).c_str(), static_cast<long long>(c.id));
        return 0;
    }
    geo::Checkpoint c = chosen(ctx, a, verb);
    if (verb == "delete") {
        session.deleteCheckpoints(ctx.scenario, {c.id});
        if (json) printEdit(ctx, "deleted", c);
        else std::printf("deleted checkpoint %s %s\n", label(c).c_str(), c.name.c_str());
    } else if (verb == "move") {
        Placement at = placement(ctx, a);
        c = session.moveCheckpoint(ctx.scenario, c.id, at.x, at.y, at.options);
        if (json) printEdit(ctx, "moved", c);
        else std::printf("moved checkpoint %s %s\n", label(c).c_str(), where(c).c_str());
    } else {
        applyFields(a, c);
        session.setCheckpoint(ctx.scenario, c);
        if (json) printEdit(ctx, "updated", c);
        else std::printf("updated checkpoint %s: %s, %s, %s\n", label(c).c_str(), c.name.c_str(), geo::checkpointKindName(c.kind),
                         staffing(c).c_str());
    }
    return 0;
}

const CommandRegistration reg({"checkpoint", "add, move, edit, delete or list a scenario's checkpoints", kUsage, run});

}  // namespace
}  // namespace app
