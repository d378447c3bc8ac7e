// Basemaps of a workspace: imagery, topographic sheets and scanned maps drawn under the vectors.
// Each is either embedded (a GeoPackage tile table in the workspace, already in the working CRS)
// or linked (a path to a raster file, reprojected when drawn).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/core/c_handles.hpp"
#include "geo/core/layer.hpp"

namespace geo {

enum class BasemapKind { Embed, Link };
const char* basemapKindName(BasemapKind kind);  // "embed", "link"

struct Basemap {
    int64_t id = 0;
    std::string name;
    BasemapKind kind = BasemapKind::Link;
    std::string source;     // linked: the absolute path; embedded: the tile table's name
    std::string sourceCrs;  // the file's CRS as a user reads it ("EPSG:3857")
    std::string crsOverride;  // --crs given for a file without one ("" when the file has its own)
    std::string origin;     // the file it came from (embedded: for the data sources line)
    Bbox extent;            // in the working CRS
    int order = 0;          // drawn from low to high: the last lies on top
    double opacity = 1;     // 0..1
    double brightness = 0;  // -1 (black) .. 0 (as is) .. 1 (white)
};

// Creates cordon_basemaps where missing (schema version 5).
void ensureBasemapTable(sqlite3* db);

// In drawing order; empty for a workspace without the table (older, opened read-only).
std::vector<Basemap> listBasemaps(sqlite3* db);
// By name or by id ("3"); throws geo::Error naming what was asked for and what exists.
Basemap findBasemap(sqlite3* db, const std::string& nameOrId);

// Removes the row and, for an embedded basemap, its tile table and GeoPackage entries, in one transaction.
void removeBasemap(sqlite3* db, const Basemap& basemap);
void removeBasemapRows(sqlite3* db, const Basemap& basemap);  // the same inside the caller's transaction
// Puts the named basemaps first..last in this order (bottom to top); others keep their order above them.
void orderBasemaps(sqlite3* db, const std::vector<std::string>& namesBottomToTop);
// Throws geo::Error outside 0..1 and -1..1.
void setBasemapLook(sqlite3* db, const Basemap& basemap, std::optional<double> opacity, std::optional<double> brightness);

// A linked basemap whose file is gone: "basemap 'sheet': /data/sheet.tif is gone; ..." ("" when present).
std::string missingBasemapMessage(const Basemap& basemap, const std::string& workspaceName);

// The dataset name GDAL opens for a basemap ("GPKG:/ws.gpkg:basemap_2" or the linked path).
// One table of a GeoPackage as GDAL names it, "GPKG:FILE:TABLE": its FILE; "" for a plain path.
std::string gpkgTableFile(const std::string& name);

std::string basemapDatasetName(const Basemap& basemap, const std::string& workspacePath);

}  // namespace geo
