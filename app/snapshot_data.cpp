// Reading the layers a snapshot draws, and their name fields for labels.
#include "app/snapshot_data.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "app/scenario_source.hpp"
#include "geo/rota/rota_store.hpp"
#include "geo/plan/checkpoint_number.hpp"
#include "geo/returnees/classify.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/workspace.hpp"
#include "geo/analysis/figures.hpp"

namespace app {
namespace {

int nameField(const geo::Layer& layer) {
    for (const char* n : {"name", "NAME", "Name", "名称", "村名", "片区", "NAME_CN", "乡镇", "乡镇名称", "镇名", "XZMC"})
        if (int i = layer.fieldIndex(n); i >= 0) return i;
    return -1;
}

std::string wholeNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

}  // namespace

std::string roadWithCode(const SnapshotData& data, const std::string& road) {
    const auto it = data.routeCodes.find(road);
    if (it == data.routeCodes.end() || road.find(it->second) != std::string::npos) return road;
    return road.empty() ? it->second : road + " " + it->second;
}

int checkpointNumber(const std::vector<geo::Checkpoint>& scenarioOrder, size_t index) {
    return geo::checkpointNumber(scenarioOrder, index);
}

std::string returneeClassLabel(const ReturneeLayer& layer, int cls, int threshold) {
    if (cls < 0 || static_cast<size_t>(cls) >= layer.breaks.size()) return "";
    const auto k = static_cast<size_t>(cls);
    const double to = layer.breaks[k];
    const double from = k == 0 ? layer.smallestPositive : std::floor(layer.breaks[k - 1]) + 1;
    if (to < threshold) return "<" + std::to_string(threshold);
    if (from < threshold) return "≤" + wholeNumber(std::floor(to));
    return geo::classRangeLabel(layer.breaks, cls, layer.smallestPositive);
}

std::vector<std::string> dataSources(const geo::Workspace& workspace) {
    std::vector<std::string> out;
    for (const auto& layer : workspace.layers())
        if (!layer.source.empty()) out.push_back(std::filesystem::path(layer.source).filename().string());
    for (const auto& b : geo::listBasemaps(workspace.db()))
        if (b.opacity > 0) out.push_back("底图 basemap " + b.name + (b.origin.empty() || b.origin == b.name ? "" : " (" + b.origin + ")"));
    return out;
}

SnapshotData loadSnapshotData(const geo::Workspace& workspace) {
    SnapshotData d;
    d.workspaceName = std::filesystem::path(workspace.path()).stem().string();
    d.workspacePath = workspace.path();
    d.workingEpsg = workspace.workingEpsg();
    d.basemaps = geo::listBasemaps(workspace.db());
    if (workspace.hasLayer("boundary")) d.boundary = workspace.readLayer("boundary");
    if (workspace.hasLayer("districts")) d.districts = workspace.readLayer("districts");
    if (workspace.hasLayer("roads")) {
        d.roads = workspace.readLayer("roads");
        d.roadClasses = geo::roadClasses(d.roads);
    }
    if (workspace.hasLayer("villages")) d.villages = workspace.readLayer("villages");
    d.nameFieldDistricts = nameField(d.districts);
    d.nameFieldVillages = nameField(d.villages);
    const int roadName = nameField(d.roads);
    int routeCode = -1;
    for (const char* n : {"ref", "REF", "code", "CODE", "编号", "路线编号", "线路编号", "LXBM", "LXDM"})
        if (routeCode < 0) routeCode = d.roads.fieldIndex(n);
    for (size_t f = 0; roadName >= 0 && routeCode >= 0 && f < d.roads.featureCount(); ++f)
        if (!d.roads.attr(f, routeCode).empty())
            d.routeCodes.emplace(std::string(d.roads.attr(f, roadName)), std::string(d.roads.attr(f, routeCode)));
    if (const int f = nameField(d.boundary); f >= 0 && d.boundary.featureCount() > 0)
        d.townshipName = std::string(d.boundary.attr(0, f));
    d.extent = d.boundary.bbox();
    if (d.extent.isEmpty()) {
        d.extent.add(d.roads.bbox());
        d.extent.add(d.districts.bbox());
        d.extent.add(d.villages.bbox());
    }
    const geo::ReturneeCounts counts = geo::loadReturneeCounts(workspace);
    d.hasReturnees = counts.total > 0;
    d.returnees = counts.total;
    d.returneeLayer = buildReturneeLayer(counts, d.boundary);
    for (const auto& e : counts.entries) {
        const std::string& origin = counts.origins[e.origin];
        if (origin.find("武汉") != std::string::npos || origin.find("Wuhan") != std::string::npos ||
            origin.find("wuhan") != std::string::npos)
            d.returneesFromOutbreak += e.count;
    }
    if (d.extent.isEmpty()) throw geo::Error(workspace.path() + ": nothing to draw (no boundary, roads or villages)");
    return d;
}

void loadSnapshotScenario(geo::Workspace& workspace, const std::string& name, SnapshotData& data, std::optional<int> day) {
    geo::Scenario scenario = loadScenario(workspace, name);
    if (day) scenario = geo::scenarioAsOf(scenario, *day);
    data.scenarioName = scenario.name;
    data.rotaShortfall = scenario.id ? geo::loadRotaShortfall(workspace.db(), scenario.id) : std::map<int, int>{};
    data.smallCountThreshold = scenario.params.smallCountThreshold;
    data.checkpoints = scenario.checkpoints;
    for (auto& c : data.checkpoints) {
        c.leader.clear();
        c.phone.clear();
    }
    data.hasFigures = false;
    data.figures = {};
    data.openEntries.clear();
    data.nearEntries.clear();
    if (!workspace.hasLayer("roads") || !workspace.hasLayer("boundary")) return;
    geo::NetworkOptions options;
    options.entryGapM = data.entryGapM >= 0 ? data.entryGapM : scenario.params.entryGapM;
    if (!data.network || data.network->options().entryGapM != options.entryGapM) {
        try {
            data.network = geo::openNetwork(workspace, options);
        } catch (const geo::Error& e) {
            // The map is still worth having: drawn without the analysis figures, and said so.
            std::fprintf(stderr, "cordon: figures left out: %s\n", e.what());
            return;
        }
    }
    const ReturneeAreas returnees = loadReturnees(workspace, data.boundary, scenario, day);
    data.figures = geo::analyze(*data.network, scenario, returnees.areas, returnees.origins);
    data.hasFigures = true;
    for (size_t i : data.figures.unguarded) {
        const geo::Entry& e = data.network->entries()[i];
        data.openEntries.push_back({e.x, e.y, e.road, e.roadClass, 0});
    }
    // Road ends near the boundary that are not entries, for review (hollow markers).
    for (const geo::NearEntry& e : data.network->nearEntries()) data.nearEntries.push_back({e.x, e.y, e.road, e.roadClass, e.gapM});
}

}  // namespace app
