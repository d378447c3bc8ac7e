// The snapping query behind the drawing tools: vertices first, then road segments, from grid cells.
#include "geo/plan/edit_snap.hpp"

#include <algorithm>
#include <cmath>

namespace geo {
namespace {

// Cells of about `perCell` items each over the extent, and no smaller than a few metres.
double cellSizeFor(const Bbox& extent, size_t items, double perCell) {
    double area = std::max(1.0, extent.width() * extent.height());
    return std::max(5.0, std::sqrt(area * perCell / static_cast<double>(std::max<size_t>(items, 1))));
}

// Beyond this many cells per query the map is too far out for snapping to be of use.
constexpr double kMaxQueryCells = 4096;

bool tooManyCells(const GridIndex& grid, double radius) {
    double side = 2 * radius / grid.cellSize() + 1;
    return side * side > kMaxQueryCells;
}

}  // namespace

void EditSnapper::setRoads(std::shared_ptr<const Layer> roads) {
    roads_ = std::move(roads);
    segStart_.clear();
    roadGrid_ = GridIndex();
    if (!roads_) return;
    const Layer& l = *roads_;
    for (size_t r = 0; r < l.ringCount(); ++r)
        for (uint32_t v = l.ringStart[r]; v + 1 < l.ringStart[r + 1]; ++v) segStart_.push_back(v);
    const Bbox extent = l.bbox();
    roadGrid_ = GridIndex(extent, cellSizeFor(extent, segStart_.size(), 4), static_cast<uint32_t>(segStart_.size()), [&](uint32_t i) {
        Bbox b;
        const uint32_t v = segStart_[i];
        b.add(l.xy[2 * v], l.xy[2 * v + 1]);
        b.add(l.xy[2 * v + 2], l.xy[2 * v + 3]);
        return b;
    });
}

void EditSnapper::setVertices(std::vector<EditPoint> vertices) {
    vertices_ = std::move(vertices);
    Bbox extent;
    for (const EditPoint& p : vertices_) extent.add(p.x, p.y);
    vertexGrid_ = GridIndex(extent, cellSizeFor(extent, vertices_.size(), 4), static_cast<uint32_t>(vertices_.size()), [&](uint32_t i) {
        Bbox b;
        b.add(vertices_[i].x, vertices_[i].y);
        return b;
    });
}

std::optional<EditSnap> EditSnapper::snap(double x, double y, double toleranceM, const EditPoint* skip) const {
    if (!(toleranceM > 0)) return std::nullopt;
    const double r = toleranceM;
    std::optional<EditSnap> best;
    auto offer = [&](double px, double py, EditSnap::Kind kind, bool isRoad) {
        if (skip && px == skip->x && py == skip->y) return;
        const double d = std::hypot(px - x, py - y);
        if (d > r || (best && d >= best->distance)) return;
        best = EditSnap{kind, isRoad, px, py, d};
    };
    if (!vertexGrid_.isEmpty() && !tooManyCells(vertexGrid_, r))
        vertexGrid_.forEachNear(x - r, y - r, x + r, y + r, [&](uint32_t i) { offer(vertices_[i].x, vertices_[i].y, EditSnap::Kind::Vertex, false); });
    const bool useRoads = roads_ && !roadGrid_.isEmpty() && !tooManyCells(roadGrid_, r);
    if (useRoads) {
        const std::vector<double>& xy = roads_->xy;
        roadGrid_.forEachNear(x - r, y - r, x + r, y + r, [&](uint32_t i) {
            const uint32_t v = segStart_[i];
            offer(xy[2 * v], xy[2 * v + 1], EditSnap::Kind::Vertex, true);
            offer(xy[2 * v + 2], xy[2 * v + 3], EditSnap::Kind::Vertex, true);
        });
    }
    if (best || !useRoads) return best;
    // No vertex within reach: the nearest point on a road segment.
    const std::vector<double>& xy = roads_->xy;
    roadGrid_.forEachNear(x - r, y - r, x + r, y + r, [&](uint32_t i) {
        const uint32_t v = segStart_[i];
        const double ax = xy[2 * v], ay = xy[2 * v + 1], bx = xy[2 * v + 2], by = xy[2 * v + 3];
        const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / len2, 0.0, 1.0) : 0.0;
        offer(ax + t * dx, ay + t * dy, EditSnap::Kind::Segment, true);
    });
    return best;
}

}  // namespace geo
