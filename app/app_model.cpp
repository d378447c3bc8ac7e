// Opening a workspace and keeping its layers for the map, with the version every view follows.
#include "app/app_model.hpp"

#include <cmath>

#include "app/i18n.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

constexpr std::array<const char*, kMapLayerCount> kLayerNames{"boundary", "districts", "roads", "villages"};

int findNameField(const geo::Layer& layer) {
    for (const char* n : {"name", "NAME", "名称", "村名", "name_zh", "NAME_ZH", "src_name", "Name"}) {
        int i = layer.fieldIndex(n);
        if (i >= 0) return i;
    }
    return -1;
}

// One map layer as the workspace holds it, or none when it has no such table.
std::shared_ptr<const geo::Layer> readMapLayer(const geo::Workspace& ws, size_t layer) {
    return ws.hasLayer(kLayerNames[layer]) ? std::make_shared<const geo::Layer>(ws.readLayer(kLayerNames[layer])) : nullptr;
}

}  // namespace

const char* mapLayerName(MapLayer layer) { return kLayerNames[static_cast<size_t>(layer)]; }


const char* mapLayerLabel(MapLayer layer) {
    switch (layer) {
    case MapLayer::Boundary: return tr("镇界", "Township boundary");
    case MapLayer::Districts: return tr("片区", "Districts");
    case MapLayer::Roads: return tr("道路", "Roads");
    case MapLayer::Villages: break;
    }
    return tr("村庄", "Villages");
}

void AppModel::open(const std::filesystem::path& path) {
    auto ws = std::make_unique<geo::Workspace>(geo::Workspace::open(path.string()));
    std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers;
    for (size_t i = 0; i < kMapLayerCount; ++i) layers[i] = readMapLayer(*ws, i);
    auto transformer = std::make_unique<geo::Transformer>("EPSG:" + std::to_string(ws->workingEpsg()), "EPSG:4326");
    // Nothing above changed the model; from here on nothing throws.
    workspace_ = std::move(ws);
    path_ = path;
    layers_ = std::move(layers);
    toLonLat_ = std::move(transformer);
    loadLayers();
}

void AppModel::loadLayers() {
    for (size_t i = 0; i < kMapLayerCount; ++i) layerLoaded(static_cast<MapLayer>(i));
    ++version_;
}

void AppModel::layerLoaded(MapLayer l) {
    const size_t i = size_t(l);
    nameField_[i] = layers_[i] ? findNameField(*layers_[i]) : -1;
    if (l == MapLayer::Roads) roadClasses_ = layers_[i] ? geo::roadClasses(*layers_[i]) : std::vector<geo::RoadClass>{};
}

void AppModel::reloadLayer(MapLayer l) {
    if (!workspace_) return;
    // A fresh connection sees what another connection committed.
    auto ws = std::make_unique<geo::Workspace>(geo::Workspace::open(path_.string()));
    std::shared_ptr<const geo::Layer> layer = readMapLayer(*ws, size_t(l));
    workspace_ = std::move(ws);
    layers_[size_t(l)] = std::move(layer);
    layerLoaded(l);
    ++version_;
}

void AppModel::refreshLayer(MapLayer l) {
    if (!workspace_) return;
    layers_[size_t(l)] = readMapLayer(*workspace_, size_t(l));
    layerLoaded(l);  // a drawn boundary, district or village: the road classes stand
    ++version_;
}

void AppModel::showLayers(std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers) {
    layers_ = std::move(layers);
    loadLayers();
}

MapData AppModel::mapData() const {
    return {layer(MapLayer::Boundary), layer(MapLayer::Districts), layer(MapLayer::Roads), layer(MapLayer::Villages),
            &roadClasses_, version_};
}

geo::Bbox AppModel::extent() const {
    if (hasBoundary()) return layer(MapLayer::Boundary)->bbox();
    geo::Bbox e;
    for (const auto& l : layers_)
        if (l) e.add(l->bbox());
    return e;
}

std::string_view AppModel::featureName(MapLayer l, size_t feature) const {
    const geo::Layer* layer = this->layer(l);
    if (!layer || feature >= layer->featureCount()) return {};
    return layer->attr(feature, nameField_[size_t(l)]);
}

bool AppModel::toLonLat(double x, double y, double& lon, double& lat) const {
    if (!toLonLat_) return false;
    double p[2] = {x, y};
    toLonLat_->transform(p, 1);
    lon = p[0];
    lat = p[1];
    return std::isfinite(lon) && std::isfinite(lat);
}

}  // namespace app
