// Page sizes, layout boxes, map scale, scale bar and tile planning for snapshots and briefings.
#include "geo/render/page_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "geo/core/error.hpp"

namespace geo {
namespace {

constexpr double kMetresPerInch = 0.0254;
constexpr double kMmPerInch = 25.4;

int parseSide(const std::string& text, const std::string& whole) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        throw Error("size must be WIDTHxHEIGHT in pixels, like 3840x2160, not '" + whole + "'");
    return std::stoi(text);
}

void checkSides(int width, int height) {
    if (width < 16 || height < 16)
        throw Error("size " + std::to_string(width) + "x" + std::to_string(height) + " is too small (16 pixels at least)");
    if (width > kMaxPageSide || height > kMaxPageSide)
        throw Error("size " + std::to_string(width) + "x" + std::to_string(height) + " is over the maximum of " +
                    std::to_string(kMaxPageSide) + "x" + std::to_string(kMaxPageSide));
}

}  // namespace

PageSize pageFromPixels(const std::string& widthByHeight) {
    const auto x = widthByHeight.find_first_of("xX");
    if (x == std::string::npos)
        throw Error("size must be WIDTHxHEIGHT in pixels, like 3840x2160, not '" + widthByHeight + "'");
    PageSize page;
    page.width = parseSide(widthByHeight.substr(0, x), widthByHeight);
    page.height = parseSide(widthByHeight.substr(x + 1), widthByHeight);
    checkSides(page.width, page.height);
    // Drawn like a 1080-line screen scaled up, so a 4K snapshot looks like the screen, only sharper.
    page.dpi = kScreenDpi * std::max(1.0, std::min(page.width, page.height) / 1080.0);
    return page;
}

PageSize pageFromPaper(const std::string& paper, bool isLandscape, double dpi) {
    double shortMm = 0, longMm = 0;
    if (paper == "A4" || paper == "a4") shortMm = 210, longMm = 297;
    else if (paper == "A3" || paper == "a3") shortMm = 297, longMm = 420;
    else throw Error("paper must be A4 or A3, not '" + paper + "'");
    if (!(dpi >= 36 && dpi <= 2400)) throw Error("dpi must be between 36 and 2400");
    PageSize page;
    page.paper = (paper == "a4" || paper == "A4") ? "A4" : "A3";
    page.dpi = dpi;
    const int shortPx = static_cast<int>(std::lround(shortMm / kMmPerInch * dpi));
    const int longPx = static_cast<int>(std::lround(longMm / kMmPerInch * dpi));
    page.width = isLandscape ? longPx : shortPx;
    page.height = isLandscape ? shortPx : longPx;
    checkSides(page.width, page.height);
    return page;
}

PageLayout layoutPage(const PageSize& page, LayoutStyle style, bool hasTable) {
    PageLayout l;
    l.width = page.width;
    l.height = page.height;
    l.dpi = page.dpi;
    l.style = style;
    const double W = page.width, H = page.height;
    if (style == LayoutStyle::Briefing) {
        // Sized by the screen's height: a 1080p projector and a 4K wall read the same from the back.
        const double p = (H / 1080.0) * (kScreenDpi / 72.0) * 1.5;
        l.pixelsPerPoint = p;
        l.titlePx = 22 * p;
        l.subtitlePx = 12 * p;
        l.headingPx = 11 * p;
        l.bodyPx = 10 * p;
        l.smallPx = 6 * p;
        l.figurePx = 32 * p;
        l.frameLinePx = std::max(1.0, std::round(1 * p));
        l.paddingPx = 6 * p;
        const double band = l.titlePx * 1.25 + l.subtitlePx * 1.3 + 2 * l.paddingPx;
        l.titleBox = {2 * l.paddingPx, l.paddingPx, W * 0.62, l.titlePx * 1.25};
        l.subtitleBox = {2 * l.paddingPx, l.titleBox.bottom(), W * 0.62, l.subtitlePx * 1.3};
        const double columnW = std::clamp(W * 0.24, 150 * p, W * 0.4);
        const double columnX = W - columnW;
        l.mapFrame = {0, band, columnX, H - band};
        l.figuresBox = {columnX + l.paddingPx, band + l.paddingPx, columnW - 2 * l.paddingPx,
                        (H - band) * 0.58 - 2 * l.paddingPx};
        l.legendBox = {columnX + l.paddingPx, l.figuresBox.bottom() + 2 * l.paddingPx, columnW - 2 * l.paddingPx,
                       H - l.figuresBox.bottom() - 3 * l.paddingPx};
        l.attributionBox = {l.mapFrame.x + l.paddingPx, H - l.smallPx * 1.5 - l.paddingPx,
                            l.mapFrame.w * 0.6, l.smallPx * 1.5};
    } else {
        const double p = page.pixelsPerPoint();
        l.pixelsPerPoint = p;
        l.titlePx = 18 * p;
        l.subtitlePx = 10 * p;
        l.headingPx = 9.5 * p;
        l.bodyPx = 8.5 * p;
        l.smallPx = 6.5 * p;
        l.figurePx = 14 * p;
        l.frameLinePx = std::max(1.0, std::round(0.75 * p));
        l.paddingPx = 5 * p;
        const double margin = std::max(4.0, std::min(18 * p, std::min(W, H) * 0.04));
        l.titleBox = {margin, margin, W - 2 * margin, l.titlePx * 1.3};
        l.subtitleBox = {margin, l.titleBox.bottom(), W - 2 * margin, l.subtitlePx * 1.5};
        l.attributionBox = {margin, H - margin * 0.5 - l.smallPx * 1.5, W - 2 * margin, l.smallPx * 1.5};
        const double top = l.subtitleBox.bottom() + 6 * p;
        const double bottom = l.attributionBox.y - 3 * p;
        const double gap = 8 * p;
        const double panelW = std::max(W * 0.24, 150 * p);
        if (W >= H * 1.1 && panelW <= W * 0.4) {
            // Landscape: figures and legend in a column right of the map, the table between them.
            const double panelX = W - margin - panelW;
            const double tableW = hasTable ? std::max(W * 0.25, 150 * p) : -gap;
            l.mapFrame = {margin, top, panelX - gap - tableW - gap - margin, bottom - top};
            if (hasTable) l.tableBox = {panelX - gap - tableW, top, tableW, bottom - top};
            const double figuresH = std::min((bottom - top) * 0.45, l.headingPx * 2 + 6 * l.bodyPx * 1.9);
            l.figuresBox = {panelX, top, panelW, figuresH};
            l.legendBox = {panelX, top + figuresH + gap, panelW, bottom - top - figuresH - gap};
        } else {
            // Portrait: legend and figures side by side under the map.
            const double panelH = std::max((bottom - top) * 0.2, l.headingPx * 2 + 6 * l.bodyPx * 1.9);
            const double tableW = hasTable ? std::max(W * 0.3, 150 * p) : -gap;
            l.mapFrame = {margin, top, W - 2 * margin - tableW - gap, bottom - top - panelH - gap};
            if (hasTable) l.tableBox = {l.mapFrame.right() + gap, top, tableW, l.mapFrame.h};
            const double panelY = l.mapFrame.bottom() + gap;
            const double legendW = (W - 2 * margin - gap) * 0.55;
            l.legendBox = {margin, panelY, legendW, panelH};
            l.figuresBox = {margin + legendW + gap, panelY, W - 2 * margin - gap - legendW, panelH};
        }
    }
    placeMapFurniture(l);
    return l;
}

void placeMapFurniture(PageLayout& l) {
    const double p = l.pixelsPerPoint;
    const double inset = 10 * p;
    const double barH = 26 * p;
    l.scaleBarBox = {l.mapFrame.x + inset, l.mapFrame.bottom() - inset - barH,
                     std::min(l.mapFrame.w * 0.4, 190 * p), barH};
    const double arrow = std::min(40 * p, l.mapFrame.h * 0.2);
    l.northArrowBox = {l.mapFrame.right() - inset - arrow * 0.7, l.mapFrame.y + inset, arrow * 0.7, arrow};
    if (l.style == LayoutStyle::Briefing) l.scaleBarBox.y -= l.attributionBox.h;
}

MapTransform fitExtent(const Bbox& extent, const Rect& frame, double marginFraction) {
    MapTransform t;
    if (extent.isEmpty() || frame.isEmpty()) return t;
    const double usableW = frame.w * (1 - 2 * marginFraction), usableH = frame.h * (1 - 2 * marginFraction);
    const double w = std::max(extent.width(), 1.0), h = std::max(extent.height(), 1.0);
    t.metresPerPixel = std::max(w / usableW, h / usableH);
    const double cx = (extent.minX + extent.maxX) / 2, cy = (extent.minY + extent.maxY) / 2;
    t.originX = cx - (frame.x + frame.w / 2) * t.metresPerPixel;
    t.originY = cy + (frame.y + frame.h / 2) * t.metresPerPixel;
    return t;
}

double scaleDenominator(double metresPerPixel, double dpi) { return metresPerPixel * dpi / kMetresPerInch; }

ScaleBar chooseScaleBar(double metresPerPixel, double maxLengthPx) {
    ScaleBar bar;
    if (!(metresPerPixel > 0) || !(maxLengthPx > 0)) return bar;
    const double maxMetres = metresPerPixel * maxLengthPx;
    double decade = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double length = decade;
    int leading = 1;
    for (int step : {5, 2, 1}) {
        if (step * decade <= maxMetres) {
            length = step * decade;
            leading = step;
            break;
        }
    }
    bar.lengthMetres = length;
    bar.lengthPx = length / metresPerPixel;
    bar.segments = leading == 5 ? 5 : 4;
    if (length >= 1000) bar.unit = "km", bar.unitDivisor = 1000;
    else bar.unit = "m", bar.unitDivisor = 1;
    return bar;
}

std::string ScaleBar::label(double metres) const {
    const double v = metres / unitDivisor;
    char buf[32];
    if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
    else if (std::fabs(v * 10 - std::round(v * 10)) < 1e-9) std::snprintf(buf, sizeof buf, "%.1f", v);
    else std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string scaleText(double denominator) {
    if (!(denominator > 0)) return "";
    const double magnitude = std::pow(10.0, std::floor(std::log10(denominator)) - 1);
    const auto rounded = static_cast<long long>(static_cast<double>(std::llround(denominator / magnitude)) * magnitude);
    std::string digits = std::to_string(rounded), grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return "1:" + grouped;
}

std::vector<Tile> planTiles(int width, int height, int maxTileSide, size_t stripBudgetBytes, int bytesPerPixel) {
    std::vector<Tile> tiles;
    if (width <= 0 || height <= 0 || maxTileSide <= 0) return tiles;
    const size_t rowBytes = static_cast<size_t>(width) * static_cast<size_t>(std::max(1, bytesPerPixel));
    const auto budgetRows = static_cast<int>(std::min<size_t>(stripBudgetBytes / rowBytes, size_t(maxTileSide)));
    const int tileH = std::max(1, budgetRows);
    const int columns = (width + maxTileSide - 1) / maxTileSide;
    // Equal widths (differing by at most one pixel) rather than a thin last column.
    for (int y = 0; y < height; y += tileH) {
        const int h = std::min(tileH, height - y);
        for (int c = 0; c < columns; ++c) {
            const int x0 = static_cast<int>(static_cast<long long>(width) * c / columns);
            const int x1 = static_cast<int>(static_cast<long long>(width) * (c + 1) / columns);
            tiles.push_back({x0, y, x1 - x0, h});
        }
    }
    return tiles;
}

}  // namespace geo
