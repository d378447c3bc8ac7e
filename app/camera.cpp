// World <-> screen transforms, zoom about a point and fit-to-extent.
#include "app/camera.hpp"

#include <algorithm>
#include <cmath>

namespace app {

void Camera::setViewport(int width, int height) {
    widthPx = std::max(width, 1);
    heightPx = std::max(height, 1);
}

ScreenPoint Camera::worldToScreen(double x, double y) const {
    return {(x - centerX) / unitsPerPixel + 0.5 * widthPx, (centerY - y) / unitsPerPixel + 0.5 * heightPx};
}

void Camera::screenToWorld(double sx, double sy, double& x, double& y) const {
    x = centerX + (sx - 0.5 * widthPx) * unitsPerPixel;
    y = centerY - (sy - 0.5 * heightPx) * unitsPerPixel;
}

void Camera::zoomAbout(double sx, double sy, double factor) {
    if (!(factor > 0)) return;
    double wx, wy;
    screenToWorld(sx, sy, wx, wy);
    unitsPerPixel = std::clamp(unitsPerPixel / factor, kMinUnitsPerPixel, kMaxUnitsPerPixel);
    // Keep (wx, wy) under the pointer.
    centerX = wx - (sx - 0.5 * widthPx) * unitsPerPixel;
    centerY = wy + (sy - 0.5 * heightPx) * unitsPerPixel;
}

void Camera::panPixels(double dx, double dy) {
    centerX -= dx * unitsPerPixel;
    centerY += dy * unitsPerPixel;
}

void Camera::fit(const geo::Bbox& extent, double marginPx) {
    if (extent.isEmpty()) return;
    centerX = 0.5 * (extent.minX + extent.maxX);
    centerY = 0.5 * (extent.minY + extent.maxY);
    double w = std::max(1.0, widthPx - 2 * marginPx), h = std::max(1.0, heightPx - 2 * marginPx);
    double upp = std::max(extent.width() / w, extent.height() / h);
    unitsPerPixel = std::clamp(upp > 0 ? upp : 1.0, kMinUnitsPerPixel, kMaxUnitsPerPixel);
}

geo::Bbox Camera::visibleWorld() const {
    geo::Bbox b;
    double hw = 0.5 * widthPx * unitsPerPixel, hh = 0.5 * heightPx * unitsPerPixel;
    b.add(centerX - hw, centerY - hh);
    b.add(centerX + hw, centerY + hh);
    return b;
}

}  // namespace app
