// Boxes of the daily report's page, in page pixels.
#include "geo/render/daily_page.hpp"

#include <algorithm>

namespace geo {

DailyPageLayout layoutDailyPage(const PageSize& page, bool hasDays) {
    DailyPageLayout d;
    PageLayout& l = d.page;
    l = layoutPage(page, LayoutStyle::Report, false);
    const double p = l.pixelsPerPoint, W = l.width;
    const double margin = l.titleBox.x, gap = 8 * p;
    const double top = l.subtitleBox.bottom() + 6 * p, bottom = l.attributionBox.y - 3 * p;
    const double usable = bottom - top - 2 * gap;
    const double rowA = usable * 0.30, rowB = usable * 0.25, rowC = usable - rowA - rowB;
    const double innerW = W - 2 * margin - gap;
    const double leftW = innerW * 0.42;
    // Row A: headline figures, the table by village. Row B: by origin, the chart. Row C: the map, its legend.
    l.figuresBox = {margin, top, leftW, rowA};
    if (hasDays) {  // the figures need about a third of the box; the days take the rest
        const double figuresH = std::min(rowA * 0.42, l.headingPx * 2 + 8 * l.bodyPx * 1.9);
        d.daysBox = {margin, top + figuresH + gap, leftW, rowA - figuresH - gap};
        l.figuresBox.h = figuresH;
    }
    d.villageBox = {margin + leftW + gap, top, innerW - leftW, rowA};
    const double rowBy = top + rowA + gap;
    d.originBox = {margin, rowBy, leftW, rowB};
    d.chartBox = {margin + leftW + gap, rowBy, innerW - leftW, rowB};
    const double rowCy = rowBy + rowB + gap;
    const double mapW = innerW * 0.64;
    l.mapFrame = {margin, rowCy, mapW, rowC};
    l.legendBox = {margin + mapW + gap, rowCy, innerW - mapW, rowC};
    l.tableBox = {};
    placeMapFurniture(l);
    return d;
}

ChartAxis chartAxis(int64_t maxValue) {
    ChartAxis a;
    int64_t unit = 1;
    while (unit * 10 < maxValue) unit *= 10;
    for (int64_t k : {1, 2, 5, 10}) {
        if (k * unit >= maxValue) {
            a.top = k * unit;
            break;
        }
    }
    a.top = std::max<int64_t>(a.top, 1);
    a.step = a.top <= 5 ? 1 : a.top / 5 * 5 == a.top ? a.top / 5 : a.top / 4;
    return a;
}

}  // namespace geo
