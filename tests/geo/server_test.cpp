// The server backend against a real PostgreSQL/PostGIS: CORDON_TEST_SERVER names it (PG:..., a
// superuser on an empty database); tests/e2e/server_geo.sh starts a throwaway cluster and runs
// these. Without it they pass without checking anything.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>
#include <cstdlib>
#include <random>

#include "geo/plan/plan_session.hpp"
#include "geo/server/notify.hpp"
#include "geo/server/server_schema.hpp"
#include "geo/server/township.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace {

const char* testServer() { return std::getenv("CORDON_TEST_SERVER"); }

std::string uniqueName(const char* stem) { return stem + std::to_string(std::random_device{}() % 1000000); }

void setLeader(const std::string& path, int64_t id, const std::string& leader) {
    geo::SqliteDb db;
    REQUIRE(geo::openSqlite(path, SQLITE_OPEN_READWRITE, db) == SQLITE_OK);
    geo::Statement s(db.get(), "UPDATE checkpoints SET leader = ? WHERE fid = ?");
    s.bind(1, leader).bind(2, id).run();
}

// A township from the demo with one scenario of two checkpoints; returns their ids.
std::vector<int64_t> makeTownship(geo::PgConnection& conn, const testing::TempDir& tmp, const std::string& name) {
    std::string ws = testing::demoWorkspaceCopy(tmp);
    geo::markNewTownship(ws, name);
    geo::pushTownship(conn, ws, geo::PushMode::RefuseOnConflict);
    std::string copy = tmp / "plan.gpkg";
    geo::pullTownship(conn, name, copy);
    {
        auto w = geo::Workspace::open(copy);
        geo::PlanSession session(w);
        geo::Bbox box = w.readLayer("boundary").bbox();
        int64_t scenario = session.createScenario("A");
        double cx = (box.minX + box.maxX) / 2, cy = (box.minY + box.maxY) / 2;
        session.addCheckpoint(scenario, testing::checkpointAt(cx, cy));
        session.addCheckpoint(scenario, testing::checkpointAt(cx + 100, cy));
    }
    geo::pushTownship(conn, copy, geo::PushMode::RefuseOnConflict);
    geo::PgResult r = conn.query("SELECT c.id FROM cordon.checkpoints c JOIN cordon.townships t ON t.id = c.township_id"
                                 " WHERE t.name = $1 ORDER BY c.id", {name});
    std::vector<int64_t> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.int64(i, 0));
    return ids;
}

// A fresh township on the test server, with a scenario of two checkpoints.
struct ServerTownship {
    geo::PgConnection conn{testServer()};
    testing::TempDir tmp;
    std::string name = uniqueName("镇");
    std::vector<int64_t> ids;
    ServerTownship() {
        geo::initServer(conn);
        ids = makeTownship(conn, tmp, name);
    }
};

std::string leaderOf(geo::PgConnection& conn, int64_t id) {
    return conn.query("SELECT leader FROM cordon.checkpoints WHERE id = $1", {id}).text(0, 0);
}

}  // namespace

TEST_CASE("server: pushes of different checkpoints both land; of the same one the later is refused") {
    if (!testServer()) return;
    ServerTownship t;
    auto& [conn, tmp, name, ids] = t;
    REQUIRE(ids.size() == 2);
    std::string a = tmp / "a.gpkg", b = tmp / "b.gpkg";
    geo::pullTownship(conn, name, a);
    geo::pullTownship(conn, name, b);
    setLeader(a, ids[0], "甲");
    setLeader(b, ids[1], "乙");
    geo::PushResult pa = geo::pushTownship(conn, a, geo::PushMode::RefuseOnConflict);
    geo::PushResult pb = geo::pushTownship(conn, b, geo::PushMode::RefuseOnConflict);
    CHECK(pa.updated == 1);
    CHECK(pb.updated == 1);
    CHECK(leaderOf(conn, ids[0]) == "甲");
    CHECK(leaderOf(conn, ids[1]) == "乙");

    geo::pullTownship(conn, name, a);
    geo::pullTownship(conn, name, b);
    setLeader(a, ids[0], "甲2");
    setLeader(b, ids[0], "乙2");
    geo::pushTownship(conn, a, geo::PushMode::RefuseOnConflict);
    std::string message;
    try {
        geo::pushTownship(conn, b, geo::PushMode::RefuseOnConflict);
    } catch (const geo::PushConflict& e) {
        message = e.what();
    }
    CHECK(message.find("checkpoint 1 ") == 0);
    CHECK(message.find("was changed by") != std::string::npos);
    CHECK(message.find("your edit was not saved") != std::string::npos);
    CHECK(leaderOf(conn, ids[0]) == "甲2");  // the earlier edit stays: nothing lost
}

TEST_CASE("server: an unchanged pull pushes nothing, even after an analysis wrote its cache") {
    if (!testServer()) return;
    ServerTownship t;
    auto& [conn, tmp, name, ids] = t;
    std::string a = tmp / "a.gpkg";
    geo::pullTownship(conn, name, a);
    int64_t before = geo::findTownship(conn, name)->rowVersion;
    geo::PushResult r = geo::pushTownship(conn, a, geo::PushMode::RefuseOnConflict);
    CHECK(r.inserted + r.updated + r.deleted == 0);
    CHECK_FALSE(r.layersUploaded);
    CHECK(geo::findTownship(conn, name)->rowVersion == before);
}

TEST_CASE("server: a commit reaches a listening poller within a second") {
    if (!testServer()) return;
    ServerTownship t;
    auto& [conn, tmp, name, ids] = t;
    geo::ServerListener listener(testServer());
    CHECK_FALSE(listener.poll(name));
    auto t0 = std::chrono::steady_clock::now();
    conn.query("UPDATE cordon.checkpoints SET leader = 'x' WHERE id = $1", {ids[0]});
    bool seen = listener.wait(name, 1.0);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(seen);
    CHECK(seconds < 1.0);
    CHECK_FALSE(listener.poll(name));          // consumed
    CHECK_FALSE(listener.poll("another town"));
}

TEST_CASE("server: a poller of every township hears which ones changed, each once") {
    if (!testServer()) return;
    ServerTownship t;
    auto& [conn, tmp, name, ids] = t;
    geo::ServerListener listener(testServer());
    std::vector<std::string> names;
    CHECK_FALSE(listener.pollTownships(names));
    CHECK(names.empty());
    conn.query("UPDATE cordon.checkpoints SET leader = 'x' WHERE id = $1", {ids[0]});
    conn.query("UPDATE cordon.checkpoints SET leader = 'y' WHERE id = $1", {ids[1]});
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (names.empty() && std::chrono::steady_clock::now() < until) {
        listener.pollTownships(names);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    listener.pollTownships(names);
    REQUIRE(names.size() == 1);  // two commits of one township: named once
    CHECK(names[0] == name);
    names.clear();
    CHECK_FALSE(listener.pollTownships(names));  // consumed
}

TEST_CASE("server: a live copy's refused edit is reported and replaced by the server's row") {
    if (!testServer()) return;
    ServerTownship t;
    auto& [conn, tmp, name, ids] = t;
    std::string live = tmp / "live.gpkg";
    geo::pullTownship(conn, name, live);
    geo::SqliteDb db;
    REQUIRE(geo::openSqlite(live, SQLITE_OPEN_READWRITE, db) == SQLITE_OK);
    auto localLeader = [&](int64_t id) {
        geo::Statement s(db.get(), "SELECT leader FROM checkpoints WHERE fid = ?");
        s.bind(1, id);
        return s.step() ? s.text(0) : std::string("(none)");
    };
    // An edit of its own goes up; one of another planner's comes down.
    setLeader(live, ids[1], "本机");
    conn.query("UPDATE cordon.checkpoints SET leader = '他人' WHERE id = $1", {ids[0]});
    CHECK(geo::refreshWorkingCopy(conn, db.get()).empty());
    CHECK(leaderOf(conn, ids[1]) == "本机");
    CHECK(localLeader(ids[0]) == "他人");
    // Both edit the same checkpoint: the server's stays, here too, and the refusal is told.
    conn.query("UPDATE cordon.checkpoints SET leader = '先到' WHERE id = $1", {ids[0]});
    setLeader(live, ids[0], "后到");
    std::string refused = geo::refreshWorkingCopy(conn, db.get());
    CHECK(refused.find("was changed by") != std::string::npos);
    CHECK(leaderOf(conn, ids[0]) == "先到");
    CHECK(localLeader(ids[0]) == "先到");
}
