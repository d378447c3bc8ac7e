// The GUI's "as of a date": the day chosen on the date bar (or "all dates"), play, and where the
// bar's buttons were drawn (for --layout-log). The figures come from AnalysisState, keyed on it.
#pragma once
#include <climits>

namespace app {

struct DateState {
    bool isOn = false;                // off: all dates, every checkpoint and returnee (no date)
    int day = 0;                      // days since 1970-01-01, while isOn
    bool playing = false;             // one day more every kPlayStepSeconds up to the last data day
    double lastStepTime = 0;
    char label[16] = {};              // `day` as YYYY-MM-DD, formatted when it changes
    int labelDay = INT_MIN;
    struct Rect { float x = 0, y = 0, w = 0, h = 0; };
    Rect all, back, play, forward;    // the bar's controls as last drawn (logical pixels)
    int first = 0, last = 0;          // the slider's span as last drawn (the day itself before)
};

constexpr double kPlayStepSeconds = 0.5;

void setDay(DateState& date, int day);   // and its label (app/window_date.cpp)
void stepDay(DateState& date, int by);   // a day back or forward; stops play
void advancePlay(DateState& date);       // while playing: a day more every kPlayStepSeconds, up to `last`

}  // namespace app
