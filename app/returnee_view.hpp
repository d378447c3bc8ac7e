// The returnee map layer's state: which areas, how they are classed, the filters, and what was
// computed from them for the map, the legend, the tooltip, the table and the chart. No GL here.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/returnees/classify.hpp"
#include "geo/core/layer.hpp"
#include "geo/returnees/returnees.hpp"

namespace app {

enum class ReturneeAreas { Grid, Districts, Villages };

struct ReturneeView {
    // Settings (the window edits these, then calls refresh()).
    bool showWindow = false;
    bool showOnMap = true;
    ReturneeAreas areas = ReturneeAreas::Grid;
    float cellM = 500;
    bool perKm2 = false;
    geo::ClassMethod method = geo::ClassMethod::Quantiles;
    int classes = 5;
    std::array<float, geo::kMaxClasses - 1> manualLimits{5, 10, 20, 50, 100, 200};
    float opacity = 0.85f;
    int fromDay = 0, toDay = 0;        // offsets from counts.minDay, inclusive
    std::vector<uint8_t> originShown;  // per counts.origins (uint8_t so ImGui can edit it as bool)
    bool playing = false;
    double lastStepTime = 0;

    // Loaded from the workspace.
    uint64_t loadedVersion = UINT64_MAX;  // model version the counts were read at
    geo::ReturneeCounts counts;

    // Computed by refresh().
    uint64_t key = 0;                      // of the settings the results below were computed for
    std::vector<geo::AreaCount> results;   // one per area
    bool isFilteredByVillage = false;      // a date or origin filter is on: places come from villages
    geo::Layer polygons;                   // one feature per result, for the renderer and hover
    std::vector<double> values;            // shown value per result (count or per km2)
    std::vector<double> breaks;
    std::vector<int> classOfArea;          // -1: none
    std::vector<uint32_t> colors;          // per result, alpha from opacity (0 for none)
    double smallestPositive = 0;
    std::vector<geo::AreaCount> districtRows;   // per district, with the filters
    std::vector<int64_t> districtLatest;        // per district: arrivals on the last day of the range
    std::vector<std::vector<int64_t>> perDay;   // [day - counts.minDay][origin], with the filters

    void load(const geo::ReturneeCounts& loaded);        // resets the date range and origins
    geo::ReturneeFilter filter() const;
    uint64_t settingsKey() const;
    // Recomputes everything when the settings changed; returns true when it did.
    bool refresh(const geo::Layer* boundary, const geo::Layer* districts, const geo::Layer* villages);
    int areaAt(double x, double y) const;  // result index under a working-CRS point, -1 when none
    int dayCount() const { return counts.entries.empty() ? 0 : counts.maxDay - counts.minDay + 1; }
};

}  // namespace app
