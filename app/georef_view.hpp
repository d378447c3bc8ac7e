// The georeference window's state: the scan shown in its pane, the control points clicked on the
// scan and on the map (or typed), their fit, and the warp running on a worker thread.
#pragma once
#include <future>
#include <string>
#include <vector>

#include "geo/basemap/basemap.hpp"
#include "geo/basemap/georef.hpp"

namespace app {

struct GeorefView {
    bool isOpen = false;
    char scanPath[1024] = {};
    char name[128] = {};
    int method = 0;     // index into auto, 1, 2, tps
    bool link = false;  // keep the scan linked (VRTs beside it) rather than embedded

    // The scan in the pane: a preview texture (MapRenderer::setScanPicture) of the scan's size.
    std::string shownPath;
    int scanWidth = 0, scanHeight = 0;
    bool hasPicture = false;
    std::future<geo::ScanPreview> loading;
    // The pane's view: the scan pixel at its top-left corner and pane points per scan pixel (0: fit it).
    double viewPixel = 0, viewLine = 0, zoom = 0;
    float paneX = 0, paneY = 0, paneW = 0, paneH = 0;  // where the scan was drawn, and the warp button
    float warpX = 0, warpY = 0, warpW = 0, warpH = 0;  // (for --layout-log)

    std::vector<geo::ControlPoint> points;
    bool isAwaitingMap = false;  // a point was clicked on the scan; its map point comes next
    double pendingPixel = 0, pendingLine = 0;
    char typedX[64] = {}, typedY[64] = {};
    bool typedLonLat = false;

    bool isFitStale = true;
    bool hasFit = false;
    geo::GeorefFit fit;
    std::string fitProblem;  // why there is no fit ("" when there is)

    // The basemaps that are georeferenced scans, read each time the "adjust" list opens.
    struct Reopenable {
        geo::Basemap basemap;
        geo::ScanControlPoints scan;
    };
    std::vector<Reopenable> reopenable;

    std::future<geo::GeorefResult> warping;
    std::string status;  // the last warp's outcome
};

}  // namespace app
