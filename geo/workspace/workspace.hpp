// The workspace file: a GeoPackage holding imported layers plus Cordon's own tables.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "geo/core/c_handles.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/layer.hpp"
#include "geo/io/boundary_lines.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/plan/plan_carry.hpp"
#include "geo/io/road_class.hpp"
#include "geo/workspace/schema_guard.hpp"

namespace geo {

constexpr int kSchemaVersion = 5;  // 2: scenarios and checkpoints; 3: checkpoint numbers; 4: dates, fever; 5: basemaps

struct LayerSource {
    std::string path;
    std::string layer;
    std::string where;
    WebCoords coords = WebCoords::None;  // digitised on a Chinese web map (lon/lat layers only)
};

struct ImportRequest {
    std::string workspacePath;
    std::optional<LayerSource> boundary, districts, roads, villages;
    // Lines that enclose areas: polygonised, each area a district and their union the boundary
    // (with a --boundary too, the districts alone). A --boundary or --districts layer of lines is
    // polygonised the same way.
    std::optional<LayerSource> boundaryLines;
    std::optional<LayerSource> districtLabels;    // points naming the areas polygonised from lines
    double snapLinesM = kDefaultSnapLinesM;       // line ends this close (metres) are joined first
    std::string roadClassField;  // "" picks highway, class, TYPE or 道路等级
    std::string nameField;       // "" picks name, NAME, 名称, 村名, ...
    std::string encoding;
    int crsEpsg = 0;             // 0 chooses from the boundary
    bool replace = false;        // overwrite an existing workspace file, keeping its scenarios
    bool dropPlans = false;      // with replace: do not keep them
    bool noBoundary = false;     // no boundary source: the township draws it by hand (working CRS from the roads)
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
    // Lines polygonised: what they became ("boundary and districts" or "districts"), how, and how
    // the areas were named; polygonizedInto is "" when no lines were polygonised.
    std::string polygonizedInto;
    PolygonizeReport polygonized;
    double snapLinesM = 0;
    std::string districtNaming;
    PlanCarryReport plans;  // the scenarios of the replaced file, carried over
};

// Layers farther apart than this (nearest vertex to the boundary's box) cannot be one place.
constexpr double kLayersApartM = 10'000;
// Refuses (geo::Error naming the file and the distance) a layer with no vertex within
// kLayersApartM of the boundary's box: another place, or the wrong CRS or --coords.
// `boundarySource` names where the boundary came from, for the message.
void checkNearBoundary(const Bbox& boundary, const Layer& layer, const std::string& role, const std::string& path,
                       const std::string& boundarySource);

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
    // Rows whose geometry readLayer(name) could not read (a damaged blob) and left out, by fid;
    // empty until that layer is read.
    std::vector<int64_t> unreadableRows(const std::string& name) const;
    std::string meta(const std::string& key) const;  // "" when absent
    void setMeta(const std::string& key, const std::string& value);
    void checkpointWal();  // folds any WAL into the main file (idle/close)
    const std::vector<SchemaObject>& foreignObjects() const { return foreign_; }
    // After Cordon itself added triggers (a new table's spatial index): they may act from now on.
    void trustOwnTriggers();

private:
    Workspace() = default;
    std::string path_;
    SqliteDb db_;
    bool readOnly_ = false;
    int workingEpsg_ = 0;
    int schemaVersion_ = 0;
    mutable std::map<std::string, std::vector<int64_t>> unreadable_;  // what readLayer left out, per layer
    std::vector<SchemaObject> foreign_;
    std::shared_ptr<std::vector<std::string>> knownTriggers_;  // the authorizer's list (stable address)
};

// One line per layer read so far that had rows left out for a damaged geometry ("roads: 1 row
// with a damaged geometry left out (fid 17) ..."), for commands to show beside their result.
std::vector<std::string> damageWarnings(const Workspace& ws);

// Cordon's tables (geo/workspace/schema.cpp), created where missing and migrated from older versions;
// call inside a transaction on a writable database.
void ensureCordonSchema(sqlite3* db);

}  // namespace geo
