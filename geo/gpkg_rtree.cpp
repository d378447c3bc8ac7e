// Packed GeoPackage spatial index: sort-tile-recursive grouping, written as rtree shadow rows.
#include "geo/gpkg_rtree.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "geo/error.hpp"
#include "geo/sqlite.hpp"

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
        for (auto it = first; it < last; it += static_cast<std::ptrdiff_t>(std::min<size_t>(capacity, static_cast<size_t>(last - it))))
            out.emplace_back(it, it + static_cast<std::ptrdiff_t>(std::min<size_t>(capacity, static_cast<size_t>(last - it))));
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

// The bounding box of a WKB geometry (any of the seven simple types, 2D/Z/M/ZM, ISO or
// extended codes). False when malformed or empty.
class WkbBounds {
public:
    WkbBounds(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
    bool run(double& minX, double& maxX, double& minY, double& maxY) {
        if (!geometry(0) || !(minX_ <= maxX_)) return false;
        minX = minX_, maxX = maxX_, minY = minY_, maxY = maxY_;
        return true;
    }

private:
    bool read32(bool le, uint32_t& v) {
        if (end_ - p_ < 4) return false;
        v = le ? uint32_t(p_[0]) | uint32_t(p_[1]) << 8 | uint32_t(p_[2]) << 16 | uint32_t(p_[3]) << 24
               : uint32_t(p_[3]) | uint32_t(p_[2]) << 8 | uint32_t(p_[1]) << 16 | uint32_t(p_[0]) << 24;
        p_ += 4;
        return true;
    }
    bool readDouble(bool le, double& d) {
        if (end_ - p_ < 8) return false;
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= uint64_t(p_[le ? i : 7 - i]) << (8 * i);
        std::memcpy(&d, &v, 8);
        p_ += 8;
        return true;
    }
    bool points(bool le, uint32_t count, int dims) {
        if (static_cast<size_t>(end_ - p_) / (8u * static_cast<unsigned>(dims)) < count) return false;
        for (uint32_t i = 0; i < count; ++i) {
            double x, y, skip;
            if (!readDouble(le, x) || !readDouble(le, y)) return false;
            for (int d = 2; d < dims; ++d) readDouble(le, skip);
            if (std::isnan(x) || std::isnan(y)) continue;  // an empty point
            minX_ = std::min(minX_, x), maxX_ = std::max(maxX_, x);
            minY_ = std::min(minY_, y), maxY_ = std::max(maxY_, y);
        }
        return true;
    }
    bool geometry(int depth) {
        if (depth > 32 || p_ >= end_) return false;
        bool le = *p_++ == 1;
        uint32_t code;
        if (!read32(le, code)) return false;
        int dims = 2;
        if (code & 0x80000000u) ++dims;
        if (code & 0x40000000u) ++dims;
        code &= 0x0fffffffu;
        if (code >= 1000) {
            dims = code >= 3000 ? 4 : 3;
            code %= 1000;
        }
        uint32_t n;
        switch (code) {
        case 1: return points(le, 1, dims);
        case 2: return read32(le, n) && points(le, n, dims);
        case 3:
            if (!read32(le, n)) return false;
            for (uint32_t r = 0; r < n; ++r) {
                uint32_t m;
                if (!read32(le, m) || !points(le, m, dims)) return false;
            }
            return true;
        case 4: case 5: case 6: case 7:
            if (!read32(le, n)) return false;
            for (uint32_t g = 0; g < n; ++g)
                if (!geometry(depth + 1)) return false;
            return true;
        default: return false;
        }
    }
    const uint8_t* p_;
    const uint8_t* end_;
    double minX_ = std::numeric_limits<double>::infinity(), maxX_ = -std::numeric_limits<double>::infinity();
    double minY_ = std::numeric_limits<double>::infinity(), maxY_ = -std::numeric_limits<double>::infinity();
};

// The envelope of a GeoPackage geometry blob: from its header when it has one, else from the
// WKB. False for empty or unreadable geometries (they are not indexed, like the triggers do).
bool blobBounds(const uint8_t* b, size_t n, double& minX, double& maxX, double& minY, double& maxY) {
    if (n < 8 || b[0] != 'G' || b[1] != 'P') return false;
    uint8_t flags = b[3];
    if (flags & 0x10) return false;  // empty
    bool le = flags & 1;
    int envelope = (flags >> 1) & 7;
    static constexpr size_t kEnvelopeDoubles[] = {0, 4, 6, 6, 8};
    if (envelope > 4) return false;
    size_t header = 8 + 8 * kEnvelopeDoubles[envelope];
    if (n < header) return false;
    if (envelope > 0) {
        double v[4];
        for (int k = 0; k < 4; ++k) {
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i) bits |= uint64_t(b[8 + 8 * k + (le ? i : 7 - i)]) << (8 * i);
            std::memcpy(&v[k], &bits, 8);
        }
        minX = v[0], maxX = v[1], minY = v[2], maxY = v[3];
        return minX <= maxX && minY <= maxY;
    }
    return WkbBounds(b + header, n - header).run(minX, maxX, minY, maxY);
}

std::string quoted(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
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
    const std::string t = quoted(table), g = quoted(geomColumn), i = quoted(fidColumn), r = quoted(rtree);

    std::vector<RtreeEntry> entries;
    {
        Statement s(db, ("SELECT " + i + ", " + g + " FROM " + t + " WHERE " + g + " IS NOT NULL").c_str());
        while (s.step()) {
            size_t n = 0;
            const uint8_t* blob = s.blob(1, &n);
            double minX, maxX, minY, maxY;
            if (blob && blobBounds(blob, n, minX, maxX, minY, maxY)) entries.push_back(rtreeEntry(s.int64(0), minX, maxX, minY, maxY));
        }
    }
    exec(db, ("CREATE VIRTUAL TABLE " + r + " USING rtree(id, minx, maxx, miny, maxy)").c_str());
    size_t nodeSize = 0;
    {
        Statement s(db, ("SELECT length(data) FROM " + quoted(rtree + "_node") + " WHERE nodeno = 1").c_str());
        if (s.step()) nodeSize = static_cast<size_t>(s.int64(0));
    }
    if (nodeSize == 0) throw Error("spatial index of " + table + ": the rtree module made no root node");
    if (!entries.empty()) {
        PackedRtree tree = packRtree(std::move(entries), nodeSize);
        exec(db, ("DELETE FROM " + quoted(rtree + "_node")).c_str());
        Statement node(db, ("INSERT INTO " + quoted(rtree + "_node") + "(nodeno, data) VALUES (?, ?)").c_str());
        Statement parent(db, ("INSERT INTO " + quoted(rtree + "_parent") + "(nodeno, parentnode) VALUES (?, ?)").c_str());
        for (const auto& n : tree.nodes) {
            node.bind(1, n.number).bindBlob(2, n.blob.data(), n.blob.size()).run();
            if (n.parent) parent.bind(1, n.number).bind(2, n.parent).run();
        }
        std::sort(tree.leafOf.begin(), tree.leafOf.end());
        Statement leaf(db, ("INSERT INTO " + quoted(rtree + "_rowid") + "(rowid, nodeno) VALUES (?, ?)").c_str());
        for (const auto& [id, nodeNumber] : tree.leafOf) leaf.bind(1, id).bind(2, nodeNumber).run();
    }

    // The triggers that keep the index in step with edits, in the GeoPackage 1.2 form GDAL writes.
    const std::string values = "VALUES (NEW." + i + ",ST_MinX(NEW." + g + "), ST_MaxX(NEW." + g + "),ST_MinY(NEW." + g +
                               "), ST_MaxY(NEW." + g + "))";
    auto name = [&](const char* suffix) { return quoted(rtree + "_" + suffix); };
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

}  // namespace geo
