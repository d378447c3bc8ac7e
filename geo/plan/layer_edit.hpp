// The township's own layers (boundary, districts, villages) as drawn and edited by hand: one
// feature's geometry in plain vectors, the vertex operations on it, and the validity check.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "geo/core/layer.hpp"

namespace geo {

enum class EditLayer { Boundary, Districts, Villages };
constexpr size_t kEditLayerCount = 3;
const char* editLayerName(EditLayer layer);  // "boundary", "districts", "villages": the workspace tables

struct EditPoint {
    double x = 0, y = 0;
};
using EditRing = std::vector<EditPoint>;  // open: the first vertex is not repeated at the end

// One feature of an edited layer. A polygon part is its outer ring then its holes; a point part
// is one ring of one vertex.
struct EditFeature {
    int64_t fid = 0;  // the row in the workspace table; 0 until stored
    std::vector<std::vector<EditRing>> parts;
    std::vector<std::pair<std::string, std::string>> attrs;  // every attribute column, as text
    const std::string* attr(const std::string& column) const;
    void setAttr(const std::string& column, const std::string& value);
    size_t vertexCount() const;
};

struct VertexRef {
    size_t part = 0, ring = 0, vertex = 0;
    bool operator==(const VertexRef&) const = default;
};

EditFeature polygonFeature(EditRing outer);
EditFeature pointFeature(double x, double y);

// The vertex operations; each throws geo::Error (a message for the planner) when it would leave
// the feature without a shape, and leaves the feature unchanged then.
void moveVertex(EditFeature& f, const VertexRef& v, double x, double y);
// A new vertex on the edge from v to the next vertex of its ring (the last one's edge closes the ring).
VertexRef insertVertex(EditFeature& f, const VertexRef& v, double x, double y);
// Removes a polygon vertex; refused where its ring would keep fewer than 3. A point feature has
// no vertex to remove alone: delete the feature.
void deleteVertex(EditFeature& f, const VertexRef& v);

// Why a polygon feature is not a valid area ("crosses itself at 1203.5 840.1"), "" when it is
// (GEOS's validity rules; a point feature is always valid).
std::string polygonProblem(const EditFeature& f, GeomKind kind);

// The feature as a one-feature layer of `kind` (polygon or point), and back.
Layer featureLayer(const EditFeature& f, GeomKind kind);
EditFeature featureFromLayer(const Layer& layer, size_t feature);

}  // namespace geo
