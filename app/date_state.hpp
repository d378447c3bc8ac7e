// The GUI's "as of a date": the day chosen on the date bar (or "all dates"), play, and where the
// bar's buttons were drawn (for --layout-log). The figures come from AnalysisState, keyed on it.
#pragma once
#include <climits>
#include <optional>

namespace app {

struct DateState {
    bool isOn = false;                // off: all dates, every checkpoint and returnee (no date)
    int day = 0;                      // days since 1970-01-01, while isOn
    bool playing = false;             // one day more every kPlayStepSeconds up to the last data day
    double lastStepTime = 0;
    std::optional<int> requested;     // --date: applied once the analysis is ready
    char label[16] = {};              // `day` as YYYY-MM-DD, formatted when it changes
    int labelDay = INT_MIN;
    struct Rect { float x = 0, y = 0, w = 0, h = 0; };
    Rect all, back, play, forward;    // the bar's controls as last drawn (logical pixels)
    int first = 0, last = 0;          // the slider's span as last drawn
};

constexpr double kPlayStepSeconds = 0.5;

}  // namespace app
