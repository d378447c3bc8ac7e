// Entries on district boundaries inside the township (on request): where a road passes from one
// district to another, and whether a scenario guards them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/analysis/figures.hpp"

namespace geo {

class Transformer;

struct DistrictEntry {
    double x = 0, y = 0;  // the point on the most important road
    uint32_t feature = kNoId;
    std::string road;
    RoadClass roadClass = RoadClass::Other;
    int from = -1, to = -1;  // districts on either side, in the direction of that road's crossing
    std::vector<EntryPoint> points;
};

// Crossings of district outlines with a district on both sides, and road ends within the touch
// distance of another district; points closer than the merge distance that join the same two
// districts are one entry. Most important road class first.
std::vector<DistrictEntry> findDistrictEntries(const CordonNetwork& net);

// Guarded when, on at least one side, every road path from the entry into that district meets a
// checkpoint or closure within the guard distance (a path that leaves the district first does
// not leak). Traffic between the two districts on this road passes both sides, so one side
// suffices. Per entry, 1 when guarded.
std::vector<uint8_t> guardDistrictEntries(const CordonNetwork& net, const std::vector<DistrictEntry>& entries,
                                          const Barriers& barriers, double guardDistanceM);

// The `district_entries` array of `cordon analyze --district-entries --json`.
std::string districtEntriesJson(const CordonNetwork& net, const std::vector<DistrictEntry>& entries,
                                const std::vector<uint8_t>& guarded, const Transformer& toLonLat);

}  // namespace geo
