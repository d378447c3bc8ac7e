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
// Urban 快速路 is an arterial with at-grade exits, not an expressway: national importance.
RoadClass classifyRoad(std::string_view value);

// Expressways filed under 国道/省道 (or with no usable class): a name ending in 高速公路 or 高速,
// or a route code of an expressway (G or S with one, two or four digits: G5, G55, G3001; three
// digits are ordinary national and provincial roads). `refs` may hold several codes split by ';'.
RoadClass refineRoadClass(RoadClass c, std::string_view name, std::string_view refs);
bool isExpresswayRouteCode(std::string_view code);
// An expressway ramp (OSM motorway_link, 匝道): traffic leaves the expressway only along these.
bool isExpresswayLink(std::string_view classValue, std::string_view name);

}  // namespace geo
