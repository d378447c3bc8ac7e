// One township on the server <-> a local GeoPackage working copy: pull, push with row versions.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/server/pg.hpp"

struct sqlite3;

namespace geo {

struct Township {
    int64_t id = 0;
    std::string name;
    int epsg = 0;
    int64_t rowVersion = 0;
};
std::vector<Township> listTownships(PgConnection& conn);
std::optional<Township> findTownship(PgConnection& conn, const std::string& name);

// Writes township `name` as a workspace at `path` (replacing the file): its layers and
// registers, then its scenarios and checkpoints, remembering each row's version (table
// cordon_sync) so that a push can tell what changed here and refuse to overwrite others' edits.
void pullTownship(PgConnection& conn, const std::string& name, const std::string& path);
// Marks a freshly imported workspace as new township `name`: its first push creates it.
void markNewTownship(const std::string& path, const std::string& name);
// The township a working copy belongs to ("" when it was never pulled).
std::string workingCopyTownship(const std::string& path);

// A row edited here and, since the pull, by someone else on the server.
struct SyncConflict {
    std::string kind;     // "checkpoint", "scenario", "township"
    int64_t serverId = 0;
    int number = 0;       // a checkpoint's number
    std::string name;
    std::string changedBy, changedAt;  // "" when deleted on the server
    bool deletedThere = false;
    std::string message;  // one line for the planner
};

// A push refused as a whole: message() names the first conflicting row.
class PushConflict : public Error {
public:
    explicit PushConflict(SyncConflict c) : Error(c.message), conflict(std::move(c)) {}
    SyncConflict conflict;
};

struct PushResult {
    int inserted = 0, updated = 0, deleted = 0;
    bool layersUploaded = false;
    // The copy can push again after this one, unless rows were inserted (pull again first).
    std::vector<SyncConflict> conflicts;  // KeepConflicts: rows not pushed (kept locally)
};
enum class PushMode {
    RefuseOnConflict,  // one transaction: any conflict refuses the whole push (PushConflict)
    KeepConflicts,     // conflicting rows are skipped and saved in cordon_sync_conflicts, the rest is pushed
};
// Sends what changed in the working copy at `path` since its pull, in one transaction: each
// UPDATE and DELETE names the row version it was loaded at.
PushResult pushTownship(PgConnection& conn, const std::string& path, PushMode mode);

// What a working copy knows of the server, kept across `import --replace` (which writes a new
// file with new ids): scenarios are matched again by name, checkpoints by scenario and number.
struct SyncState {
    struct Row {
        std::string kind, scenario;
        int number = 0;
        int64_t id = 0, baseVersion = 0;
        std::string baseHash;
    };
    std::vector<std::pair<std::string, std::string>> meta;
    std::vector<Row> rows;
};
SyncState saveSyncState(const std::string& path);
void restoreSyncState(const std::string& path, const SyncState& state);

// An open working copy kept live (the GUI): pushes its edits (refused ones are reported, not
// saved), then replaces its plans with the server's, all in one local transaction on `db`, so
// that other connections to the file see one change. Returns the refusal ("" when none).
// Layers and registers edited locally are not sent this way (a command's push sends them).
std::string refreshWorkingCopy(PgConnection& conn, sqlite3* db);

// A temporary file name in the system's temporary folder, unique to this process.
std::string temporaryWorkspacePath(const std::string& stem);

}  // namespace geo
