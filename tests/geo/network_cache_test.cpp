// The road graph cache in the workspace: read back equal to a fresh build, stale and damaged caches
// rejected (the graph is then built), read-only workspaces analysed without one.
#include <doctest/doctest.h>

#include <tuple>

#include "geo/analysis/network.hpp"
#include "geo/io/layer_replace.hpp"
#include "geo/workspace/network_cache.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

void checkSameGraph(const geo::RoadGraph& a, const geo::RoadGraph& b) {
    auto distances = [](const geo::RoadGraph& g) { return std::tie(g.xy, g.vertexDist, g.nodeXy, g.edgeStart, g.edgeEnd); };
    auto indices = [](const geo::RoadGraph& g) {
        return std::tie(g.lineStart, g.lineFeature, g.edgeFrom, g.edgeTo, g.edgeLine, g.lineFirstEdge, g.adjStart, g.adjEdge);
    };
    CHECK(distances(a) == distances(b));  // bit for bit: the figures must not move
    CHECK(indices(a) == indices(b));
}

struct Roads {
    geo::Layer layer;
    std::vector<int> levels;
    explicit Roads(const geo::Workspace& ws) : layer(ws.readLayer("roads")), levels(geo::roadLevels(layer)) {}
    geo::RoadGraph fresh() const { return geo::buildRoadGraph(layer, levels); }
    std::string key(const geo::Workspace& ws, const geo::RoadGraphOptions& options = {}) const {
        geo::RoadGraph lines;
        std::vector<int> lineLevel = geo::roadLines(layer, levels, lines);
        return geo::networkCacheKey(ws, lines, lineLevel, options);
    }
    bool loads(const geo::Workspace& ws) const {
        geo::RoadGraph g;
        geo::roadLines(layer, levels, g);
        return geo::loadNetworkCache(ws, key(ws), g);
    }
};

}  // namespace

TEST_CASE("the road graph read back from the workspace cache equals a fresh build") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    Roads roads(ws);
    geo::RoadGraph fresh = roads.fresh();
    REQUIRE(fresh.edgeCount() > 100);
    CHECK_FALSE(roads.loads(ws));
    geo::RoadGraph built = geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0);  // builds and writes the cache
    checkSameGraph(built, fresh);
    CHECK(geo::tableExists(ws.db(), geo::kNetworkCacheTable));
    CHECK(roads.loads(ws));
    geo::RoadGraph cached = geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0);
    checkSameGraph(cached, fresh);

    // The whole network, and so every figure, is the same through the cache.
    auto viaCache = geo::openNetwork(ws);
    geo::Layer boundary = ws.readLayer("boundary");
    geo::CordonNetwork direct(roads.layer, boundary, nullptr, nullptr);
    REQUIRE(viaCache->entries().size() == direct.entries().size());
    for (size_t i = 0; i < direct.entries().size(); ++i) {
        CHECK(viaCache->entries()[i].x == direct.entries()[i].x);
        CHECK(viaCache->entries()[i].y == direct.entries()[i].y);
        CHECK(viaCache->entries()[i].points.size() == direct.entries()[i].points.size());
    }
}

TEST_CASE("a cache of other roads or another snap tolerance is stale and the graph is rebuilt") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    {
        Roads roads(ws);
        geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0);
        REQUIRE(roads.loads(ws));
        CHECK(roads.key(ws, geo::RoadGraphOptions{2.0}) != roads.key(ws));
        // A geometry changed behind GDAL's back: same rows, same last_change, other lines.
        // (The spatial index triggers need GDAL's SQL functions, and Cordon's connection lets no
        // trigger touch a virtual table (trusted_schema off); these edits bypass them.)
        geo::exec(ws.db(), "DROP TRIGGER rtree_roads_geom_update1; DROP TRIGGER rtree_roads_geom_update2;"
                           "DROP TRIGGER rtree_roads_geom_update3; DROP TRIGGER rtree_roads_geom_update4;"
                           "DROP TRIGGER rtree_roads_geom_delete;"
                           "UPDATE roads SET geom = (SELECT geom FROM roads WHERE fid = 2) WHERE fid = 1");
    }
    {
        Roads roads(ws);
        CHECK_FALSE(roads.loads(ws));
        checkSameGraph(geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0), roads.fresh());
        CHECK(roads.loads(ws));  // rewritten for the new roads
        geo::exec(ws.db(), "DELETE FROM roads WHERE fid = (SELECT max(fid) FROM roads)");
    }
    Roads roads(ws);
    CHECK_FALSE(roads.loads(ws));
    checkSameGraph(geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0), roads.fresh());
}

TEST_CASE("a damaged road graph cache is never used: the graph is built instead") {
    const char* damage[] = {
        "UPDATE cordon_network_cache SET data = substr(data, 1, 8) WHERE part = 'edgeTo'",           // truncated
        "UPDATE cordon_network_cache SET data = X'FFFFFFFF' || substr(data, 5) WHERE part = 'edgeFrom'",  // node out of range
        "UPDATE cordon_network_cache SET data = substr(data, 9) || X'0000000000000000' WHERE part = 'edgeEnd'",  // out of order
        "UPDATE cordon_network_cache SET data = zeroblob(length(data)) WHERE part = 'lineFirstEdge'",
        "UPDATE cordon_network_cache SET data = 'text' WHERE part = 'nodeXy'",
        "UPDATE cordon_network_cache SET data = X'000000000000F87F' || substr(data, 9) WHERE part = 'nodeXy'",  // NaN
        "DELETE FROM cordon_network_cache WHERE part = 'edgeEnd'",
        "DROP TABLE cordon_network_cache; CREATE TABLE cordon_network_cache (x)",
    };
    for (const char* sql : damage) {
        CAPTURE(sql);
        testing::TempDir tmp;
        auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
        Roads roads(ws);
        geo::RoadGraph fresh = roads.fresh();
        geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0);
        REQUIRE(roads.loads(ws));
        geo::exec(ws.db(), sql);
        CHECK_FALSE(roads.loads(ws));
        checkSameGraph(geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0), fresh);
    }
}

TEST_CASE("a read-only workspace is analysed without writing a road graph cache") {
    testing::TempDir tmp;
    std::string path = testing::demoWorkspaceCopy(tmp);
    auto ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    Roads roads(ws);
    checkSameGraph(geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0), roads.fresh());
    CHECK_FALSE(geo::tableExists(ws.db(), geo::kNetworkCacheTable));
    CHECK_FALSE(geo::saveNetworkCache(ws, roads.key(ws), roads.fresh()));
}

TEST_CASE("a small network is analysed without writing a cache") {
    testing::TempDir tmp;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(tmp));
    auto net = geo::openNetwork(ws);
    REQUIRE(net->graph().edgeCount() < geo::kMinEdgesToCache);
    CHECK_FALSE(geo::tableExists(ws.db(), geo::kNetworkCacheTable));
}

TEST_CASE("replacing the roads drops the road graph cache, and the next analysis caches the new roads") {
    testing::TempDir tmp;
    std::string path = testing::demoWorkspaceCopy(tmp);
    {
        auto ws = geo::Workspace::open(path);
        Roads roads(ws);
        geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0);
        REQUIRE(geo::tableExists(ws.db(), geo::kNetworkCacheTable));
    }
    geo::ReplaceRequest r;
    r.workspacePath = path;
    r.role = "roads";
    r.source.path = (testing::demoDir() / "roads.shp").string();
    r.source.where = "FID < 300";
    geo::replaceLayer(r);
    auto ws = geo::Workspace::open(path);
    CHECK_FALSE(geo::tableExists(ws.db(), geo::kNetworkCacheTable));
    Roads roads(ws);
    checkSameGraph(geo::cachedRoadGraph(ws, roads.layer, roads.levels, {}, 0), roads.fresh());
    CHECK(roads.loads(ws));
}
