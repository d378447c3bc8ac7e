// Dates as day numbers (days since 1970-01-01), parsed leniently from the ways registers write them.
#pragma once
#include <string>
#include <string_view>

namespace geo {

// Days since 1970-01-01 of a date written 2020-01-23, 2020/1/23, 2020.1.23, 20200123,
// 2020年1月23日 or 1月23日 / 1-23 (then `defaultYear`, 0 when unknown), with an optional time
// after it; spreadsheet serial day numbers (e.g. 43853) too. False when not a date.
bool parseDate(std::string_view text, int defaultYear, int& day);
int daysFromCivil(int year, int month, int day);
std::string formatDay(int day);  // "2020-01-23"
bool parseIsoDay(std::string_view text, int& day);  // exactly "YYYY-MM-DD"


}  // namespace geo
