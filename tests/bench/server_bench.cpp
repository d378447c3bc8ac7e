// Many planners on one server: a county of townships, writers editing checkpoints through the
// pull/push path with row versions for a while; prints edits/s, commit latency and lost edits.
// usage: server_bench PG:... [--townships 200] [--checkpoints 40] [--writers 20] [--seconds 60]
// The server must hold township T000 (cordon import PG:... --township T000 ...); the others
// are cloned from it on the server (layers moved onto a grid so that neighbours share borders).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "geo/server/pg.hpp"
#include "geo/server/township.hpp"
#include "geo/workspace/sqlite.hpp"

namespace {

struct Options {
    std::string server;
    int townships = 200, checkpoints = 40, writers = 20;
    double seconds = 60;
};

void buildCounty(const Options& o) {
    geo::PgConnection conn(o.server);
    geo::PgTransaction tx(conn);
    conn.exec("DELETE FROM cordon.townships WHERE name <> 'T000'");
    if (!geo::findTownship(conn, "T000")) throw geo::Error("import township T000 first");
    conn.query("INSERT INTO cordon.townships(name, epsg, template) SELECT 'T' || lpad(g::text, 3, '0'), epsg, template"
               " FROM cordon.townships, generate_series(1, $1::int - 1) g WHERE name = 'T000'", {o.townships});
    // Layer copies on a grid of 20 columns, 0.9 of the boundary's width and height apart, so
    // that neighbours share a strip of border as real ones do.
    for (const char* layer : {"boundary", "districts", "roads", "villages"})
        conn.exec(std::string("INSERT INTO cordon.") + layer + "(township_id, fid, geom, attrs)"
                  " SELECT t.id, l.fid, ST_Translate(l.geom, 0.9 * (ST_XMax(e.box) - ST_XMin(e.box)) * ((substr(t.name, 2)::int) % 20),"
                  "   0.9 * (ST_YMax(e.box) - ST_YMin(e.box)) * ((substr(t.name, 2)::int) / 20)), l.attrs"
                  " FROM cordon." + layer + " l JOIN cordon.townships s ON s.id = l.township_id AND s.name = 'T000'"
                  " CROSS JOIN (SELECT ST_Extent(geom)::geometry AS box FROM cordon.boundary b JOIN cordon.townships s2"
                  "   ON s2.id = b.township_id AND s2.name = 'T000') e"
                  " JOIN cordon.townships t ON t.name <> 'T000'");
    conn.exec("DELETE FROM cordon.scenarios");
    conn.exec("INSERT INTO cordon.scenarios(township_id, name) SELECT id, '方案' FROM cordon.townships");
    // Checkpoints at random points within 2 km of the boundary's centre (the working CRS is metric).
    conn.query("INSERT INTO cordon.checkpoints(township_id, scenario_id, geom, scenario, name, kind, staff_per_shift, shifts,"
               " staff_required, number)"
               " SELECT s.township_id, s.id, ST_SetSRID(ST_MakePoint(ST_X(c.p) + (random() - 0.5) * 4000,"
               "   ST_Y(c.p) + (random() - 0.5) * 4000), ST_SRID(c.p)), '方案', '卡口' || g, 'road_checkpoint', 2, 3, 6, g"
               " FROM cordon.scenarios s CROSS JOIN generate_series(1, $1::int) g"
               " CROSS JOIN (SELECT ST_Centroid(b.geom) AS p FROM cordon.boundary b JOIN cordon.townships t"
               "   ON t.id = b.township_id AND t.name = 'T000' LIMIT 1) c", {o.checkpoints});
    tx.commit();
    conn.exec("ANALYZE");
}

struct Commit {
    int64_t id, version;
    std::string value;
};

struct WriterResult {
    std::vector<double> latencyMs;
    std::vector<Commit> commits;
    int conflicts = 0, errors = 0;
    std::string firstError;
};

void writer(const Options& o, int index, std::chrono::steady_clock::time_point until, WriterResult& out) {
    geo::PgConnection conn(o.server);
    std::mt19937 rng(static_cast<unsigned>(index) * 7919u + 1u);
    std::string path = geo::temporaryWorkspacePath("writer" + std::to_string(index));
    std::vector<std::string> names;
    for (const auto& t : geo::listTownships(conn)) names.push_back(t.name);
    int n = 0;
    while (std::chrono::steady_clock::now() < until) {
        const std::string& township = names[rng() % names.size()];
        geo::pullTownship(conn, township, path);
        std::vector<std::pair<int64_t, int64_t>> rows;  // id, base version
        {
            geo::SqliteDb db;
            geo::openSqlite(path, SQLITE_OPEN_READONLY, db);
            geo::Statement s(db.get(), "SELECT id, base_version FROM cordon_sync WHERE kind = 'checkpoint'");
            while (s.step()) rows.push_back({s.int64(0), s.int64(1)});
        }
        // A planner works on the township for a while: a few edits, each pushed.
        for (int edit = 0; edit < 10 && std::chrono::steady_clock::now() < until; ++edit) {
            auto& [id, version] = rows[rng() % rows.size()];
            std::string value = "w" + std::to_string(index) + "-" + std::to_string(++n);
            {
                geo::SqliteDb db;
                geo::openSqlite(path, SQLITE_OPEN_READWRITE, db);
                geo::Statement s(db.get(), "UPDATE checkpoints SET leader = ? WHERE fid = ?");
                s.bind(1, value).bind(2, id).run();
            }
            auto t0 = std::chrono::steady_clock::now();
            try {
                geo::pushTownship(conn, path, geo::PushMode::RefuseOnConflict);
                out.latencyMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                out.commits.push_back({id, ++version, value});
            } catch (const geo::PushConflict&) {
                ++out.conflicts;
                break;  // pull again
            } catch (const std::exception& e) {
                if (out.errors++ == 0) out.firstError = e.what();
                break;
            }
        }
    }
    std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--townships") o.townships = std::atoi(next().c_str());
        else if (a == "--checkpoints") o.checkpoints = std::atoi(next().c_str());
        else if (a == "--writers") o.writers = std::atoi(next().c_str());
        else if (a == "--seconds") o.seconds = std::atof(next().c_str());
        else o.server = a;
    }
    if (o.server.empty() || o.townships < 1 || o.checkpoints < 1 || o.writers < 1) {
        std::fprintf(stderr, "usage: server_bench PG:... [--townships 200] [--checkpoints 40] [--writers 20] [--seconds 60]\n");
        return 2;
    }
    try {
        auto b0 = std::chrono::steady_clock::now();
        buildCounty(o);
        std::printf("county        %d townships x %d checkpoints built in %.1f s\n", o.townships, o.checkpoints,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count());
        std::vector<WriterResult> results(static_cast<size_t>(o.writers));
        std::vector<std::thread> threads;
        auto start = std::chrono::steady_clock::now();
        auto until = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(o.seconds));
        for (int w = 0; w < o.writers; ++w) threads.emplace_back(writer, std::cref(o), w, until, std::ref(results[static_cast<size_t>(w)]));
        for (auto& t : threads) t.join();
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        std::vector<double> latency;
        std::map<int64_t, std::vector<Commit>> byRow;
        int conflicts = 0, errors = 0;
        for (const auto& r : results) {
            latency.insert(latency.end(), r.latencyMs.begin(), r.latencyMs.end());
            for (const auto& c : r.commits) byRow[c.id].push_back(c);
            conflicts += r.conflicts;
            errors += r.errors;
            if (!r.firstError.empty()) std::fprintf(stderr, "writer error: %s\n", r.firstError.c_str());
        }
        std::sort(latency.begin(), latency.end());
        auto pct = [&](double p) { return latency.empty() ? 0.0 : latency[static_cast<size_t>(p * static_cast<double>(latency.size() - 1))]; };
        // Lost edits: every commit a writer saw succeed must be one version step of its row on
        // the server, and the row must hold the value of its latest one.
        geo::PgConnection conn(o.server);
        geo::PgResult rows = conn.query("SELECT id, row_version, leader FROM cordon.checkpoints");
        int64_t lost = 0;
        for (int i = 0; i < rows.rows(); ++i) {
            auto it = byRow.find(rows.int64(i, 0));
            int64_t committed = it == byRow.end() ? 0 : static_cast<int64_t>(it->second.size());
            int64_t steps = rows.int64(i, 1) - 1;
            lost += std::llabs(steps - committed);
            if (it != byRow.end()) {
                const Commit& last = *std::max_element(it->second.begin(), it->second.end(),
                                                       [](const Commit& a, const Commit& b) { return a.version < b.version; });
                if (last.value != rows.text(i, 2)) ++lost;
            }
        }
        std::printf("writers       %d for %.1f s\n", o.writers, elapsed);
        std::printf("edits         %zu committed, %.1f edits/s\n", latency.size(), static_cast<double>(latency.size()) / elapsed);
        std::printf("commit        p50 %.1f ms, p95 %.1f ms, max %.1f ms (pull not included)\n", pct(0.5), pct(0.95),
                    latency.empty() ? 0.0 : latency.back());
        std::printf("conflicts     %d refused (same checkpoint edited by another writer since its pull), %d errors\n",
                    conflicts, errors);
        std::printf("lost edits    %lld\n", static_cast<long long>(lost));
        return lost == 0 && errors == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "server_bench: %s\n", e.what());
        return 1;
    }
}
