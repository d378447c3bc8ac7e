// Pull: one township from the server into a workspace file every command opens unchanged.
#include "geo/server/township.hpp"

#include <atomic>
#include <chrono>
#include <random>
#include <filesystem>

#include "geo/io/wkb.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/server/township_local.hpp"
#include "geo/workspace/sqlite.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

const std::string kScenarioColumns = sync::joined(sync::kScenarioColumns);
const std::string kCheckpointColumns = sync::joined(sync::kCheckpointColumns);
constexpr int kCheckpointColumnCount = static_cast<int>(sync::kCheckpointColumns.size());

void insertScenarios(PgConnection& conn, sqlite3* db, int64_t township) {
    PgResult r = conn.query("SELECT id, " + kScenarioColumns + ", row_version FROM cordon.scenarios"
                            " WHERE township_id = $1 ORDER BY id", {township});
    Statement ins(db, ("INSERT INTO cordon_scenarios(id, " + kScenarioColumns +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").c_str());
    Statement base(db, "INSERT INTO cordon_sync(kind, id, base_version, base_hash) VALUES ('scenario', ?, ?, '')");
    for (int i = 0; i < r.rows(); ++i) {
        ins.bind(1, r.int64(i, 0));
        for (int c = 1; c <= 8; ++c) ins.bind(c + 1, r.text(i, c));
        ins.run();
        base.bind(1, r.int64(i, 0)).bind(2, r.int64(i, 9)).run();
    }
    PgResult staff = conn.query("SELECT scenario_id, district, staff FROM cordon.scenario_district_staff"
                                " WHERE township_id = $1", {township});
    Statement s(db, "INSERT INTO cordon_scenario_district_staff(scenario_id, district, staff) VALUES (?, ?, ?)");
    for (int i = 0; i < staff.rows(); ++i) s.bind(1, staff.int64(i, 0)).bind(2, staff.text(i, 1)).bind(3, staff.int64(i, 2)).run();
}

void insertCheckpoints(PgConnection& conn, sqlite3* db, int64_t township, int epsg) {
    PgResult r = conn.query("SELECT id, scenario_id, geom IS NULL, ST_X(geom), ST_Y(geom), " + kCheckpointColumns +
                            ", row_version FROM cordon.checkpoints WHERE township_id = $1 ORDER BY id", {township});
    std::string sql = "INSERT INTO checkpoints(fid, scenario_id, geom, " + kCheckpointColumns + ") VALUES (?, ?, ?";
    for (int c = 0; c < kCheckpointColumnCount; ++c) sql += ", ?";
    Statement ins(db, (sql + ")").c_str());
    Statement base(db, "INSERT INTO cordon_sync(kind, id, base_version, base_hash) VALUES ('checkpoint', ?, ?, '')");
    for (int i = 0; i < r.rows(); ++i) {
        ins.bind(1, r.int64(i, 0)).bind(2, r.int64(i, 1));
        std::string blob;
        if (r.text(i, 2) == "t") ins.bindNull(3);
        else {
            blob = gpkgPointBlob(r.real(i, 3), r.real(i, 4), epsg);
            ins.bindBlob(3, blob.data(), blob.size());
        }
        for (int c = 0; c < kCheckpointColumnCount; ++c) ins.bind(4 + c, r.text(i, 5 + c));
        ins.run();
        base.bind(1, r.int64(i, 0)).bind(2, r.int64(i, 5 + kCheckpointColumnCount)).run();
    }
}

void fillHashes(sqlite3* db) {
    Statement set(db, "UPDATE cordon_sync SET base_hash = ? WHERE kind = ? AND id = ?");
    for (auto [kind, hashes] : {std::pair{"scenario", sync::scenarioHashes(db)}, std::pair{"checkpoint", sync::checkpointHashes(db)}})
        for (const auto& [id, h] : hashes) set.bind(1, h).bind(2, std::string_view(kind)).bind(3, id).run();
}

}  // namespace

void sync::replacePlans(PgConnection& conn, sqlite3* db, int64_t township, int epsg) {
    exec(db, "DELETE FROM checkpoints; DELETE FROM cordon_scenario_district_staff; DELETE FROM cordon_scenarios;"
             "DELETE FROM cordon_sync;");
    insertScenarios(conn, db, township);
    insertCheckpoints(conn, db, township, epsg);
    fillHashes(db);
}

std::vector<Township> listTownships(PgConnection& conn) {
    PgResult r = conn.query("SELECT id, name, epsg, row_version FROM cordon.townships ORDER BY name");
    std::vector<Township> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.int64(i, 0), r.text(i, 1), static_cast<int>(r.int64(i, 2)), r.int64(i, 3)});
    return out;
}

std::optional<Township> findTownship(PgConnection& conn, const std::string& name) {
    PgResult r = conn.query("SELECT id, name, epsg, row_version FROM cordon.townships WHERE name = $1", {name});
    if (!r.rows()) return std::nullopt;
    return Township{r.int64(0, 0), r.text(0, 1), static_cast<int>(r.int64(0, 2)), r.int64(0, 3)};
}

void sync::pullInto(PgConnection& conn, const std::string& name, const std::string& path, const std::string& activity,
                    const std::function<void(sqlite3* db)>& carryOver) {
    // One snapshot of the township: its layers and plans as of the same moment.
    PgTransaction tx(conn);
    conn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PgResult t = conn.query("SELECT id, epsg, template, row_version FROM cordon.townships WHERE name = $1", {name});
    if (!t.rows()) throw Error("no township '" + name + "' on the server");
    int64_t township = t.int64(0, 0);
    int epsg = static_cast<int>(t.int64(0, 1));
    sync::writeWorkingCopy(path, activity, t.bytes(0, 2), [&](sqlite3* db) {
        Transaction local(db);
        addEntryGapColumn(db);
        sync::createSyncTables(db);
        sync::replacePlans(conn, db, township, epsg);
        sync::setSyncMeta(db, "township", name);
        sync::setSyncMeta(db, "township_version", t.text(0, 3));
        sync::setSyncMeta(db, "template_hash", sync::templateHash(db));
        local.commit();
        if (carryOver) carryOver(db);
    });
    tx.commit();
}

void pullTownship(PgConnection& conn, const std::string& name, const std::string& path) {
    sync::pullInto(conn, name, path, "pull", {});
}

void markNewTownship(const std::string& path, const std::string& name) {
    SqliteDb db = sync::openWorkingCopy(path, true);
    Transaction local(db.get());
    sync::createSyncTables(db.get());
    sync::setSyncMeta(db.get(), "township", name);
    sync::setSyncMeta(db.get(), "township_version", "0");
    local.commit();
}

std::string workingCopyTownship(const std::string& path) {
    SqliteDb db = sync::openWorkingCopy(path, false);
    return sync::syncMeta(db.get(), "township");
}

std::string temporaryWorkspacePath(const std::string& stem) {
    static std::atomic<int> counter{0};
    // A random part as well: other Cordon processes use the same temporary folder.
    static const unsigned salt = std::random_device{}();
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    fs::path dir = fs::temp_directory_path() /
                   ("cordon-" + std::to_string(salt) + "-" + std::to_string(now) + "-" + std::to_string(counter++));
    if (!fs::create_directory(dir)) throw Error(dir.string() + ": already exists");
    return (dir / (stem + ".gpkg")).string();
}

}  // namespace geo
