// Working CRS choice, PROJ transforms over whole arrays, and China's web-map coordinate offsets.
#pragma once
#include <cstddef>
#include <string>

#include "geo/core/c_handles.hpp"

namespace geo {

// The local metric CRS for data centred at (lon, lat): CGCS2000 3-degree Gauss-Kruger
// (EPSG:4534-4554, no zone prefix) inside China, UTM elsewhere.
int chooseWorkingEpsg(double lon, double lat);
bool isInChina(double lon, double lat);
std::string epsgName(int epsg);  // "CGCS2000 / 3-degree Gauss-Kruger CM 111E"; "" when unknown

// A PROJ transformation between two CRSs, in traditional GIS order (x=lon/easting, y=lat/northing).
// A definition is "EPSG:n" or WKT. Not thread-safe: give each thread its own.
class Transformer {
public:
    Transformer(const std::string& from, const std::string& to);
    void transform(double* xy, size_t count) const;  // interleaved x,y in place; non-finite on failure
    void transformPoint(double& x, double& y) const { double p[2] = {x, y}; transform(p, 1); x = p[0]; y = p[1]; }
private:
    ProjContext ctx_;
    ProjHandle pj_;
    bool identity_ = false;
};

// Parses "EPSG:4546" (or "4546"); 0 when the text is not such a code.
int parseEpsg(const std::string& text);
bool isKnownEpsg(int epsg);

enum class WebCoords { None, Gcj02, Bd09 };
WebCoords parseWebCoords(const std::string& text);  // throws geo::Error on anything else
const char* webCoordsName(WebCoords c);             // "gcj02", "bd09", "wgs84"
// Web-map offsets apply only to longitude/latitude: a layer in a projected CRS never holds
// them, so asking for them there is refused (geo::Error naming the file and its CRS).
void checkWebCoords(WebCoords coords, bool isGeographic, const std::string& sourceCrs, const std::string& path);

// GCJ-02 / BD-09 offsets, in degrees; the inverse is solved by iteration to about 1e-7 degrees.
void wgs84ToGcj02(double& lon, double& lat);
void gcj02ToWgs84(double& lon, double& lat);
void bd09ToGcj02(double& lon, double& lat);
void gcj02ToBd09(double& lon, double& lat);
void toWgs84(WebCoords from, double* lonLat, size_t count);

}  // namespace geo
