// Builds a scenario's rota problem from the workspace (see rota_problem.hpp).
#include "geo/rota/rota_problem.hpp"

#include <algorithm>
#include <set>

#include "geo/plan/checkpoint_number.hpp"
#include "geo/rota/rota_store.hpp"

namespace geo {

RotaProblem buildRotaProblem(sqlite3* db, const Scenario& scenario, const std::vector<Person>& staff, int firstDay,
                             int days, const RotaRules& rules) {
    RotaProblem pb;
    pb.firstDay = firstDay;
    pb.days = days;
    pb.rules = rules;
    const std::set<int> temperature = temperatureCheckPosts(db, scenario.id);
    for (size_t i = 0; i < scenario.checkpoints.size(); ++i) {
        const Checkpoint& c = scenario.checkpoints[i];
        const int number = checkpointNumber(scenario.checkpoints, i);
        pb.posts.push_back({number, c.name, c.district, c.isClosure() ? 0 : c.staffPerShift, std::max(1, c.shifts),
                            temperature.count(number) > 0});
    }
    for (const auto& p : staff) pb.people.push_back({p.id, p.name, p.district, p.isLeader, p.isMedical, p.unavailableDays});
    pb.locks = loadRotaLocks(db, scenario.id);
    return pb;
}

}  // namespace geo
