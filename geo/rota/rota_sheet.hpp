// A post's rota as it is printed and shown: days x shifts with the names on duty (leaders first,
// marked), the shift hours and what is missing. Names only: no phone numbers ever reach a sheet.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "geo/rota/rota.hpp"

namespace geo {

constexpr const char* kLeaderMark = "★";  // after a leader's name (组长)

struct RotaSheetCell {
    std::vector<std::string> names;  // leaders first, each marked with kLeaderMark
    int missing = 0;
};

struct RotaPostSheet {
    int post = 0;
    std::string name;
    int staffPerShift = 0;
    int shifts = 0;
    std::vector<int> days;                        // days since 1970-01-01, the period's
    std::vector<std::string> shiftHours;          // "00:00-08:00", one per shift
    std::vector<std::vector<RotaSheetCell>> cells;  // [day index][shift - 1]
    int missing = 0;                              // people missing, summed over the period's shifts
};

// The sheet of post `postNumber` (a staffed post of the problem); geo::Error when there is none.
RotaPostSheet rotaPostSheet(const RotaProblem& problem, const Rota& rota, int postNumber);
// "08:00-16:00": shift k of n, as the rota's shifts cover the day.
std::string shiftHoursText(int shift, int shifts);
// Per post number: the most people missing on any one shift of the period (posts short only).
std::map<int, int> shortfallByPost(const Rota& rota);

}  // namespace geo
