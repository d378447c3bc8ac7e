// The county: every township on a server analysed as `cordon analyze` analyses one, and the
// roads between them. One pipeline for `cordon analyze PG:...` and the GUI's county view.
#pragma once
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/map_data.hpp"
#include "geo/analysis/figures.hpp"
#include "geo/plan/plan.hpp"
#include "geo/server/pg.hpp"

namespace geo {
class JsonWriter;
}

namespace app {

struct CountyOptions {
    std::string scenario;              // --scenario: by name, else each township's first
    std::optional<int> day;            // --date: the plan and returnees as of that day
    std::optional<double> entryGapM;   // --entry-gap, else each scenario's
    bool keepsLayers = false;           // keep the map layers (the GUI)
};

// One township pulled from the server and analysed.
struct TownshipAnalysis {
    std::string name;
    int epsg = 0;                      // its working CRS: the network's, checkpoints' and layers' coordinates
    geo::Scenario scenario;            // as of the day, when one is given
    std::shared_ptr<const geo::CordonNetwork> net;
    geo::Figures figures;
    std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers;  // with keepsLayers only
};

// Pulls township `name` into a temporary workspace (removed after) and analyses it; a geo::Error
// names the township ("北镇: the township has no boundary yet; ...").
TownshipAnalysis analyzeTownship(geo::PgConnection& conn, const std::string& name, const CountyOptions& options);
// Every named township, on worker threads with a connection each. The first failure is thrown;
// with `failures`, a township that cannot be analysed (no boundary drawn yet) is left out instead
// and told there ("NAME: why"), and only a failure to reach the server is thrown.
std::vector<TownshipAnalysis> analyzeTownships(const std::string& server, const std::vector<std::string>& names,
                                               const CountyOptions& options, std::vector<std::string>* failures = nullptr);

// A road of one township crossing its boundary where a neighbour's boundary lies (within 50 m).
struct Crossing {
    std::string from, to, road;
    double lon = 0, lat = 0;
};
std::vector<Crossing> crossingsBetween(geo::PgConnection& conn);

// The county's figures: every township's summed (returnees by origin too).
geo::Figures countyTotal(const std::vector<TownshipAnalysis>& townships);

// The object of `cordon analyze PG:... --json` without --township (its keys are a contract).
void writeCountyJson(geo::JsonWriter& j, const std::vector<TownshipAnalysis>& townships, const std::vector<Crossing>& crossings,
                     double seconds);

}  // namespace app
