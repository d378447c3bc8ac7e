// Benchmark (run by hand, not a test): 1M returnee records imported into the demo workspace and
// aggregated; prints the time of each step. usage: returnees_bench [RECORDS] [clustered|spread]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include "geo/core/crs.hpp"
#include "geo/io/table.hpp"
#include "geo/core/dates.hpp"
#include "geo/io/demo.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/returnees/suppression.hpp"
#include "geo/workspace/workspace.hpp"
#include "stopwatch.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

using bench::Stopwatch;

int main(int argc, char** argv) {
    const long records = argc > 1 ? std::atol(argv[1]) : 1000000;
    const bool spread = argc > 2 && std::string(argv[2]) == "spread";
    fs::path dir = fs::temp_directory_path() / ("cordon-returnees-bench-" + std::to_string(std::rand()));
    fs::create_directories(dir);
    geo::DemoOptions demo;
    demo.outDir = (dir / "demo").string();
    geo::generateDemo(demo);
    std::string wsPath = (dir / "demo" / "demo.gpkg").string();
    geo::Workspace ws = geo::Workspace::open(wsPath);
    for (const auto& b : geo::listBatches(ws)) geo::removeBatch(ws, b.name);

    // Records: clustered around the villages as in the demo, or spread over the whole township.
    geo::Layer villages = ws.readLayer("villages");
    geo::Layer boundary = ws.readLayer("boundary");
    geo::Bbox box = boundary.bbox();
    geo::Transformer toLonLat("EPSG:" + std::to_string(ws.workingEpsg()), "EPSG:4326");
    geo::DemoRandom rnd(99);
    std::vector<double> xy;
    xy.reserve(static_cast<size_t>(2 * records));
    while (xy.size() < static_cast<size_t>(2 * records)) {
        double x, y;
        if (spread) {
            x = rnd.uniform(box.minX, box.maxX);
            y = rnd.uniform(box.minY, box.maxY);
            if (!geo::featureContains(boundary, 0, x, y)) continue;
        } else {
            size_t v = static_cast<size_t>(rnd.below(static_cast<int>(villages.featureCount())));
            size_t vert = villages.ringStart[villages.partStart[villages.featureStart[v]]];
            x = villages.xy[2 * vert] + rnd.uniform(-300, 300);
            y = villages.xy[2 * vert + 1] + rnd.uniform(-300, 300);
        }
        xy.push_back(x);
        xy.push_back(y);
    }
    toLonLat.transform(xy.data(), xy.size() / 2);
    std::string csvPath = (dir / "returnees_1m.csv").string();
    {
        std::ofstream csv(csvPath, std::ios::binary);
        csv << "序号,姓名,联系电话,经度,纬度,返乡日期,来源地,状态\n";
        const char* origins[] = {"武汉", "湖北其他", "省外", "省内"};
        char line[256];
        for (long i = 0; i < records; ++i) {
            int o = rnd.below(4);
            std::snprintf(line, sizeof line, "%ld,居民%07ld,139%08ld,%.6f,%.6f,2020-01-%02d,%s,%s\n", i + 1, i, i,
                          xy[2 * static_cast<size_t>(i)], xy[2 * static_cast<size_t>(i) + 1], 1 + rnd.below(28), origins[o],
                          o <= 1 ? "居家隔离" : "正常");
            csv << line;
        }
    }
    std::printf("%ld records (%s), CSV %.1f MB\n", records, spread ? "spread over the township" : "clustered at villages",
                static_cast<double>(fs::file_size(csvPath)) / 1e6);

    Stopwatch t;
    geo::TableOptions to;
    geo::Table table = geo::readTable(csvPath, to);
    std::printf("  read and parse every column      %s\n", t.str().c_str());
    table = {};

    t = Stopwatch();
    geo::ReturneeImportOptions o;
    o.path = csvPath;
    o.skipBad = true;  // spread points within centimetres of the boundary may round outside it
    geo::ReturneeImportReport r = geo::importReturnees(ws, o);
    std::printf("  import (read, locate, count, write) %s  (%lld rows imported, %lld bad)\n", t.str().c_str(),
                static_cast<long long>(r.rowsImported), static_cast<long long>(r.badRowCount));

    t = Stopwatch();
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    std::printf("  load counts from the workspace   %s  (%zu count rows for %lld records)\n", t.str().c_str(),
                counts.entries.size(), static_cast<long long>(counts.total));

    for (double cell : {500.0, 250.0, 1000.0}) {
        t = Stopwatch();
        auto grid = geo::aggregateToGrid(counts, boundary, cell);
        std::string ms = t.str();
        int64_t sum = 0;
        for (const auto& a : grid) sum += a.total;
        std::printf("  aggregate to a %4.0f m grid        %s  (%zu areas, sum %lld)\n", cell, ms.c_str(), grid.size(),
                    static_cast<long long>(sum));
    }
    t = Stopwatch();
    auto districts = geo::aggregateToPolygons(counts, ws.readLayer("districts"));
    std::printf("  aggregate to districts           %s\n", t.str().c_str());
    geo::ReturneeFilter f;
    f.fromDay = geo::daysFromCivil(2020, 1, 20);
    f.toDay = f.fromDay;
    t = Stopwatch();
    auto oneDay = geo::aggregateToGrid(counts, boundary, 500, f);
    std::printf("  one day on the 500 m grid        %s\n", t.str().c_str());
    std::vector<std::vector<int64_t>> table500;
    for (const auto& a : oneDay) table500.push_back(a.byOrigin);
    t = Stopwatch();
    geo::SuppressedTable s(table500, 5);
    std::printf("  suppress that table (%zu x %zu)   %s  (%zu cells hidden)\n", s.rows(), s.cols(), t.str().c_str(),
                s.hiddenCount());
    ws = geo::Workspace::open(wsPath);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}
