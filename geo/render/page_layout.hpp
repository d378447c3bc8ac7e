// Snapshot pages: output size from paper or pixels, the boxes of a report or briefing layout,
// map scale and scale bar at the output resolution, and the tiles the page is drawn in.
#pragma once
#include <string>
#include <vector>

#include "geo/core/layer.hpp"

namespace geo {

constexpr int kMaxPageSide = 32768;   // pixels, each side
constexpr int kMaxTileSide = 4096;    // under every GL's renderbuffer limit, and cheap on llvmpipe
constexpr double kScreenDpi = 96;
constexpr double kDefaultPrintDpi = 300;

struct PageSize {
    int width = 0, height = 0;  // pixels
    double dpi = kScreenDpi;    // recorded in the PNG; sets how points become pixels
    std::string paper;          // "A4", "A3", or "" for a pixel size
    double pixelsPerPoint() const { return dpi / 72.0; }
};

// "3840x2160": dpi follows the height, as a 1080p screen scaled up (96 dpi at 1080 lines or fewer).
PageSize pageFromPixels(const std::string& widthByHeight);
// ISO A4/A3 at `dpi` (portrait unless `landscape`): A3 at 300 dpi is 3508 x 4961 (4961 x 3508 landscape).
PageSize pageFromPaper(const std::string& paper, bool isLandscape, double dpi = kDefaultPrintDpi);

struct Rect {
    double x = 0, y = 0, w = 0, h = 0;  // pixels, origin top-left, y down
    double right() const { return x + w; }
    double bottom() const { return y + h; }
    bool isEmpty() const { return !(w > 0 && h > 0); }
    bool contains(double px, double py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

enum class LayoutStyle { Report, Briefing };

// Every size is in pixels at the page's resolution: type and line widths are set in points.
struct PageLayout {
    int width = 0, height = 0;
    double dpi = kScreenDpi;
    double pixelsPerPoint = 1;
    LayoutStyle style = LayoutStyle::Report;
    Rect mapFrame;      // the map is drawn only inside
    Rect titleBox;      // title
    Rect subtitleBox;   // scenario and date
    Rect legendBox;
    Rect figuresBox;
    Rect tableBox;      // the checkpoint table beside the map (report pages with a table only)
    Rect scaleBarBox;   // inside the map frame, bottom left
    Rect northArrowBox; // inside the map frame, top right
    Rect attributionBox;
    double titlePx = 0, subtitlePx = 0, headingPx = 0, bodyPx = 0, smallPx = 0, figurePx = 0;
    double frameLinePx = 1, paddingPx = 4;
};

// A report page with `hasTable` keeps a column beside the map for the checkpoint table.
PageLayout layoutPage(const PageSize& page, LayoutStyle style, bool hasTable = false);
// The scale bar and north arrow inside l.mapFrame (after a layout moves the frame).
void placeMapFurniture(PageLayout& l);

// Page pixel (px, py) <-> working-CRS metres, the same for every tile of the page.
struct MapTransform {
    double originX = 0, originY = 0;  // metres at page pixel (0, 0), the top-left corner
    double metresPerPixel = 1;
    double toPixelX(double x) const { return (x - originX) / metresPerPixel; }
    double toPixelY(double y) const { return (originY - y) / metresPerPixel; }
    double toMetresX(double px) const { return originX + px * metresPerPixel; }
    double toMetresY(double py) const { return originY - py * metresPerPixel; }
};

// Fits `extent` into `frame` with `marginFraction` of the frame left around it, centred.
MapTransform fitExtent(const Bbox& extent, const Rect& frame, double marginFraction = 0.04);
// Zoomed on `focus` (a district) the same way; equals fitExtent, named for the callers' intent.
inline MapTransform fitFocus(const Bbox& focus, const Rect& frame) { return fitExtent(focus, frame, 0.08); }
// 1 : N at the page's dpi (ground metres per paper metre).
double scaleDenominator(double metresPerPixel, double dpi);

struct ScaleBar {
    double lengthMetres = 0;  // 1-2-5 series
    double lengthPx = 0;      // lengthMetres / metresPerPixel, exact
    int segments = 0;         // alternating blocks
    std::string unit;         // "m" or "km"
    double unitDivisor = 1;   // metres per unit
    std::string label(double metres) const;  // "500", "1.5", in `unit`
};

// The longest 1-2-5 length whose bar fits in `maxLengthPx`.
ScaleBar chooseScaleBar(double metresPerPixel, double maxLengthPx);
// "1:25,000" rounded to two significant figures, for the page's text.
std::string scaleText(double denominator);

struct Tile {
    int x = 0, y = 0, width = 0, height = 0;  // page pixels, y down
};

// Tiles covering the page exactly once, row by row from the top, each at most `maxTileSide`
// wide and of a height that keeps one row of tiles within `stripBudgetBytes` at `bytesPerPixel`.
// Every tile of a row has the same height, so rows stream to the PNG as bands.
std::vector<Tile> planTiles(int width, int height, int maxTileSide = kMaxTileSide,
                            size_t stripBudgetBytes = size_t(96) << 20, int bytesPerPixel = 3);

}  // namespace geo
