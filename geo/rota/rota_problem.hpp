// A scenario's rota problem as the CLI and the GUI both build it: its posts (closures unstaffed),
// the staff, the manual locks and the posts that take temperatures, all read from the workspace.
#pragma once
#include <cstdint>
#include <vector>

#include "geo/core/c_handles.hpp"
#include "geo/plan/plan.hpp"
#include "geo/rota/rota.hpp"
#include "geo/rota/staff.hpp"

namespace geo {

RotaProblem buildRotaProblem(sqlite3* db, const Scenario& scenario, const std::vector<Person>& staff, int firstDay,
                             int days, const RotaRules& rules);

}  // namespace geo
