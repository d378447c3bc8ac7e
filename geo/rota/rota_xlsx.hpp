// The rota as a workbook (libxlsxwriter): an overview with the shortfall, a sheet per post (days x
// shifts, leaders marked ★), a sheet per day (posts x shifts) and one per-person sheet with phones
// for messaging, the only place a phone number leaves the workspace.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "geo/rota/rota.hpp"
#include "geo/rota/staff.hpp"

namespace geo {

// Written beside `outPath` and renamed over it when complete; refuses the workspace itself and
// files of another kind (geo::Error).
void writeRotaXlsx(const RotaProblem& problem, const Rota& rota, const std::vector<Person>& staff,
                   const std::string& title, const std::string& outPath, const std::filesystem::path& workspace);

// "00:00-08:00" for shift k of n.
std::string shiftHours(int shift, int shifts);

}  // namespace geo
