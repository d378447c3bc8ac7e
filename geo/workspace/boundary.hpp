// The township boundary of a workspace, for the commands that cannot work without one.
#pragma once
#include "geo/core/error.hpp"
#include "geo/core/layer.hpp"

namespace geo {

class Workspace;

// The boundary; geo::Error saying it is still to be drawn (or imported) when the workspace has
// none or its table is empty (a township imported with --no-boundary, or its drawing undone).
// Workspace::readLayer("boundary") throws the same when there is no boundary layer at all.
Layer readBoundary(const Workspace& ws);
// That error: the file's name, and how to draw or import the boundary.
Error noBoundaryError(const Workspace& ws);

}  // namespace geo
