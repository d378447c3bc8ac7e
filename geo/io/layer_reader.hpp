// Any OGR source -> Layer: layer choice, attribute filter, encoding, repair, reprojection,
// and a count of everything skipped.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "geo/core/crs.hpp"
#include "geo/core/layer.hpp"

namespace geo {

void initGdal();  // registers drivers once; safe to call from any thread

struct ReadOptions {
    GeomKind kind = GeomKind::Line;
    std::string layerName;   // "" picks the only layer, or the first of the right geometry
    std::string where;       // OGR attribute filter, as ogr2ogr -where
    std::string encoding;    // override, normalised or not; "" uses what the source declares
    WebCoords coords = WebCoords::None;
    int targetEpsg = 0;      // 0: WGS84 lon/lat
    bool repair = true;      // make invalid polygons valid (GEOS)
    std::function<bool(double)> progress;  // fraction done; return false to cancel
};

struct ReadReport {
    std::string source;
    std::string layerName;
    std::string driver;
    std::string geometryType;
    std::string encoding;        // what text was read as
    std::string encodingReason;  // why
    std::string sourceCrs;       // "EPSG:4326" or a name
    int sourceEpsg = 0;
    int64_t featuresRead = 0;
    int64_t featuresKept = 0;
    int64_t nullGeometries = 0;
    int64_t emptyGeometries = 0;
    int64_t wrongTypeGeometries = 0;
    int64_t malformedGeometries = 0;
    int64_t unprojectable = 0;
    int64_t repairedPolygons = 0;
    int64_t textRecodedGuess = 0;  // undeclared layer: values that were not UTF-8 (any makes it GBK)
    std::vector<std::string> warnings;
    int64_t skipped() const {
        return nullGeometries + emptyGeometries + wrongTypeGeometries + malformedGeometries + unprojectable;
    }
};

// Throws geo::Error with a one-line reason naming the file.
Layer readLayer(const std::string& path, const ReadOptions& options, ReadReport& report);

// Description of every layer of a source, for `cordon info` and the GUI's import preview.
struct FieldInfo { std::string name; std::string type; };
struct LayerInfo {
    std::string name;
    std::string geometryType;
    int64_t featureCount = -1;
    std::vector<FieldInfo> fields;
    std::string crs;
    int epsg = 0;
    std::string encoding;
    std::string encodingReason;
    Bbox extent;           // in the source CRS
    Bbox extentLonLat;     // WGS84
    std::vector<std::string> problems;
    std::vector<std::vector<std::string>> sampleRows;  // first rows, UTF-8
};
struct SourceInfo {
    std::string path;
    std::string driver;
    std::vector<LayerInfo> layers;
};
SourceInfo describeSource(const std::string& path, const std::string& encodingOverride, int sampleRows = 0);

// "/vsizip/x.zip" for zipped shapefiles, the path itself otherwise.
std::string gdalPath(const std::string& path);

}  // namespace geo
