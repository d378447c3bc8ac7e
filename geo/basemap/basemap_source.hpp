// Adding a basemap: the raster file checked through GDAL, then linked or embedded in the workspace.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/basemap/basemap.hpp"

namespace geo {

// Files up to this size are embedded when neither --embed nor --link is asked for; larger ones linked.
constexpr uintmax_t kEmbedByDefaultBytes = uintmax_t(256) << 20;

struct BasemapRequest {
    std::string workspacePath;
    std::string file;
    std::string name;                    // "" takes the file's stem
    std::optional<BasemapKind> kind;     // nullopt: embed files up to kEmbedByDefaultBytes, else link
    std::string crs;                     // "EPSG:n" for a file without a CRS (a scan with a world file)
};

// What a raster file is, as the basemap commands need it; throws geo::Error with a one-line
// reason for anything that cannot be a basemap (not a raster, no georeferencing, no CRS, damaged).
struct RasterInfo {
    std::string driver;
    int width = 0, height = 0, bands = 0;
    std::string crsWkt;    // of the file, or of the override
    std::string crsName;   // "EPSG:3857" when it has one, else the CRS's name
    Bbox extentWorking;    // the raster's outline reprojected into the working CRS
};
RasterInfo inspectRaster(const std::string& file, int workingEpsg, const std::string& crsOverride = "");

// Adds the basemap on top of the others; the workspace is left as it was on any failure.
Basemap addBasemap(const BasemapRequest& request);

// The basemaps of a replaced workspace (`fromPath`, still in place) added to the new one being
// built at `toPath`, in the same order and with the same look: linked ones linked again, embedded
// ones embedded again from their tiles (reprojected when the working CRS changed). One that
// cannot be carried (a linked file gone) is named in `lost` with the reason; the others still are.
struct BasemapCarry {
    int carried = 0;
    std::vector<std::string> lost;
};
BasemapCarry carryBasemaps(const std::vector<Basemap>& basemaps, const std::string& fromPath, const std::string& toPath);

}  // namespace geo
