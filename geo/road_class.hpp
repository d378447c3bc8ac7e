// One list of road classes, from Chinese classes, route numbers and OSM highway values.
#pragma once
#include <array>
#include <string_view>

namespace geo {

enum class RoadClass : uint8_t { Expressway, National, Provincial, County, Township, Village, Track, Other };
constexpr size_t kRoadClassCount = 8;

const char* roadClassName(RoadClass c);      // "expressway", ... (the workspace's `class` values)
const char* roadClassNameZh(RoadClass c);    // "高速公路", "国道", ...
RoadClass roadClassFromName(std::string_view name);  // inverse of roadClassName; Other when unknown
// Maps a source value: OSM highway=*, 国道/省道/..., G/S/X/Y/C route numbers, urban classes.
RoadClass classifyRoad(std::string_view value);

}  // namespace geo
