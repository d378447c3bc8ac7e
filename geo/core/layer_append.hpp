// One layer made of several: the county's map draws every township's layers as one.
#pragma once
#include "geo/core/layer.hpp"

namespace geo {

// Appends the features of `from` to `into`: its vertices, rings and parts, and its attributes
// under the fields of the same name (a field only one of them has is "" for the other's
// features). An empty `into` takes the name, kind and CRS of `from`. geo::Error when the two
// differ in geometry kind or CRS (transform first).
void appendLayer(Layer& into, const Layer& from);

}  // namespace geo
