// What the rota keeps in the workspace per scenario: manual locks and the posts that take
// temperatures (tables cordon_rota_locks and cordon_rota_posts, made with cordon_staff).
#pragma once
#include <cstdint>
#include <set>
#include <vector>

#include "geo/core/c_handles.hpp"
#include "geo/rota/rota.hpp"

namespace geo {

std::vector<RotaLock> loadRotaLocks(sqlite3* db, int64_t scenarioId);
void saveRotaLock(sqlite3* db, int64_t scenarioId, const RotaLock& lock);
bool removeRotaLock(sqlite3* db, int64_t scenarioId, const RotaLock& lock);  // false when none matched
std::set<int> temperatureCheckPosts(sqlite3* db, int64_t scenarioId);        // post numbers
void setTemperatureCheck(sqlite3* db, int64_t scenarioId, int post, bool isChecked);

}  // namespace geo
