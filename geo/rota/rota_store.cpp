// Rota locks and temperature-check posts in the workspace.
#include "geo/rota/rota_store.hpp"

#include "geo/core/dates.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/rota/staff.hpp"

namespace geo {

std::vector<RotaLock> loadRotaLocks(sqlite3* db, int64_t scenarioId) {
    std::vector<RotaLock> out;
    if (!tableExists(db, "cordon_rota_locks")) return out;
    Statement s(db, "SELECT staff_id, post, day, shift FROM cordon_rota_locks WHERE scenario_id = ?1 ORDER BY day, shift, post");
    s.bind(1, scenarioId);
    while (s.step()) {
        RotaLock l;
        l.person = s.int64(0);
        l.post = s.integer(1);
        if (!parseIsoDay(s.text(2), l.day)) continue;
        l.shift = s.integer(3);
        out.push_back(l);
    }
    return out;
}

void saveRotaLock(sqlite3* db, int64_t scenarioId, const RotaLock& lock) {
    createStaffTables(db);
    Statement s(db, "INSERT OR REPLACE INTO cordon_rota_locks(scenario_id, staff_id, post, day, shift) VALUES(?1, ?2, ?3, ?4, ?5)");
    s.bind(1, scenarioId).bind(2, lock.person).bind(3, lock.post).bind(4, formatDay(lock.day)).bind(5, lock.shift).run();
}

bool removeRotaLock(sqlite3* db, int64_t scenarioId, const RotaLock& lock) {
    if (!tableExists(db, "cordon_rota_locks")) return false;
    Statement s(db, "DELETE FROM cordon_rota_locks WHERE scenario_id = ?1 AND staff_id = ?2 AND post = ?3 AND day = ?4 AND shift = ?5");
    s.bind(1, scenarioId).bind(2, lock.person).bind(3, lock.post).bind(4, formatDay(lock.day)).bind(5, lock.shift).run();
    return sqlite3_changes(db) > 0;
}

std::set<int> temperatureCheckPosts(sqlite3* db, int64_t scenarioId) {
    std::set<int> out;
    if (!tableExists(db, "cordon_rota_posts")) return out;
    Statement s(db, "SELECT post FROM cordon_rota_posts WHERE scenario_id = ?1 AND temperature_check <> 0");
    s.bind(1, scenarioId);
    while (s.step()) out.insert(s.integer(0));
    return out;
}

void saveRotaShortfall(sqlite3* db, int64_t scenarioId, const std::map<int, int>& missingByPost) {
    createStaffTables(db);
    Transaction tx(db);
    Statement clear(db, "DELETE FROM cordon_rota_shortfall WHERE scenario_id = ?1");
    clear.bind(1, scenarioId).run();
    Statement s(db, "INSERT INTO cordon_rota_shortfall(scenario_id, post, missing) VALUES(?1, ?2, ?3)");
    for (const auto& [post, missing] : missingByPost) {
        s.bind(1, scenarioId).bind(2, post).bind(3, missing).run();
    }
    tx.commit();
}

std::map<int, int> loadRotaShortfall(sqlite3* db, int64_t scenarioId) {
    std::map<int, int> out;
    if (!tableExists(db, "cordon_rota_shortfall")) return out;
    Statement s(db, "SELECT post, missing FROM cordon_rota_shortfall WHERE scenario_id = ?1 AND missing > 0");
    s.bind(1, scenarioId);
    while (s.step()) out[s.integer(0)] = s.integer(1);
    return out;
}

void setTemperatureCheck(sqlite3* db, int64_t scenarioId, int post, bool isChecked) {
    createStaffTables(db);
    Statement s(db, "INSERT OR REPLACE INTO cordon_rota_posts(scenario_id, post, temperature_check) VALUES(?1, ?2, ?3)");
    s.bind(1, scenarioId).bind(2, post).bind(3, isChecked ? 1 : 0).run();
}

}  // namespace geo
