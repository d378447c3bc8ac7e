// Every table Cordon keeps in a workspace, and the migrations between schema versions.
// GeoPackage feature tables written by Cordon itself are created without an R-tree, so that
// no GDAL-only ST_* trigger fires on Cordon's own connection.
#include "geo/returnees.hpp"
#include "geo/sqlite.hpp"
#include "geo/workspace.hpp"

namespace geo {

void ensureCordonSchema(sqlite3* db) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS cordon_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
         "CREATE TABLE IF NOT EXISTS cordon_layers("
         "  name TEXT PRIMARY KEY, role TEXT NOT NULL, epsg INTEGER NOT NULL, source TEXT,"
         "  encoding TEXT, encoding_reason TEXT, features INTEGER NOT NULL, report TEXT);");
    // Returnee batches and their base-grid counts (CREATE ... IF NOT EXISTS: safe at any version).
    ensureReturneeTables(db);
    Statement version(db, "SELECT value FROM cordon_meta WHERE key = 'schema_version'");
    int current = version.step() ? std::stoi(version.text(0)) : 0;
    version.reset();
    // Migrations: one block per version step, in order.
    if (current < 1) {
        // version 1: the tables above
    }
    Statement set(db, "INSERT OR REPLACE INTO cordon_meta(key, value) VALUES ('schema_version', ?)");
    set.bind(1, std::to_string(kSchemaVersion)).run();
}

}  // namespace geo
