// Lines found where areas were asked for: polygonised into areas, unless they look like roads.
#pragma once
#include <string>

#include "geo/io/boundary_lines.hpp"

namespace geo {

// The areas `lines` (in a metric CRS) enclose, as polygonizeLines makes them (`outline` too), its
// errors named after `sourcePath`. With `whyNotAreas` set, the lines came where areas were asked
// for (a --boundary or --districts layer of lines, or a replaced boundary or districts layer) and
// are refused when they look like roads: a road class field, or more dangling ends than half the
// lines; geo::Error(whyNotAreas, plus the dangling ends). Empty: lines given as boundary lines.
Layer areasFromLines(const Layer& lines, const std::string& sourcePath, double snapM, const std::string& whyNotAreas,
                     PolygonizeReport& report, Layer* outline = nullptr);

}  // namespace geo
