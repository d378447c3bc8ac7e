// `cordon sync`: a township laptop's workspace <-> the server, with conflicts kept for the planner.
#include <cstdio>

#include "app/command.hpp"
#include "geo/core/json.hpp"
#include "geo/server/server_schema.hpp"
#include "geo/server/township_sync.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon sync WS.gpkg PG:\"host=... dbname=...\" --township NAME [--json]\n"
    "       cordon sync WS.gpkg PG:... --keep mine|theirs --checkpoint ID\n"
    "\n"
    "Keeps a workspace that works offline in step with the server. When WS.gpkg does not exist the\n"
    "township is pulled into it. Otherwise the edits made in it since the last sync are pushed in\n"
    "one transaction and the others' edits pulled. A checkpoint changed both here and on the server\n"
    "is a conflict: the server's version goes into the plan, this one is kept aside, and sync lists\n"
    "it until the planner chooses with --keep mine (this version goes to the server) or --keep\n"
    "theirs (it is dropped). ID is the checkpoint's id as listed.\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--township", "--keep", "--checkpoint"}, {"--json"});
    std::string path = a.requirePositional(0, "the workspace (cordon sync WS.gpkg PG:...)");
    std::string target = a.requirePositional(1, "the server (PG:\"host=... dbname=...\")");
    if (a.positional().size() > 2) throw UsageError("unexpected argument '" + a.positional()[2] + "'");
    if (!geo::isServerPath(target)) throw UsageError("'" + target + "' is not a server: write PG:\"host=... dbname=...\"");
    if (a.has("--keep") != a.has("--checkpoint")) throw UsageError("--keep and --checkpoint go together");
    std::string keep = a.value("--keep");
    if (a.has("--keep") && keep != "mine" && keep != "theirs") throw UsageError("--keep takes mine or theirs");
    geo::PgConnection conn(target);
    geo::checkServerSchema(conn);
    if (a.has("--keep")) geo::resolveConflict(path, a.integer("--checkpoint", 0), keep == "mine");
    geo::SyncReport r = geo::syncWorkingCopy(conn, path, a.value("--township"));
    if (a.flag("--json")) {
        geo::JsonWriter j;
        j.beginObject();
        j.key("pulled_fresh").value(r.pulledFresh);
        j.key("inserted").value(r.pushed.inserted).key("updated").value(r.pushed.updated).key("deleted").value(r.pushed.deleted);
        j.key("scenarios").value(r.scenarios).key("checkpoints").value(r.checkpoints);
        j.key("conflicts").beginArray();
        for (const auto& c : r.open) {
            j.beginObject().key("id").value(c.serverId).key("number").value(c.number).key("name").value(c.name);
            j.key("changed_by").value(c.changedBy).key("changed_at").value(c.changedAt).key("deleted_there").value(c.deletedThere);
            j.endObject();
        }
        j.endArray();
        j.endObject();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    if (r.pulledFresh) std::printf("pulled       %d scenarios, %d checkpoints\n", r.scenarios, r.checkpoints);
    else
        std::printf("pushed       %d new, %d changed, %d deleted\npulled       %d scenarios, %d checkpoints\n",
                    r.pushed.inserted, r.pushed.updated, r.pushed.deleted, r.scenarios, r.checkpoints);
    for (const auto& c : r.pushed.conflicts)
        if (c.kind != "checkpoint") std::printf("conflict     %s\n", c.message.c_str());
    for (const auto& c : r.open) std::printf("conflict     %s\n", c.message.c_str());
    return 0;
}

const CommandRegistration reg({"sync", "push a workspace's offline edits to the server and pull the others'", kUsage, run});

}  // namespace
}  // namespace app
