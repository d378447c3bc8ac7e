// Presenter mode's choice of monitor (Xvfb shows GLFW one monitor, so the e2e test covers only
// the one-monitor path; the choice among several is tested here).
#include <doctest/doctest.h>

#include "app/presenter.hpp"

TEST_CASE("the briefing goes to a monitor other than the planning window's") {
    const app::MonitorArea laptop{0, 0, 1920, 1080}, wall{1920, 0, 3840, 2160}, left{-1280, 0, 1280, 1024};
    CHECK(app::briefingMonitor({laptop}, 960, 540) == -1);   // one monitor: a second window instead
    CHECK(app::briefingMonitor({}, 0, 0) == -1);
    CHECK(app::briefingMonitor({laptop, wall}, 960, 540) == 1);
    CHECK(app::briefingMonitor({wall, laptop}, 960, 540) == 0);  // the planning window is on the second listed
    CHECK(app::briefingMonitor({laptop, wall}, 3000, 900) == 0);  // moved to the wall: the briefing takes the laptop
    CHECK(app::briefingMonitor({laptop, left, wall}, -600, 500) == 0);
    CHECK(app::briefingMonitor({laptop, wall}, 99999, 99999) == 1);  // centre on none: the primary stays for planning
}
