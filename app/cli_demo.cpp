// `cordon demo`: the synthetic township, its source files and a ready workspace.
#include <cstdio>

#include "app/command.hpp"
#include "geo/io/demo.hpp"
#include "geo/core/json.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon demo OUTDIR [--roads N] [--seed S] [--json]\n"
    "\n"
    "Generates a synthetic township modelled on Wangmao (Yuanqu County, Shanxi, about 111.7E 35.2N):\n"
    "a 150 km2 boundary, 5 districts, 20 villages, a road network of every class crossing the\n"
    "boundary 30-45 times, as GBK shapefiles; returnees.csv with 829 records (21 from Wuhan);\n"
    "and the workspace OUTDIR/demo.gpkg. The same seed gives the same data. --roads N makes a network\n"
    "of N road segments in all, adding short lanes (benchmarks: 10000, 100000, 1000000).\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--roads", "--seed"}, {"--json"});
    geo::DemoOptions o;
    o.outDir = a.requirePositional(0, "OUTDIR (cordon demo OUTDIR)");
    o.roads = a.integer("--roads", 0);
    if (o.roads < 0 || o.roads > 50000000) throw UsageError("--roads must be between 0 and 50000000");
    int64_t seed = a.integer("--seed", 2020);
    o.seed = static_cast<uint64_t>(seed);
    ProgressLine progress;
    o.progress = [&](double f, const std::string& stage) { return progress(f, stage); };
    geo::DemoSummary s = geo::generateDemo(o);
    if (a.flag("--json")) {
        geo::JsonWriter j;
        j.beginObject().key("workspace").value(s.workspace).key("roads").value(s.roadFeatures);
        j.key("road_segments").value(s.roadSegments);
        j.key("boundary_crossings").value(s.boundaryCrossings).key("villages").value(s.villages);
        j.key("districts").value(s.districts).key("returnees").value(s.returnees);
        j.key("returnees_from_wuhan").value(s.returneesFromWuhan).key("area_km2").value(s.areaKm2, 2).endObject();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    std::printf("%s: %.1f km2, %d districts, %d villages, %lld roads (%lld segments) crossing the boundary %d times, "
                "%d returnees (%d from Wuhan) in returnees.csv\n",
                s.workspace.c_str(), s.areaKm2, s.districts, s.villages, static_cast<long long>(s.roadFeatures),
                static_cast<long long>(s.roadSegments), s.boundaryCrossings, s.returnees, s.returneesFromWuhan);
    return 0;
}

const CommandRegistration reg({"demo", "generate the synthetic demo township and its workspace", kUsage, run});

}  // namespace
}  // namespace app
