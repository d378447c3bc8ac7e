// Figures as of a day against a register counted by hand: the observation window's edges, a
// release before the period ends, a later batch replacing an earlier one, checkpoint dates.
#include <doctest/doctest.h>

#include "geo/core/dates.hpp"
#include "geo/returnees/as_of.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/render/daily_page.hpp"
#include "geo/returnees/daily_report.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/analysis/figures.hpp"
#include "returnee_fixtures.hpp"

using namespace returnee_fixtures;

namespace {

int day(const char* iso) {
    int d = 0;
    REQUIRE(geo::parseIsoDay(iso, d));
    return d;
}

// D = 2020-02-10, period 14: the window is 01-28 .. 02-10.
const std::string kRegister =
    "村,返乡日期,来源地,状态,体温\n"
    "王茅村,2020-01-27,武汉,居家观察,36.5\n"    // D-14: just outside the window -> released by the period
    "王茅村,2020-01-28,武汉,居家观察,37.3\n"    // D-13: inside; 37.3 is fever
    "东垣,2020-02-10,省外,集中隔离,37.2\n"      // arrived on D; 37.2 is not fever
    "东垣,2020-02-03,省外,解除观察,36.8\n"      // released after 7 days
    "西垣村,2020-02-11,武汉,居家观察,36.6\n"    // after D: not counted
    "西垣村,2020-02-05,省外,居家隔离,38.1\n"    // home observation, fever
    "南坡,2020-02-10,湖北,,36.4\n";             // no status: other, still under observation

const geo::VillageDay* village(const std::vector<geo::VillageDay>& rows, const char* name) {
    for (const auto& r : rows)
        if (geo::villageKey(r.village) == geo::villageKey(name)) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("status words map to the fixed set, fever from a temperature or a yes") {
    CHECK(geo::classifyStatus("居家观察") == geo::ReturneeStatus::HomeObservation);
    CHECK(geo::classifyStatus("居家隔离") == geo::ReturneeStatus::HomeObservation);
    CHECK(geo::classifyStatus("集中隔离") == geo::ReturneeStatus::CentralIsolation);
    CHECK(geo::classifyStatus("解除隔离") == geo::ReturneeStatus::Released);
    CHECK(geo::classifyStatus("已解除观察") == geo::ReturneeStatus::Released);
    CHECK(geo::classifyStatus("住院治疗") == geo::ReturneeStatus::Hospital);
    CHECK(geo::classifyStatus("Released") == geo::ReturneeStatus::Released);
    CHECK(geo::classifyStatus("") == geo::ReturneeStatus::Other);
    CHECK(geo::classifyStatus("待定") == geo::ReturneeStatus::Other);
    CHECK(geo::isFeverCell("37.3"));
    CHECK(geo::isFeverCell("３８.０℃"));
    CHECK_FALSE(geo::isFeverCell("37.2"));
    CHECK_FALSE(geo::isFeverCell("36.5度"));
    CHECK(geo::isFeverCell("是"));
    CHECK(geo::isFeverCell("发热"));
    CHECK_FALSE(geo::isFeverCell("否"));
    CHECK_FALSE(geo::isFeverCell("无发热"));
    CHECK_FALSE(geo::isFeverCell(""));
}

TEST_CASE("figures as of a day match the register counted by hand") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    CHECK(geo::observationDays(ws) == 14);
    auto r = importText(ws, dir, "register.csv", kRegister);
    REQUIRE(r.committed);
    CHECK(r.feverField == "体温");
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    geo::DailyCounter daily(counts, geo::observationDays(ws));
    const int d = day("2020-02-10");
    geo::DailyReturnees f = daily.figures(d);
    CHECK(f.returneesTotal == 6);
    CHECK(f.arrivedOnDate == 2);
    CHECK(f.underObservation == 4);
    CHECK(f.released == 2);
    CHECK(f.fever == 2);
    auto villages = daily.byVillage(d);
    REQUIRE(village(villages, "王茅村"));
    CHECK(village(villages, "王茅村")->arrived == 2);
    CHECK(village(villages, "王茅村")->underObservation == 1);
    CHECK(village(villages, "东垣")->arrived == 2);
    CHECK(village(villages, "东垣")->underObservation == 1);
    CHECK(village(villages, "西垣")->arrived == 1);
    CHECK(village(villages, "南坡")->underObservation == 1);
    int64_t arrived = 0, under = 0;
    for (const auto& v : villages) arrived += v.arrived, under += v.underObservation;
    CHECK(arrived == f.returneesTotal);
    CHECK(under == f.underObservation);
    int64_t onDate = 0;
    for (const auto& o : daily.byOrigin(d)) onDate += o.arrivedOnDate;
    CHECK(onDate == f.arrivedOnDate);

    // The window's other edge: the day before D-13's arrival leaves it, D+1 takes 01-28 out too.
    CHECK(daily.figures(day("2020-02-11")).underObservation == 4);  // 01-28 leaves, 02-11 comes
    CHECK(daily.figures(day("2020-01-27")).underObservation == 1);
    CHECK(daily.figures(day("2020-01-26")).returneesTotal == 0);

    // The series agrees with the day-by-day figures, across the window's edges.
    auto series = daily.series(day("2020-01-20"), day("2020-02-28"));
    REQUIRE(series.size() == 40);
    for (const auto& s : series) {
        geo::DailyReturnees one = daily.figures(s.day);
        CHECK(s.returneesTotal == one.returneesTotal);
        CHECK(s.arrivedOnDate == one.arrivedOnDate);
        CHECK(s.underObservation == one.underObservation);
        CHECK(s.fever == one.fever);
    }
    auto late = daily.series(day("2020-02-09"), day("2020-02-12"));  // starts with arrivals before it
    for (const auto& s : late) CHECK(s.underObservation == daily.figures(s.day).underObservation);

    // A shorter period: only 02-04 .. 02-10 count (the released 02-03 row would not anyway).
    geo::setObservationDays(ws, 7);
    CHECK(geo::observationDays(ws) == 7);
    CHECK(geo::DailyCounter(counts, 7).figures(d).underObservation == 3);
    CHECK_THROWS_AS(geo::setObservationDays(ws, 0), geo::Error);
}

TEST_CASE("a later batch of the same register replaces the earlier statuses") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    importText(ws, dir, "register.csv", kRegister);
    std::string next = kRegister;
    next.replace(next.find("2020-01-28,武汉,居家观察"), std::string("2020-01-28,武汉,居家观察").size(), "2020-01-28,武汉,解除观察");
    auto r = importText(ws, dir, "register.csv", next);
    CHECK(r.replacedBatch);
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    geo::DailyReturnees f = geo::DailyCounter(counts, 14).figures(day("2020-02-10"));
    CHECK(f.returneesTotal == 6);
    CHECK(f.underObservation == 3);
    CHECK(f.released == 3);
    CHECK(f.fever == 2);  // the flag stays with the row
    // Stored as the fixed names, never the words of the register.
    sqlite3* db = ws.db();
    geo::Statement s(db, "SELECT DISTINCT status FROM cordon_returnee_villages ORDER BY 1");
    std::vector<std::string> statuses;
    while (s.step()) statuses.push_back(s.text(0));
    CHECK(statuses == std::vector<std::string>{"其他", "居家观察", "解除观察", "集中隔离"});
}

TEST_CASE("checkpoints with dates: stored, and a scenario as of a day holds the active ones") {
    testing::TempDir dir;
    auto ws = geo::Workspace::open(testing::demoWorkspaceCopy(dir));
    auto store = geo::openSqliteScenarioStore(ws);
    int64_t sc = store->createScenario("dated", {});
    geo::Checkpoint always = testing::checkpointAt(0, 0), later = testing::checkpointAt(10, 0), closed = testing::checkpointAt(20, 0);
    later.activeFrom = "2020-02-01";
    closed.kind = geo::CheckpointKind::RoadClosure;
    closed.staffPerShift = 0;
    closed.activeUntil = "2020-02-05";  // a closure lifted after the 5th
    store->addCheckpoints(sc, {always, later, closed});
    geo::Scenario s = store->loadScenario(sc);
    REQUIRE(s.checkpoints.size() == 3);
    CHECK(s.checkpoints[1].activeFrom == "2020-02-01");
    CHECK(s.checkpoints[2].activeUntil == "2020-02-05");
    CHECK(geo::scenarioAsOf(s, day("2020-01-31")).checkpoints.size() == 2);
    CHECK(geo::scenarioAsOf(s, day("2020-02-01")).checkpoints.size() == 3);
    CHECK(geo::scenarioAsOf(s, day("2020-02-05")).checkpoints.size() == 3);
    auto after = geo::scenarioAsOf(s, day("2020-02-06")).checkpoints;
    REQUIRE(after.size() == 2);
    CHECK_FALSE(after[1].isClosure());
    s.checkpoints[1].activeFrom = "";
    store->updateCheckpoint(sc, s.checkpoints[1]);
    CHECK(store->checkpoint(sc, s.checkpoints[1].id)->activeFrom.empty());
    CHECK(store->loadScenario(store->copyScenario("dated", "copy")).checkpoints[2].activeUntil == "2020-02-05");
    CHECK_THROWS_AS(geo::checkedCheckpointDate("2020-2-1", "--from"), geo::Error);
    CHECK(geo::checkedCheckpointDate("", "--from").empty());
}

TEST_CASE("a schema 3 workspace gains the date and fever columns when opened for writing") {
    testing::TempDir dir;
    std::string path = testing::demoWorkspaceCopy(dir);
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        geo::SqliteDb db(raw);
        geo::exec(db.get(), "ALTER TABLE checkpoints DROP COLUMN active_from; ALTER TABLE checkpoints DROP COLUMN active_until;"
                            "ALTER TABLE cordon_returnee_villages DROP COLUMN fever;"
                            "UPDATE cordon_meta SET value = '3' WHERE key = 'schema_version'");
    }
    {  // Read-only: not migrated, read as undated and without fever.
        auto ro = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
        auto store = geo::openSqliteScenarioStore(ro);
        for (const auto& summary : store->listScenarios())
            for (const auto& c : store->loadScenario(summary.id).checkpoints) CHECK(c.activeFrom.empty());
        auto counts = geo::loadReturneeCounts(ro);
        CHECK(counts.total == 829);
        CHECK(geo::DailyCounter(counts, 14).figures(counts.maxDay).fever == 0);
    }
    auto ws = geo::Workspace::open(path);
    CHECK(ws.schemaVersion() == geo::kSchemaVersion);
    CHECK(geo::hasColumn(ws.db(), "checkpoints", "active_until"));
    CHECK(geo::hasColumn(ws.db(), "cordon_returnee_villages", "fever"));
    CHECK(geo::loadReturneeCounts(ws).total == 829);
}

TEST_CASE("the report's tables sum to its headline figures, and small counts leave only as <N") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    importText(ws, dir, "register.csv", kRegister);
    geo::Scenario plan;
    plan.params.smallCountThreshold = 1;
    const int d = day("2020-02-10");
    geo::DailyReport r = geo::buildDailyReport(ws, nullptr, plan, d - 3, d);
    CHECK(r.figures.returnees.underObservation == 4);
    REQUIRE(r.days.size() == 4);
    CHECK(r.days.back().returnees.underObservation == r.figures.returnees.underObservation);
    int64_t arrived = 0, under = 0, onDate = 0, originArrived = 0;
    for (const auto& v : r.byVillage) arrived += v.arrived, under += v.underObservation;
    for (const auto& o : r.byOrigin) onDate += o.arrivedOnDate, originArrived += o.arrived;
    CHECK(arrived == r.figures.returnees.returneesTotal);
    CHECK(originArrived == r.figures.returnees.returneesTotal);
    CHECK(under == r.figures.returnees.underObservation);
    CHECK(onDate == r.figures.returnees.arrivedOnDate);
    geo::PublishedVillages shown = geo::publishVillages(r);
    for (size_t i = 0; i < r.byVillage.size(); ++i) CHECK(shown.arrived[i] == std::to_string(r.byVillage[i].arrived));
    std::string json = geo::dailyReportJson(r);
    CHECK(json.find("\"under_observation\":4") != std::string::npos);
    CHECK(json.find("\"days\":[") != std::string::npos);

    plan.params.smallCountThreshold = 5;
    geo::DailyReport hidden = geo::buildDailyReport(ws, nullptr, plan, d, d);
    std::string published = geo::dailyReportJson(hidden);
    CHECK(published.find("\"under_observation\":\"<5\"") != std::string::npos);
    CHECK(published.find("\"fever\":\"<5\"") != std::string::npos);
    for (const auto& label : geo::publishVillages(hidden).arrived) CHECK((label == "<5" || label == "x" || label == "0"));
    // By origin, each column with its total: a single small cell never stands alone among shown ones.
    plan.params.smallCountThreshold = 2;
    geo::DailyReport two = geo::buildDailyReport(ws, nullptr, plan, d, d);
    geo::PublishedOrigins po = geo::publishOrigins(two);
    for (const auto* column : {&po.arrived, &po.arrivedOnDate, &po.underObservation}) {
        size_t hiddenCells = 0;
        for (const auto& label : *column) hiddenCells += label == "<2" || label == "x";
        CHECK(hiddenCells != 1);
    }
    CHECK(po.arrivedOnDate.size() == two.byOrigin.size());
}

TEST_CASE("the daily page keeps every box on the page and apart; chart axes are round") {
    for (bool hasDays : {false, true}) {
    geo::DailyPageLayout l = geo::layoutDailyPage(geo::pageFromPaper("A4", false, 300), hasDays);
    CHECK(l.daysBox.isEmpty() == !hasDays);
    CHECK(l.page.width == 2480);
    CHECK(l.page.height == 3508);
    std::vector<geo::Rect> boxes = {l.page.titleBox, l.page.figuresBox, l.villageBox, l.originBox, l.chartBox, l.page.mapFrame,
                                    l.page.legendBox, l.page.attributionBox};
    if (hasDays) boxes.push_back(l.daysBox);
    for (size_t i = 0; i < boxes.size(); ++i) {
        CHECK_FALSE(boxes[i].isEmpty());
        CHECK(boxes[i].x >= 0);
        CHECK(boxes[i].right() <= l.page.width);
        CHECK(boxes[i].bottom() <= l.page.height);
        for (size_t k = i + 1; k < boxes.size(); ++k) {
            const geo::Rect &a = boxes[i], &b = boxes[k];
            bool apart = a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y;
            CHECK_MESSAGE(apart, "boxes " << i << " and " << k << " overlap");
        }
    }
    CHECK(l.page.tableBox.isEmpty());
    }
    for (int64_t m : {1, 3, 7, 10, 11, 48, 120, 999, 100000}) {
        geo::ChartAxis a = geo::chartAxis(m);
        CHECK(a.top >= m);
        CHECK(a.top < m * 10);
        CHECK(a.top % a.step == 0);
        CHECK(a.top / a.step <= 5);
    }
}

TEST_CASE("the days the data covers: arrivals and checkpoint dates; nothing dated, no span") {
    testing::TempDir dir;
    geo::Workspace ws = geo::Workspace::open(freshWorkspace(dir));
    geo::Scenario s;
    CHECK_FALSE(geo::dataDays(geo::loadReturneeCounts(ws), s).hasDates);
    geo::Checkpoint opens = testing::checkpointAt(0, 0);
    opens.activeFrom = "2020-03-01";  // after every arrival
    s.checkpoints.push_back(opens);
    geo::DataDays onlyCheckpoint = geo::dataDays(geo::loadReturneeCounts(ws), s);
    CHECK(onlyCheckpoint.hasDates);
    CHECK(onlyCheckpoint.first == day("2020-03-01"));
    CHECK(onlyCheckpoint.last == day("2020-03-01"));
    importText(ws, dir, "register.csv", kRegister);
    geo::ReturneeCounts counts = geo::loadReturneeCounts(ws);
    geo::DataDays both = geo::dataDays(counts, s);
    CHECK(both.first == day("2020-01-27"));
    CHECK(both.last == day("2020-03-01"));
    // The as_of JSON is the one analyze --date prints: the day's figures, by their contract keys.
    geo::AsOfFigures a = geo::asOfFigures(geo::scenarioAsOf(s, day("2020-02-10")), geo::DailyCounter(counts, 14), day("2020-02-10"));
    CHECK(a.checkpointsActive == 0);
    CHECK(geo::asOfJson(a) ==
          "{\"date\":\"2020-02-10\",\"checkpoints_active\":0,\"staff_on_duty\":0,\"returnees_total\":6,\"arrived_on_date\":2,"
          "\"under_observation\":4,\"released\":2,\"fever\":2,\"observation_days\":14}");
}
