// A vector layer in flat arrays: coordinates with ring/part/feature offsets, attributes by column.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace geo {

enum class GeomKind { Point, Line, Polygon };
const char* geomKindName(GeomKind kind);

struct Bbox {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();
    void add(double x, double y) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
    }
    void add(const Bbox& o) { if (!o.isEmpty()) { add(o.minX, o.minY); add(o.maxX, o.maxY); } }
    bool isEmpty() const { return !(minX <= maxX && minY <= maxY); }
    bool contains(double x, double y) const { return x >= minX && x <= maxX && y >= minY && y <= maxY; }
    bool intersects(const Bbox& o) const {
        return !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY);
    }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
};

// Strings of one attribute column, packed: value i is chars[offsets[i], offsets[i+1]).
struct StringColumn {
    std::string name;
    std::string chars;
    std::vector<uint32_t> offsets{0};
    std::string_view at(size_t i) const {
        return std::string_view(chars).substr(offsets[i], offsets[i + 1] - offsets[i]);
    }
    void push(std::string_view v) {
        chars.append(v);
        offsets.push_back(static_cast<uint32_t>(chars.size()));
    }
    size_t size() const { return offsets.size() - 1; }
    bool operator==(const StringColumn&) const = default;
};

// Geometry of every feature in flat arrays:
//   vertex v is (xy[2v], xy[2v+1]);
//   ring r spans vertices [ringStart[r], ringStart[r+1]) (a line string is one ring);
//   part p spans rings [partStart[p], partStart[p+1]) (polygon: outer ring then holes);
//   feature f spans parts [featureStart[f], featureStart[f+1]).
struct Layer {
    std::string name;
    GeomKind kind = GeomKind::Line;
    int epsg = 0;  // CRS of xy
    std::vector<double> xy;
    std::vector<uint32_t> ringStart{0};
    std::vector<uint32_t> partStart{0};
    std::vector<uint32_t> featureStart{0};
    std::vector<StringColumn> fields;  // one value per feature in each

    size_t featureCount() const { return featureStart.size() - 1; }
    size_t partCount() const { return partStart.size() - 1; }
    size_t ringCount() const { return ringStart.size() - 1; }
    size_t vertexCount() const { return xy.size() / 2; }
    Bbox bbox() const;
    Bbox featureBbox(size_t feature) const;
    int fieldIndex(std::string_view fieldName) const;  // -1 when absent
    std::string_view attr(size_t feature, int field) const {
        return field < 0 ? std::string_view() : fields[static_cast<size_t>(field)].at(feature);
    }
    size_t segmentCount() const;  // line segments over all rings

    // Builders: add vertices, close rings/parts/features in order.
    void addVertex(double x, double y) { xy.push_back(x); xy.push_back(y); }
    void endRing() { ringStart.push_back(static_cast<uint32_t>(vertexCount())); }
    void endPart() { partStart.push_back(static_cast<uint32_t>(ringCount())); }
    void endFeature() { featureStart.push_back(static_cast<uint32_t>(partCount())); }
    void reserve(size_t features, size_t vertices);
    bool operator==(const Layer&) const = default;  // the same features, vertices and attributes
};

// Signed area of a ring (positive when counter-clockwise), in squared CRS units.
double ringSignedArea(const Layer& layer, size_t ring);
// Area of a polygon feature: outer rings minus holes.
double featureArea(const Layer& layer, size_t feature);
// Even-odd point-in-polygon over all rings of a feature.
bool featureContains(const Layer& layer, size_t feature, double x, double y);

}  // namespace geo
