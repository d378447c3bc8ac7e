// The map camera: world (working CRS, metres) <-> screen pixels (top-left origin, y down).
#pragma once
#include "geo/core/layer.hpp"

namespace app {

struct ScreenPoint { double x = 0, y = 0; };

class Camera {
public:
    double centerX = 0, centerY = 0;   // world point at the viewport centre
    double unitsPerPixel = 10;         // world units (metres) per physical pixel
    int widthPx = 1, heightPx = 1;     // viewport in physical pixels

    void setViewport(int width, int height);
    ScreenPoint worldToScreen(double x, double y) const;
    void screenToWorld(double sx, double sy, double& x, double& y) const;
    // Zooms by `factor` (>1 zooms in) keeping the world point under (sx, sy) fixed.
    void zoomAbout(double sx, double sy, double factor);
    void panPixels(double dx, double dy);  // content follows the pointer
    // Shows the whole extent with `marginPx` on each side.
    void fit(const geo::Bbox& extent, double marginPx = 20);
    geo::Bbox visibleWorld() const;

    static constexpr double kMinUnitsPerPixel = 0.02;
    static constexpr double kMaxUnitsPerPixel = 5000;
};

}  // namespace app
