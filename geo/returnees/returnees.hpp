// Returnee records -> counts kept apart: per 100 m base cell (place alone), and per village x
// arrival date x origin x status; batches in the workspace; aggregation to grid areas or polygons
// for the map and the analysis. No stored row ties a place finer than a village to a date or origin.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/crs.hpp"
#include "geo/core/layer.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {

constexpr double kReturneeBaseCellM = 100;  // base grid cell, working CRS metres, anchored at 0,0

// Tables (created by ensureCordonSchema and before every import):
//   cordon_returnee_batches(id, name UNIQUE, source, imported_at, records, located_by, dropped_columns, report)
//   cordon_returnee_cells(batch, cell_x, cell_y, count)         every located record, by place alone
//   cordon_returnee_villages(batch, village, arrival 'YYYY-MM-DD', origin, status, count)
//                                                              village '' when the record named none
//   cell (cell_x, cell_y) spans [cell_x*100, cell_x*100+100) x [cell_y*100, ...) in the working CRS.
// The older cordon_returnee_counts (cell x village x date x origin x status, often a row per
// person) is aggregated into the two tables and dropped, its pages overwritten (secure_delete).
void ensureReturneeTables(sqlite3* db);
// ensureReturneeTables in its own transaction, only when the older table is there; true when it was.
bool migrateReturneeCounts(sqlite3* db);

struct ReturneeImportOptions {
    std::string path;                        // CSV, XLSX/XLS/ODS or any GDAL point layer
    std::string layerName;                   // sheet or layer; "" the first
    std::string lonField, latField;          // WGS84 (or GCJ-02/BD-09 with coords)
    std::string lonLatField;                 // or one column holding "LON,LAT" (full-width comma, degrees)
    std::string xField, yField;              // projected, in sourceEpsg
    int sourceEpsg = 0;
    std::string villageField;                // the village column: places rows without coordinates, names the village of all
    WebCoords coords = WebCoords::None;
    std::string dateField, originField, statusField;
    std::string feverField;                  // 体温 (>= 37.3 counts) or a 发热 yes/no column
    std::string encoding;
    int year = 0;                            // for dates written without one (1月23日)
    std::string batch;                       // "" names the batch after the file
    bool skipBad = false;
    std::string importedAt;                  // "" now (UTC); fixed by the demo so its bytes repeat
    bool autoDetect = true;                  // false: a field left empty is not read (the GUI's "none")
    std::function<bool(double)> progress;    // 0..1 while reading and checking rows; false cancels
};

// Header indexes of the columns an import reads, -1 for none.
struct ReturneeColumns {
    int lon = -1, lat = -1, x = -1, y = -1, village = -1, date = -1, origin = -1, status = -1;
    int fever = -1;   // temperature or fever flag
    int lonLat = -1;  // one "LON,LAT" column, when there are no separate ones
};
// What the import picks from this header when no field is named: the CLI's and the dialog's defaults.
ReturneeColumns detectReturneeColumns(const std::vector<std::string>& header);
// Names exactly these columns in `o` and turns auto-detection off (x/y also need o.sourceEpsg).
void setReturneeColumns(ReturneeImportOptions& o, const std::vector<std::string>& header, const ReturneeColumns& c);

struct BadRow {
    int64_t line;
    std::string reason;
};

struct ReturneeImportReport {
    std::string source;
    std::string batch;
    bool replacedBatch = false;
    bool committed = false;                  // false when bad rows stopped the import
    std::string format, encoding, encodingReason;
    std::string locatedBy;                   // "lon/lat", "x/y EPSG:n", "geometry", "village", or "lon/lat, village"
    std::string lonField, latField, villageField, dateField, originField, statusField, feverField;
    std::vector<std::string> droppedColumns;   // every column not read
    std::vector<std::string> personalColumns;  // those of them that look personal
    int64_t rowsRead = 0;
    int64_t rowsImported = 0;
    int64_t badRowCount = 0;
    std::vector<BadRow> badRows;             // the first 1000
    int64_t villagesUnmatched = 0;           // rows with coordinates whose village name matched no village
    int64_t villagesByPosition = 0;          // located rows given the nearest village (no name, or none matched)
    int64_t rowsByCoordinates = 0;           // imported rows placed by their coordinates
    int64_t rowsByVillage = 0;               // imported rows without coordinates, placed at their village
    std::vector<std::string> notes;          // rows skipped as layout (title, second header, 合计), not bad
    std::vector<std::pair<std::string, int64_t>> byOrigin;
    std::string firstDay, lastDay;
    int64_t batchTotal = 0;                  // all batches after this import
};

// One transaction; nothing is written when a row is bad unless skipBad. Throws geo::Error for
// unusable input (no file, no location or date column, a personal column chosen as a field).
ReturneeImportReport importReturnees(Workspace& ws, const ReturneeImportOptions& options);
// The report as JSON; bad rows only when asked (the copy kept in the workspace leaves them out).
std::string returneeReportJson(const ReturneeImportReport& report, bool withBadRows = false);

bool looksPersonal(std::string_view columnName);  // name/姓名, phone/电话/手机, ID/身份证, address/住址
// A village as clerks write it, reduced to the village: full-width folded, spaces removed, and
// a group suffix (4组, 三组, 第2小组, 5队), 村委会/村民委员会/居委会 and a township prefix
// (京当镇, 城关街道) taken off: "京当镇贺家村三组" -> "贺家村".
std::string villageBaseName(std::string_view name);
// Village key: villageBaseName without its trailing 村 ("贺家"), what names are matched by.
std::string villageKey(std::string_view name);

struct BatchInfo {
    std::string name, source, importedAt, locatedBy, droppedColumns;
    int64_t records = 0;
};
std::vector<BatchInfo> listBatches(const Workspace& ws);
bool removeBatch(Workspace& ws, const std::string& name);  // false when no such batch

// Every batch summed, as loaded from the workspace. Day numbers are days since 1970-01-01.
// Places (cells) and attributes (entries, per village) are separate: a cell has no date or origin.
struct ReturneeCounts {
    struct Cell {
        int32_t cellX, cellY;  // 100 m base cell
        int64_t count;
    };
    struct Entry {             // per village x day x origin x status
        int32_t village;       // index into villages, -1 when the records named none
        int32_t day;
        uint16_t origin, status;
        uint8_t fever;         // 1: flagged (体温 >= 37.3 or a fever column saying so)
        int64_t count;
    };
    struct Site {              // where a village's attribute counts are drawn and aggregated
        double x = 0, y = 0;   // working CRS
        bool isKnown = false;  // false: no such village in the villages layer (township centre used)
    };
    std::vector<std::string> origins, statuses, villages;
    std::vector<Cell> cells;
    std::vector<Entry> entries;
    std::vector<Site> villageSites;  // per village
    Site township;                   // the boundary's centre: records without a (known) village
    int64_t total = 0;               // located records (the cells' sum, equal to the entries' sum)
    int minDay = 0, maxDay = -1;
    const Site& siteOf(int32_t village) const {
        return village >= 0 && villageSites[static_cast<size_t>(village)].isKnown ? villageSites[static_cast<size_t>(village)]
                                                                                  : township;
    }
};
ReturneeCounts loadReturneeCounts(const Workspace& ws);

struct ReturneeFilter {
    int fromDay = std::numeric_limits<int>::min();
    int toDay = std::numeric_limits<int>::max();  // inclusive
    std::vector<bool> origins;                      // per ReturneeCounts::origins; empty takes all
    bool accepts(const ReturneeCounts::Entry& e) const {
        return e.day >= fromDay && e.day <= toDay && (origins.empty() || origins[e.origin]);
    }
    // True when it leaves some counts out: then places come from villages, not from cells.
    bool restricts(const ReturneeCounts& counts) const;
};

// What the map and the analysis consume: one per area, byOrigin indexed like ReturneeCounts::origins.
// Unfiltered, `total` counts the records placed in the area (from the cells); byOrigin counts
// the records of the villages sited in it (origins are kept per village only). With a filter
// that leaves something out, both count the accepted records of the villages sited in the area.
struct AreaCount {
    std::string name;          // grid "col,row" or the polygon's name
    double x = 0, y = 0;       // area centre, working CRS
    double areaKm2 = 0;        // inside the township (grid) or the polygon's area
    int64_t total = 0;
    std::vector<int64_t> byOrigin;
    Bbox bounds;               // the grid cell or the polygon's extent
    size_t feature = 0;        // polygon feature index (polygon areas)
};

// Square cells of `cellM` anchored at multiples of cellM, every cell touching the township plus
// any cell holding counts; a base cell (or a village site) goes to the cell holding it.
std::vector<AreaCount> aggregateToGrid(const ReturneeCounts& counts, const Layer& boundary, double cellM,
                                       const ReturneeFilter& filter = {});
// Polygons of a layer (districts, village polygons): a base cell goes to the polygon holding its
// centre, or to the nearest polygon when none does, so totals stay exact.
std::vector<AreaCount> aggregateToPolygons(const ReturneeCounts& counts, const Layer& polygons,
                                           const ReturneeFilter& filter = {});
// Per village named in the records, at its site; records without a village are left out.
std::vector<AreaCount> aggregateByVillage(const ReturneeCounts& counts, const ReturneeFilter& filter = {});
// The areas x origins table of counts (rows in the areas' order), e.g. for geo::SuppressedTable.
std::vector<std::vector<int64_t>> areaOriginTable(const std::vector<AreaCount>& areas);
// Arrivals per day, [day - minDay][origin], following the filter.
std::vector<std::vector<int64_t>> arrivalsPerDay(const ReturneeCounts& counts, const ReturneeFilter& filter = {});

}  // namespace geo
