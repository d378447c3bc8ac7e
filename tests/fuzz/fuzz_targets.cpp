// Fuzz target bodies: any geo::Error is a correct refusal; anything else (a crash, a sanitizer
// report, another exception, a broken invariant) is a bug.
#include "fuzz_targets.hpp"

#include <cpl_vsi.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>

#include "geo/io/table.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/io/wkb.hpp"
#include "geo/workspace/workspace.hpp"

namespace fuzz {
namespace {

void require(bool condition, const char* what) {
    if (!condition) throw std::logic_error(std::string("invariant broken: ") + what);
}

// The offsets of a layer describe its arrays exactly.
void checkLayer(const geo::Layer& l) {
    require(!l.ringStart.empty() && !l.partStart.empty() && !l.featureStart.empty(), "offset arrays start with 0");
    require(l.xy.size() % 2 == 0, "xy holds pairs");
    require(l.ringStart.back() == l.vertexCount(), "rings cover the vertices");
    require(l.partStart.back() == l.ringCount(), "parts cover the rings");
    require(l.featureStart.back() == l.partCount(), "features cover the parts");
    for (size_t i = 1; i < l.ringStart.size(); ++i) require(l.ringStart[i - 1] <= l.ringStart[i], "rings in order");
    for (size_t i = 1; i < l.partStart.size(); ++i) require(l.partStart[i - 1] < l.partStart[i], "parts not empty");
    for (size_t i = 1; i < l.featureStart.size(); ++i) require(l.featureStart[i - 1] < l.featureStart[i], "features not empty");
    for (const auto& f : l.fields) require(f.size() == l.featureCount(), "one value per feature");
}

void appendEveryKind(const uint8_t* wkb, size_t size) {
    for (geo::GeomKind kind : {geo::GeomKind::Point, geo::GeomKind::Line, geo::GeomKind::Polygon}) {
        geo::Layer layer;
        layer.kind = kind;
        geo::WkbResult r = geo::appendWkbFeature(layer, wkb, size);
        checkLayer(layer);
        if (r != geo::WkbResult::Added) {
            require(layer.featureCount() == 0 && layer.vertexCount() == 0, "nothing appended unless Added");
            continue;
        }
        require(layer.featureCount() == 1, "one feature appended");
        // What Cordon writes, it reads back the same.
        std::string blob = geo::gpkgBlobFromFeature(layer, 0, 4326);
        size_t innerSize = 0;
        const uint8_t* inner = geo::gpkgBlobWkb(reinterpret_cast<const uint8_t*>(blob.data()), blob.size(), &innerSize);
        require(inner != nullptr, "own blob has a GeoPackage header");
        geo::Layer again;
        again.kind = kind;
        require(geo::appendWkbFeature(again, inner, innerSize) == geo::WkbResult::Added, "own blob reads back");
        require(again.partCount() == layer.partCount(), "round trip keeps parts");
        require(again.vertexCount() == layer.vertexCount(), "round trip keeps vertices");
    }
}

// A file in GDAL's memory file system, removed when done.
class MemFile {
public:
    MemFile(std::string path, const uint8_t* data, size_t size) : path_(std::move(path)) {
        // GDAL reads the buffer in place; a copy keeps the input const.
        bytes_.assign(data, data + size);
        VSIFCloseL(VSIFileFromMemBuffer(path_.c_str(), bytes_.data(), bytes_.size(), FALSE));
    }
    ~MemFile() { VSIUnlink(path_.c_str()); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    const std::string& path() const { return path_; }
private:
    std::string path_;
    std::vector<uint8_t> bytes_;
};

void readSource(const std::string& path) {
    try {
        geo::SourceInfo info = geo::describeSource(path, "", 2);
        for (const auto& l : info.layers)
            for (const auto& row : l.sampleRows) require(row.size() == l.fields.size(), "sample rows have every field");
    } catch (const geo::Error&) {
    }
    for (geo::GeomKind kind : {geo::GeomKind::Point, geo::GeomKind::Line, geo::GeomKind::Polygon}) {
        try {
            geo::ReadOptions o;
            o.kind = kind;
            o.targetEpsg = 3857;
            geo::ReadReport report;
            geo::Layer layer = geo::readLayer(path, o, report);
            checkLayer(layer);
            require(report.featuresKept + report.skipped() == report.featuresRead, "every feature kept or counted");
            require(static_cast<int64_t>(layer.featureCount()) == report.featuresKept, "kept count matches the layer");
        } catch (const geo::Error&) {
        }
    }
}

uint32_t le32(const uint8_t* p) {
    return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

// An edit of the plan, as `checkpoint add` makes it: no trigger stored in the file may run (a
// workspace holding foreign triggers opens for reading only), so the rows of the other
// scenarios stay exactly as they were.
void editPlan(geo::Workspace& ws) {
    if (ws.isReadOnly()) return;
    require(ws.foreignObjects().empty(), "a workspace with foreign triggers is not open for writing");
    try {
        auto store = geo::openSqliteScenarioStore(ws);
        auto before = store->listScenarios();
        int64_t id = store->createScenario("fuzz-edit", {});
        geo::Checkpoint c;
        c.name = "fuzz";
        store->addCheckpoint(id, c);
        for (const auto& s : before) {
            auto after = store->listScenarios();
            auto same = std::find_if(after.begin(), after.end(), [&](const auto& a) { return a.id == s.id; });
            require(same != after.end() && same->checkpoints == s.checkpoints, "an edit leaves other scenarios alone");
        }
    } catch (const geo::Error&) {
    }
}

}  // namespace

void wkbBlob(const uint8_t* data, size_t size) {
    appendEveryKind(data, size);
    size_t innerSize = 0;
    if (const uint8_t* inner = geo::gpkgBlobWkb(data, size, &innerSize)) {
        require(inner >= data && inner + innerSize == data + size, "blob WKB lies inside the blob");
        appendEveryKind(inner, innerSize);
    }
}

void workspaceFile(const uint8_t* data, size_t size) {
    static const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("cordon-fuzz-" + std::to_string(std::random_device{}()) + ".gpkg");
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    // Refused for writing (foreign triggers, say), a workspace is still read.
    std::optional<geo::Workspace> ws;
    try {
        ws.emplace(geo::Workspace::open(path.string()));
        editPlan(*ws);
    } catch (const geo::Error&) {
        try {
            if (!ws) ws.emplace(geo::Workspace::open(path.string(), geo::Workspace::Mode::ReadOnly));
        } catch (const geo::Error&) {
        }
    }
    if (ws) {
        try {
            for (const auto& record : ws->layers()) {
                try {
                    checkLayer(ws->readLayer(record.name));
                } catch (const geo::Error&) {
                }
            }
        } catch (const geo::Error&) {
        }
        for (const char* name : {"boundary", "roads", "districts", "villages"}) {
            try {
                checkLayer(ws->readLayer(name));
            } catch (const geo::Error&) {
            }
        }
    }
    ws.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
}

void geojsonFile(const uint8_t* data, size_t size) {
    geo::initGdal();
    MemFile file("/vsimem/cordon-fuzz/input.geojson", data, size);
    readSource(file.path());
}

std::string makeShapefileBundle(const std::string& shp, const std::string& shx, const std::string& dbf) {
    std::string out;
    for (size_t n : {shp.size(), shx.size()})
        for (int b = 0; b < 4; ++b) out += static_cast<char>((n >> (8 * b)) & 0xff);
    return out + shp + shx + dbf;
}

void shapefileBundle(const uint8_t* data, size_t size) {
    if (size < 8) return;
    geo::initGdal();
    size_t rest = size - 8;
    size_t shpSize = std::min<size_t>(le32(data), rest);
    size_t shxSize = std::min<size_t>(le32(data + 4), rest - shpSize);
    const uint8_t* p = data + 8;
    MemFile shp("/vsimem/cordon-fuzz/layer.shp", p, shpSize);
    MemFile shx("/vsimem/cordon-fuzz/layer.shx", p + shpSize, shxSize);
    MemFile dbf("/vsimem/cordon-fuzz/layer.dbf", p + shpSize + shxSize, rest - shpSize - shxSize);
    readSource(shp.path());
    readSource(dbf.path());
}

namespace {

// A register's table is rectangular, its text UTF-8, and every cell goes through the parsers.
void checkTable(const geo::Table& t) {
    require(t.isLoaded.size() == t.header.size() && t.columns.size() == t.header.size(), "one entry per header column");
    for (size_t c = 0; c < t.columns.size(); ++c) {
        if (!t.isLoaded[c]) continue;
        require(t.columns[c].size() == t.rowCount(), "loaded columns have every row");
        for (size_t r = 0; r < t.rowCount() && r < 64; ++r) {
            std::string_view cell = t.cell(r, c);
            require(geo::isValidUtf8(cell), "cells are UTF-8");
            double number = 0;
            int day = 0;
            geo::parseNumber(cell, number);
            if (geo::parseDate(cell, 2020, day)) require(!geo::formatDay(day).empty(), "a parsed date formats");
            geo::toHalfWidth(cell);
        }
    }
}

}  // namespace

void csvBytes(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const char* encoding : {"", "GBK"}) {
        geo::TableOptions o;
        o.encoding = encoding;
        try {
            checkTable(geo::parseCsv(bytes, o, "fuzz.csv"));
        } catch (const geo::Error&) {
        }
    }
}

void xlsxFile(const uint8_t* data, size_t size) {
    geo::initGdal();
    MemFile file("/vsimem/cordon-fuzz/register.xlsx", data, size);
    try {
        checkTable(geo::readTable(file.path(), {}));
    } catch (const geo::Error&) {
    }
}

const std::vector<Target>& targets() {
    static const std::vector<Target> all = {
        {"wkb", wkbBlob},
        {"workspace", workspaceFile},
        {"geojson", geojsonFile},
        {"shapefile", shapefileBundle},
        {"csv", csvBytes},
        {"xlsx", xlsxFile},
    };
    return all;
}

}  // namespace fuzz
