// Boundary lines -> areas: digitised lines snapped at their ends, noded and polygonised through
// GEOS; each enclosed area a district, named from label points, the villages or 片区1..n.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "geo/core/layer.hpp"

namespace geo {

constexpr double kDefaultSnapLinesM = 1.0;

struct PolygonizeReport {
    int64_t lines = 0;          // line strings read
    int64_t areas = 0;          // areas kept
    int64_t slivers = 0;        // areas under 1 m2, or narrower on average than the snapping tolerance (lines drawn twice)
    int64_t danglingEnds = 0;   // line ends that meet nothing after snapping
    int64_t danglingLines = 0;  // pieces with a dangling end: they enclose nothing and are left out
    int64_t cutEdges = 0;       // pieces joined at both ends that still enclose nothing
    double nearestGapM = std::numeric_limits<double>::quiet_NaN();  // from a dangling end to other lines
    double gapX = 0, gapY = 0;  // where, in the layer's CRS
};

// The areas the lines of `lines` (a Line layer in a metric CRS) enclose, one feature each with no
// attributes, ordered north to south then west to east (the same lines give the same order).
// Ends within snapM of another line (or of the line's own start) are joined first; slivers are
// left out of the areas. `outline`, when given, is set to the union of every area, slivers
// included, as one feature: the boundary, without the cracks slivers would leave. Throws
// geo::Error when nothing closes: "boundary lines enclose no area: 3 dangling ends, nearest gap
// 14 m at 111.70312E 27.50021N; try --snap-lines 20".
Layer polygonizeLines(const Layer& lines, double snapM, PolygonizeReport& report, Layer* outline = nullptr);

// One line for people: "12 lines snapped within 1 m and polygonised into 4 areas (boundary and
// districts); 2 dangling lines and 1 cut edge enclosed nothing and were left out".
std::string polygonizeSummary(const PolygonizeReport& report, double snapM, const std::string& into);

// The snapping tolerance to suggest for a gap: the gap with a margin, rounded up to a plain number.
double suggestedSnapM(double gapM);

// A name for each area: the name of the label point inside it (labels: points with a name field),
// else the value the villages inside share in a 片区/乡镇/行政村-like field, else 片区1..n in
// order. `how` says which, in a few words.
std::vector<std::string> nameAreas(const Layer& areas, const Layer* labels, const Layer* villages, std::string& how);

// `areas` with one field, "name", set from `names`.
Layer namedDistricts(Layer areas, const std::vector<std::string>& names);

}  // namespace geo
