// The GUI's side of drawing the township's own layers: the geo::LayerEditSession of the open
// workspace, the snapping index, and gesture state (tool, the area being drawn, the selected
// feature and the vertex being dragged). Every saved change goes through the session's verbs.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/plan/edit_snap.hpp"
#include "geo/plan/layer_edit_session.hpp"

namespace geo {
class Workspace;
}

namespace app {

enum class EditTool { Select, DrawArea, DrawPoint };

struct LayerEditState {
    bool isOn = false;  // the edit tool bar is shown and owns the map's clicks
    geo::EditLayer layer = geo::EditLayer::Boundary;
    EditTool tool = EditTool::DrawArea;
    bool snapOn = true;
    float snapPx = 10;
    // Drawing an area: its vertices so far (working CRS).
    geo::EditRing draft;
    bool ignoreRelease = false;  // the release of a double-click's second press adds no vertex
    // The selected feature (by fid) of `layer`, and its vertex being dragged.
    int64_t selectedFid = 0;
    std::optional<geo::VertexRef> activeVertex;  // the last vertex clicked: Delete removes it
    bool isDragging = false;
    geo::EditFeature dragFeature;  // the selected feature with the drag applied, drawn until saved
    geo::VertexRef dragVertex;
    geo::EditPoint dragOrigin;   // where a moved vertex started (never its own snap target)
    bool hasDragOrigin = false;  // false for a vertex dragged out of an edge
    const char* dragLabel = "move vertex";
    double pressX = 0, pressY = 0;
    // Where the pointer snaps this frame (drawn as the snap marker).
    std::optional<geo::EditSnap> snap;
    char name[256] = {};
    int64_t nameFor = 0;  // the fid the name field was filled from
    uint64_t nameVersion = 0;
    // The session of the open workspace and the snapping index, rebuilt when the layers change.
    std::unique_ptr<geo::LayerEditSession> session;
    geo::Workspace* workspace = nullptr;
    geo::EditSnapper snapper;
    const void* snapRoads = nullptr;  // the roads layer the index was built from
    uint64_t snapVersion = UINT64_MAX;  // the model version its vertices were taken at
};

}  // namespace app
