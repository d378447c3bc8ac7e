// Snapping the pointer while drawing the township's layers: to the nearest vertex of the
// boundary, districts, villages or roads, else to the nearest point on a road segment. Grid
// indexes keep a query to the cells within the tolerance, so a million road segments cost a
// mouse move no more than a hundred.
#pragma once
#include <memory>
#include <optional>
#include <vector>

#include "geo/core/grid_index.hpp"
#include "geo/core/layer.hpp"
#include "geo/plan/layer_edit.hpp"

namespace geo {

struct EditSnap {
    enum class Kind { Vertex, Segment };
    Kind kind = Kind::Vertex;
    bool isRoad = false;
    double x = 0, y = 0;
    double distance = 0;  // from the asked position, CRS units
};

class EditSnapper {
public:
    // The roads are kept (shared) for the segment coordinates; the index holds only offsets.
    void setRoads(std::shared_ptr<const Layer> roads);
    // The vertices of the edited layers; rebuilt after each edit (they are few).
    void setVertices(std::vector<EditPoint> vertices);
    // Within toleranceM of (x, y): the nearest vertex, else the nearest point on a road; `skip`
    // (a vertex being dragged) is never a target. Nothing when the tolerance spans so many cells
    // that the map is too far out for snapping to mean anything.
    std::optional<EditSnap> snap(double x, double y, double toleranceM, const EditPoint* skip = nullptr) const;
    size_t roadSegmentCount() const { return segStart_.size(); }

private:
    std::shared_ptr<const Layer> roads_;
    std::vector<uint32_t> segStart_;  // the first vertex of each road segment (the next one ends it)
    GridIndex roadGrid_;              // items: segments
    std::vector<EditPoint> vertices_;
    GridIndex vertexGrid_;            // items: vertices_
};

}  // namespace geo
