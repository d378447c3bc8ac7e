// Seal: the fewest (or cheapest) checkpoint sites that cut every road path from outside the
// township to a protected place, by max-flow on the road graph with node splitting.
#pragma once
#include <cstdint>
#include <vector>

#include "geo/analysis/network.hpp"

namespace geo {

// Staff per shift a checkpoint on a road of this class needs (a national road needs more).
int staffPerShiftFor(RoadClass c);

// A place a checkpoint could stand: a junction (node) or a stretch of one edge.
struct Site {
    double x = 0, y = 0;
    uint32_t node = kNoId;               // a junction, or
    uint32_t edge = kNoId;               // a stretch of this edge around `offset`
    double offset = 0;
    uint32_t feature = kNoId;            // the most important road there
    RoadClass roadClass = RoadClass::Other;
    int64_t cost = 1;
    bool isForced = false;               // a protected place touches the outside here
};

// The cut problem: sites plus how the outside (S), protected places (T) and sites connect.
struct SealProblem {
    static constexpr int32_t kSource = -2, kSink = -3;
    std::vector<Site> sites;
    std::vector<std::pair<int32_t, int32_t>> links;  // undirected; kSource, kSink or a site index
    size_t protectedElements = 0;                    // stretches and junctions in protected places
};

struct SealOptions {
    double guardDistanceM = 500;      // protected places without villages: farther inside than this
    bool isWeighted = false;          // minimise staff per shift by road class instead of count
    std::vector<Checkpoint> keep;     // road closures (and kept checkpoints) that already cut roads
};

SealProblem buildSealProblem(const CordonNetwork& net, const SealOptions& options);

struct SealResult {
    std::vector<Site> sites;      // the cut, in site order
    std::vector<uint32_t> siteIndex;  // of each, in the problem's sites
    int64_t cost = 0;             // sum of site costs (count when unweighted)
    int forced = 0;               // sites where a protected place touches the outside
    size_t candidates = 0;
};

// Exact minimum cut (max-flow); of several equally cheap cuts, the one nearest the outside.
SealResult solveSeal(const SealProblem& problem);
SealResult seal(const CordonNetwork& net, const SealOptions& options);

// True when no path from S to T avoids the chosen sites (indices into problem.sites).
bool cutsAllPaths(const SealProblem& problem, const std::vector<uint8_t>& chosen);

// Checkpoints for sites: named after their road, staffed by class, district from position.
std::vector<Checkpoint> checkpointsForSites(const CordonNetwork& net, const std::vector<Site>& sites, int shifts,
                                            const std::string& namePrefix);

}  // namespace geo
