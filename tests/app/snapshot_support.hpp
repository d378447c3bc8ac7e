// Helpers shared by the snapshot tests: a scratch folder, the demo's layers, a request and ink counts.
#pragma once
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "app/snapshot.hpp"
#include "app/snapshot_data.hpp"
#include "geo/render/png_writer.hpp"
#include "tests/geo/test_support.hpp"
#include "geo/workspace/workspace.hpp"

namespace snapshot_test {

class ScratchDir {
public:
    ScratchDir() {  // random per process: other test runs share /tmp
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("cordon_snapshot_test_" + std::to_string(std::random_device{}()) + "_" + std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
private:
    std::filesystem::path path_;
};

inline const app::SnapshotData& demoData() {
    static const app::SnapshotData data = [] {
        auto ws = geo::Workspace::open(std::string(CORDON_SOURCE_DIR) + "/data/demo.gpkg", geo::Workspace::Mode::ReadOnly);
        return app::loadSnapshotData(ws);
    }();
    return data;
}

inline app::SnapshotRequest request(const std::filesystem::path& out, geo::PageSize page) {
    app::SnapshotRequest r;
    r.out = out;
    r.page = page;
    r.title = "王茅镇 Test map";
    r.scenarioName = "方案一";
    r.date = "2020-01-28";
    r.figures = {{"卡口 Checkpoints", "37", "", false}, {"值班人员 Staff", "120", "", false}};
    r.sources = {"roads.shp"};
    return r;
}

inline int64_t inkIn(const testing::PngImage& img, const geo::Rect& box, const uint8_t* background) {
    int64_t n = 0;
    for (int y = static_cast<int>(box.y) + 2; y < static_cast<int>(box.bottom()) - 2; ++y)
        for (int x = static_cast<int>(box.x) + 2; x < static_cast<int>(box.right()) - 2; ++x) {
            const uint8_t* p = img.at(x, y);
            n += (std::abs(p[0] - background[0]) + std::abs(p[1] - background[1]) + std::abs(p[2] - background[2])) > 60;
        }
    return n;
}

}  // namespace snapshot_test
