// Well-known binary and GeoPackage geometry blobs <-> flat layer arrays.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/core/layer.hpp"

namespace geo {

enum class WkbResult { Added, Empty, WrongType, Malformed };

// Appends the geometry of one feature to `layer` (parts, rings, vertices; Z and M dropped) and
// ends the feature. Nothing is appended unless the result is Added.
// Geometry collections contribute their members of the layer's kind.
WkbResult appendWkbFeature(Layer& layer, const uint8_t* wkb, size_t size);

// The WKB inside a GeoPackage geometry blob; nullptr when the header is not a GeoPackage one.
const uint8_t* gpkgBlobWkb(const uint8_t* blob, size_t size, size_t* wkbSize);

// The bounding box of a GeoPackage blob: its header's envelope, else its WKB's points. False
// for empty, unreadable or non-GeoPackage blobs.
bool gpkgBlobBounds(const uint8_t* blob, size_t size, Bbox& out);

// A GeoPackage blob (with envelope) for one feature of `layer`.
std::string gpkgBlobFromFeature(const Layer& layer, size_t feature, int srsId);
std::string gpkgPointBlob(double x, double y, int srsId);

}  // namespace geo
