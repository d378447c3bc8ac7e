// Temporary folders and the shared demo for tests.
#include "test_support.hpp"

#include <atomic>
#include <random>

#include "geo/demo.hpp"

namespace testing {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("cordon-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

const std::filesystem::path& demoDir() {
    static TempDir dir;
    static bool made = false;
    if (!made) {
        geo::DemoOptions o;
        o.outDir = (dir.path() / "demo").string();
        geo::generateDemo(o);
        made = true;
    }
    static std::filesystem::path p = dir.path() / "demo";
    return p;
}

std::string demoWorkspaceCopy(const TempDir& tmp) {
    std::string path = tmp / "ws.gpkg";
    std::filesystem::copy_file(demoDir() / "demo.gpkg", path);
    return path;
}

std::filesystem::path realData() {
    std::filesystem::path p = std::filesystem::path(CORDON_TEST_DATA) / "realdata";
    std::error_code ec;
    return std::filesystem::exists(p, ec) ? std::filesystem::canonical(p) : std::filesystem::path();
}

geo::Checkpoint checkpointAt(double x, double y, geo::CheckpointKind kind) {
    geo::Checkpoint c;
    c.x = x;
    c.y = y;
    c.kind = kind;
    return c;
}

}  // namespace testing
