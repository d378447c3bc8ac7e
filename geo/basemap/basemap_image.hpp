// The basemaps of a map frame as one RGBA picture: each warped by GDAL from its overview for the
// output resolution (BasemapWarper), brightened or darkened, and laid over the ones below with its opacity.
// Any drawing path (GL texture, CPU raster) lays this picture first, under every vector layer.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/basemap/basemap.hpp"
#include "geo/basemap/basemap_warper.hpp"

namespace geo {

// One basemap for `extent` (working CRS, north up) at width x height, as it is (no opacity or
// brightness); transparent where it has no data. Throws geo::Error (a linked file gone, a damaged
// file). Opens the file anew: a caller drawing many pictures keeps a BasemapWarper instead.
RgbaImage warpBasemap(const Basemap& basemap, const std::string& workspacePath, int workingEpsg, const Bbox& extent,
                      int width, int height);

// Lays `layer` over `into` (same size) with the basemap's opacity and brightness.
void compositeBasemap(RgbaImage& into, const RgbaImage& layer, double opacity, double brightness);

struct BasemapPicture {
    RgbaImage image;                     // empty when no basemap covers the extent
    std::vector<std::string> drawn;      // names of the basemaps drawn, bottom to top
    std::vector<std::string> problems;   // one line per basemap left out (a linked file gone, ...)
};

// Every basemap with opacity above 0 whose extent meets `extent`, bottom to top, through `warper`
// (whose open files serve the next call) or through one of its own.
BasemapPicture renderBasemaps(BasemapWarper& warper, const std::vector<Basemap>& basemaps,
                              const std::string& workspacePath, int workingEpsg, const Bbox& extent, int width, int height);
BasemapPicture renderBasemaps(const std::vector<Basemap>& basemaps, const std::string& workspacePath, int workingEpsg,
                              const Bbox& extent, int width, int height);

}  // namespace geo
