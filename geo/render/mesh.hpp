// Polygons and thick lines -> vertex arrays ready for upload (CPU only, no GL here).
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "geo/core/layer.hpp"

namespace geo {

// Triangles of polygon fills, holes left open. Positions are relative to (originX, originY) so
// that floats keep millimetre precision over a county-sized map.
struct FillMesh {
    double originX = 0, originY = 0;
    std::vector<float> xy;                 // 3 vertices per triangle, not shared
    std::vector<uint32_t> vertexFeature;   // feature of each vertex
    size_t vertexCount() const { return xy.size() / 2; }
    size_t triangleCount() const { return vertexCount() / 3; }
    void clear() { xy.clear(); vertexFeature.clear(); }
};

// Appends the triangulation of every polygon feature (outer rings minus holes; GEOS
// constrained Delaunay). Returns the number of parts that could not be triangulated.
size_t appendFillMesh(const Layer& polygons, FillMesh& out);

// Thick lines as one instance per segment: the vertex shader expands each segment into a quad
// whose fragments within half the width of the segment are kept, which gives round caps and
// round joins at any zoom without re-tessellation. Points are zero-length segments (dots).
// Segments are grouped by style, then by cell of a coarse grid over the mesh extent, so a
// renderer can draw only the cells in view: cell c of style s spans segments
// [cellStart[s * cells + c], cellStart[s * cells + c + 1]).
struct LineMesh {
    static constexpr int kGrid = 32;               // cells per side
    static constexpr int kCells = kGrid * kGrid;
    static constexpr int kMaxStyles = 16;
    double originX = 0, originY = 0;
    Bbox extent;                                   // of the segments, relative to the origin
    double maxSegmentLength = 0;                   // culling margin: a segment lies within this of its cell
    std::vector<float> segments;                   // x0, y0, x1, y1 per segment
    std::vector<float> style;                      // style index per segment (a float for GL)
    std::vector<uint32_t> cellStart;               // kMaxStyles * kCells + 1 offsets after finish()
    size_t segmentCount() const { return style.size(); }
    void clear();
    // The grid column (or row) of `value` on an extent side starting at `lo`, `span` long: -1
    // before it (and for NaN), kGrid after it. A side of no length (a single straight north-south
    // or east-west road, or one point) is one cell: only `lo` itself lies in it.
    static int gridCell(double value, double lo, double span);
};

// Builds line meshes: add layers, then finish() sorts by style and cell.
class LineMeshBuilder {
public:
    LineMeshBuilder(double originX, double originY) : originX_(originX), originY_(originY) {}
    // Every segment of every ring of a line or polygon layer; styleOf(feature) < kMaxStyles.
    void addLines(const Layer& layer, const std::function<uint8_t(size_t feature)>& styleOf);
    void addLines(const Layer& layer, uint8_t style) { addLines(layer, [style](size_t) { return style; }); }
    // One dot per point of a point layer (every vertex).
    void addPoints(const Layer& layer, uint8_t style);
    // One segment already relative to the origin (a level of detail's).
    void addSegment(float x0, float y0, float x1, float y1, uint8_t style) { raw_.push_back({x0, y0, x1, y1, style}); }
    void reserve(size_t segments) { raw_.reserve(segments); }
    void finish(LineMesh& out);
private:
    struct Segment { float x0, y0, x1, y1; uint8_t style; };
    double originX_, originY_;
    std::vector<Segment> raw_;
};

// A point inside a polygon feature to hang its label on: the centroid of its largest part when
// that lies inside, else the middle of the widest inside span across that part's centroid.
void labelPoint(const Layer& polygons, size_t feature, double& x, double& y);

}  // namespace geo

namespace geo {

// Greedy colouring so that touching polygons (overlapping bounding boxes, then shared
// vertices nearby) get different indices in [0, colors) where possible.
std::vector<int> distinctColors(const Layer& polygons, int colors);

}  // namespace geo
