// The returnee import's steps, shared by its files: rows checked and located
// (returnee_rows.cpp), counted and written as a batch (returnee_batches.cpp); returnees.cpp reads
// the register and runs them. Internal to the import.
#pragma once
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "geo/io/table.hpp"
#include "geo/returnees/returnee_support.hpp"
#include "geo/returnees/returnees.hpp"

namespace geo {

enum class Locate { LonLat, LonLatText, Projected, Geometry, None };

// What one row says, once checked: a position or a village to place it at, and its attributes.
struct RegisterRows {
    explicit RegisterRows(size_t n) : reasons(n), xy(2 * n, std::nan("")), byVillage(n, 0), day(n, 0), village(n, -1),
                                      origin(n, 0), status(n, 0), cellX(n, 0), cellY(n, 0) {}
    std::vector<std::string> reasons;     // why the row is bad; "" when good
    std::vector<double> xy;               // source coordinates, then working CRS; NaN when none
    std::vector<uint8_t> byVillage;       // 1: no coordinates, placed at its village
    std::vector<int32_t> day, village;    // village: index (known, then extra), -1 none
    std::vector<uint16_t> origin, status;
    std::vector<int32_t> cellX, cellY;
    void addReason(size_t r, const std::string& why) { reasons[r] += (reasons[r].empty() ? "" : "; ") + why; }
};

// The rows after checkRows, with what their cells named.
struct CheckedRows {
    explicit CheckedRows(size_t n) : rows(n), ambiguous(n, nullptr) {}
    RegisterRows rows;
    std::vector<const std::vector<int32_t>*> ambiguous;  // located rows whose village name fits several
    Interner origins;        // origin texts, in order of first appearance
    Interner extraVillages;  // village names when the workspace has no villages layer
};

// Each row's coordinates (read, not yet projected), village, date, origin and status, with the
// reasons a row is bad. `step` reports progress (and throws when cancelled).
CheckedRows checkRows(const Table& t, const ReturneeColumns& col, Locate mode, const TownshipContext& town, int year,
                      ReturneeImportReport& report, const std::function<void(double)>& step);

// Coordinates into the working CRS, village rows at their village, then the township test (a
// point outside that would fall inside with longitude and latitude swapped says so).
void locateRows(const Workspace& ws, const Table& t, const ReturneeImportOptions& o, Locate mode,
                const TownshipContext& town, const ReturneeImportReport& report, RegisterRows& rows);

// Located rows get a village for their attributes (the date and origin counts are kept per
// village only): a name that fits several villages, the nearest of those; no name, or one that
// matches none, the nearest village of the layer.
void settleVillagesByPosition(const TownshipContext& town, const std::vector<const std::vector<int32_t>*>& ambiguous,
                              RegisterRows& rows, ReturneeImportReport& report);

// The batch's counts, each kind apart: per base cell, and per village x day x origin x status.
struct BatchCounts {
    struct Cell { int32_t x, y; int64_t count; };
    struct VillageRow { int32_t village, day; uint16_t origin, status; int64_t count; };
    std::vector<Cell> cells;
    std::vector<VillageRow> villages;
    std::vector<int64_t> originTotals;
    int32_t firstDay = 0, lastDay = 0;
    bool keySpaceTooLarge = false;
};

// The good rows counted (bad ones listed in the report, by their source line in `lines`).
BatchCounts countRows(const RegisterRows& rows, const std::vector<int64_t>& lines, ReturneeImportReport& report,
                      size_t originCount, size_t statusCount, size_t villageCount);

// The batch and its counts in one transaction, replacing a batch of the same name.
void writeBatch(Workspace& ws, const ReturneeImportOptions& o, ReturneeImportReport& report, const BatchCounts& counts,
                const std::vector<std::string>& villageNames, const std::vector<std::string>& origins,
                const std::vector<std::string>& statuses);

}  // namespace geo
