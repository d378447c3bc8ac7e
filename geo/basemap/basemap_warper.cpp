// GDAL's warper driven directly: the generic image-projection transformer made once per basemap
// and overview level (its destination geotransform set per picture), wrapped in the approximating
// transformer as gdalwarp does, and a warp operation per picture into a memory dataset.
#include "geo/basemap/basemap_warper.hpp"

#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdalwarper.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>

#include "geo/basemap/basemap_gdal.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"

namespace geo {
namespace {

constexpr double kMaxErrorPx = 0.125;  // the approximating transformer's tolerance, gdalwarp's default
constexpr double kOversampling = 1.2;  // an overview may be this much coarser than the output

// "basemap 'X': cannot be read (why)", without empty brackets when GDAL gave no reason.
Error failure(const std::string& what) {
    const std::string why = gdalLastError();
    return Error(why.empty() ? what : what + " (" + why + ")");
}

struct WarpOptionsFree { void operator()(GDALWarpOptions* o) const { GDALDestroyWarpOptions(o); } };
struct WarpOperationFree { void operator()(void* op) const { GDALDestroyWarpOperation(op); } };

}  // namespace

// The full raster (factor 1) or one of its overviews, with its transformer.
struct BasemapWarper::Level {
    double factor = 1;      // source pixels of the full raster per pixel of this level
    int overview = -1;      // GDAL's index of the overview; -1 for the full raster
    GdalRaster raw;         // as opened
    void* transformer = nullptr;  // source pixels <-> destination pixels (GDALGenImgProjTransform)
    void* approx = nullptr;       // the same, approximated along rows
    bool isOpen = false;
    uint64_t lastUsed = 0;

    Level() = default;
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;
    ~Level() { close(); }
    void close() {
        if (approx) GDALDestroyApproxTransformer(approx);
        if (transformer) GDALDestroyGenImgProjTransformer(transformer);
        approx = transformer = nullptr;
        raw.reset();
        isOpen = false;
    }
};

struct BasemapWarper::Source {
    std::string key;
    std::string shown;        // "basemap 'NAME'"
    std::string datasetName;  // what GDAL opens
    std::string sourceSrs;    // "" for the file's own
    std::string targetSrs;
    std::vector<std::unique_ptr<Level>> levels;  // [0] the full raster, then the overviews, finest first
    std::vector<std::array<uint8_t, 4>> palette;  // a palette raster's colours by index; empty otherwise
    // The bands as the full raster describes them (an overview's may not say which is alpha).
    int alphaBand = 0;    // 0: none
    int colourBands = 0;  // 1 (grey or palette) or 3 and more
    bool hasNoData = false;
    double noData[3] = {0, 0, 0};  // per warped band: the first only for grey or palette
    uint64_t lastUsed = 0;

    Level& open(Level& level, int64_t& opened) {
        if (level.isOpen) return level;
        initGdal();
        CPLErrorReset();
        const std::string overview = "OVERVIEW_LEVEL=" + std::to_string(level.overview);
        const char* const openOptions[] = {overview.c_str(), nullptr};
        GDALDatasetH ds = GDALOpenEx(datasetName.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr,
                                     level.overview < 0 ? nullptr : openOptions, nullptr);
        if (!ds) throw failure(shown + ": cannot be read");
        level.raw = GdalRaster(ds);
        ++opened;
        char** options = CSLSetNameValue(nullptr, "DST_SRS", targetSrs.c_str());
        if (!sourceSrs.empty()) options = CSLSetNameValue(options, "SRC_SRS", sourceSrs.c_str());
        CPLErrorReset();
        level.transformer = GDALCreateGenImgProjTransformer2(ds, nullptr, options);
        CSLDestroy(options);
        if (!level.transformer) {
            level.close();
            throw failure(shown + ": cannot be reprojected");
        }
        level.approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, level.transformer, kMaxErrorPx);
        level.isOpen = true;
        return level;
    }
};

BasemapWarper::BasemapWarper() = default;
BasemapWarper::~BasemapWarper() = default;

void BasemapWarper::close() { sources_.clear(); }

size_t BasemapWarper::openFiles() const {
    size_t open = 0;
    for (const auto& s : sources_)
        for (const auto& l : s->levels) open += l->isOpen;
    return open;
}

BasemapWarper::Level& BasemapWarper::openLevel(Source& source, size_t index) {
    Level& level = *source.levels[index];
    level.lastUsed = ++uses_;
    if (level.isOpen) return level;
    makeRoom();
    return source.open(level, opened_);
}

void BasemapWarper::makeRoom() {
    // Each open level holds a file (and a workspace's SQLite connection): a few per worker at most.
    size_t open = 0;
    Level* oldest = nullptr;
    for (auto& s : sources_)
        for (auto& l : s->levels)
            if (l->isOpen) {
                ++open;
                if (!oldest || l->lastUsed < oldest->lastUsed) oldest = l.get();
            }
    if (open >= kMaxOpenLevels && oldest) oldest->close();
}

BasemapWarper::Source& BasemapWarper::sourceFor(const Basemap& basemap, const std::string& workspacePath,
                                                int workingEpsg) {
    const std::string datasetName = basemapDatasetName(basemap, workspacePath);
    const std::string key = datasetName + '\n' + basemap.crsOverride + '\n' + std::to_string(workingEpsg);
    ++uses_;
    for (auto& s : sources_)
        if (s->key == key) {
            s->lastUsed = uses_;
            return *s;
        }
    // Checked when first opened: a file gone later is still read through the handle held open.
    const std::string wsName = std::filesystem::path(workspacePath).filename().string();
    if (std::string missing = missingBasemapMessage(basemap, wsName); !missing.empty()) throw Error(missing);
    auto source = std::make_unique<Source>();
    source->key = key;
    source->shown = "basemap '" + basemap.name + "'";
    source->datasetName = datasetName;
    if (basemap.kind == BasemapKind::Link) source->sourceSrs = basemap.crsOverride;
    source->targetSrs = workingCrsArgument(workingEpsg);
    source->levels.push_back(std::make_unique<Level>());
    makeRoom();
    Level& full = source->open(*source->levels[0], opened_);
    full.lastUsed = uses_;
    GDALDatasetH ds = full.raw.get();
    GDALRasterBandH first = GDALGetRasterBand(ds, 1);
    if (!first) throw Error(source->shown + ": has no bands");
    if (source->sourceSrs.empty() && !GDALGetSpatialRef(ds) && GDALGetGCPCount(ds) == 0)
        throw Error(source->shown + ": " + std::filesystem::path(basemap.source).filename().string() +
                    " has lost its coordinate system; add it again with --crs");
    const int bands = GDALGetRasterCount(ds);
    if (bands > 1 && GDALGetRasterColorInterpretation(GDALGetRasterBand(ds, bands)) == GCI_AlphaBand) source->alphaBand = bands;
    source->colourBands = bands - (source->alphaBand ? 1 : 0);
    if (source->colourBands < 1) throw Error(source->shown + ": has no colour bands");
    for (int c = 0; c < std::min(3, source->colourBands); ++c) {
        int has = 0;
        source->noData[c] = GDALGetRasterNoDataValue(GDALGetRasterBand(ds, c + 1), &has);
        source->hasNoData = source->hasNoData || has;
    }
    if (GDALColorTableH table = bands == 1 ? GDALGetRasterColorTable(first) : nullptr) {
        source->palette.assign(256, {0, 0, 0, 0});  // indices beyond the table: transparent
        const int entries = std::min(256, GDALGetColorEntryCount(table));
        for (int i = 0; i < entries; ++i) {
            GDALColorEntry e{};
            GDALGetColorEntryAsRGB(table, i, &e);
            source->palette[static_cast<size_t>(i)] = {static_cast<uint8_t>(e.c1), static_cast<uint8_t>(e.c2),
                                                       static_cast<uint8_t>(e.c3), static_cast<uint8_t>(e.c4)};
        }
    }
    const double fullWidth = GDALGetRasterXSize(ds);
    for (int i = 0; i < GDALGetOverviewCount(first); ++i) {
        GDALRasterBandH overview = GDALGetOverview(first, i);
        if (!overview || GDALGetRasterBandXSize(overview) <= 0) continue;
        auto level = std::make_unique<Level>();
        level->factor = fullWidth / GDALGetRasterBandXSize(overview);
        level->overview = i;
        source->levels.push_back(std::move(level));
    }
    if (sources_.size() >= kMaxOpen)
        sources_.erase(std::min_element(sources_.begin(), sources_.end(),
                                        [](const auto& a, const auto& b) { return a->lastUsed < b->lastUsed; }));
    source->lastUsed = uses_;
    sources_.push_back(std::move(source));
    return *sources_.back();
}

RgbaImage BasemapWarper::warp(const Basemap& basemap, const std::string& workspacePath, int workingEpsg,
                              const Bbox& extent, int width, int height) {
    if (width <= 0 || height <= 0 || extent.isEmpty()) throw Error("basemap '" + basemap.name + "': nothing to draw");
    Source& source = sourceFor(basemap, workspacePath, workingEpsg);
    double geoTransform[6] = {extent.minX, (extent.maxX - extent.minX) / width, 0,
                              extent.maxY, 0, -(extent.maxY - extent.minY) / height};

    // Full-raster pixels per output pixel, the smallest found where the picture meets the basemap
    // (where the source is finest), then the coarsest level with at most 1.2 times that many (as
    // GDAL's own choice of overview allows: a level of factor 2 for 1.9 pixels is shown at 105 %,
    // not read 4 times over). Where nothing can be measured, the coarsest level: a far-off corner.
    Level& full = openLevel(source, 0);
    GDALSetGenImgProjTransformerDstGeoTransform(full.transformer, geoTransform);
    Bbox meets = extent;
    if (!basemap.extent.isEmpty() && basemap.extent.intersects(extent)) {
        meets.minX = std::max(extent.minX, basemap.extent.minX), meets.maxX = std::min(extent.maxX, basemap.extent.maxX);
        meets.minY = std::max(extent.minY, basemap.extent.minY), meets.maxY = std::min(extent.maxY, basemap.extent.maxY);
    }
    double ratio = std::numeric_limits<double>::infinity();
    for (double fy : {0.25, 0.5, 0.75})
        for (double fx : {0.25, 0.5, 0.75}) {
            const double px = (meets.minX + fx * meets.width() - extent.minX) / geoTransform[1];
            const double py = (extent.maxY - (meets.maxY - fy * meets.height())) / -geoTransform[5];
            double x[3] = {px, px + 1, px}, y[3] = {py, py, py + 1}, z[3] = {0, 0, 0};
            int ok[3] = {0, 0, 0};
            GDALGenImgProjTransform(full.transformer, TRUE, 3, x, y, z, ok);
            if (!ok[0] || !ok[1] || !ok[2]) continue;
            ratio = std::min({ratio, std::hypot(x[1] - x[0], y[1] - y[0]), std::hypot(x[2] - x[0], y[2] - y[0])});
        }
    size_t chosen = 0;
    for (size_t i = 1; i < source.levels.size(); ++i) {
        const double factor = source.levels[i]->factor;
        if ((!std::isfinite(ratio) || factor <= ratio * kOversampling) && factor > source.levels[chosen]->factor) chosen = i;
    }
    Level& level = openLevel(source, chosen);
    GDALSetGenImgProjTransformerDstGeoTransform(level.transformer, geoTransform);

    // A grey or palette raster warps its one band, read back into all three colours; a palette's
    // indices by nearest neighbour (indices do not mix), coloured after.
    GDALDatasetH src = level.raw.get();
    const bool isPalette = !source.palette.empty();
    const int warped = source.colourBands >= 3 ? 3 : 1;

    GDALDriverH mem = GDALGetDriverByName("MEM");
    GdalRaster out(GDALCreate(mem, "", width, height, 4, GDT_Byte, nullptr));
    if (!out) throw Error(source.shown + ": no memory for a " + std::to_string(width) + "x" + std::to_string(height) + " picture");

    std::unique_ptr<GDALWarpOptions, WarpOptionsFree> options(GDALCreateWarpOptions());
    options->hSrcDS = src;
    options->hDstDS = out.get();
    options->nBandCount = warped;
    options->panSrcBands = static_cast<int*>(CPLMalloc(3 * sizeof(int)));
    options->panDstBands = static_cast<int*>(CPLMalloc(3 * sizeof(int)));
    for (int c = 0; c < warped; ++c) options->panSrcBands[c] = options->panDstBands[c] = c + 1;
    if (source.hasNoData && !source.alphaBand) {
        options->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(3 * sizeof(double)));
        std::copy(source.noData, source.noData + 3, options->padfSrcNoDataReal);
        // As gdalwarp does: a pixel is no data when every band says so, not when one happens to.
        options->papszWarpOptions = CSLSetNameValue(options->papszWarpOptions, "UNIFIED_SRC_NODATA", "PARTIAL");
    }
    options->nSrcAlphaBand = source.alphaBand;
    options->nDstAlphaBand = 4;
    options->eResampleAlg = isPalette ? GRA_NearestNeighbour : GRA_Bilinear;
    options->pfnTransformer = GDALApproxTransform;
    options->pTransformerArg = level.approx;
    options->papszWarpOptions = CSLSetNameValue(options->papszWarpOptions, "INIT_DEST", "0");

    CPLErrorReset();
    std::unique_ptr<void, WarpOperationFree> operation(GDALCreateWarpOperation(options.get()));
    if (!operation) throw failure(source.shown + ": cannot be reprojected");
    if (GDALChunkAndWarpImage(operation.get(), 0, 0, width, height) != CE_None)
        throw failure(source.shown + ": cannot be read or reprojected");

    RgbaImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    int bandMap[4] = {1, warped == 3 ? 2 : 1, warped == 3 ? 3 : 1, 4};
    if (GDALDatasetRasterIO(out.get(), GF_Read, 0, 0, width, height, image.pixels.data(), width, height, GDT_Byte, 4,
                            bandMap, 4, 4 * width, 1) != CE_None)
        throw failure(source.shown + ": cannot be read");
    if (isPalette)
        for (size_t i = 0; i < image.pixels.size(); i += 4) {
            const std::array<uint8_t, 4>& colour = source.palette[image.pixels[i]];
            image.pixels[i] = colour[0];
            image.pixels[i + 1] = colour[1];
            image.pixels[i + 2] = colour[2];
            image.pixels[i + 3] = static_cast<uint8_t>((image.pixels[i + 3] * colour[3] + 127) / 255);
        }
    return image;
}

}  // namespace geo
