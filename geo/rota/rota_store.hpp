// What the rota keeps in the workspace per scenario: manual locks and the posts that take
// temperatures (tables cordon_rota_locks and cordon_rota_posts, made with cordon_staff), and the
// last rota's shortfall per post (cordon_rota_shortfall) for the maps.
#pragma once
#include <cstdint>
#include <map>
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
// The last rota solved or edited for the scenario: post number -> most people missing on one of
// its shifts (posts short only); replaces what was stored. Maps ring these posts.
void saveRotaShortfall(sqlite3* db, int64_t scenarioId, const std::map<int, int>& missingByPost);
std::map<int, int> loadRotaShortfall(sqlite3* db, int64_t scenarioId);  // empty when none stored

}  // namespace geo
