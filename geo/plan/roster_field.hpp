// Rosters for the field: the XLSX workbook (a sheet per scenario, Chinese or English headers),
// the CSV roster's Chinese header, and web-map (GCJ-02) coordinates for phone map apps.
#pragma once
#include <string>
#include <vector>

#include "geo/plan/plan.hpp"

namespace geo {

enum class RosterLanguage { Chinese, English };
RosterLanguage parseRosterLanguage(const std::string& text);  // zh|en; geo::Error otherwise

// One sheet per scenario: its name and `date` on top, its figures (checkpoints, closures, staff
// required / available), the staffed checkpoints numbered in the scenario's order with leaders
// and phones, then the road closures apart. Written beside outPath and renamed over it only when
// complete; geo::Error says why otherwise (missing folder, not writable, disk full).
void writeRosterXlsx(const std::vector<Scenario>& scenarios, int workingEpsg, RosterLanguage language,
                     const std::string& date, const std::string& outPath);

// The CSV roster with its header row in Chinese (the columns and values unchanged).
std::string chineseCsvHeader(const std::string& csv);
// Writes a roster's text completely or not at all, as writeRosterXlsx does.
void writeRosterText(const std::string& text, const std::string& outPath);

// The scenario with every checkpoint moved to where web maps (GCJ-02) draw it: exports written
// from it carry GCJ-02 lon/lat, which phone map apps in China expect.
Scenario withGcj02Positions(const Scenario& scenario, int workingEpsg);

}  // namespace geo
