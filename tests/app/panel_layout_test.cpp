// On first open at the three screen sizes the windows that open by default cover neither each
// other nor anything but the map, and stay on the screen.
#include <doctest/doctest.h>

#include <cstddef>
#include <initializer_list>
#include <iterator>

#include "app/panel_layout.hpp"

TEST_CASE("windows open docked without covering each other at 1366x768, 1920x1080 and 3840x2160") {
    using app::Panel;
    struct Screen { float w, h, scale; };
    for (const Screen screen : {Screen{1366, 768, 1}, Screen{1920, 1080, 1}, Screen{3840, 2160, 1}, Screen{3840, 2160, 2}}) {
        CAPTURE(screen.w);
        CAPTURE(screen.scale);
        // Open at start (and the returnee window, opened by --returnees), and the bars (the date bar too).
        const Panel open[] = {Panel::PlanTools, Panel::Layers, Panel::Legend, Panel::Figures, Panel::Returnees, Panel::StatusBar,
                              Panel::DateBar};
        for (size_t i = 0; i < std::size(open); ++i) {
            const app::PanelRect a = app::panelRect(open[i], screen.w, screen.h, screen.scale);
            CAPTURE(i);
            CHECK(a.x >= 0);
            CHECK(a.y >= 20 * screen.scale);  // under the menu bar
            CHECK(a.x + a.w <= screen.w);
            CHECK(a.y + a.h <= screen.h);
            CHECK(a.w > 100);
            CHECK(a.h > 20);
            for (size_t j = i + 1; j < std::size(open); ++j) {
                CAPTURE(j);
                CHECK_FALSE(a.overlaps(app::panelRect(open[j], screen.w, screen.h, screen.scale)));
            }
        }
        // The figures column is tall enough for the comparison table under the headline figures.
        if (screen.h >= 1080) CHECK(app::panelRect(Panel::Figures, screen.w, screen.h, screen.scale).h >= 700 * screen.scale);
    }
}

#include "app/i18n.hpp"

TEST_CASE("returnee tooltips speak the user's language, hide small counts and never show a cell id") {
    using app::Language;
    CHECK(app::peopleText(12, 5, Language::Chinese) == "约 12 人");
    CHECK(app::peopleText(12, 5, Language::English) == "about 12 people");
    CHECK(app::peopleText(3, 5, Language::Chinese) == "少于 5 人");
    CHECK(app::peopleText(3, 5, Language::English) == "fewer than 5 people");
    CHECK(app::peopleText(0, 5, Language::Chinese) == "无");
    CHECK(app::areaText("1126,7792", true, 500, Language::Chinese) == "500 米网格");
    CHECK(app::areaText("1126,7792", true, 500, Language::English) == "500 m cell");
    CHECK(app::areaText("北沟片区", false, 500, Language::English) == "北沟片区");
}
