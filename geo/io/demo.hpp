// A deterministic synthetic township modelled on the real case, placed in Yuanqu County.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace geo {

struct DemoOptions {
    std::string outDir;
    int64_t roads = 0;      // total road segments (benchmarks); 0 keeps the township's own network
    uint64_t seed = 2020;
    std::function<bool(double, const std::string&)> progress;
};

struct DemoSummary {
    std::string workspace;
    int64_t roadFeatures = 0;
    int64_t roadSegments = 0;
    int boundaryCrossings = 0;   // road/boundary crossings of the network as generated
    int villages = 0;
    int districts = 0;
    int returnees = 0;
    int returneesFromWuhan = 0;
    double areaKm2 = 0;
};

// Writes OUTDIR/{boundary,districts,villages,roads}.shp (GBK, declared by .cpg),
// OUTDIR/returnees.csv (UTF-8) and OUTDIR/demo.gpkg. Creates OUTDIR.
DemoSummary generateDemo(const DemoOptions& options);

// Deterministic on every platform: splitmix64, not the standard distributions.
class DemoRandom {
public:
    explicit DemoRandom(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    int below(int n) { return static_cast<int>(uniform() * n); }
private:
    uint64_t state_;
};

}  // namespace geo
