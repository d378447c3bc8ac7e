// Helpers shared by the geo tests: temporary folders, the demo data set, the data under tests/data.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "geo/plan/plan.hpp"

namespace testing {

// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
private:
    std::filesystem::path path_;
};

// The demo township generated once per test process (seed 2020); folder holds demo.gpkg etc.
const std::filesystem::path& demoDir();
// A copy of the demo workspace in `tmp` (ws.gpkg), for tests that write to it.
std::string demoWorkspaceCopy(const TempDir& tmp);
// tests/data/realdata (the real files the tests carry), or empty when absent.
std::filesystem::path realData();
// A checkpoint of the given kind at x,y (working CRS metres), other fields at their defaults.
geo::Checkpoint checkpointAt(double x, double y, geo::CheckpointKind kind = geo::CheckpointKind::RoadCheckpoint);

// A PNG decoded by GDAL's PNG driver (libpng), not by Cordon's own code: what a viewer sees.
struct PngImage {
    int width = 0, height = 0, channels = 0;  // channels: 3 (RGB) or 4 (RGBA)
    double dpi = 0;                           // from the pHYs chunk, 0 when absent
    std::vector<uint8_t> pixels;              // rows top down, channels interleaved
    const uint8_t* at(int x, int y) const {
        return pixels.data() + (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) *
                                   static_cast<size_t>(channels);
    }
};
PngImage decodePng(const std::filesystem::path& path);  // throws std::runtime_error when GDAL cannot read it

}  // namespace testing
