// Opening, expanding and warping rasters through GDAL's C API and its gdalwarp/gdal_translate library calls.
#include "geo/basemap/basemap_gdal.hpp"

#include <cpl_error.h>
#include <cpl_string.h>

#include <cstdio>

#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"

namespace geo {
namespace {

// A NULL-terminated argv for GDAL's *OptionsNew, owning its strings.
class Argv {
public:
    explicit Argv(const std::vector<std::string>& args) {
        for (const auto& a : args) list_ = CSLAddString(list_, a.c_str());
    }
    ~Argv() { CSLDestroy(list_); }
    Argv(const Argv&) = delete;
    Argv& operator=(const Argv&) = delete;
    char** get() const { return list_; }
private:
    char** list_ = nullptr;
};

}  // namespace

std::string gdalLastError() {
    const char* message = CPLGetLastErrorMsg();
    return message ? message : "";
}

GdalRaster openRaster(const std::string& name, const std::string& shownName) {
    initGdal();
    CPLErrorReset();
    GDALDatasetH ds = GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) {
        const std::string why = gdalLastError();
        throw Error(shownName + ": not a raster GDAL can read" + (why.empty() ? "" : " (" + why + ")"));
    }
    return GdalRaster(ds);
}

GdalRaster expandPalette(GdalRaster source) {
    GDALDatasetH ds = source.get();
    if (GDALGetRasterCount(ds) != 1 || !GDALGetRasterColorTable(GDALGetRasterBand(ds, 1))) return source;
    return translateRaster(ds, {"-of", "MEM", "-expand", "rgba"}, "", "the raster's palette");
}

GdalRaster warpRaster(GDALDatasetH source, const std::vector<std::string>& args, const std::string& shownName,
                      const std::string& destination) {
    Argv argv(args);
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(argv.get(), nullptr);
    if (!options) throw Error(shownName + ": cannot reproject (" + gdalLastError() + ")");
    CPLErrorReset();
    int usageError = 0;
    GDALDatasetH sources[1] = {source};
    GDALDatasetH out = GDALWarp(destination.c_str(), nullptr, 1, sources, options, &usageError);
    GDALWarpAppOptionsFree(options);
    if (!out || CPLGetLastErrorType() >= CE_Failure) {
        const std::string why = gdalLastError();
        if (out) GDALClose(out);
        throw Error(shownName + ": cannot be read or reprojected" + (why.empty() ? "" : " (" + why + ")"));
    }
    return GdalRaster(out);
}

GdalRaster translateRaster(GDALDatasetH source, const std::vector<std::string>& args, const std::string& destination,
                           const std::string& shownName) {
    Argv argv(args);
    GDALTranslateOptions* options = GDALTranslateOptionsNew(argv.get(), nullptr);
    if (!options) throw Error(shownName + ": cannot be read (" + gdalLastError() + ")");
    CPLErrorReset();
    GDALDatasetH out = GDALTranslate(destination.c_str(), source, options, nullptr);
    GDALTranslateOptionsFree(options);
    if (!out) throw Error(shownName + ": cannot be read" + (gdalLastError().empty() ? "" : " (" + gdalLastError() + ")"));
    return GdalRaster(out);
}

std::string gdalNumber(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string workingCrsArgument(int workingEpsg) { return "EPSG:" + std::to_string(workingEpsg); }

}  // namespace geo
