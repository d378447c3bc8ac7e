// The working copy's sync tables and the fingerprints that tell a push what changed locally.
#include "geo/server/township_local.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

#include "geo/core/error.hpp"
#include "geo/core/fnv_hash.hpp"
#include "geo/io/output_file.hpp"
#include "geo/workspace/sqlite.hpp"

namespace fs = std::filesystem;

namespace geo::sync {
namespace {

// A row's fingerprint: enough to tell an edited row from an untouched one.
struct Fnv : FnvHash {
    void addColumn(sqlite3_stmt* s, int c) {
        int type = sqlite3_column_type(s, c);
        add(&type, sizeof type);
        const void* bytes = type == SQLITE_BLOB ? sqlite3_column_blob(s, c) : sqlite3_column_text(s, c);
        int n = sqlite3_column_bytes(s, c);
        add(&n, sizeof n);
        if (bytes) add(bytes, static_cast<size_t>(n));
    }
    std::string hex() const {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
        return buf;
    }
};

// Row fingerprints of `sql` (first column: the id, left out of the fingerprint).
std::map<int64_t, std::string> rowHashes(sqlite3* db, const char* sql) {
    std::map<int64_t, std::string> out;
    Statement s(db, sql);
    while (s.step()) {
        Fnv f;
        for (int c = 1; c < sqlite3_column_count(s.get()); ++c) f.addColumn(s.get(), c);
        out[s.int64(0)] = f.hex();
    }
    return out;
}

}  // namespace

void createSyncTables(sqlite3* db) {
    exec(db,
         "DROP TABLE IF EXISTS cordon_sync; DROP TABLE IF EXISTS cordon_sync_meta;"
         "CREATE TABLE cordon_sync(kind TEXT NOT NULL, id INTEGER NOT NULL, base_version INTEGER NOT NULL,"
         "  base_hash TEXT NOT NULL, PRIMARY KEY(kind, id));"
         "CREATE TABLE cordon_sync_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);");
}

std::string syncMeta(sqlite3* db, const char* key) {
    if (!tableExists(db, "cordon_sync_meta")) return "";
    Statement s(db, "SELECT value FROM cordon_sync_meta WHERE key = ?");
    s.bind(1, std::string_view(key));
    return s.step() ? s.text(0) : "";
}

void setSyncMeta(sqlite3* db, const char* key, const std::string& value) {
    Statement s(db, "INSERT OR REPLACE INTO cordon_sync_meta(key, value) VALUES (?, ?)");
    s.bind(1, std::string_view(key)).bind(2, value).run();
}

BaseMap readBase(sqlite3* db, const char* kind) {
    BaseMap out;
    if (!tableExists(db, "cordon_sync")) return out;
    Statement s(db, "SELECT id, base_version, base_hash FROM cordon_sync WHERE kind = ?");
    s.bind(1, std::string_view(kind));
    while (s.step()) out[s.int64(0)] = {s.int64(1), s.text(2)};
    return out;
}

std::map<int64_t, std::string> scenarioHashes(sqlite3* db) {
    // A scenario's staff per district belong to it: an edit there is an edit of the scenario.
    auto rows = rowHashes(db, "SELECT * FROM cordon_scenarios ORDER BY id");
    auto staff = rowHashes(db, "SELECT scenario_id, group_concat(district || '=' || staff, ';')"
                               " FROM (SELECT * FROM cordon_scenario_district_staff ORDER BY district) GROUP BY scenario_id");
    for (auto& [id, h] : rows)
        if (auto it = staff.find(id); it != staff.end()) h += it->second;
    return rows;
}

std::map<int64_t, std::string> checkpointHashes(sqlite3* db) {
    return rowHashes(db, "SELECT * FROM checkpoints ORDER BY fid");
}

std::string templateHash(sqlite3* db) {
    // Plans travel row by row; caches, indexes and bookkeeping that change by themselves are no edit.
    static const std::set<std::string, std::less<>> skip = {
        "checkpoints", "cordon_scenarios", "cordon_scenario_district_staff", "cordon_network_cache",
        "gpkg_contents", "gpkg_ogr_contents", "sqlite_sequence", "cordon_sync", "cordon_sync_meta",
        "cordon_sync_conflicts"};
    std::vector<std::string> tables;
    {
        Statement s(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        while (s.step()) {
            std::string name = s.text(0);
            if (!skip.count(name) && name.rfind("rtree_", 0) != 0 && name.rfind("sqlite_", 0) != 0) tables.push_back(name);
        }
    }
    Fnv f;
    for (const auto& t : tables) {
        f.add(t.data(), t.size());
        Statement s(db, ("SELECT * FROM " + quoteIdentifier(t)).c_str());
        while (s.step())
            for (int c = 0; c < sqlite3_column_count(s.get()); ++c) f.addColumn(s.get(), c);
    }
    return f.hex();
}

SqliteDb openWorkingCopy(const std::string& path, bool writable) {
    SqliteDb db;
    int rc = openSqlite(path, writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, db);
    if (rc != SQLITE_OK) throw Error(path + ": cannot open: " + (db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)));
    sqlite3_busy_timeout(db.get(), 5000);
    return db;
}

void writeWorkingCopy(const std::string& path, const std::string& activity, const std::string& templateBytes,
                      const std::function<void(sqlite3* db)>& fill) {
    StagedFile staged(path, activity);
    const std::string stagedPath = staged.path().string();
    {
        std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(staged.create(), &std::fclose);
        if (!out) throw Error(path + ": cannot write the workspace pulled from the server (" + std::strerror(errno) + ")");
        const bool isWritten = std::fwrite(templateBytes.data(), 1, templateBytes.size(), out.get()) == templateBytes.size();
        if (!isWritten || std::fclose(out.release()) != 0)
            throw Error(path + ": cannot write the workspace pulled from the server (" + std::strerror(errno) + ")");
    }
    {
        SqliteDb db = openWorkingCopy(stagedPath, true);
        fill(db.get());
    }  // closed, so the new file is whole before it takes the old one's place
    // Journals of the file replaced would otherwise be taken as the new file's.
    std::error_code ec;
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
    staged.commit();
}

}  // namespace geo::sync
