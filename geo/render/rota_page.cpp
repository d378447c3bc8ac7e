// Boxes of a post's rota page, in page pixels.
#include "geo/render/rota_page.hpp"

namespace geo {

RotaPageLayout layoutRotaPage(const PageSize& page) {
    RotaPageLayout r;
    PageLayout& l = r.page;
    l = layoutPage(page, LayoutStyle::Report, false);
    const double p = l.pixelsPerPoint, W = l.width;
    const double margin = l.titleBox.x, gap = 8 * p;
    const double top = l.subtitleBox.bottom() + 6 * p, bottom = l.attributionBox.y - 3 * p;
    const double usable = bottom - top - gap;
    const double gridH = usable * 0.70;
    r.gridBox = {margin, top, W - 2 * margin, gridH};
    const double rowY = top + gridH + gap, rowH = bottom - rowY;
    const double innerW = W - 2 * margin - gap;
    const double mapW = innerW * 0.55;
    l.mapFrame = {margin, rowY, mapW, rowH};
    const double sideX = margin + mapW + gap, sideW = innerW - mapW;
    const double figuresH = rowH * 0.45;
    l.figuresBox = {sideX, rowY, sideW, figuresH};
    l.legendBox = {sideX, rowY + figuresH + gap, sideW, rowH - figuresH - gap};
    l.tableBox = {};
    placeMapFurniture(l);
    return r;
}

}  // namespace geo
