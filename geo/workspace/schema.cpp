// Every table Cordon keeps in a workspace, and the migrations between schema versions.
// GeoPackage feature tables written by Cordon itself are created without an R-tree, so that
// no GDAL-only ST_* trigger fires on Cordon's own connection.
#include "geo/basemap/basemap.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"

#include <cpl_conv.h>
#include <cstdlib>

namespace geo {
namespace {

// Scenarios, their per-district staff, and `checkpoints`: a GeoPackage point layer in the
// working CRS (no R-tree, see above) so ogrinfo and QGIS show the plan as it is.
void addScenarioTables(sqlite3* db) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS cordon_scenarios("
         "  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, notes TEXT NOT NULL DEFAULT '',"
         "  staff_available INTEGER NOT NULL DEFAULT 120, default_shifts INTEGER NOT NULL DEFAULT 3,"
         "  guard_distance_m REAL NOT NULL DEFAULT 500, grid_size_m REAL NOT NULL DEFAULT 500,"
         "  small_count_threshold INTEGER NOT NULL DEFAULT 5);"
         "CREATE TABLE IF NOT EXISTS cordon_scenario_district_staff("
         "  scenario_id INTEGER NOT NULL, district TEXT NOT NULL, staff INTEGER NOT NULL,"
         "  PRIMARY KEY(scenario_id, district));"
         "CREATE TABLE IF NOT EXISTS checkpoints("
         "  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, scenario_id INTEGER NOT NULL, scenario TEXT NOT NULL,"
         "  name TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, staff_per_shift INTEGER NOT NULL, shifts INTEGER NOT NULL,"
         "  staff_required INTEGER NOT NULL, hours TEXT NOT NULL DEFAULT '', district TEXT NOT NULL DEFAULT '',"
         "  road TEXT NOT NULL DEFAULT '', road_fid INTEGER NOT NULL DEFAULT -1, class TEXT NOT NULL DEFAULT '',"
         "  notes TEXT NOT NULL DEFAULT '', leader TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
         "  number INTEGER NOT NULL DEFAULT 0, active_from TEXT NOT NULL DEFAULT '', active_until TEXT NOT NULL DEFAULT '');"
         "CREATE INDEX IF NOT EXISTS checkpoints_scenario ON checkpoints(scenario_id);");
    if (!tableExists(db, "gpkg_contents") || !tableExists(db, "gpkg_geometry_columns")) return;
    // The working CRS: the roads layer's, or the recorded one (a fresh import has no meta yet).
    int srs = 0;
    {
        Statement s(db, "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'roads'");
        if (s.step()) srs = s.integer(0);
    }
    if (srs <= 0) {
        Statement s(db, "SELECT value FROM cordon_meta WHERE key = 'working_epsg'");
        if (s.step()) srs = std::atoi(s.text(0).c_str());
    }
    if (srs <= 0) return;
    Statement contents(db,
                       "INSERT OR IGNORE INTO gpkg_contents(table_name, data_type, identifier, description, last_change, srs_id)"
                       " VALUES ('checkpoints', 'features', 'checkpoints', 'Cordon checkpoints of every scenario',"
                       " coalesce(?2, strftime('%Y-%m-%dT%H:%M:%fZ','now')), ?1)");
    // OGR_CURRENT_DATE fixes the timestamp as it does for GDAL's own tables (reproducible demos).
    const char* fixedDate = CPLGetConfigOption("OGR_CURRENT_DATE", nullptr);
    contents.bind(1, srs);
    if (fixedDate) contents.bind(2, std::string_view(fixedDate));
    contents.run();
    Statement columns(db,
                      "INSERT OR IGNORE INTO gpkg_geometry_columns(table_name, column_name, geometry_type_name, srs_id, z, m)"
                      " VALUES ('checkpoints', 'geom', 'POINT', ?, 0, 0)");
    columns.bind(1, srs).run();
}

// Per-scenario checkpoint numbers (what planners see), 1..n in the order the checkpoints were
// added. By column, not by version, so that it holds whatever other step shares version 3.
void addCheckpointNumbers(sqlite3* db) {
    if (!tableExists(db, "checkpoints")) return;
    if (!hasColumn(db, "checkpoints", "number")) exec(db, "ALTER TABLE checkpoints ADD COLUMN number INTEGER NOT NULL DEFAULT 0");
    exec(db,
         "UPDATE checkpoints SET number = (SELECT count(*) FROM checkpoints c WHERE c.scenario_id = checkpoints.scenario_id"
         " AND c.fid <= checkpoints.fid) WHERE number IS NULL OR number <= 0");
}

// Dates a checkpoint or closure is in place on ('' when open-ended), and the returnee fever flag.
void addDailyColumns(sqlite3* db) {
    if (tableExists(db, "checkpoints") && !hasColumn(db, "checkpoints", "active_from"))
        exec(db, "ALTER TABLE checkpoints ADD COLUMN active_from TEXT NOT NULL DEFAULT '';"
                 "ALTER TABLE checkpoints ADD COLUMN active_until TEXT NOT NULL DEFAULT ''");
    if (tableExists(db, "cordon_returnee_villages") && !hasColumn(db, "cordon_returnee_villages", "fever"))
        exec(db, "ALTER TABLE cordon_returnee_villages ADD COLUMN fever INTEGER NOT NULL DEFAULT 0");
}

}  // namespace

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
    if (current < 2) addScenarioTables(db);  // version 2: scenarios and the checkpoints layer
    if (current < 3) addCheckpointNumbers(db);  // version 3: checkpoint numbers per scenario
    if (current < 4) addDailyColumns(db);       // version 4: checkpoint dates, returnee fever flag
    if (current < 5) ensureBasemapTable(db);    // version 5: basemaps
    Statement set(db, "INSERT OR REPLACE INTO cordon_meta(key, value) VALUES ('schema_version', ?)");
    set.bind(1, std::to_string(kSchemaVersion)).run();
}

}  // namespace geo
