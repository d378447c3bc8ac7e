// Lines found where areas were asked for: taken as boundary lines unless they look like roads.
#pragma once
#include <string>

#include "geo/io/boundary_lines.hpp"

namespace geo {

// Lines found where areas were asked for (a --boundary or --districts layer of lines) are taken
// as boundary lines unless they look like roads: a road class field, or (once polygonised) more
// dangling ends than half the lines. Throws geo::Error(whyNotAreas, plus the dangling ends) when
// they do; call it with null before polygonising and with the report after.
void refuseRoadLikeLines(bool hasRoadClassField, const PolygonizeReport* polygonized, const std::string& whyNotAreas);

}  // namespace geo
