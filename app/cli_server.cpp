// `cordon server`: create the schema on a PostgreSQL/PostGIS server, grant roles, list townships.
#include <cstdio>

#include "app/command.hpp"
#include "geo/server/server_schema.hpp"
#include "geo/server/township.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon server init PG:\"host=... dbname=... user=...\"\n"
    "       cordon server grant PG:... --township NAME --role ROLE\n"
    "       cordon server grant PG:... --wall --role ROLE\n"
    "       cordon server list PG:...\n"
    "\n"
    "init creates schema `cordon` on the server (PostGIS geometry; townships with their layers\n"
    "boundary, districts, roads and villages; scenarios and checkpoints with row versions; returnee\n"
    "counts; a schema version) and the group roles cordon_planner and cordon_wall with row-level\n"
    "security. Run it as the database's owner; running it again completes an older schema and\n"
    "changes nothing else; a newer schema is refused.\n"
    "grant makes ROLE (a PostgreSQL login role, created when missing; set its password with\n"
    "ALTER ROLE) a planner of one township: the server lets it write that township only. With\n"
    "--wall ROLE may only read (the wall screen). list prints the townships.\n"
    "Commands take PG:... where they take WS.gpkg, with --township NAME (see cordon --help).\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--township", "--role"}, {"--wall"});
    std::string verb = a.requirePositional(0, "what to do: init, grant or list");
    std::string target = a.requirePositional(1, "the server (PG:\"host=... dbname=...\")");
    if (a.positional().size() > 2) throw UsageError("unexpected argument '" + a.positional()[2] + "'");
    if (!geo::isServerPath(target)) throw UsageError("'" + target + "' is not a server: write PG:\"host=... dbname=...\"");
    if (verb != "grant" && (a.has("--role") || a.has("--township") || a.has("--wall")))
        throw UsageError("--role, --township and --wall go with `server grant`");
    geo::PgConnection conn(target);
    if (verb == "init") {
        int before = geo::initServer(conn);
        if (before == geo::kServerSchemaVersion) std::printf("schema cordon is up to date (version %d)\n", before);
        else std::printf("schema cordon created (version %d)\n", geo::kServerSchemaVersion);
        return 0;
    }
    if (verb == "grant") {
        if (!a.has("--role")) throw UsageError("grant needs --role ROLE");
        if (a.flag("--wall") == a.has("--township")) throw UsageError("grant needs either --township NAME or --wall");
        if (a.flag("--wall")) {
            geo::grantWall(conn, a.value("--role"));
            std::printf("%s may read every township (wall screen)\n", a.value("--role").c_str());
        } else {
            geo::grantPlanner(conn, a.value("--role"), a.value("--township"));
            std::printf("%s plans township %s\n", a.value("--role").c_str(), a.value("--township").c_str());
        }
        return 0;
    }
    if (verb == "list") {
        geo::checkServerSchema(conn);
        for (const auto& t : geo::listTownships(conn))
            std::printf("%-20s EPSG:%d  version %lld\n", t.name.c_str(), t.epsg, static_cast<long long>(t.rowVersion));
        return 0;
    }
    throw UsageError("unknown server action '" + verb + "' (init, grant, list)");
}

const CommandRegistration reg({"server", "create the schema on a PostgreSQL/PostGIS server, grant planners", kUsage, run});

}  // namespace
}  // namespace app
