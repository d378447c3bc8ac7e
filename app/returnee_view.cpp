// Recomputing the returnee layer: aggregation, classes and colours, the district table and the
// per-day chart, only when a setting changed.
#include "app/returnee_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "geo/core/fnv_hash.hpp"

namespace app {

void ReturneeView::load(const geo::ReturneeCounts& loaded) {
    counts = loaded;
    fromDay = 0;
    toDay = std::max(0, dayCount() - 1);
    originShown.assign(counts.origins.size(), 1);
    key = 0;
}

geo::ReturneeFilter ReturneeView::filter() const {
    geo::ReturneeFilter f;
    if (!counts.entries.empty()) {
        f.fromDay = counts.minDay + fromDay;
        f.toDay = counts.minDay + toDay;
    }
    f.origins.assign(originShown.begin(), originShown.end());
    return f;
}

uint64_t ReturneeView::settingsKey() const {
    geo::FnvHash h;  // over every setting that changes a result
    h.add(areas);
    h.add(cellM);
    h.add(perKm2);
    h.add(method);
    h.add(classes);
    h.add(manualLimits.data(), sizeof(float) * manualLimits.size());
    h.add(opacity);
    h.add(showOnMap);
    h.add(fromDay);
    h.add(toDay);
    h.add(originShown.data(), originShown.size());
    h.add(loadedVersion);
    return h.value | 1;  // never 0, which means "nothing computed"
}

bool ReturneeView::refresh(const geo::Layer* boundary, const geo::Layer* districts, const geo::Layer* villages) {
    uint64_t k = settingsKey();
    if (k == key) return false;
    key = k;
    geo::ReturneeFilter f = filter();
    isFilteredByVillage = f.restricts(counts);  // cells carry no date or origin: the filter counts villages
    results.clear();
    polygons = geo::Layer{};
    if (areas == ReturneeAreas::Districts && districts && districts->kind == geo::GeomKind::Polygon) {
        results = geo::aggregateToPolygons(counts, *districts, f);
        polygons = *districts;
    } else if (areas == ReturneeAreas::Villages && villages && villages->kind == geo::GeomKind::Polygon) {
        results = geo::aggregateToPolygons(counts, *villages, f);
        polygons = *villages;
    } else if (boundary) {
        results = geo::aggregateToGrid(counts, *boundary, std::max(100.0f, cellM), f);
        polygons = geo::gridAreaPolygons(results, boundary->epsg);
    }
    values.resize(results.size());
    for (size_t i = 0; i < results.size(); ++i) values[i] = geo::areaValue(results[i], perKm2);
    std::vector<double> manual(manualLimits.begin(), manualLimits.begin() + std::clamp(classes - 1, 0, geo::kMaxClasses - 1));
    breaks = geo::classBreaks(values, method, classes, manual);
    smallestPositive = 0;
    for (double v : values)
        if (v > 0 && (smallestPositive == 0 || v < smallestPositive)) smallestPositive = v;
    classOfArea.resize(results.size());
    colors.resize(results.size());
    auto alpha = static_cast<uint8_t>(std::lround(std::clamp(opacity, 0.0f, 1.0f) * 255));
    for (size_t i = 0; i < results.size(); ++i) {
        classOfArea[i] = geo::classOf(values[i], breaks);
        colors[i] = classOfArea[i] < 0 ? 0u : geo::rampColor(classOfArea[i], static_cast<int>(breaks.size()), alpha);
    }
    districtRows.clear();
    districtLatest.clear();
    if (districts && districts->kind == geo::GeomKind::Polygon) {
        districtRows = geo::aggregateToPolygons(counts, *districts, f);
        geo::ReturneeFilter last = f;
        last.fromDay = f.toDay;
        for (const auto& a : geo::aggregateToPolygons(counts, *districts, last)) districtLatest.push_back(a.total);
    }
    perDay = geo::arrivalsPerDay(counts, f);
    return true;
}

int ReturneeView::areaAt(double x, double y) const {
    for (size_t f = 0; f < polygons.featureCount(); ++f)
        if (polygons.featureBbox(f).contains(x, y) && geo::featureContains(polygons, f, x, y)) return static_cast<int>(f);
    return -1;
}

}  // namespace app
