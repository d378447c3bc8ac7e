// Hand edits of boundary, districts and villages saved straight into the workspace's GeoPackage
// tables through SQLite (the GeoPackage rtree triggers keep the spatial index in step), each in
// one transaction with the layer's record, and undone by writing the features back.
#include "geo/plan/layer_edit_session.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "geo/core/error.hpp"
#include "geo/io/gpkg_rtree.hpp"
#include "geo/io/wkb.hpp"
#include "geo/plan/plan_carry.hpp"
#include "geo/plan/snap.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {
namespace {

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::vector<std::string> tableColumns(sqlite3* db, const std::string& table) {
    std::vector<std::string> out;
    Statement info(db, ("PRAGMA table_info(" + quoteIdentifier(table) + ")").c_str());
    while (info.step()) {
        std::string c = info.text(1);
        if (c != "fid" && c != "geom") out.push_back(c);
    }
    return out;
}

// The GeoPackage's rtree triggers write a virtual table, which SQLite allows only with a trusted
// schema. For the edit's transaction the schema is trusted: a writable workspace holds no trigger
// or view but Cordon's and GDAL's (Workspace::open refuses others), and the authorizer lets only
// those act.
class TrustedSchema {
public:
    explicit TrustedSchema(sqlite3* db) : db_(db) {
        sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &was_);
        sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, nullptr);
    }
    ~TrustedSchema() { sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, was_, nullptr); }
    TrustedSchema(const TrustedSchema&) = delete;
    TrustedSchema& operator=(const TrustedSchema&) = delete;
private:
    sqlite3* db_;
    int was_ = 0;
};

GeomKind defaultKind(EditLayer layer) { return layer == EditLayer::Villages ? GeomKind::Point : GeomKind::Polygon; }

// The srs_id the workspace's layers use: the roads' (every workspace has roads).
int workspaceSrsId(sqlite3* db, int workingEpsg) {
    Statement s(db, "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'roads'");
    int srs = s.step() ? s.integer(0) : workingEpsg;
    Statement known(db, "SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?");
    known.bind(1, srs);
    if (!known.step()) throw Error("the workspace has no spatial reference for EPSG:" + std::to_string(workingEpsg));
    return srs;
}

// The layer's feature table, as GDAL would have written it, with a name column for districts
// and villages. Its spatial index is added once the first rows are in (createTableIndex).
void createTable(sqlite3* db, EditLayer layer, GeomKind kind, int srs) {
    const std::string name = editLayerName(layer);
    const char* type = kind == GeomKind::Point ? "MULTIPOINT" : "MULTIPOLYGON";
    exec(db, ("CREATE TABLE " + quoteIdentifier(name) + " (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom " + type +
              (layer == EditLayer::Boundary ? std::string(")") : std::string(", name TEXT)")))
                 .c_str());
    Statement contents(db,
                       "INSERT INTO gpkg_contents(table_name, data_type, identifier, description, last_change, srs_id)"
                       " VALUES (?, 'features', ?, '', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)");
    contents.bind(1, name).bind(2, name).bind(3, srs).run();
    Statement columns(db,
                      "INSERT INTO gpkg_geometry_columns(table_name, column_name, geometry_type_name, srs_id, z, m)"
                      " VALUES (?, 'geom', ?, ?, 0, 0)");
    columns.bind(1, name).bind(2, std::string_view(type)).bind(3, srs).run();
}

}  // namespace

LayerEditSession::LayerEditSession(Workspace& workspace, size_t maxDepth) : workspace_(&workspace), maxDepth_(maxDepth) {}

bool LayerEditSession::isReadOnly() const { return workspace_->isReadOnly(); }

GeomKind LayerEditSession::kind(EditLayer layer) const {
    auto& known = kinds_[static_cast<size_t>(layer)];
    if (known) return *known;
    Statement t(workspace_->db(), "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?");
    t.bind(1, std::string_view(editLayerName(layer)));
    // No table yet: the default, which is also what this session creates the table with.
    known = !t.step() ? defaultKind(layer) : t.text(0).find("POINT") != std::string::npos ? GeomKind::Point : GeomKind::Polygon;
    return *known;
}

void LayerEditSession::load(EditLayer layer) const {
    std::vector<EditFeature> out;
    sqlite3* db = workspace_->db();
    const std::string table = editLayerName(layer);
    if (workspace_->hasLayer(table)) {
        const GeomKind k = kind(layer);
        const std::vector<std::string> columns = tableColumns(db, table);
        std::string sql = "SELECT fid, geom";
        for (const auto& c : columns) sql += ", " + quoteIdentifier(c);
        sql += " FROM " + quoteIdentifier(table) + " ORDER BY fid";
        Statement s(db, sql.c_str());
        while (s.step()) {
            size_t size = 0, wkbSize = 0;
            const uint8_t* blob = s.blob(1, &size);
            const uint8_t* wkb = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr;
            Layer one;
            one.kind = k;
            if (!wkb || appendWkbFeature(one, wkb, wkbSize) != WkbResult::Added) continue;  // damaged: left alone
            EditFeature f = featureFromLayer(one, 0);
            f.fid = s.int64(0);
            for (size_t c = 0; c < columns.size(); ++c) f.attrs.emplace_back(columns[c], s.text(static_cast<int>(c + 2)));
            out.push_back(std::move(f));
        }
    }
    features_[static_cast<size_t>(layer)] = std::move(out);
}

const std::vector<EditFeature>& LayerEditSession::features(EditLayer layer) const {
    auto& slot = features_[static_cast<size_t>(layer)];
    if (!slot) load(layer);
    return *slot;
}

std::optional<size_t> LayerEditSession::indexOf(EditLayer layer, int64_t fid) const {
    const auto& all = features(layer);
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i].fid == fid) return i;
    return std::nullopt;
}

std::string LayerEditSession::nameColumn(EditLayer layer) const {
    const std::string table = editLayerName(layer);
    if (!workspace_->hasLayer(table)) return "name";
    Layer names;
    for (const auto& c : tableColumns(workspace_->db(), table)) names.fields.push_back(StringColumn{c, {}, {0}});
    int i = findNameField(names);
    return i >= 0 ? names.fields[static_cast<size_t>(i)].name : "name";
}

std::string LayerEditSession::nameOf(EditLayer layer, const EditFeature& f) const {
    const std::string* v = f.attr(nameColumn(layer));
    return v ? *v : std::string();
}

void LayerEditSession::apply(EditLayer layer, const std::vector<EditFeature>& before, std::vector<EditFeature>& after) {
    if (isReadOnly()) throw Error(fileName(workspace_->path()) + ": the workspace is read-only; edits are not possible");
    const std::string table = editLayerName(layer);
    const GeomKind k = kind(layer);
    for (const auto& f : after)
        if (std::string problem = polygonProblem(f, k); !problem.empty())
            throw Error(std::string(table) + ": " + problem + "; not saved");
    sqlite3* db = workspace_->db();
    try {
        registerGpkgGeometryFunctions(db);  // the tables' rtree triggers call them
        TrustedSchema trusted(db);
        Transaction tx(db);
        const int srs = workspaceSrsId(db, workspace_->workingEpsg());
        const bool isNewTable = !workspace_->hasLayer(table);
        if (isNewTable) createTable(db, layer, k, srs);
        std::vector<std::string> columns = tableColumns(db, table);
        for (const auto& f : after)
            for (const auto& [column, value] : f.attrs)
                if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
                    exec(db, ("ALTER TABLE " + quoteIdentifier(table) + " ADD COLUMN " + quoteIdentifier(column) + " TEXT").c_str());
                    columns.push_back(column);
                }
        std::set<int64_t> kept;
        for (const auto& f : after)
            if (f.fid) kept.insert(f.fid);
        Statement del(db, ("DELETE FROM " + quoteIdentifier(table) + " WHERE fid = ?").c_str());
        for (const auto& f : before)
            if (!kept.count(f.fid)) del.bind(1, f.fid).run();
        std::set<int64_t> existing;
        for (const auto& f : before) existing.insert(f.fid);
        for (auto& f : after) {
            const std::string blob = gpkgBlobFromFeature(featureLayer(f, k), 0, srs);
            std::string sql;
            if (f.fid && existing.count(f.fid)) {
                sql = "UPDATE " + quoteIdentifier(table) + " SET geom = ?1";
                for (size_t c = 0; c < f.attrs.size(); ++c) sql += ", " + quoteIdentifier(f.attrs[c].first) + " = ?" + std::to_string(c + 3);
                sql += " WHERE fid = ?2";
            } else {
                sql = "INSERT INTO " + quoteIdentifier(table) + "(geom, fid";
                for (const auto& a : f.attrs) sql += ", " + quoteIdentifier(a.first);
                sql += ") VALUES (?1, ?2";
                for (size_t c = 0; c < f.attrs.size(); ++c) sql += ", ?" + std::to_string(c + 3);
                sql += ")";
            }
            Statement s(db, sql.c_str());
            s.bindBlob(1, blob.data(), blob.size());
            if (f.fid) s.bind(2, f.fid);
            else s.bindNull(2);
            for (size_t c = 0; c < f.attrs.size(); ++c) s.bind(static_cast<int>(c + 3), f.attrs[c].second);
            s.run();
            if (!f.fid) f.fid = sqlite3_last_insert_rowid(db);
        }
        if (isNewTable) {
            createGpkgSpatialIndex(db, table, "geom", "fid");
            workspace_->trustOwnTriggers();  // the new index's triggers act on the next edit
        }
        load(layer);
        const auto& now = *features_[static_cast<size_t>(layer)];
        Bbox box;
        for (const auto& f : now)
            for (const auto& part : f.parts)
                for (const auto& ring : part)
                    for (const EditPoint& p : ring) box.add(p.x, p.y);
        Statement extent(db,
                         "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,"
                         " last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?");
        if (box.isEmpty()) extent.bindNull(1).bindNull(2).bindNull(3).bindNull(4);
        else extent.bind(1, box.minX).bind(2, box.minY).bind(3, box.maxX).bind(4, box.maxY);
        extent.bind(5, table).run();
        Statement count(db, "UPDATE cordon_layers SET features = ? WHERE name = ?");
        count.bind(1, static_cast<int64_t>(now.size())).bind(2, table).run();
        if (sqlite3_changes(db) == 0) {
            Statement record(db,
                             "INSERT INTO cordon_layers(name, role, epsg, source, encoding, encoding_reason, features, report)"
                             " VALUES (?, ?, ?, 'drawn', 'UTF-8', 'drawn by hand', ?, '')");
            record.bind(1, table).bind(2, table).bind(3, workspace_->workingEpsg()).bind(4, static_cast<int64_t>(now.size())).run();
        }
        tx.commit();
    } catch (const Error& e) {
        features_[static_cast<size_t>(layer)].reset();  // read again from what the file holds
        std::string what = e.what();
        if (what.rfind(fileName(workspace_->path()), 0) == 0) throw;
        throw Error(fileName(workspace_->path()) + ": " + table + " not saved (" + what + ")");
    }
    ++version_;
    // Checkpoints take their district from the districts layer: follow it, as a replaced layer does.
    warning_.clear();
    if (layer == EditLayer::Districts) {
        try {
            resnapPlans(*workspace_);
        } catch (const Error& e) {
            warning_ = std::string("the checkpoints' districts were not updated: ") + e.what();
        }
    }
}

void LayerEditSession::commit(LayerEditStep step) {
    apply(step.layer, step.before, step.after);
    redo_.clear();
    undo_.push_back(std::move(step));
    if (undo_.size() > maxDepth_) undo_.erase(undo_.begin());
}

int64_t LayerEditSession::addFeature(EditLayer layer, EditFeature f, const std::string& label) {
    f.fid = 0;
    LayerEditStep step{layer, label, {}, {std::move(f)}};
    commit(std::move(step));
    return undo_.back().after.front().fid;
}

size_t LayerEditSession::requireIndex(EditLayer layer, int64_t fid) const {
    auto i = indexOf(layer, fid);
    if (!i) throw Error(std::string(editLayerName(layer)) + ": no feature " + std::to_string(fid));
    return *i;
}

void LayerEditSession::replaceFeature(EditLayer layer, const EditFeature& f, const std::string& label) {
    commit({layer, label, {features(layer)[requireIndex(layer, f.fid)]}, {f}});
}

void LayerEditSession::deleteFeature(EditLayer layer, int64_t fid) {
    commit({layer, "delete feature", {features(layer)[requireIndex(layer, fid)]}, {}});
}

void LayerEditSession::setName(EditLayer layer, int64_t fid, const std::string& name) {
    const EditFeature& before = features(layer)[requireIndex(layer, fid)];
    EditFeature f = before;
    f.setAttr(nameColumn(layer), name);
    commit({layer, "rename", {before}, {f}});
}

std::optional<EditLayer> LayerEditSession::replay(std::vector<LayerEditStep>& from, std::vector<LayerEditStep>& to, bool isUndo) {
    if (from.empty()) return std::nullopt;
    LayerEditStep& step = from.back();
    std::vector<EditFeature> target = isUndo ? step.before : step.after;
    apply(step.layer, isUndo ? step.after : step.before, target);
    const EditLayer layer = step.layer;
    to.push_back(std::move(step));
    from.pop_back();
    return layer;
}

std::optional<EditLayer> LayerEditSession::undo() { return replay(undo_, redo_, true); }

std::optional<EditLayer> LayerEditSession::redo() { return replay(redo_, undo_, false); }

}  // namespace geo
