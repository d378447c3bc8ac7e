// The workspace file: a GeoPackage holding imported layers plus Cordon's own tables.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/c_handles.hpp"
#include "geo/crs.hpp"
#include "geo/layer.hpp"
#include "geo/layer_reader.hpp"
#include "geo/road_class.hpp"
#include "geo/schema_guard.hpp"

namespace geo {

constexpr int kSchemaVersion = 2;  // 2: scenarios and checkpoints

struct LayerSource {
    std::string path;
    std::string layer;
    std::string where;
};

struct ImportRequest {
    std::string workspacePath;
    std::optional<LayerSource> boundary, districts, roads, villages;
    std::string roadClassField;  // "" picks highway, class, TYPE or 道路等级
    std::string nameField;       // "" picks name, NAME, 名称, 村名, ...
    std::string encoding;
    WebCoords coords = WebCoords::None;
    int crsEpsg = 0;             // 0 chooses from the boundary
    bool replace = false;        // overwrite an existing workspace file
    std::function<bool(double fraction, const std::string& stage)> progress;  // false cancels
};

struct ClassMapping {
    std::string sourceValue;
    RoadClass roadClass;
    int64_t count;
};

struct ImportReport {
    int workingEpsg = 0;
    std::string workingCrsReason;
    std::vector<std::pair<std::string, ReadReport>> layers;  // role -> report
    std::string classField;
    std::array<int64_t, kRoadClassCount> classCounts{};
    std::vector<ClassMapping> classMapping;
    int64_t boundaryFeatures = 0;
    double boundaryAreaKm2 = 0;
};

// Writes a new workspace in one step: built beside the target and renamed over it only when
// complete, so a failure leaves nothing half-written. Throws geo::Error naming the file.
ImportReport importWorkspace(const ImportRequest& request);
// sourceNamesOnly: file names instead of the paths given (what the workspace stores, so that the
// same sources give the same workspace wherever they lie).
std::string importReportJson(const ImportReport& report, bool sourceNamesOnly = false);

// The road class of every feature of a roads layer, from its `class` field.
std::vector<RoadClass> roadClasses(const Layer& roads);

struct LayerRecord {
    std::string name;
    std::string role;
    int epsg = 0;
    std::string source;
    std::string encoding;
    std::string encodingReason;
    int64_t features = 0;
};

class Workspace {
public:
    enum class Mode { ReadWrite, ReadOnly };
    // Refuses (geo::Error) files that are not Cordon workspaces or come from a newer schema;
    // a file that cannot be written opens read-only (isReadOnly()). Opening for writing also
    // refuses a file holding triggers or views neither Cordon nor GDAL made (they would run on
    // every edit); read-only, it opens and foreignObjects() lists them.
    static Workspace open(const std::string& path, Mode mode = Mode::ReadWrite);
    // Drops those triggers and views; returns what was dropped. Throws geo::Error.
    static std::vector<SchemaObject> dropForeignObjects(const std::string& path);

    const std::string& path() const { return path_; }
    sqlite3* db() const { return db_.get(); }
    bool isReadOnly() const { return readOnly_; }
    int workingEpsg() const { return workingEpsg_; }
    int schemaVersion() const { return schemaVersion_; }
    std::vector<LayerRecord> layers() const;
    bool hasLayer(const std::string& name) const;
    Layer readLayer(const std::string& name) const;  // all attributes as text
    std::string meta(const std::string& key) const;  // "" when absent
    void setMeta(const std::string& key, const std::string& value);
    void checkpointWal();  // folds any WAL into the main file (idle/close)
    const std::vector<SchemaObject>& foreignObjects() const { return foreign_; }

private:
    Workspace() = default;
    std::string path_;
    SqliteDb db_;
    bool readOnly_ = false;
    int workingEpsg_ = 0;
    int schemaVersion_ = 0;
    std::vector<SchemaObject> foreign_;
    std::shared_ptr<const std::vector<std::string>> knownTriggers_;  // the authorizer's list (stable address)
};

// Cordon's tables (geo/schema.cpp), created where missing and migrated from older versions;
// call inside a transaction on a writable database.
void ensureCordonSchema(sqlite3* db);

}  // namespace geo
