// The daily report's A4 page: title, headline figures, the tables by village and by origin, the
// chart of arrivals and people under observation, and a small map with its legend.
#pragma once
#include <cstdint>
#include <vector>

#include "geo/render/page_layout.hpp"

namespace geo {

struct DailyPageLayout {
    PageLayout page;   // figuresBox: headline figures; mapFrame and legendBox: the small map
    Rect villageBox, originBox, chartBox;
    Rect daysBox;      // one row per day of a range (--from/--to), under the headline figures; else empty
};
// Portrait paper (A4 at 300 dpi for the report); every box inside the page, none overlapping.
DailyPageLayout layoutDailyPage(const PageSize& page, bool hasDays = false);

// A chart's y axis: a round top (1, 2 or 5 x 10^k) at or above maxValue, and the step of its ticks.
struct ChartAxis {
    int64_t top = 1, step = 1;
};
ChartAxis chartAxis(int64_t maxValue);

}  // namespace geo
