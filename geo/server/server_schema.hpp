// The PostGIS schema `cordon` on a PostgreSQL server: tables, roles and row-level security.
#pragma once
#include <string>

#include "geo/server/pg.hpp"

namespace geo {

constexpr int kServerSchemaVersion = 1;

// Creates or completes schema `cordon` (PostGIS extension, tables, triggers, the group roles
// cordon_planner and cordon_wall, policies); idempotent. Refuses (geo::Error) a server whose
// schema is newer than this Cordon. Returns the version found before (0: none).
int initServer(PgConnection& conn);
// geo::Error unless the server holds a schema this Cordon can use.
void checkServerSchema(PgConnection& conn);

// A login role that plans one township: member of cordon_planner, and listed for that township
// so row-level security lets it write there only. Creates the role when missing.
void grantPlanner(PgConnection& conn, const std::string& role, const std::string& township);
// A login role for the wall screen: member of cordon_wall, which may only read.
void grantWall(PgConnection& conn, const std::string& role);

}  // namespace geo
