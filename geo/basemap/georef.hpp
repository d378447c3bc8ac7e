// Georeferencing a scanned paper map from ground control points (GCPs): the fit through GDAL's
// GCP transformer, each point's residual, the warp into the working CRS, and the GCPs kept with
// the basemap so that a planner can adjust them and warp again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/basemap/basemap.hpp"
#include "geo/basemap/basemap_gdal.hpp"
#include "geo/basemap/basemap_image.hpp"

namespace geo {

struct ControlPoint {
    double pixel = 0, line = 0;  // on the scan, from its top-left corner (GDAL's convention: a pixel's centre is at .5)
    double x = 0, y = 0;         // on the map, in the working CRS (metres)
};

enum class GeorefMethod { Auto, Polynomial1, Polynomial2, ThinPlateSpline };
const char* georefMethodName(GeorefMethod method);        // "auto", "1", "2", "tps"
GeorefMethod parseGeorefMethod(const std::string& text);  // "auto", "1", "2" or "tps"; geo::Error otherwise
// Auto: order 1 below 7 points, order 2 from 7 (so that order 2 has a point to spare for its residuals).
GeorefMethod resolveGeorefMethod(GeorefMethod method, size_t pointCount);

// Refuses, with one line naming the points, what cannot be fitted: fewer than 3 points (or fewer than
// the order needs), two points at the same place on the scan or on the map, points along one line.
void checkControlPoints(const std::vector<ControlPoint>& points, GeorefMethod method);

struct ControlResidual {
    double pixels = 0;  // where the fit puts the map point on the scan, from where it was clicked
    double metres = 0;  // where the fit puts the scan point on the map, from the map point given
};
struct GeorefFit {
    GeorefMethod method = GeorefMethod::Polynomial1;  // as used (never Auto)
    std::vector<ControlResidual> residuals;           // one per point, in order
    double rmsPixels = 0, rmsMetres = 0;
};
// Checks the points, then fits scan -> map and map -> scan. Throws geo::Error.
GeorefFit fitControlPoints(const std::vector<ControlPoint>& points, GeorefMethod method);

// A map point given as longitude/latitude (WGS 84 / CGCS2000), in the working CRS.
ControlPoint controlPointFromLonLat(double pixel, double line, double lon, double lat, int workingEpsg);

// The scan with its GCPs, and the scan warped from them into the working CRS (transparent outside
// the scan). Both are VRTs over the scan: written as FILESSTEM.gcps.vrt and FILESSTEM.warped.vrt
// (`warpedPath`) when `filesStem` is given, else kept in memory.
struct WarpedScan {
    GdalRaster scan;      // read through `withGcps`, which `warped` reads through: declared first, closed last
    GdalRaster withGcps;
    GdalRaster warped;
    std::string warpedPath;
};
// Throws geo::Error for a scan that is not an 8-bit picture GDAL reads, or points that cannot be fitted.
WarpedScan warpScan(const std::string& scanFile, const std::vector<ControlPoint>& points, GeorefMethod method,
                    int workingEpsg, const std::string& filesStem = "");

// The scan reduced to at most `maxSide` pixels a side, as RGBA, for a window to show; width and
// height are the scan's own. Throws geo::Error for what warpScan refuses too.
struct ScanPreview {
    RgbaImage image;
    int width = 0, height = 0;
};
ScanPreview readScanPreview(const std::string& scanFile, int maxSide);

struct GeorefRequest {
    std::string workspacePath;
    std::string scanFile;
    std::string name;                 // "" takes the scan's stem
    std::optional<BasemapKind> kind;  // nullopt: embedded (a linked scan keeps two small VRT files next to it)
    std::vector<ControlPoint> points;
    GeorefMethod method = GeorefMethod::Auto;
};
struct GeorefResult {
    Basemap basemap;
    GeorefFit fit;
    bool replaced = false;  // a scan basemap of that name was there and is now replaced (keeping its place and look)
};
// Fits, warps and adds the scan as a basemap with its GCPs. A basemap of that name that was georeferenced
// from a scan is replaced; any other of that name is refused. The workspace is left as it was on any failure.
GeorefResult georeferenceScan(const GeorefRequest& request);

// The scan and GCPs a basemap was georeferenced from (nullopt for any other basemap).
struct ScanControlPoints {
    std::string scanFile;  // absolute path
    GeorefMethod method = GeorefMethod::Auto;
    std::vector<ControlPoint> points;
};
std::optional<ScanControlPoints> basemapControlPoints(sqlite3* db, int64_t basemapId);
// Keeps `scan` as the basemap's (a workspace imported again carries its scans), in the caller's transaction.
void keepControlPoints(sqlite3* db, const Basemap& basemap, const ScanControlPoints& scan);

// Creates the GCP tables where missing: when the first scan is georeferenced (a Cordon that
// predates them opens the workspace as before and leaves them alone).
void ensureControlPointTables(sqlite3* db);

}  // namespace geo
