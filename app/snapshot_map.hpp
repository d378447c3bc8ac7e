// The snapshot's own map drawing (boundary, districts, roads by class, villages) in GL, kept
// apart so the shared map renderer can replace it. Draws one tile of a page at a time.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "geo/layer.hpp"
#include "geo/page_layout.hpp"
#include "geo/plan.hpp"
#include "geo/road_class.hpp"

namespace geo { class Workspace; }

namespace app {

// What a snapshot shows, read once from the workspace.
struct SnapshotData {
    geo::Layer boundary, districts, roads, villages;
    std::vector<geo::RoadClass> roadClasses;  // one per roads feature
    std::vector<geo::Checkpoint> checkpoints; // of the chosen scenario (empty until plans are stored)
    int nameFieldDistricts = -1, nameFieldVillages = -1;
    geo::Bbox extent;                         // what the page fits: the boundary, or everything
    std::string workspaceName;
};
SnapshotData loadSnapshotData(const geo::Workspace& workspace);

struct RoadStyle {
    std::array<float, 4> fill, casing;
    float widthPt, casingPt;  // casingPt 0: none
};
const RoadStyle& roadStyle(geo::RoadClass c);
constexpr std::array<float, 4> kPaperColour{1.0f, 1.0f, 1.0f, 1.0f};
constexpr std::array<float, 4> kOutsideColour{0.906f, 0.898f, 0.882f, 1.0f};   // land beyond the township
constexpr std::array<float, 4> kInsideColour{0.976f, 0.969f, 0.949f, 1.0f};    // the township
constexpr std::array<float, 4> kBoundaryColour{0.55f, 0.16f, 0.45f, 1.0f};

class SnapshotMap {
public:
    SnapshotMap(const SnapshotData& data, double pixelsPerPoint);
    ~SnapshotMap();
    SnapshotMap(const SnapshotMap&) = delete;
    SnapshotMap& operator=(const SnapshotMap&) = delete;
    // Draws `tile` of the page into the bound framebuffer (tile-sized, bottom-left at 0,0),
    // clipped to `frame` (page pixels). Sets its own viewport.
    void draw(const geo::MapTransform& page, const geo::Tile& tile, const geo::Rect& frame, int pageWidth,
              int pageHeight) const;

private:
    struct Range { int first = 0, count = 0; };
    struct Placement { float page[4], tileOrigin[2], viewport[2]; };
    void setPlacement(unsigned int program, const Placement& at) const;
    void drawFills(const Placement& at) const;
    void drawLines(const Placement& at, size_t from, size_t to, const float* colour, float widthPx) const;

    const SnapshotData& data_;
    double pixelsPerPoint_;
    double localX_ = 0, localY_ = 0;  // vertices are float metres relative to this point
    unsigned int fillProgram_ = 0, coverProgram_ = 0, lineProgram_ = 0;
    unsigned int fillVao_ = 0, fillVbo_ = 0, lineVao_ = 0, lineVbo_ = 0, quadVao_ = 0, quadVbo_ = 0;
    Range boundaryFill_;
    std::vector<Range> districtFills_;
    std::vector<Range> villageFills_;
    // Segments (x0, y0, x1, y1) grouped: roads by class, then district lines, then the boundary.
    std::array<Range, geo::kRoadClassCount> roadSegments_{};
    Range districtSegments_, boundarySegments_, villageSegments_;
};

}  // namespace app
