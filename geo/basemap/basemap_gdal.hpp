// GDAL's raster side as the basemap code uses it: owners, warps and the last error's text.
#pragma once
#include <gdal.h>
#include <gdal_utils.h>

#include <memory>
#include <string>
#include <vector>

namespace geo {

struct GdalDatasetCloser { void operator()(GDALDatasetH ds) const { if (ds) GDALClose(ds); } };
using GdalRaster = std::unique_ptr<void, GdalDatasetCloser>;

// GDAL's last error message ("" when none), for a one-line reason.
std::string gdalLastError();

// Opens a raster read-only; throws geo::Error "NAME: not a raster GDAL can read (...)".
GdalRaster openRaster(const std::string& name, const std::string& shownName);

// A palette raster expanded to RGBA (in memory); other rasters are returned as they are.
GdalRaster expandPalette(GdalRaster source);

// gdalwarp with these arguments from `source` into a new dataset (`format` MEM or VRT), written to
// `destination` when given; throws geo::Error naming `shownName`.
GdalRaster warpRaster(GDALDatasetH source, const std::vector<std::string>& args, const std::string& shownName,
                      const std::string& destination = "");
// gdal_translate likewise.
GdalRaster translateRaster(GDALDatasetH source, const std::vector<std::string>& args, const std::string& destination,
                           const std::string& shownName);

// A coordinate as a GDAL tool's argument, every digit kept ("%.17g").
std::string gdalNumber(double v);

// "EPSG:n" for the working CRS, as GDAL's -t_srs reads it.
std::string workingCrsArgument(int workingEpsg);

}  // namespace geo
