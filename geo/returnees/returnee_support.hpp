// Internals shared by the returnee import and aggregation: string interning, a date cache,
// a cell mask for fast point-in-polygon, and the township's boundary and villages.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/core/layer.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Distinct strings -> dense ids, in order of first appearance.
struct Interner {
    std::vector<std::string> names;
    std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> ids;
    uint32_t id(std::string_view s) {
        auto it = ids.find(s);
        if (it != ids.end()) return it->second;
        auto n = static_cast<uint32_t>(names.size());
        names.emplace_back(s);
        ids.emplace(names.back(), n);
        return n;
    }
};

// parseDate for each distinct text once: a day number, or one of the markers below.
class DateCache {
public:
    static constexpr int kMissing = -1000000, kNoYear = -1000001, kBad = -1000002;
    explicit DateCache(int year) : year_(year) {}
    int parse(std::string_view text);
private:
    int year_;
    std::unordered_map<std::string, int, StringHash, std::equal_to<>> cache_;
};

// Cells of a square grid over polygons' extent, each fully inside, fully outside or on an
// edge; only points in edge cells need the exact test.
class PolygonMask {
public:
    PolygonMask(const Layer& polygons, double cellM);
    bool contains(double x, double y) const;
    // Fraction of the square [x0,x0+size)x[y0,y0+size) inside, by cell state or sampling.
    double insideFraction(double x0, double y0, double size) const;
private:
    enum : uint8_t { Outside = 0, Inside = 1, Edge = 2 };
    uint8_t state(double x, double y) const;
    bool exact(double x, double y) const;
    const Layer& layer_;
    double cell_;
    Bbox box_;
    int64_t cols_ = 0, rows_ = 0;
    std::vector<uint8_t> states_;
};

// A polygon layer's name field: name, 名称, NAME, 村名, ...; -1 when none.
int nameFieldOf(const Layer& layer);
// Area-weighted centroid of a polygon feature (its largest outer ring).
void polygonCentre(const Layer& layer, size_t feature, double& x, double& y);

struct VillageSite {
    std::string name;
    std::string key;  // villageKey(name)
    double x = 0, y = 0;
};
// The villages layer's named features (point, or polygon centre); empty without one.
std::vector<VillageSite> villageSites(const Workspace& ws);

// The workspace's boundary and villages, for locating and checking records.
class TownshipContext {
public:
    explicit TownshipContext(const Workspace& ws);
    bool contains(double x, double y) const { return mask_.contains(x, y); }
    // Indexes into villages of every village this name can mean: none, one, or (ambiguous) more.
    const std::vector<int32_t>& matchVillage(std::string_view name) const;
    std::vector<VillageSite> villages;
private:
    Layer boundary_;
    PolygonMask mask_;
    std::unordered_map<std::string, std::vector<int32_t>> byKey_;
};

}  // namespace geo

namespace geo {

// lon/lat -> working CRS for many points: PROJ on a grid of nodes 0.005 degrees apart (about
// 500 m) over a degree around the points' median, bilinear in between (under 1 cm off for a local
// Gauss-Kruger or UTM CRS); points off the grid go through PROJ itself. Non-finite where PROJ fails.
void projectLonLatNear(int workingEpsg, double* xy, size_t count);

// Counts per 64-bit key: open addressing, for the hot loop of the import.
class FlatCounter {
public:
    explicit FlatCounter(size_t expectedKeys);
    void add(uint64_t key) {
        size_t i = slot(key);
        while (used_[i] && keys_[i] != key) i = (i + 1) & mask_;
        if (!used_[i]) {
            used_[i] = 1;
            keys_[i] = key;
            if (++size_ * 2 > keys_.size()) { ++counts_[i]; grow(); return; }
        }
        ++counts_[i];
    }
    template <class F> void forEach(F f) const {
        for (size_t i = 0; i < keys_.size(); ++i)
            if (used_[i]) f(keys_[i], counts_[i]);
    }
private:
    size_t slot(uint64_t key) const { return static_cast<size_t>((key * 0x9e3779b97f4a7c15ULL) >> shift_) & mask_; }
    void grow();
    std::vector<uint64_t> keys_;
    std::vector<int64_t> counts_;
    std::vector<uint8_t> used_;
    size_t mask_ = 0, size_ = 0;
    int shift_ = 0;
};

}  // namespace geo
