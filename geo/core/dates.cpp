// Dates as registers write them, to day numbers and back.
#include "geo/core/dates.hpp"

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

#include "geo/core/text_values.hpp"

namespace geo {

// Day numbers count days since 1970-01-01 (std::chrono::sys_days), so they subtract and sort.
int daysFromCivil(int y, int m, int d) {
    using namespace std::chrono;
    const sys_days day{year{y} / month{static_cast<unsigned>(m)} / static_cast<unsigned>(d)};
    return static_cast<int>(day.time_since_epoch().count());
}

std::string formatDay(int day) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{days{day}}};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

namespace {

// A real calendar day in the years a register can hold (29 February only in leap years).
bool validDate(int y, int m, int d) {
    using namespace std::chrono;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return false;
    return (year{y} / month{static_cast<unsigned>(m)} / static_cast<unsigned>(d)).ok();
}

// Reads digits at `s[i]`, at most `maxDigits`; false when none.
bool readInt(std::string_view s, size_t& i, int& value, size_t maxDigits) {
    size_t start = i;
    value = 0;
    while (i < s.size() && i - start < maxDigits && s[i] >= '0' && s[i] <= '9') value = value * 10 + (s[i++] - '0');
    return i > start;
}

bool consume(std::string_view s, size_t& i, std::string_view token) {
    if (s.substr(i, token.size()) != token) return false;
    i += token.size();
    return true;
}

}  // namespace

bool parseIsoDay(std::string_view s, int& day) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    size_t i = 0;
    int y, m, d;
    if (!readInt(s, i, y, 4) || i != 4) return false;
    i = 5;
    if (!readInt(s, i, m, 2) || i != 7) return false;
    i = 8;
    if (!readInt(s, i, d, 2) || i != 10) return false;
    if (!validDate(y, m, d)) return false;
    day = daysFromCivil(y, m, d);
    return true;
}

bool parseDate(std::string_view text, int defaultYear, int& day) {
    std::string half = toHalfWidth(text);
    std::string_view s = half;
    if (s.empty()) return false;
    size_t i = 0;
    int a = 0;
    if (!readInt(s, i, a, 8)) return false;
    size_t digits = i;
    int y = 0, m = 0, d = 0;
    auto finish = [&]() {
        // An optional time after the date: "2020-01-23 08:30", "2020-01-23T08:30:00".
        if (i < s.size() && s[i] != ' ' && s[i] != 'T') return false;
        if (!validDate(y, m, d)) return false;
        day = daysFromCivil(y, m, d);
        return true;
    };
    if (digits == 8 && i == s.size()) {  // 20200123
        y = a / 10000;
        m = a / 100 % 100;
        d = a % 100;
        return finish();
    }
    if (digits == 5 && i == s.size() && a > 20000 && a < 80000) {  // spreadsheet serial day (1900 system)
        // Serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was, so from
        // serial 61 on (all we accept) day 0 falls on 1899-12-30.
        using namespace std::chrono;
        day = static_cast<int>((sys_days{year{1899} / December / 30} + days{a}).time_since_epoch().count());
        return true;
    }
    if (digits == 4) {
        y = a;
        bool zh = consume(s, i, "年");
        char sep = 0;
        if (!zh) {
            if (i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return false;
            sep = s[i++];
        }
        if (!readInt(s, i, m, 2)) return false;
        if (zh ? !consume(s, i, "月") : (i >= s.size() || s[i++] != sep)) return false;
        if (!readInt(s, i, d, 2)) return false;
        if (zh) (void)(consume(s, i, "日") || consume(s, i, "号"));
        return finish();
    }
    if (digits <= 2) {  // 1月23日, 1-23, 1/23: the year comes from the caller
        m = a;
        if (!(consume(s, i, "月") || consume(s, i, "-") || consume(s, i, "/"))) return false;
        if (!readInt(s, i, d, 2)) return false;
        (void)(consume(s, i, "日") || consume(s, i, "号"));
        if (defaultYear <= 0) return false;
        y = defaultYear;
        return finish();
    }
    return false;
}

}  // namespace geo
