// What the map's lines and fills are built from, shared by the GL renderer and the CPU rasteriser.
#pragma once
#include <cstdint>
#include <vector>

#include "app/map_data.hpp"
#include "geo/render/mesh.hpp"
#include "geo/render/render_lod.hpp"

namespace app {

// A level of detail serves a zoom where its grid cell is at most this share of a pixel: its
// vertices then lie within a quarter pixel of the true ones in each direction.
constexpr double kLodCellPixels = 0.5;

// The mesh origin: the centre of the layers' extent, rounded to whole metres.
void mapMeshOrigin(const MapData& data, double& originX, double& originY);
// Packed fill colour of each district (touching districts differ).
std::vector<uint32_t> districtFillColors(const geo::Layer* districts);
// The roads' levels of detail, finest first (only the one for data.finestUnitsPerPixel when given).
std::vector<geo::LineLod> buildRoadLevels(const MapData& data, double originX, double originY);
// Whether the full line mesh must carry the roads: no single zoom, or no level serves it.
inline bool needsFullRoads(const MapData& data, const std::vector<geo::LineLod>& levels) {
    return data.finestUnitsPerPixel <= 0 || levels.empty();
}
// District and village outlines, the boundary, village dots, and the roads when `withRoads`.
geo::LineMesh buildFullLines(const MapData& data, double originX, double originY, bool withRoads);
// Index of the level drawn at this zoom, -1 for the full mesh; gridMetres(i) is level i's cell.
template <class GridOf>
int pickRoadLevel(size_t levels, GridOf gridMetres, double unitsPerPixel, bool hasFullRoads) {
    int best = -1;
    for (size_t i = 0; i < levels; ++i)
        if (gridMetres(i) <= kLodCellPixels * unitsPerPixel) best = static_cast<int>(i);
    // Without the roads' full mesh (a snapshot's), the finest level stands in when zoomed closer.
    if (best < 0 && !hasFullRoads && levels > 0) best = 0;
    return best;
}

}  // namespace app
