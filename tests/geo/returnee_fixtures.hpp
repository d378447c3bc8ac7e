// Shared by the returnee tests: a demo workspace without returnees, its villages, an import of text.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "geo/returnees/returnees.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace returnee_fixtures {

// A copy of the demo workspace without any returnee batch.
inline std::string freshWorkspace(const testing::TempDir& dir) {
    std::string path = dir / "ws.gpkg";
    std::filesystem::copy_file(testing::demoDir() / "demo.gpkg", path, std::filesystem::copy_options::overwrite_existing);
    geo::Workspace ws = geo::Workspace::open(path);
    for (const auto& b : geo::listBatches(ws)) geo::removeBatch(ws, b.name);
    return path;
}

inline void writeFile(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

struct Village {
    std::string name;
    double x, y;  // working CRS
};

inline std::vector<Village> demoVillages(const geo::Workspace& ws) {
    geo::Layer v = ws.readLayer("villages");
    int name = v.fieldIndex("名称");
    std::vector<Village> out;
    for (size_t f = 0; f < v.featureCount(); ++f) {
        size_t vert = v.ringStart[v.partStart[v.featureStart[f]]];
        out.push_back({std::string(v.attr(f, name)), v.xy[2 * vert], v.xy[2 * vert + 1]});
    }
    return out;
}

inline geo::ReturneeImportReport importText(geo::Workspace& ws, const testing::TempDir& dir, const std::string& file,
                                     const std::string& text, geo::ReturneeImportOptions o = {}) {
    writeFile(dir / file, text);
    o.path = dir / file;
    return geo::importReturnees(ws, o);
}

inline int64_t sumTotals(const std::vector<geo::AreaCount>& areas) {
    int64_t n = 0;
    for (const auto& a : areas) n += a.total;
    return n;
}

}  // namespace returnee_fixtures
