// What pull and push share about the working copy: its sync tables and content fingerprints.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "geo/core/c_handles.hpp"
#include "geo/server/pg.hpp"

namespace geo::sync {

// The plan columns that travel, the same on both sides (the server adds township, version, who, when).
inline constexpr std::array<const char*, 8> kScenarioColumns = {
    "name", "notes", "staff_available", "default_shifts", "guard_distance_m", "grid_size_m", "small_count_threshold",
    "entry_gap_m"};
inline constexpr std::array<const char*, 17> kCheckpointColumns = {
    "scenario", "name", "kind", "staff_per_shift", "shifts", "staff_required", "hours", "district", "road", "road_fid",
    "class", "notes", "leader", "phone", "number", "active_from", "active_until"};
template <size_t N>
std::string joined(const std::array<const char*, N>& columns) {
    std::string out;
    for (const char* c : columns) out += (out.empty() ? "" : ", ") + std::string(c);
    return out;
}

struct Base {
    int64_t version = 0;
    std::string hash;
};
// kind ("scenario", "checkpoint") -> id -> what was pulled.
using BaseMap = std::map<int64_t, Base>;

void createSyncTables(sqlite3* db);  // cordon_sync, cordon_sync_meta (emptied)
std::string syncMeta(sqlite3* db, const char* key);
void setSyncMeta(sqlite3* db, const char* key, const std::string& value);
BaseMap readBase(sqlite3* db, const char* kind);

// Fingerprints of the rows as they are now, by id.
std::map<int64_t, std::string> scenarioHashes(sqlite3* db);
std::map<int64_t, std::string> checkpointHashes(sqlite3* db);
// Of everything that is not a plan (layers, registers, staff, basemaps).
std::string templateHash(sqlite3* db);

// The server's scenarios and checkpoints of township `township` in place of the copy's, with
// their versions as the new base (inside the caller's transactions on both sides).
void replacePlans(PgConnection& conn, sqlite3* db, int64_t township, int epsg);

// Opens a workspace file for the sync code; geo::Error naming the file.
SqliteDb openWorkingCopy(const std::string& path, bool writable);

// Writes the working copy at `path` anew from a township's template (the bytes of a workspace):
// into a new file beside it (geo::StagedFile, `activity` naming the writer that holds its lock),
// which `fill` completes (in transactions of its own), renamed over `path` only when all of it is
// written. Anything thrown, or a process killed midway, leaves `path` as it was.
void writeWorkingCopy(const std::string& path, const std::string& activity, const std::string& templateBytes,
                      const std::function<void(sqlite3* db)>& fill);
// pullTownship through writeWorkingCopy; `carryOver`, when given, then takes what the new file
// keeps of the old one (still at `path`) before the new one replaces it.
void pullInto(PgConnection& conn, const std::string& name, const std::string& path, const std::string& activity,
              const std::function<void(sqlite3* db)>& carryOver);

}  // namespace geo::sync
