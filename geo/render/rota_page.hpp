// A post's printable rota page (A4 portrait, hung at the checkpoint): title and period, the grid
// of days x shifts, and a small map with the post ringed beside its key figures and legend.
#pragma once
#include "geo/render/page_layout.hpp"

namespace geo {

struct RotaPageLayout {
    PageLayout page;  // mapFrame: the small map; figuresBox: the post's figures; legendBox
    Rect gridBox;     // the days x shifts table
};
// Every box inside the page, none overlapping; the grid takes most of the page.
RotaPageLayout layoutRotaPage(const PageSize& page);

}  // namespace geo
