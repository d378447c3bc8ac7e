// The GeoPackage spatial index of a feature table, built in one pass instead of row by row.
//
// SQLite's rtree module inserts one entry at a time, splitting nodes as it goes; for a million
// roads that takes most of an import. Here the whole tree is packed at once (sort-tile-
// recursive: leaves of neighbouring boxes, full nodes) and written straight into the rtree's
// shadow tables in the layout the module reads, then the standard triggers that keep it in step
// with later edits are added, as GDAL writes them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <sqlite3.h>

namespace geo {

struct RtreeEntry {
    int64_t id = 0;
    float minX = 0, maxX = 0, minY = 0, maxY = 0;
};

// The packed tree as the rtree module stores it: node 1 is the root; every node blob is
// nodeSize bytes. Exposed for tests.
struct PackedRtree {
    struct Node {
        int64_t number = 0;
        int64_t parent = 0;  // 0 for the root
        std::string blob;
    };
    std::vector<Node> nodes;
    std::vector<std::pair<int64_t, int64_t>> leafOf;  // (entry id, leaf node number)
};
PackedRtree packRtree(std::vector<RtreeEntry> entries, size_t nodeSize);

// A float box that contains the double one (minimums rounded down, maximums up), as the rtree
// module keeps boxes.
RtreeEntry rtreeEntry(int64_t id, double minX, double maxX, double minY, double maxY);

// The SQL functions the GeoPackage rtree triggers call (ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY,
// ST_MaxY on geometry blobs), as GDAL registers them on its connections: a connection of Cordon's
// that writes a feature table needs them. Innocuous, so they run with trusted_schema off.
void registerGpkgGeometryFunctions(sqlite3* db);

// Creates the spatial index of `table`.`geomColumn` (keyed by `fidColumn`) if it has none:
// the rtree virtual table, filled from the geometry blobs' envelopes, its triggers and its
// gpkg_extensions row. Call inside a transaction; throws geo::Error.
void createGpkgSpatialIndex(sqlite3* db, const std::string& table, const std::string& geomColumn,
                            const std::string& fidColumn);

}  // namespace geo
