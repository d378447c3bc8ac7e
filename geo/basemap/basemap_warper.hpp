// Warps basemaps into pictures of the working CRS, keeping what is costly to set up between
// pictures: each basemap's file opened once per overview level, and its reprojection (a PROJ
// operation) made once per level. A picture then costs reading the overview that suits its
// resolution and resampling it, which is what a map frame's tiles need.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "geo/basemap/basemap.hpp"

namespace geo {

struct RgbaImage {
    int width = 0, height = 0;
    std::vector<uint8_t> pixels;  // straight (not premultiplied) alpha, top row first
    bool isEmpty() const { return width <= 0 || height <= 0; }
};

// Not thread-safe: one per thread (GDAL's datasets are not shared between threads).
class BasemapWarper {
public:
    static constexpr size_t kMaxOpen = 8;         // basemaps kept, the least recently used dropped first
    static constexpr size_t kMaxOpenLevels = 12;  // files held open (a level each), likewise

    BasemapWarper();
    ~BasemapWarper();
    BasemapWarper(const BasemapWarper&) = delete;
    BasemapWarper& operator=(const BasemapWarper&) = delete;

    // One basemap for `extent` (working CRS, north up) at width x height, as it is (no opacity or
    // brightness); transparent where it has no data. Bilinear (a palette's indices: nearest), from
    // the coarsest overview whose pixel spans at most 1.2 output pixels. Throws geo::Error (a
    // linked file gone, a damaged file, a file without a CRS, a CRS that cannot be reached).
    RgbaImage warp(const Basemap& basemap, const std::string& workspacePath, int workingEpsg, const Bbox& extent,
                   int width, int height);

    // Closes every file: the next picture opens them anew (a workspace replaced, a file put back).
    void close();

    // Files opened so far (a level let go and opened again counts again), for tests.
    int64_t opened() const { return opened_; }
    // Files held open now (at most kMaxOpenLevels), for tests.
    size_t openFiles() const;

private:
    struct Source;
    struct Level;
    Source& sourceFor(const Basemap& basemap, const std::string& workspacePath, int workingEpsg);
    Level& openLevel(Source& source, size_t index);
    void makeRoom();  // closes the least recently used file when kMaxOpenLevels are open

    std::vector<std::unique_ptr<Source>> sources_;  // most recently used last
    uint64_t uses_ = 0;
    int64_t opened_ = 0;
};

}  // namespace geo
