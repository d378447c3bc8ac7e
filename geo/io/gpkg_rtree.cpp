// Packed GeoPackage spatial index: sort-tile-recursive grouping, written as rtree shadow rows.
#include "geo/io/gpkg_rtree.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/io/wkb.hpp"

namespace geo {
namespace {

constexpr size_t kCellBytes = 8 + 4 * 4;  // id, then min/max of x and y as 32-bit floats

void putBigEndian(std::string& out, size_t at, uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, value >>= 8) out[at + static_cast<size_t>(i)] = static_cast<char>(value & 0xff);
}

void putFloat(std::string& out, size_t at, float f) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    putBigEndian(out, at, bits, 4);
}

// Groups boxes into nodes of at most `capacity` neighbours: slices by x, then runs by y.
std::vector<std::vector<RtreeEntry>> tile(std::vector<RtreeEntry> boxes, size_t capacity) {
    size_t nodes = (boxes.size() + capacity - 1) / capacity;
    size_t slices = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    size_t perSlice = slices * capacity;
    auto centreX = [](const RtreeEntry& e) { return double(e.minX) + double(e.maxX); };
    auto centreY = [](const RtreeEntry& e) { return double(e.minY) + double(e.maxY); };
    std::sort(boxes.begin(), boxes.end(), [&](const RtreeEntry& a, const RtreeEntry& b) { return centreX(a) < centreX(b); });
    std::vector<std::vector<RtreeEntry>> out;
    out.reserve(nodes);
    for (size_t s = 0; s < boxes.size(); s += perSlice) {
        auto first = boxes.begin() + static_cast<std::ptrdiff_t>(s);
        auto last = boxes.begin() + static_cast<std::ptrdiff_t>(std::min(boxes.size(), s + perSlice));
        std::sort(first, last, [&](const RtreeEntry& a, const RtreeEntry& b) { return centreY(a) < centreY(b); });
        for (auto it = first; it < last;) {
            auto next = it + static_cast<std::ptrdiff_t>(std::min<size_t>(capacity, static_cast<size_t>(last - it)));
            out.emplace_back(it, next);
            it = next;
        }
    }
    return out;
}

RtreeEntry boundsOf(const std::vector<RtreeEntry>& cells, int64_t id) {
    RtreeEntry b{id, std::numeric_limits<float>::max(), -std::numeric_limits<float>::max(),
                 std::numeric_limits<float>::max(), -std::numeric_limits<float>::max()};
    for (const auto& c : cells) {
        b.minX = std::min(b.minX, c.minX);
        b.maxX = std::max(b.maxX, c.maxX);
        b.minY = std::min(b.minY, c.minY);
        b.maxY = std::max(b.maxY, c.maxY);
    }
    return b;
}

}  // namespace

RtreeEntry rtreeEntry(int64_t id, double minX, double maxX, double minY, double maxY) {
    auto down = [](double d) {
        float f = static_cast<float>(d);
        return double(f) > d ? std::nextafter(f, -std::numeric_limits<float>::infinity()) : f;
    };
    auto up = [](double d) {
        float f = static_cast<float>(d);
        return double(f) < d ? std::nextafter(f, std::numeric_limits<float>::infinity()) : f;
    };
    return {id, down(minX), up(maxX), down(minY), up(maxY)};
}

PackedRtree packRtree(std::vector<RtreeEntry> entries, size_t nodeSize) {
    PackedRtree tree;
    size_t capacity = (nodeSize - 4) / kCellBytes;
    if (capacity < 2) throw Error("spatial index: node size " + std::to_string(nodeSize) + " is too small");
    // Levels from the leaves up; a cell's id above the leaves is the index of a node one level down.
    std::vector<std::vector<std::vector<RtreeEntry>>> levels;
    levels.push_back(entries.empty() ? std::vector<std::vector<RtreeEntry>>(1) : tile(std::move(entries), capacity));
    while (levels.back().size() > 1) {
        std::vector<RtreeEntry> up;
        up.reserve(levels.back().size());
        for (size_t i = 0; i < levels.back().size(); ++i) up.push_back(boundsOf(levels.back()[i], static_cast<int64_t>(i)));
        levels.push_back(tile(std::move(up), capacity));
    }
    // Node numbers from the root down: the root is 1.
    std::vector<std::vector<int64_t>> number(levels.size());
    int64_t next = 1;
    for (size_t l = levels.size(); l-- > 0;) {
        number[l].resize(levels[l].size());
        for (auto& n : number[l]) n = next++;
    }
    tree.nodes.resize(static_cast<size_t>(next - 1));
    for (size_t l = 0; l < levels.size(); ++l) {
        for (size_t i = 0; i < levels[l].size(); ++i) {
            const auto& cells = levels[l][i];
            auto& node = tree.nodes[static_cast<size_t>(number[l][i] - 1)];
            node.number = number[l][i];
            node.blob.assign(nodeSize, '\0');
            if (node.number == 1) putBigEndian(node.blob, 0, levels.size() - 1, 2);  // depth of the tree
            putBigEndian(node.blob, 2, cells.size(), 2);
            for (size_t c = 0; c < cells.size(); ++c) {
                size_t at = 4 + c * kCellBytes;
                int64_t id = l == 0 ? cells[c].id : number[l - 1][static_cast<size_t>(cells[c].id)];
                putBigEndian(node.blob, at, static_cast<uint64_t>(id), 8);
                putFloat(node.blob, at + 8, cells[c].minX);
                putFloat(node.blob, at + 12, cells[c].maxX);
                putFloat(node.blob, at + 16, cells[c].minY);
                putFloat(node.blob, at + 20, cells[c].maxY);
                if (l == 0) tree.leafOf.emplace_back(id, node.number);
                else tree.nodes[static_cast<size_t>(id - 1)].parent = node.number;
            }
        }
    }
    return tree;
}

void createGpkgSpatialIndex(sqlite3* db, const std::string& table, const std::string& geomColumn,
                            const std::string& fidColumn) {
    const std::string rtree = "rtree_" + table + "_" + geomColumn;
    if (tableExists(db, rtree.c_str())) return;
    const std::string t = quoteIdentifier(table), g = quoteIdentifier(geomColumn), i = quoteIdentifier(fidColumn), r = quoteIdentifier(rtree);

    std::vector<RtreeEntry> entries;
    {
        Statement s(db, ("SELECT " + i + ", " + g + " FROM " + t + " WHERE " + g + " IS NOT NULL").c_str());
        while (s.step()) {
            size_t n = 0;
            const uint8_t* blob = s.blob(1, &n);
            Bbox b;
            if (blob && gpkgBlobBounds(blob, n, b)) entries.push_back(rtreeEntry(s.int64(0), b.minX, b.maxX, b.minY, b.maxY));
        }
    }
    exec(db, ("CREATE VIRTUAL TABLE " + r + " USING rtree(id, minx, maxx, miny, maxy)").c_str());
    size_t nodeSize = 0;
    {
        Statement s(db, ("SELECT length(data) FROM " + quoteIdentifier(rtree + "_node") + " WHERE nodeno = 1").c_str());
        if (s.step()) nodeSize = static_cast<size_t>(s.int64(0));
    }
    if (nodeSize == 0) throw Error("spatial index of " + table + ": the rtree module made no root node");
    if (!entries.empty()) {
        // Packing writes the rtree's shadow tables directly, which defensive mode forbids; allowed
        // here for this new index only.
        struct AllowShadowWrites {
            sqlite3* db;
            int was = 0;
            explicit AllowShadowWrites(sqlite3* d) : db(d) {
                sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &was);
                sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
            }
            ~AllowShadowWrites() { sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, was, nullptr); }
        } allow(db);
        PackedRtree tree = packRtree(std::move(entries), nodeSize);
        exec(db, ("DELETE FROM " + quoteIdentifier(rtree + "_node")).c_str());
        Statement node(db, ("INSERT INTO " + quoteIdentifier(rtree + "_node") + "(nodeno, data) VALUES (?, ?)").c_str());
        Statement parent(db, ("INSERT INTO " + quoteIdentifier(rtree + "_parent") + "(nodeno, parentnode) VALUES (?, ?)").c_str());
        for (const auto& n : tree.nodes) {
            node.bind(1, n.number).bindBlob(2, n.blob.data(), n.blob.size()).run();
            if (n.parent) parent.bind(1, n.number).bind(2, n.parent).run();
        }
        std::sort(tree.leafOf.begin(), tree.leafOf.end());
        Statement leaf(db, ("INSERT INTO " + quoteIdentifier(rtree + "_rowid") + "(rowid, nodeno) VALUES (?, ?)").c_str());
        for (const auto& [id, nodeNumber] : tree.leafOf) leaf.bind(1, id).bind(2, nodeNumber).run();
    }

    // The triggers that keep the index in step with edits, in the GeoPackage 1.2 form GDAL writes.
    const std::string values = "VALUES (NEW." + i + ",ST_MinX(NEW." + g + "), ST_MaxX(NEW." + g + "),ST_MinY(NEW." + g +
                               "), ST_MaxY(NEW." + g + "))";
    auto name = [&](const char* suffix) { return quoteIdentifier(rtree + "_" + suffix); };
    exec(db, ("CREATE TRIGGER " + name("insert") + " AFTER INSERT ON " + t + " WHEN (new." + g + " NOT NULL AND NOT ST_IsEmpty(NEW." +
              g + ")) BEGIN INSERT OR REPLACE INTO " + r + " " + values + "; END").c_str());
    exec(db, ("CREATE TRIGGER " + name("update1") + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i +
              " AND (NEW." + g + " NOTNULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN INSERT OR REPLACE INTO " + r + " " + values +
              "; END").c_str());
    exec(db, ("CREATE TRIGGER " + name("update2") + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i +
              " AND (NEW." + g + " ISNULL OR ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; END")
             .c_str());
    exec(db, ("CREATE TRIGGER " + name("update3") + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND (NEW." +
              g + " NOTNULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + r + " WHERE id = OLD." + i +
              "; INSERT OR REPLACE INTO " + r + " " + values + "; END").c_str());
    exec(db, ("CREATE TRIGGER " + name("update4") + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND (NEW." +
              g + " ISNULL OR ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + r + " WHERE id IN (OLD." + i + ", NEW." + i +
              "); END").c_str());
    exec(db, ("CREATE TRIGGER " + name("delete") + " AFTER DELETE ON " + t + " WHEN old." + g + " NOT NULL BEGIN DELETE FROM " + r +
              " WHERE id = OLD." + i + "; END").c_str());
    exec(db,
         "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,"
         " definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))");
    Statement ext(db,
                  "INSERT OR REPLACE INTO gpkg_extensions(table_name, column_name, extension_name, definition, scope)"
                  " VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");
    ext.bind(1, table).bind(2, geomColumn).run();
}

namespace {

// f(blob bounds) -> the SQL result; NULL for a NULL or unreadable blob.
template <int Which>
void gpkgBoundsFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto* blob = static_cast<const uint8_t*>(sqlite3_value_blob(argv[0]));
    const int size = sqlite3_value_bytes(argv[0]);
    Bbox b;
    const bool hasBounds = blob && size > 0 && gpkgBlobBounds(blob, static_cast<size_t>(size), b);
    if constexpr (Which == 4) {  // ST_IsEmpty
        if (!blob) sqlite3_result_null(ctx);
        else sqlite3_result_int(ctx, hasBounds ? 0 : 1);
    } else if (!hasBounds) {
        sqlite3_result_null(ctx);
    } else {
        const double v[] = {b.minX, b.maxX, b.minY, b.maxY};
        sqlite3_result_double(ctx, v[Which]);
    }
}

}  // namespace

void registerGpkgGeometryFunctions(sqlite3* db) {
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    const std::pair<const char*, void (*)(sqlite3_context*, int, sqlite3_value**)> functions[] = {
        {"ST_MinX", &gpkgBoundsFunction<0>}, {"ST_MaxX", &gpkgBoundsFunction<1>}, {"ST_MinY", &gpkgBoundsFunction<2>},
        {"ST_MaxY", &gpkgBoundsFunction<3>}, {"ST_IsEmpty", &gpkgBoundsFunction<4>}};
    for (const auto& [name, fn] : functions)
        if (sqlite3_create_function_v2(db, name, 1, flags, nullptr, fn, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw Error(std::string("cannot register ") + name + ": " + sqlite3_errmsg(db));
}

}  // namespace geo
