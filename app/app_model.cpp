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
    for (size_t i = 0; i < kMapLayerCount; ++i)
        if (ws->hasLayer(kLayerNames[i])) layers[i] = std::make_shared<const geo::Layer>(ws->readLayer(kLayerNames[i]));
    auto transformer = std::make_unique<geo::Transformer>("EPSG:" + std::to_string(ws->workingEpsg()), "EPSG:4326");
    // Nothing above changed the model; from here on nothing throws.
    workspace_ = std::move(ws);
    path_ = path;
    layers_ = std::move(layers);
    toLonLat_ = std::move(transformer);
    loadLayers();
}

void AppModel::loadLayers() {
    for (size_t i = 0; i < kMapLayerCount; ++i) nameField_[i] = layers_[i] ? findNameField(*layers_[i]) : -1;
    roadClasses_ = layers_[size_t(MapLayer::Roads)] ? geo::roadClasses(*layers_[size_t(MapLayer::Roads)])
                                                    : std::vector<geo::RoadClass>{};
    ++version_;
}

void AppModel::reloadLayer(MapLayer l) {
    if (!workspace_) return;
    // A fresh connection sees what another connection committed.
    auto ws = std::make_unique<geo::Workspace>(geo::Workspace::open(path_.string()));
    std::shared_ptr<const geo::Layer> layer;
    if (ws->hasLayer(kLayerNames[size_t(l)])) layer = std::make_shared<const geo::Layer>(ws->readLayer(kLayerNames[size_t(l)]));
    workspace_ = std::move(ws);
    layers_[size_t(l)] = std::move(layer);
    loadLayers();
}

void AppModel::refreshLayer(MapLayer l) {
    if (!workspace_) return;
    const char* name = kLayerNames[size_t(l)];
    layers_[size_t(l)] = workspace_->hasLayer(name) ? std::make_shared<const geo::Layer>(workspace_->readLayer(name)) : nullptr;
    loadLayers();
}

MapData AppModel::mapData() const {
    return {layer(MapLayer::Boundary), layer(MapLayer::Districts), layer(MapLayer::Roads), layer(MapLayer::Villages),
            &roadClasses_, version_};
}

geo::Bbox AppModel::extent() const {
    if (const geo::Layer* b = layer(MapLayer::Boundary); b && b->featureCount() > 0) return b->bbox();
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
