// The map's meshes from its layers: the same for the GL renderer and the CPU rasteriser.
#include "app/map_meshes.hpp"

#include <cmath>

#include "app/map_style.hpp"

namespace app {
namespace {

std::function<uint8_t(size_t)> roadStyleOf(const MapData& data) {
    return [classes = data.roadClasses](size_t f) {
        return static_cast<uint8_t>(classes && f < classes->size() ? (*classes)[f] : geo::RoadClass::Other);
    };
}

}  // namespace

void mapMeshOrigin(const MapData& data, double& originX, double& originY) {
    geo::Bbox extent;
    for (const geo::Layer* l : {data.boundary, data.districts, data.roads, data.villages})
        if (l) extent.add(l->bbox());
    originX = extent.isEmpty() ? 0 : std::round(0.5 * (extent.minX + extent.maxX));
    originY = extent.isEmpty() ? 0 : std::round(0.5 * (extent.minY + extent.maxY));
}

std::vector<uint32_t> districtFillColors(const geo::Layer* districts) {
    std::vector<uint32_t> colors;
    if (districts)
        for (int c : geo::distinctColors(*districts, static_cast<int>(style::kDistrictFills.size())))
            colors.push_back(packRgba(style::kDistrictFills[static_cast<size_t>(c)]));
    return colors;
}

std::vector<geo::LineLod> buildRoadLevels(const MapData& data, double originX, double originY) {
    if (!data.roads) return {};
    // Roads get levels of detail; outlines stay exact, drawn over fills that are.
    geo::LineLodBuilder lodBuilder(originX, originY);
    lodBuilder.addLines(*data.roads, roadStyleOf(data));
    geo::LineLodOptions lodOptions;
    if (data.finestUnitsPerPixel > 0) lodOptions.onlyCellMetres = kLodCellPixels * data.finestUnitsPerPixel;
    return lodBuilder.finish(data.roads->segmentCount(), lodOptions);
}

geo::LineMesh buildFullLines(const MapData& data, double originX, double originY, bool withRoads) {
    geo::LineMesh mesh;
    geo::LineMeshBuilder builder(originX, originY);
    if (data.districts) builder.addLines(*data.districts, kStyleDistrictOutline);
    if (data.boundary) builder.addLines(*data.boundary, kStyleBoundary);
    if (data.villages) {
        if (data.villages->kind == geo::GeomKind::Polygon) builder.addLines(*data.villages, kStyleVillageOutline);
        else builder.addPoints(*data.villages, kStyleVillageDot);
    }
    if (data.roads && withRoads) builder.addLines(*data.roads, roadStyleOf(data));
    builder.finish(mesh);
    return mesh;
}

}  // namespace app
