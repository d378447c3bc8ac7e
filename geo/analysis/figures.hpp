// A scenario's figures on the network: entries guarded, staffing per district, returnee load per
// checkpoint, and their JSON.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "geo/analysis/network.hpp"
#include "geo/plan/plan.hpp"
#include "geo/returnees/returnees.hpp"

namespace geo {

class JsonWriter;
class Transformer;

struct DistrictFigures {
    std::string name;
    int checkpoints = 0;      // staffed ones, as staffingTotals counts them
    int closures = 0;
    int staffRequired = 0;
    int staffAvailable = -1;  // -1: not set in the scenario
    int entriesTotal = 0, entriesGuarded = 0;
    int64_t returnees = 0;
};

struct CheckpointLoad {
    int64_t id = 0;
    std::string name;
    std::string district;
    int staff = 0;
    int64_t returnees = 0;
    double loadPerStaff = 0;
    bool isMostLoaded = false;
};

struct Figures {
    int checkpoints = 0;  // staffed ones; road closures are counted in `closures`
    int closures = 0;
    int staffRequired = 0, staffAvailable = 0;
    int entriesTotal = 0, entriesGuarded = 0;
    std::vector<uint8_t> entryGuarded;  // per network entry
    std::vector<size_t> unguarded;      // entry indices, most important class first
    int64_t returneesTotal = 0, returneesUnassigned = 0;
    std::map<std::string, int64_t> returneesByOrigin;
    std::vector<DistrictFigures> districts;
    std::vector<CheckpointLoad> checkpointLoad;  // one per staffed checkpoint, scenario order
};

// Returnee areas as geo/returnees/returnees.hpp aggregates them; origins labels AreaCount::byOrigin.
Figures analyze(const CordonNetwork& net, const Scenario& scenario, const std::vector<AreaCount>& returnees = {},
                const std::vector<std::string>& origins = {});
// The JSON object of `cordon analyze --json`; toLonLat maps working CRS to EPSG:4326.
std::string figuresJson(const CordonNetwork& net, const Figures& figures, const Transformer& toLonLat);
// The same object's members, written into an object `j` has begun (the county's townships).
void writeFiguresMembers(JsonWriter& j, const CordonNetwork& net, const Figures& figures, const Transformer& toLonLat);
// The items of one of its lists, into an array `j` has begun (the county joins them).
enum class FiguresList { Unguarded, NearEntries, Districts, CheckpointLoad };
void writeFiguresItems(JsonWriter& j, FiguresList list, const CordonNetwork& net, const Figures& figures,
                       const Transformer& toLonLat);

}  // namespace geo
