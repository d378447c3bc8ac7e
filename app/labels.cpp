// Label anchors from the model and greedy collision boxes.
#include "app/labels.hpp"

#include "geo/core/crs.hpp"
#include "geo/render/mesh.hpp"

namespace app {

bool LabelPlacer::tryPlace(const LabelBox& box) {
    for (const LabelBox& p : placed_)
        if (p.overlaps(box)) return false;
    placed_.push_back(box);
    return true;
}

void MapOverlayCache::rebuild(const AppModel& model) {
    version = model.version();
    text.clear();
    anchors.clear();
    auto add = [&](MapLayer role, bool isDistrict) {
        const geo::Layer* l = model.layer(role);
        if (!l) return;
        for (size_t f = 0; f < l->featureCount(); ++f) {
            std::string_view name = model.featureName(role, f);
            if (name.empty()) continue;
            LabelAnchor a{};
            if (l->kind == geo::GeomKind::Polygon) {
                geo::labelPoint(*l, f, a.x, a.y);
            } else {
                size_t v = l->ringStart[l->partStart[l->featureStart[f]]];
                if (v >= l->vertexCount()) continue;
                a.x = l->xy[2 * v];
                a.y = l->xy[2 * v + 1];
                a.isPoint = true;
            }
            a.isDistrict = isDistrict;
            a.textBegin = static_cast<uint32_t>(text.size());
            text.append(name);
            a.textEnd = static_cast<uint32_t>(text.size());
            anchors.push_back(a);
        }
    };
    add(MapLayer::Districts, true);
    add(MapLayer::Villages, false);
    roadClassCounts.assign(geo::kRoadClassCount, 0);
    for (geo::RoadClass c : model.roadClasses()) ++roadClassCounts[static_cast<size_t>(c)];
    int epsg = model.workingEpsg();
    crsLine = epsg ? "EPSG:" + std::to_string(epsg) + "  " + geo::epsgName(epsg) : "";
}

}  // namespace app
