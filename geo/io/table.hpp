// Tables as they come from the field: CSV (UTF-8 or GBK, quoted, CRLF), spreadsheets and point
// layers through GDAL. Cell values: geo/core/text_values.hpp, geo/core/dates.hpp.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/layer.hpp"

namespace geo {

// Which columns to load, decided from the header; columns not chosen are never copied.
using ColumnSelector = std::function<std::vector<bool>(const std::vector<std::string>& header)>;

struct TableOptions {
    std::string encoding;    // override ("GBK", "UTF-8", ...); "" detects
    std::string layerName;   // sheet or layer for GDAL sources; "" takes the first
    ColumnSelector select;   // empty loads every column
    // Registers: how much a row looks like the header (the count of known column names in it).
    // Set, the header is the best row among the first twenty (title rows above it are skipped),
    // and a second header row below it is merged in. Empty: the first row that holds anything.
    std::function<int(const std::vector<std::string>& row)> headerScore;
};

struct Table {
    std::string source;          // file name
    std::string format;          // "CSV" or the GDAL driver
    std::string encoding;        // what the text was read as
    std::string encodingReason;
    std::vector<std::string> header;
    std::vector<bool> isLoaded;          // per header column
    std::vector<StringColumn> columns;   // per header column; empty when not loaded
    std::vector<int64_t> line;           // per row: the line (CSV) or sheet row it started on
    std::vector<std::string> notes;      // rows skipped as layout: "line 1: title row skipped", ...
    // Point geometry of GDAL layers that have one: x,y per row (NaN when missing), in `geometryCrs`.
    std::vector<double> xy;
    std::string geometryCrs;             // "EPSG:n" or WKT; "" when the source has no geometry

    size_t rowCount() const { return line.size(); }
    bool hasGeometry() const { return !geometryCrs.empty(); }
    std::string_view cell(size_t row, size_t column) const { return columns[column].at(row); }
};

// Reads CSV/TSV/TXT with the parser below and anything else (XLSX, XLS, ODS, GeoJSON,
// Shapefile, GeoPackage, ...) through GDAL. Throws geo::Error naming the file.
Table readTable(const std::string& path, const TableOptions& options);

// Parses CSV bytes: BOM stripped, UTF-8 kept when valid, GB18030 otherwise (or the override);
// quoted fields with commas, quotes and newlines; CRLF, CR or LF; blank lines, 合计 rows and
// (with options.headerScore) title rows skipped with a note.
Table parseCsv(std::string_view bytes, const TableOptions& options, const std::string& sourceName = "");

}  // namespace geo
