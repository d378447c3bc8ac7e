// The one rule for "guarded", shared by the analysis, the seal, the budget placement and the map:
// an entry is guarded when every road path from it to a protected place (a village; without
// villages, a point deeper inside than the guard distance) meets a checkpoint or closure. Roads
// are cut into points (junctions, samples every few tens of metres, the entries' own points),
// each outside, free or protected; the seal's cut problem is built from the same points.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "geo/analysis/road_graph.hpp"

namespace geo {

class CordonNetwork;
struct Barriers;

// Outside: outside the township, on an expressway mainline, or an entry's own point; a path
// that reaches one has left the township (or come in from it).
enum class Place : uint8_t { Outside, Free, Protected };

struct GuardPoint {
    double offset = 0;       // metres from edgeFrom
    Place place = Place::Free;
    uint32_t entry = kNoId;  // the entry this point belongs to (Outside), else kNoId
};

class GuardModel {
public:
    GuardModel(const CordonNetwork& net, double guardDistanceM, double sampleSpacingM);
    double guardDistanceM() const { return guardDistanceM_; }
    Place nodePlace(uint32_t n) const { return static_cast<Place>(nodePlace_[n]); }
    uint32_t nodeEntry(uint32_t n) const { return nodeEntry_[n]; }
    std::span<const GuardPoint> pointsOn(uint32_t e) const {
        return {points_.data() + first_[e], points_.data() + first_[e + 1]};
    }
    size_t entryCount() const { return markers_.size(); }

    // Per entry, 1 when some road path from it reaches a protected place without meeting a
    // barrier (one flood from every protected place).
    std::vector<uint8_t> openEntries(const Barriers& barriers) const;
    // The same answer for one entry, searched from the entry (stops at the first protected place).
    bool isOpen(uint32_t entry, const Barriers& barriers) const;
    // A protected place touches the entry itself: only a checkpoint right at it guards it.
    bool touchesProtected(uint32_t entry) const;

private:
    struct Marker {
        uint32_t node = kNoId;  // an entry at a junction or road end, or
        uint32_t edge = kNoId;  // the point with this index on this edge
        uint32_t index = 0;
    };
    enum class Hit { Protected, Outside, Blocked, Node };
    // Walks edge e from point index `from` (-1: edgeFrom, n: edgeTo) one way; on Hit::Node,
    // `node` is the junction reached; on Hit::Outside, `entry` the entry point met (or kNoId).
    Hit walk(uint32_t e, int64_t from, int dir, const Barriers& bar, uint32_t& node, uint32_t& entry) const;
    template <class OnHit>
    void flood(std::vector<uint32_t>& stack, std::vector<uint8_t>& seen, const Barriers& bar, OnHit&& onHit) const;

    const RoadGraph* graph_;
    double guardDistanceM_;
    std::vector<uint8_t> nodePlace_;
    std::vector<uint32_t> nodeEntry_;
    std::vector<uint32_t> first_;  // points of edge e: points_[first_[e] .. first_[e+1])
    std::vector<GuardPoint> points_;
    std::vector<std::vector<Marker>> markers_;  // per entry
};

}  // namespace geo
