// Triggers and views a workspace should not hold: a trigger stored in the file runs on every edit,
// so only the ones a GeoPackage needs (made by Cordon or GDAL) are accepted.
#pragma once
#include <string>
#include <vector>

#include "geo/core/c_handles.hpp"

namespace geo {

struct SchemaObject {
    std::string type;   // "trigger" or "view"
    std::string name;
    std::string table;  // the table a trigger is on
};

// Every trigger and view that is not a GeoPackage's own: R-tree index triggers
// (rtree_<table>_<column>_*), GDAL's feature-count triggers and the tile-matrix and metadata
// checks, each recognised by its name, its table and the only table its body may write.
std::vector<SchemaObject> foreignSchemaObjects(sqlite3* db);
// "trigger wipe on checkpoints, view v" (the first few, then how many more).
std::string describeSchemaObjects(const std::vector<SchemaObject>& objects);
// Drops them in one transaction; throws geo::Error.
void dropSchemaObjects(sqlite3* db, const std::vector<SchemaObject>& objects);

// The tables an SQL body writes (INSERT/REPLACE INTO, UPDATE, DELETE FROM), lower case;
// comments, strings and quoted names are read as SQLite reads them.
std::vector<std::string> tablesWrittenBy(const std::string& sql);

}  // namespace geo
