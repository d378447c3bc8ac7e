// Returnee records -> counts on a 100 m base grid, per village, origin, arrival date and status;
// batches in the workspace; aggregation to grid areas or polygons for the map and the analysis.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "geo/crs.hpp"
#include "geo/layer.hpp"
#include "geo/workspace.hpp"

namespace geo {

constexpr double kReturneeBaseCellM = 100;  // base grid cell, working CRS metres, anchored at 0,0

// Tables (created by ensureCordonSchema and before every import):
//   cordon_returnee_batches(id, name UNIQUE, source, imported_at, records, located_by, dropped_columns, report)
//   cordon_returnee_counts(batch, cell_x, cell_y, village, arrival 'YYYY-MM-DD', origin, status, count)
//   cell (cell_x, cell_y) spans [cell_x*100, cell_x*100+100) x [cell_y*100, ...) in the working CRS.
void ensureReturneeTables(sqlite3* db);

struct ReturneeImportOptions {
    std::string path;                        // CSV, XLSX/XLS/ODS or any GDAL point layer
    std::string layerName;                   // sheet or layer; "" the first
    std::string lonField, latField;          // WGS84 (or GCJ-02/BD-09 with coords)
    std::string xField, yField;              // projected, in sourceEpsg
    int sourceEpsg = 0;
    std::string villageField;                // locate by village name (or name the village beside coordinates)
    WebCoords coords = WebCoords::None;
    std::string dateField, originField, statusField;
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
    std::string locatedBy;                   // "lon/lat", "x/y EPSG:n", "geometry", "village"
    std::string lonField, latField, villageField, dateField, originField, statusField;
    std::vector<std::string> droppedColumns;   // every column not read
    std::vector<std::string> personalColumns;  // those of them that look personal
    int64_t rowsRead = 0;
    int64_t rowsImported = 0;
    int64_t badRowCount = 0;
    std::vector<BadRow> badRows;             // the first 1000
    int64_t villagesUnmatched = 0;           // rows with coordinates whose village name matched no village
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
// Village key: full-width folded to half-width, spaces and a trailing 村 removed.
std::string villageKey(std::string_view name);

struct BatchInfo {
    std::string name, source, importedAt, locatedBy, droppedColumns;
    int64_t records = 0;
};
std::vector<BatchInfo> listBatches(const Workspace& ws);
bool removeBatch(Workspace& ws, const std::string& name);  // false when no such batch

// Every batch summed, as loaded from the workspace. Day numbers are days since 1970-01-01.
struct ReturneeCounts {
    struct Entry {
        int32_t cellX, cellY;
        int32_t village;       // index into villages, -1 when the records named none
        int32_t day;
        uint16_t origin, status;
        int64_t count;
    };
    std::vector<std::string> origins, statuses, villages;
    std::vector<Entry> entries;
    int64_t total = 0;
    int minDay = 0, maxDay = -1;
};
ReturneeCounts loadReturneeCounts(const Workspace& ws);

struct ReturneeFilter {
    int fromDay = std::numeric_limits<int>::min();
    int toDay = std::numeric_limits<int>::max();  // inclusive
    std::vector<bool> origins;                      // per ReturneeCounts::origins; empty takes all
    bool accepts(const ReturneeCounts::Entry& e) const {
        return e.day >= fromDay && e.day <= toDay && (origins.empty() || origins[e.origin]);
    }
};

// What the map and the analysis consume: one per area, byOrigin indexed like ReturneeCounts::origins.
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
// any cell holding counts; a base cell goes to the cell holding its centre.
std::vector<AreaCount> aggregateToGrid(const ReturneeCounts& counts, const Layer& boundary, double cellM,
                                       const ReturneeFilter& filter = {});
// Polygons of a layer (districts, village polygons): a base cell goes to the polygon holding its
// centre, or to the nearest polygon when none does, so totals stay exact.
std::vector<AreaCount> aggregateToPolygons(const ReturneeCounts& counts, const Layer& polygons,
                                           const ReturneeFilter& filter = {});
// Per village named in the records; records without a village are left out.
std::vector<AreaCount> aggregateByVillage(const ReturneeCounts& counts, const ReturneeFilter& filter = {});
// The areas x origins table of counts (rows in the areas' order), e.g. for geo::SuppressedTable.
std::vector<std::vector<int64_t>> areaOriginTable(const std::vector<AreaCount>& areas);
// Arrivals per day, [day - minDay][origin], following the filter.
std::vector<std::vector<int64_t>> arrivalsPerDay(const ReturneeCounts& counts, const ReturneeFilter& filter = {});

}  // namespace geo
