// Writing layers into a workspace through GDAL: shared by the full import and layer replacement.
#pragma once
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "geo/core/layer.hpp"

class GDALDataset;

namespace geo {

struct OutField {
    std::string name;
    int sourceIndex;  // -1 for computed fields
};

// Dissolves every boundary feature into one outline (GEOS union through OGR).
Layer dissolve(const Layer& in);

// Creates layer `name` (multi-geometries) and writes every feature; computed fields come from
// `computed`. With gdalSpatialIndex GDAL builds the spatial index as it closes; without it the
// caller builds one (createGpkgSpatialIndex, much faster for big layers). Throws geo::Error,
// "import cancelled" when progress says stop.
void writeLayer(GDALDataset& ds, const Layer& layer, const std::string& name, int epsg,
                const std::vector<OutField>& fields,
                const std::function<std::string(size_t feature, size_t field)>& computed,
                const std::function<bool(double)>& progress, bool gdalSpatialIndex = true);

// The field of a road layer holding its class: `requested` (any case; geo::Error listing the
// fields when there is none), or without one the first of highway, class, TYPE, 道路等级; -1 if none.
int roadClassField(const Layer& roads, const std::string& requested, const std::string& source);

// The source's fields, renamed with a src_ prefix where they clash with reserved names.
std::vector<OutField> sourceFields(const Layer& layer, std::initializer_list<const char*> reserved);

}  // namespace geo
