// Push: the rows a command changed in the working copy -> the server, in one transaction, each
// UPDATE and DELETE guarded by the row version the copy was pulled at.
#include "geo/server/township.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "geo/core/json.hpp"
#include "geo/io/wkb.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/server/township_local.hpp"
#include "geo/workspace/sqlite.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

using sync::kCheckpointColumns;
using sync::kScenarioColumns;

std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw Error(path + ": cannot read");
    return bytes;
}

// "$a, $a+1, ..." for n parameters.
std::string placeholders(int first, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += (i ? ", $" : "$") + std::to_string(first + static_cast<int>(i));
    return out;
}

template <size_t N>
std::string assignments(const std::array<const char*, N>& columns, int first) {
    std::string out;
    for (size_t i = 0; i < N; ++i)
        out += (i ? ", " : "") + std::string(columns[i]) + " = $" + std::to_string(first + static_cast<int>(i));
    return out;
}

std::optional<std::string> columnText(sqlite3_stmt* s, int c) {
    if (sqlite3_column_type(s, c) == SQLITE_NULL) return std::nullopt;
    const unsigned char* t = sqlite3_column_text(s, c);
    return std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(s, c)));
}

// Rows for one table sent as multi-row INSERTs of up to kRowsPerInsert rows: one round trip per
// batch instead of one per row (PostgreSQL takes at most 65535 parameters a statement).
class BatchInsert {
public:
    // `head`: "INSERT INTO t(a, b, c) VALUES"; `row`: one row's values with $1..$n for its own
    // parameters, renumbered per row ("($1, ST_GeomFromWKB($2), $3::jsonb)").
    BatchInsert(PgConnection& conn, std::string head, std::string row, int paramsPerRow)
        : conn_(conn), head_(std::move(head)), row_(std::move(row)), paramsPerRow_(paramsPerRow) {}
    void add(std::vector<PgParam> rowParams) {
        for (auto& p : rowParams) params_.push_back(std::move(p));
        if (++rows_ == kRowsPerInsert) flush();
    }
    void flush() {
        if (rows_ == 0) return;
        std::string sql = head_;
        for (size_t r = 0; r < rows_; ++r) sql += (r ? ", " : " ") + renumbered(static_cast<int>(r) * paramsPerRow_);
        conn_.query(sql, params_);
        params_.clear();
        rows_ = 0;
    }

private:
    static constexpr size_t kRowsPerInsert = 128;  // the demo's layers and registers take several
    // row_ with every $k written $(k + offset).
    std::string renumbered(int offset) const {
        std::string out;
        for (size_t i = 0; i < row_.size(); ++i) {
            if (row_[i] != '$' || i + 1 >= row_.size() || !std::isdigit(static_cast<unsigned char>(row_[i + 1]))) {
                out += row_[i];
                continue;
            }
            size_t end = i + 1;
            while (end < row_.size() && std::isdigit(static_cast<unsigned char>(row_[end]))) ++end;
            out += "$" + std::to_string(std::stoi(row_.substr(i + 1, end - i - 1)) + offset);
            i = end - 1;
        }
        return out;
    }
    PgConnection& conn_;
    std::string head_, row_;
    int paramsPerRow_;
    std::vector<PgParam> params_;
    size_t rows_ = 0;
};

// The township's workspace without its plans (they travel row by row).
std::string strippedTemplate(sqlite3* db) {
    std::string tmp = temporaryWorkspacePath("template");
    Statement vacuum(db, "VACUUM INTO ?");
    vacuum.bind(1, tmp).run();
    {
        SqliteDb copy = sync::openWorkingCopy(tmp, true);
        exec(copy.get(), "DELETE FROM checkpoints; DELETE FROM cordon_scenario_district_staff; DELETE FROM cordon_scenarios;"
                         "DROP TABLE IF EXISTS cordon_sync; DROP TABLE IF EXISTS cordon_sync_meta;"
                         "DROP TABLE IF EXISTS cordon_sync_conflicts; VACUUM;");
    }
    std::string bytes = readFileBytes(tmp);
    fs::remove_all(fs::path(tmp).parent_path());
    return bytes;
}

class Pusher {
public:
    Pusher(PgConnection& conn, sqlite3* db, PushMode mode, std::string templateBytes)
        : conn_(conn), db_(db), mode_(mode), template_(std::move(templateBytes)) {}

    PushResult run() {
        township_ = sync::syncMeta(db_, "township");
        if (township_.empty()) throw Error("this workspace was not pulled from a server (no township recorded)");
        int64_t baseVersion = std::stoll(sync::syncMeta(db_, "township_version"));
        epsg_ = std::to_string(workingEpsg());
        if (baseVersion == 0) {
            createTownship();
        } else {
            PgResult t = conn_.query("SELECT id FROM cordon.townships WHERE name = $1", {township_});
            if (!t.rows()) throw Error("no township '" + township_ + "' on the server any more");
            townshipId_ = t.text(0, 0);
            if (!template_.empty()) updateTownship(baseVersion);
        }
        pushScenarios();
        pushCheckpoints();
        deleteScenarios();
        return std::move(result_);
    }

    // After the server's commit: the copy's base becomes what it pushed, so that it can push
    // again (a GUI session, a benchmark writer). Inserted rows have new ids there: pull again.
    // `templateHash`: the copy's, taken before the push (which writes no table the hash reads).
    void advanceBase(const std::string& templateHash) {
        Statement set(db_, "UPDATE cordon_sync SET base_version = ?, base_hash = ? WHERE kind = ? AND id = ?");
        for (const auto& b : newBase_) set.bind(1, b.version).bind(2, b.hash).bind(3, b.kind).bind(4, b.id).run();
        if (!townshipVersion_.empty()) {
            sync::setSyncMeta(db_, "township_version", townshipVersion_);
            sync::setSyncMeta(db_, "template_hash", templateHash);
        }
    }

private:
    int workingEpsg() {
        Statement s(db_, "SELECT value FROM cordon_meta WHERE key = 'working_epsg'");
        int epsg = s.step() ? std::atoi(s.text(0).c_str()) : 0;
        if (epsg <= 0) throw Error("the workspace has no working CRS recorded");
        return epsg;
    }

    void conflict(SyncConflict c) {
        if (mode_ == PushMode::RefuseOnConflict) {
            c.message += "; your edit was not saved — reload and try again";
            throw PushConflict(std::move(c));
        }
        c.message += "; both versions are kept (cordon sync --keep mine|theirs --checkpoint ID)";
        result_.conflicts.push_back(std::move(c));
    }

    // Who changed row `id` of `table` last, and when; deletedThere when it is gone.
    // A row still at the version this copy loaded was not written because the server's row-level
    // security hid it from this role: a refusal, not a conflict.
    SyncConflict describe(const char* kind, const char* table, int64_t id, std::string what, int64_t baseVersion) {
        SyncConflict c;
        c.kind = kind;
        c.serverId = id;
        PgResult r = conn_.query(std::string("SELECT updated_by, to_char(updated_at, 'HH24:MI:SS'), row_version FROM cordon.") +
                                 table + " WHERE id = $1", {id});
        if (r.rows() && r.int64(0, 2) == baseVersion)
            throw Error("the server refused the edit of " + what + ": role " + conn_.user() + " may not write township \"" +
                        township_ + "\" (ask for cordon server grant ... --township " + township_ + ")");
        if (r.rows()) {
            c.changedBy = r.text(0, 0);
            c.changedAt = r.text(0, 1);
            c.message = what + " was changed by " + c.changedBy + " at " + c.changedAt + " since you loaded it";
        } else {
            c.deletedThere = true;
            c.message = what + " was deleted by another planner since you loaded it";
        }
        return c;
    }

    void createTownship() {
        if (conn_.query("SELECT 1 FROM cordon.townships WHERE name = $1", {township_}).rows())
            throw Error("township '" + township_ + "' is already on the server: import with --township into it to replace its layers");
        PgResult r = conn_.query("INSERT INTO cordon.townships(name, epsg, template) VALUES ($1, $2, $3) RETURNING id",
                                 {township_, epsg_, PgParam::binary(template_)});
        townshipId_ = r.text(0, 0);
        townshipVersion_ = "1";
        mirrorLayers();
    }

    void updateTownship(int64_t baseVersion) {
        PgResult r = conn_.query("UPDATE cordon.townships SET template = $1, epsg = $2 WHERE id = $3 AND row_version = $4"
                                 " RETURNING row_version", {PgParam::binary(template_), epsg_, townshipId_, baseVersion});
        if (r.rows() == 0) {
            SyncConflict c = describe("township", "townships", std::stoll(townshipId_),
                                      "the layers and registers of township \"" + township_ + "\"", baseVersion);
            c.name = township_;
            if (mode_ == PushMode::KeepConflicts) c.message += "; theirs are kept, pull again to import yours";
            conflict(std::move(c));
            return;
        }
        result_.layersUploaded = true;
        townshipVersion_ = r.text(0, 0);
        mirrorLayers();
    }

    // The layers as PostGIS geometry (attributes as jsonb) and the returnee counts, for the
    // server's own queries, QGIS and the county view; a pull reads the workspace template.
    void mirrorLayers() {
        for (const char* t : {"boundary", "districts", "roads", "villages", "returnee_cells", "returnee_villages"})
            conn_.query(std::string("DELETE FROM cordon.") + t + " WHERE township_id = $1", {townshipId_});
        Statement layers(db_, "SELECT l.name, l.role, g.column_name FROM cordon_layers l"
                              " JOIN gpkg_geometry_columns g ON g.table_name = l.name");
        while (layers.step()) {
            std::string role = layers.text(1);
            if (role != "boundary" && role != "districts" && role != "roads" && role != "villages") continue;
            mirrorLayer(layers.text(0), role, layers.text(2));
        }
        if (tableExists(db_, "cordon_returnee_cells")) {
            Statement s(db_, "SELECT b.name, c.cell_x, c.cell_y, c.count FROM cordon_returnee_cells c"
                             " JOIN cordon_returnee_batches b ON b.id = c.batch");
            BatchInsert insert(conn_, "INSERT INTO cordon.returnee_cells(township_id, batch, cell_x, cell_y, count) VALUES",
                               "($1, $2, $3, $4, $5)", 5);
            while (s.step()) insert.add({townshipId_, s.text(0), s.int64(1), s.int64(2), s.int64(3)});
            insert.flush();
        }
        if (tableExists(db_, "cordon_returnee_villages")) {
            Statement s(db_, "SELECT b.name, v.village, v.arrival, v.origin, v.status, v.count, v.fever"
                             " FROM cordon_returnee_villages v JOIN cordon_returnee_batches b ON b.id = v.batch");
            BatchInsert insert(conn_,
                               "INSERT INTO cordon.returnee_villages(township_id, batch, village, arrival, origin, status, count, fever)"
                               " VALUES",
                               "($1, $2, $3, $4, $5, $6, $7, $8)", 8);
            while (s.step()) insert.add({townshipId_, s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5), s.int64(6)});
            insert.flush();
        }
    }

    void mirrorLayer(const std::string& table, const std::string& role, const std::string& geomColumn) {
        Statement s(db_, ("SELECT * FROM " + quoteIdentifier(table)).c_str());
        BatchInsert insert(conn_, "INSERT INTO cordon." + role + "(township_id, fid, geom, attrs) VALUES",
                           "($1, $2, ST_SetSRID(ST_GeomFromWKB($3), $4::int), $5::jsonb)", 5);
        while (s.step()) {
            JsonWriter attrs;
            attrs.beginObject();
            int64_t fid = 0;
            std::string wkb;
            for (int c = 0; c < sqlite3_column_count(s.get()); ++c) {
                std::string name = sqlite3_column_name(s.get(), c);
                int type = sqlite3_column_type(s.get(), c);
                if (name == geomColumn) {
                    size_t size = 0;
                    const uint8_t* blob = s.blob(c, &size);
                    size_t wkbSize = 0;
                    if (const uint8_t* w = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr)
                        wkb.assign(reinterpret_cast<const char*>(w), wkbSize);
                } else if (name == "fid") {
                    fid = s.int64(c);
                } else {
                    attrs.key(name);
                    if (type == SQLITE_NULL) attrs.null();
                    else if (type == SQLITE_INTEGER) attrs.value(s.int64(c));
                    else if (type == SQLITE_FLOAT) attrs.value(s.real(c), 9);
                    else attrs.value(s.text(c));
                }
            }
            attrs.endObject();
            if (wkb.empty()) continue;  // a damaged geometry: readLayer leaves it out as well
            insert.add({townshipId_, fid, PgParam::binary(wkb), epsg_, attrs.str()});
        }
        insert.flush();
    }

    void pushScenarios() {
        sync::BaseMap base = sync::readBase(db_, "scenario");
        auto hashes = sync::scenarioHashes(db_);
        Statement s(db_, ("SELECT id, " + sync::joined(kScenarioColumns) + " FROM cordon_scenarios ORDER BY id").c_str());
        while (s.step()) {
            int64_t id = s.int64(0);
            std::vector<PgParam> params;
            for (int c = 1; c <= static_cast<int>(kScenarioColumns.size()); ++c) params.push_back(columnText(s.get(), c));
            auto it = base.find(id);
            if (it == base.end()) {
                params.push_back(townshipId_);
                PgResult r = conn_.query("INSERT INTO cordon.scenarios(" + sync::joined(kScenarioColumns) + ", township_id) VALUES (" +
                                         placeholders(1, params.size()) + ") RETURNING id", params);
                scenarioIds_[id] = r.int64(0, 0);
                ++result_.inserted;
                replaceStaff(id);
                continue;
            }
            scenarioIds_[id] = id;
            if (hashes[id] == it->second.hash) continue;
            params.push_back(id);
            params.push_back(it->second.version);
            int n = static_cast<int>(kScenarioColumns.size());
            PgResult r = conn_.query("UPDATE cordon.scenarios SET " + assignments(kScenarioColumns, 1) + " WHERE id = $" +
                                     std::to_string(n + 1) + " AND row_version = $" + std::to_string(n + 2) +
                                     " RETURNING row_version", params);
            if (r.rows() == 0) {
                SyncConflict c = describe("scenario", "scenarios", id, "scenario \"" + s.text(1) + "\"", it->second.version);
                c.name = s.text(1);
                conflict(std::move(c));
                continue;
            }
            ++result_.updated;
            newBase_.push_back({"scenario", id, r.int64(0, 0), hashes[id]});
            replaceStaff(id);
        }
    }

    void replaceStaff(int64_t localId) {
        std::string serverId = std::to_string(scenarioIds_.at(localId));
        conn_.query("DELETE FROM cordon.scenario_district_staff WHERE scenario_id = $1", {serverId});
        Statement s(db_, "SELECT district, staff FROM cordon_scenario_district_staff WHERE scenario_id = ?");
        s.bind(1, localId);
        while (s.step())
            conn_.query("INSERT INTO cordon.scenario_district_staff(scenario_id, township_id, district, staff) VALUES ($1, $2, $3, $4)",
                        {serverId, townshipId_, s.text(0), s.int64(1)});
    }

    // The point of a checkpoint's GeoPackage blob; nullopt for none (removed outside Cordon).
    static std::optional<std::pair<double, double>> pointOf(const Statement& s, int c) {
        size_t size = 0, wkbSize = 0;
        const uint8_t* blob = s.blob(c, &size);
        const uint8_t* wkb = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr;
        if (!wkb) return std::nullopt;
        Layer point;
        point.kind = GeomKind::Point;
        if (appendWkbFeature(point, wkb, wkbSize) != WkbResult::Added) return std::nullopt;
        return std::pair{point.xy[0], point.xy[1]};
    }

    void pushCheckpoints() {
        sync::BaseMap base = sync::readBase(db_, "checkpoint");
        auto hashes = sync::checkpointHashes(db_);
        Statement s(db_, ("SELECT fid, scenario_id, geom, " + sync::joined(kCheckpointColumns) + " FROM checkpoints ORDER BY fid").c_str());
        const std::string geom = "CASE WHEN $3::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($3::float8, $4::float8), $5::int) END";
        const int n = static_cast<int>(kCheckpointColumns.size());
        std::set<int64_t> present;
        while (s.step()) {
            int64_t id = s.int64(0);
            present.insert(id);
            auto it = base.find(id);
            if (it != base.end() && hashes[id] == it->second.hash) continue;
            int64_t scenario = s.int64(1);
            if (auto m = scenarioIds_.find(scenario); m != scenarioIds_.end()) scenario = m->second;
            auto point = pointOf(s, 2);
            std::vector<PgParam> params{it == base.end() ? PgParam(townshipId_) : PgParam(id), scenario,
                                        point ? PgParam(std::to_string(point->first)) : PgParam(std::nullopt),
                                        point ? PgParam(std::to_string(point->second)) : PgParam(std::nullopt), epsg_};
            for (int c = 0; c < n; ++c) params.push_back(columnText(s.get(), 3 + c));
            std::string what = "checkpoint " + s.text(3 + 14) + " \"" + s.text(3 + 1) + "\"";
            if (it == base.end()) {
                conn_.query("INSERT INTO cordon.checkpoints(township_id, scenario_id, geom, " + sync::joined(kCheckpointColumns) +
                            ") VALUES ($1, $2, " + geom + ", " + placeholders(6, static_cast<size_t>(n)) + ")", params);
                ++result_.inserted;
                continue;
            }
            params.push_back(it->second.version);
            PgResult r = conn_.query("UPDATE cordon.checkpoints SET scenario_id = $2, geom = " + geom + ", " +
                                     assignments(kCheckpointColumns, 6) + " WHERE id = $1 AND row_version = $" +
                                     std::to_string(6 + n) + " RETURNING row_version", params);
            if (r.rows() == 1) {
                ++result_.updated;
                newBase_.push_back({"checkpoint", id, r.int64(0, 0), hashes[id]});
                continue;
            }
            SyncConflict c = describe("checkpoint", "checkpoints", id, what, it->second.version);
            c.number = static_cast<int>(s.int64(3 + 14));
            c.name = s.text(3 + 1);
            keepLocalCopy(id, c);
            conflict(std::move(c));
        }
        for (const auto& [id, b] : base) {
            if (present.count(id)) continue;
            PgResult r = conn_.query("DELETE FROM cordon.checkpoints WHERE id = $1 AND row_version = $2", {id, b.version});
            if (r.affected() == 1) {
                ++result_.deleted;
                continue;
            }
            PgResult now = conn_.query("SELECT number, name FROM cordon.checkpoints WHERE id = $1", {id});
            if (!now.rows()) continue;  // deleted there as well: nothing to keep
            SyncConflict c = describe("checkpoint", "checkpoints", id,
                                      "checkpoint " + now.text(0, 0) + " \"" + now.text(0, 1) + "\" (deleted here)", b.version);
            c.number = static_cast<int>(now.int64(0, 0));
            c.name = now.text(0, 1);
            conflict(std::move(c));
        }
    }

    void deleteScenarios() {
        for (const auto& [id, b] : sync::readBase(db_, "scenario")) {
            if (scenarioIds_.count(id)) continue;
            PgResult others = conn_.query("SELECT count(*) FROM cordon.checkpoints WHERE scenario_id = $1", {id});
            PgResult r = conn_.query("SELECT name FROM cordon.scenarios WHERE id = $1", {id});
            if (!r.rows()) continue;
            if (others.int64(0, 0) == 0) {
                PgResult d = conn_.query("DELETE FROM cordon.scenarios WHERE id = $1 AND row_version = $2", {id, b.version});
                if (d.affected() == 1) {
                    ++result_.deleted;
                    continue;
                }
            }
            SyncConflict c = describe("scenario", "scenarios", id, "scenario \"" + r.text(0, 0) + "\" (deleted here)",
                                      others.int64(0, 0) > 0 ? -1 : b.version);
            if (others.int64(0, 0) > 0)
                c.message = "scenario \"" + r.text(0, 0) + "\" (deleted here) has checkpoints another planner added since you loaded it";
            c.name = r.text(0, 0);
            conflict(std::move(c));
        }
    }

    // KeepConflicts: this copy's version of a checkpoint the server changed too.
    void keepLocalCopy(int64_t id, const SyncConflict& c) {
        if (mode_ != PushMode::KeepConflicts) return;
        if (!tableExists(db_, "cordon_sync_conflicts"))
            exec(db_, "CREATE TABLE cordon_sync_conflicts AS SELECT * FROM checkpoints WHERE 0;"
                      "ALTER TABLE cordon_sync_conflicts ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
                      "ALTER TABLE cordon_sync_conflicts ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';");
        Statement drop(db_, "DELETE FROM cordon_sync_conflicts WHERE fid = ?");
        drop.bind(1, id).run();
        Statement keep(db_, "INSERT INTO cordon_sync_conflicts SELECT *, ?, ? FROM checkpoints WHERE fid = ?");
        keep.bind(1, c.changedBy).bind(2, c.changedAt).bind(3, id).run();
    }

    PgConnection& conn_;
    sqlite3* db_;
    PushMode mode_;
    std::string template_;  // the stripped workspace when its layers or registers changed, else ""
    std::string township_, townshipId_, epsg_;
    std::map<int64_t, int64_t> scenarioIds_;  // local id -> server id
    struct NewBase {
        std::string kind;
        int64_t id, version;
        std::string hash;
    };
    std::vector<NewBase> newBase_;
    std::string townshipVersion_;  // after an upload of the layers
    PushResult result_;
};

}  // namespace

PushResult pushTownship(PgConnection& conn, const std::string& path, PushMode mode) {
    SqliteDb db = sync::openWorkingCopy(path, true);
    addEntryGapColumn(db.get());
    // VACUUM INTO runs outside a transaction: the template is made first.
    std::string templateBytes;
    const std::string hash = sync::templateHash(db.get());
    if (sync::syncMeta(db.get(), "township_version") == "0" || hash != sync::syncMeta(db.get(), "template_hash"))
        templateBytes = strippedTemplate(db.get());
    Transaction local(db.get());
    PgTransaction tx(conn);
    Pusher pusher(conn, db.get(), mode, std::move(templateBytes));
    PushResult result = pusher.run();
    tx.commit();
    pusher.advanceBase(hash);
    local.commit();
    return result;
}

std::string refreshWorkingCopy(PgConnection& conn, sqlite3* db) {
    Transaction local(db);
    std::string refused;
    {
        PgTransaction tx(conn);
        try {
            Pusher(conn, db, PushMode::RefuseOnConflict, "").run();
            tx.commit();
        } catch (const Error& e) {  // a conflict or a refusal by the server: the server's rows replace the edit
            refused = e.what();
        }
    }
    PgTransaction tx(conn);
    conn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PgResult t = conn.query("SELECT id, epsg FROM cordon.townships WHERE name = $1", {sync::syncMeta(db, "township")});
    if (!t.rows()) throw Error("the township is no longer on the server");
    sync::replacePlans(conn, db, t.int64(0, 0), static_cast<int>(t.int64(0, 1)));
    tx.commit();
    local.commit();
    return refused;
}

}  // namespace geo
