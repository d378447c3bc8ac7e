// What each fuzz target feeds its input to; shared with the doctest replay of inputs found by fuzzing.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fuzz {

// WKB and GeoPackage blobs: appendWkbFeature for every kind, gpkgBlobWkb, and a blob round trip.
void wkbBlob(const uint8_t* data, size_t size);
// The bytes as a workspace file: Workspace::open, a plan edit (no stored trigger may run), then
// every layer read.
void workspaceFile(const uint8_t* data, size_t size);
// The bytes as a GeoJSON file in GDAL's memory file system: describeSource and readLayer.
void geojsonFile(const uint8_t* data, size_t size);
// The bytes as a shapefile: an 8-byte header with the .shp and .shx lengths (little endian), then
// the .shp, .shx and .dbf bytes in a row.
void shapefileBundle(const uint8_t* data, size_t size);
// The bytes as a returnee CSV: parseCsv (detected and GBK encodings), then every cell through
// the number, date and full-width parsers.
void csvBytes(const uint8_t* data, size_t size);
// The bytes as a spreadsheet register (.xlsx in GDAL's memory file system): the size guard, then
// readTable; cells must come out UTF-8.
void xlsxFile(const uint8_t* data, size_t size);
std::string makeShapefileBundle(const std::string& shp, const std::string& shx, const std::string& dbf);

struct Target {
    const char* name;  // also the folder under tests/fuzz/corpus and tests/fuzz/regressions
    void (*run)(const uint8_t* data, size_t size);
};
const std::vector<Target>& targets();

}  // namespace fuzz
