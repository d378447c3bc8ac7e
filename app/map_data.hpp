// What the map draws, without GL: the layer kinds and the caller's layers at a version.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/core/layer.hpp"
#include "geo/io/road_class.hpp"

namespace app {

enum class MapLayer { Boundary, Districts, Roads, Villages };
constexpr size_t kMapLayerCount = 4;

// What to draw: layers owned by the caller (any may be null) and the version they are at.
struct MapData {
    const geo::Layer* boundary = nullptr;
    const geo::Layer* districts = nullptr;
    const geo::Layer* roads = nullptr;
    const geo::Layer* villages = nullptr;
    const std::vector<geo::RoadClass>* roadClasses = nullptr;  // one per road feature
    uint64_t version = 0;  // a change makes the renderer rebuild its meshes
    // The finest zoom (metres per physical pixel) that will be drawn, 0 for any: a snapshot gives
    // its own so that geometry finer than it needs is neither built nor uploaded.
    double finestUnitsPerPixel = 0;
};

}  // namespace app
