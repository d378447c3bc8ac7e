// Choropleth classes for area counts: breaks by quantiles, equal intervals, natural breaks or
// the planner's own limits, and a sequential colour ramp that colour-blind viewers can read.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/core/layer.hpp"
#include "geo/returnees/returnees.hpp"

namespace geo {

enum class ClassMethod { Quantiles, EqualInterval, NaturalBreaks, Manual };

constexpr int kMaxClasses = 7;

// Upper limits of the classes over the positive values (zero means "none", drawn unfilled):
// class k holds values in (breaks[k-1], breaks[k]], class 0 from the smallest positive value.
// Fewer classes come back when there are fewer distinct values. Manual limits are sorted and
// the largest value closes the last class.
std::vector<double> classBreaks(const std::vector<double>& values, ClassMethod method, int classes,
                                const std::vector<double>& manualLimits = {});
int classOf(double value, const std::vector<double>& breaks);  // -1 for zero or less

// Sequential ramp (viridis, light to dark), R in the low byte as ImGui's IM_COL32.
uint32_t rampColor(int cls, int classCount, uint8_t alpha = 255);
// Legend text of a class: "1–4", "5–12", ... (whole numbers when every break is one).
std::string classRangeLabel(const std::vector<double>& breaks, int cls, double smallestPositive);

// What an area shows: its count or its count per km² (0 when the area has no extent).
double areaValue(const AreaCount& area, bool perKm2);

// Squares of grid areas as a polygon layer, one feature per area, in the areas' order.
Layer gridAreaPolygons(const std::vector<AreaCount>& areas, int epsg);

}  // namespace geo
