// Opening, expanding and warping rasters through GDAL's C API and its gdalwarp/gdal_translate library calls.
#include "geo/basemap/basemap_gdal.hpp"

#include <cpl_error.h>
#include <cpl_string.h>

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
    Argv argv({"-of", "MEM", "-expand", "rgba"});
    GDALTranslateOptions* options = GDALTranslateOptionsNew(argv.get(), nullptr);
    CPLErrorReset();
    GDALDatasetH out = GDALTranslate("", ds, options, nullptr);
    GDALTranslateOptionsFree(options);
    if (!out) throw Error("cannot expand the raster's palette (" + gdalLastError() + ")");
    return GdalRaster(out);
}

GdalRaster warpRaster(GDALDatasetH source, const std::vector<std::string>& args, const std::string& shownName) {
    Argv argv(args);
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(argv.get(), nullptr);
    if (!options) throw Error(shownName + ": cannot reproject (" + gdalLastError() + ")");
    CPLErrorReset();
    int usageError = 0;
    GDALDatasetH sources[1] = {source};
    GDALDatasetH out = GDALWarp("", nullptr, 1, sources, options, &usageError);
    GDALWarpAppOptionsFree(options);
    if (!out || CPLGetLastErrorType() >= CE_Failure) {
        const std::string why = gdalLastError();
        if (out) GDALClose(out);
        throw Error(shownName + ": cannot be read or reprojected" + (why.empty() ? "" : " (" + why + ")"));
    }
    return GdalRaster(out);
}

std::string workingCrsArgument(int workingEpsg) { return "EPSG:" + std::to_string(workingEpsg); }

}  // namespace geo
