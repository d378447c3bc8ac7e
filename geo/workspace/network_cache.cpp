// The road graph cache: one row per array in cordon_network_cache, read and written with SQLite's
// incremental blob I/O so that no second copy of an array is held in memory.
#include "geo/workspace/network_cache.hpp"

#include <bit>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {
namespace {

constexpr int kCacheFormat = 1;           // bump when the arrays or their meaning change
constexpr int kBlobChunk = 64 << 20;      // bytes per sqlite3_blob_read/write call

// 64-bit FNV-1a over whole words: quick over tens of megabytes, and any changed bit shows.
template <class T>
void hashInto(uint64_t& h, const std::vector<T>& v) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(v.data());
    size_t n = v.size() * sizeof(T);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, bytes + i, 8);
        h = (h ^ w) * 0x100000001b3ull;
    }
    for (; i < n; ++i) h = (h ^ bytes[i]) * 0x100000001b3ull;
    h = (h ^ n) * 0x100000001b3ull;
}

template <class T>
bool readPart(sqlite3* db, const char* part, std::vector<T>& out) {
    Statement s(db, "SELECT rowid, length(data) FROM cordon_network_cache WHERE part = ? AND typeof(data) = 'blob'");
    s.bind(1, std::string_view(part));
    if (!s.step()) return false;
    int64_t rowid = s.int64(0), bytes = s.int64(1);
    if (bytes < 0 || bytes % static_cast<int64_t>(sizeof(T)) != 0) return false;
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db, "main", kNetworkCacheTable, "data", rowid, 0, &blob) != SQLITE_OK) {
        sqlite3_blob_close(blob);
        return false;
    }
    bool ok = sqlite3_blob_bytes(blob) == bytes;
    if (ok) out.resize(static_cast<size_t>(bytes) / sizeof(T));
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    for (int64_t at = 0; ok && at < bytes; at += kBlobChunk) {
        int n = static_cast<int>(std::min<int64_t>(kBlobChunk, bytes - at));
        ok = sqlite3_blob_read(blob, dst + at, n, static_cast<int>(at)) == SQLITE_OK;
    }
    sqlite3_blob_close(blob);
    return ok;
}

template <class T>
void writePart(sqlite3* db, const char* part, const std::vector<T>& v) {
    const size_t bytes = v.size() * sizeof(T);
    if (bytes > static_cast<size_t>(INT32_MAX)) throw Error("road graph cache: array too large for one blob");
    Statement s(db, "INSERT INTO cordon_network_cache (part, data) VALUES (?, zeroblob(?))");
    s.bind(1, std::string_view(part)).bind(2, static_cast<int64_t>(bytes));
    s.run();
    if (bytes == 0) return;
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db, "main", kNetworkCacheTable, "data", sqlite3_last_insert_rowid(db), 1, &blob) != SQLITE_OK) {
        sqlite3_blob_close(blob);
        throw Error(std::string("road graph cache: ") + sqlite3_errmsg(db));
    }
    const auto* src = reinterpret_cast<const unsigned char*>(v.data());
    for (size_t at = 0; at < bytes; at += kBlobChunk) {
        int n = static_cast<int>(std::min<size_t>(kBlobChunk, bytes - at));
        if (sqlite3_blob_write(blob, src + at, n, static_cast<int>(at)) != SQLITE_OK) {
            sqlite3_blob_close(blob);
            throw Error(std::string("road graph cache: ") + sqlite3_errmsg(db));
        }
    }
    sqlite3_blob_close(blob);
}

// Every cached array, in the order their checksum covers them. (The adjacency is rebuilt on
// loading: caching it too saved under 0.1 s at 1M segments for a third more file.)
template <class Graph, class F>
void forCachedArrays(Graph& g, F&& f) {
    f("nodeXy", g.nodeXy);
    f("edgeFrom", g.edgeFrom);
    f("edgeTo", g.edgeTo);
    f("edgeEnd", g.edgeEnd);
    f("lineFirstEdge", g.lineFirstEdge);
}

uint64_t checksum(const RoadGraph& g) {
    uint64_t h = 0xcbf29ce484222325ull;
    forCachedArrays(g, [&](const char*, const auto& v) { hashInto(h, v); });
    return h;
}

// The cached arrays against the lines they claim to describe; any mismatch rejects the cache.
// (The checksum catches damage; these checks keep every index in range whatever the bytes.)
bool isConsistent(const RoadGraph& g) {
    const size_t nodes = g.nodeXy.size() / 2, edges = g.edgeTo.size(), lines = g.lineCount();
    if (g.nodeXy.size() % 2 != 0 || g.edgeFrom.size() != edges || g.edgeEnd.size() != edges) return false;
    if (g.lineFirstEdge.size() != lines + 1 || g.lineFirstEdge.front() != 0 || g.lineFirstEdge.back() != edges) return false;
    for (double v : g.nodeXy)
        if (!std::isfinite(v)) return false;
    for (size_t r = 0; r < lines; ++r) {
        uint32_t e0 = g.lineFirstEdge[r], e1 = g.lineFirstEdge[r + 1];
        if (e1 < e0 || e1 > edges) return false;
        double length = g.vertexDist[g.lineStart[r + 1] - 1], previous = 0;
        for (uint32_t e = e0; e < e1; ++e) {
            if (g.edgeFrom[e] >= nodes || g.edgeTo[e] >= nodes) return false;
            if (e > e0 && g.edgeFrom[e] != g.edgeTo[e - 1]) return false;
            // Edges follow each other along the line, at least a micrometre long, within its length.
            if (!(g.edgeEnd[e] - previous >= 1e-6) || !(g.edgeEnd[e] <= length + 1e-6)) return false;
            previous = g.edgeEnd[e];
        }
    }
    return true;
}

template <class T>
void release(std::vector<T>& v) { std::vector<T>().swap(v); }

void clearNodesAndEdges(RoadGraph& g) {
    release(g.nodeXy);
    release(g.edgeFrom);
    release(g.edgeTo);
    release(g.edgeEnd);
    release(g.edgeLine);
    release(g.edgeStart);
    release(g.lineFirstEdge);
    release(g.adjStart);
    release(g.adjEdge);
}

}  // namespace

std::string networkCacheKey(const Workspace& ws, const RoadGraph& lines, const std::vector<int>& lineLevel,
                            const RoadGraphOptions& options) {
    sqlite3* db = ws.db();
    Statement rows(db, "SELECT count(*), coalesce(max(fid), 0) FROM roads");
    rows.step();
    Statement changed(db, "SELECT last_change FROM gpkg_contents WHERE table_name = 'roads'");
    std::string lastChange = changed.step() ? changed.text(0) : "";
    uint64_t h = 0xcbf29ce484222325ull;
    hashInto(h, lines.xy);
    hashInto(h, lines.lineStart);
    hashInto(h, lines.lineFeature);
    hashInto(h, lineLevel);
    char text[256];
    std::snprintf(text, sizeof text, "format=%d %s rows=%" PRId64 " maxfid=%" PRId64 " tol=%.17g lines=%zu vertices=%zu hash=%016" PRIx64,
                  kCacheFormat, std::endian::native == std::endian::little ? "le" : "be", rows.int64(0), rows.int64(1),
                  options.snapToleranceM, lines.lineCount(), lines.xy.size() / 2, h);
    return std::string(text) + " changed=" + lastChange;
}

bool loadNetworkCache(const Workspace& ws, const std::string& key, RoadGraph& g) {
    sqlite3* db = ws.db();
    try {
        if (!tableExists(db, kNetworkCacheTable)) return false;
        std::vector<unsigned char> stored;
        if (!readPart(db, "key", stored) || std::string(stored.begin(), stored.end()) != key) return false;
        bool ok = true;
        forCachedArrays(g, [&](const char* part, auto& v) { ok = ok && readPart(db, part, v); });
        std::vector<uint64_t> storedSum;
        ok = ok && readPart(db, "checksum", storedSum) && storedSum.size() == 1 && storedSum[0] == checksum(g) && isConsistent(g);
        if (ok) {
            completeRoadGraph(g);
            return true;
        }
    } catch (const Error&) {
    }
    clearNodesAndEdges(g);
    return false;
}

bool saveNetworkCache(const Workspace& ws, const std::string& key, const RoadGraph& g) {
    if (ws.isReadOnly()) return false;
    sqlite3* db = ws.db();
    try {
        Transaction t(db);
        exec(db, "CREATE TABLE IF NOT EXISTS cordon_network_cache (part TEXT PRIMARY KEY, data BLOB)");
        exec(db, "DELETE FROM cordon_network_cache");
        forCachedArrays(g, [&](const char* part, const auto& v) { writePart(db, part, v); });
        writePart(db, "checksum", std::vector<uint64_t>{checksum(g)});
        writePart(db, "key", std::vector<unsigned char>(key.begin(), key.end()));
        t.commit();
        return true;
    } catch (const Error&) {
        return false;
    }
}

RoadGraph cachedRoadGraph(const Workspace& ws, const Layer& roads, const std::vector<int>& levels,
                          const RoadGraphOptions& options, size_t minEdgesToCache) {
    RoadGraph g;
    std::vector<int> lineLevel = roadLines(roads, levels, g);
    std::string key;
    try {
        key = networkCacheKey(ws, g, lineLevel, options);
    } catch (const Error&) {
        return buildRoadGraph(roads, levels, options);
    }
    if (loadNetworkCache(ws, key, g)) return g;
    g = buildRoadGraph(roads, levels, options);
    if (g.edgeCount() >= minEdgesToCache) saveNetworkCache(ws, key, g);
    return g;
}

}  // namespace geo
