// Benchmark (run by hand, not a test): the daily report over a register of 1M rows spread over
// 60 days in the demo workspace; prints the import, one day's report and a 60-day range.
// usage: daily_bench [ROWS] [DAYS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include "geo/analysis/network.hpp"
#include "geo/core/dates.hpp"
#include "geo/returnees/daily_report.hpp"
#include "geo/io/demo.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/workspace.hpp"
#include "stopwatch.hpp"

namespace fs = std::filesystem;

using bench::Stopwatch;

int main(int argc, char** argv) {
    const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
    const int days = argc > 2 ? std::atoi(argv[2]) : 60;
    fs::path dir = fs::temp_directory_path() / ("cordon-daily-bench-" + std::to_string(std::rand()));
    fs::create_directories(dir);
    geo::DemoOptions demo;
    demo.outDir = (dir / "demo").string();
    geo::generateDemo(demo);
    const std::string wsPath = (dir / "demo" / "demo.gpkg").string();
    geo::Workspace ws = geo::Workspace::open(wsPath);
    for (const auto& b : geo::listBatches(ws)) geo::removeBatch(ws, b.name);

    // The register: by village only (as clerks keep it), arrival over `days`, four origins, the
    // statuses as written, a temperature per row.
    geo::Layer villages = ws.readLayer("villages");
    const int nameField = villages.fieldIndex("名称");
    const char* origins[] = {"武汉", "湖北", "省外", "省内"};
    const char* statuses[] = {"居家观察", "集中隔离", "解除观察", "居家隔离", ""};
    const std::string csv = (dir / "register.csv").string();
    {
        Stopwatch w;
        std::ofstream out(csv, std::ios::binary);
        out << "村,返乡日期,来源地,状态,体温\n";
        geo::DemoRandom rnd(7);
        const int firstDay = geo::daysFromCivil(2020, 1, 10);
        for (long i = 0; i < rows; ++i) {
            size_t v = static_cast<size_t>(rnd.uniform() * static_cast<double>(villages.featureCount())) % villages.featureCount();
            int d = firstDay + static_cast<int>(rnd.uniform() * days) % days;
            char temp[16];
            std::snprintf(temp, sizeof temp, "%.1f", 36.0 + rnd.uniform() * 1.6);
            out << villages.attr(v, nameField) << ',' << geo::formatDay(d) << ',' << origins[i % 4] << ','
                << statuses[(i / 4) % 5] << ',' << temp << '\n';
        }
        std::printf("write register  %ld rows over %d days      %s\n", rows, days, w.str().c_str());
    }
    {
        Stopwatch w;
        geo::ReturneeImportOptions o;
        o.path = csv;
        auto r = geo::importReturnees(ws, o);
        std::printf("import                                      %s  (%lld rows)\n", w.str().c_str(),
                    static_cast<long long>(r.rowsImported));
    }
    auto store = geo::openSqliteScenarioStore(ws);
    geo::Scenario scenario = geo::scenarioOrEmptyPlan(*store, "");
    Stopwatch netWatch;
    auto net = geo::openNetwork(ws);
    std::printf("road network                                %s\n", netWatch.str().c_str());
    const int last = geo::daysFromCivil(2020, 1, 10) + days - 1;
    {
        Stopwatch w;
        geo::DailyReport r = geo::buildDailyReport(ws, net.get(), scenario, last, last);
        std::string json = geo::dailyReportJson(r);
        std::printf("report one day (load, figures, JSON)        %s  (%lld under observation, %zu bytes)\n", w.str().c_str(),
                    static_cast<long long>(r.figures.returnees.underObservation), json.size());
    }
    {
        Stopwatch w;
        geo::DailyReport r = geo::buildDailyReport(ws, net.get(), scenario, last - days + 1, last);
        std::string json = geo::dailyReportJson(r);
        std::printf("report %d days, one row per day             %s  (%zu rows)\n", days, w.str().c_str(), r.days.size());
        Stopwatch x;
        geo::writeDailyReportXlsx(r, (dir / "report.xlsx").string());
        std::printf("write XLSX                                  %s\n", x.str().c_str());
    }
    fs::remove_all(dir);
    return 0;
}
