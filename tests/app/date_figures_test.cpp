// The GUI's figures as of a day (the date bar's) are the command line's: for every day of a
// hand-made workspace with a register and dated checkpoints, AnalysisState keyed on the day shows
// what `cordon analyze --date DAY --json` prints, and "all dates" what analyze without --date does.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>

#include <filesystem>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "app/analysis_state.hpp"
#include "app/app_model.hpp"
#include "app/command.hpp"
#include "app/plan_state.hpp"
#include "geo/analysis/network.hpp"
#include "geo/core/dates.hpp"
#include "geo/plan/scenario_store.hpp"
#include "tests/app/analysis_support.hpp"
#include "tests/geo/returnee_fixtures.hpp"

namespace {

// The register tests/e2e/daily_report.sh counts by hand: arrivals 2020-01-27 .. 2020-02-11.
std::string dailyRegister() {
    std::stringstream text;
    text << std::ifstream(std::filesystem::path(CORDON_TEST_DATA) / "registers" / "dated_register.csv", std::ios::binary).rdbuf();
    return text.str();
}

// Runs a registered command with its stdout in a file; returns what it printed.
std::string runCommand(const testing::TempDir& dir, const std::vector<std::string>& argv) {
    const app::Command* command = nullptr;
    for (const auto& c : app::commands())
        if (std::string(c.name) == argv[0]) command = &c;
    REQUIRE(command);
    const std::string out = dir / "stdout.txt";
    std::fflush(stdout);
    const int saved = dup(fileno(stdout));
    REQUIRE(std::freopen(out.c_str(), "w", stdout));
    const int status = command->run(std::vector<std::string>(argv.begin() + 1, argv.end()));
    std::fflush(stdout);
    dup2(saved, fileno(stdout));
    close(saved);
    CHECK(status == 0);
    std::stringstream text;
    text << std::ifstream(out).rdbuf();
    return text.str();
}

// The integer after "key": in json, searching from `from`; -1 when absent.
long long jsonInt(const std::string& json, const std::string& key, size_t from = 0) {
    const size_t at = json.find("\"" + key + "\":", from);
    if (at == std::string::npos) return -1;
    return std::stoll(json.substr(at + key.size() + 3));
}

}  // namespace

TEST_CASE("the figures the GUI shows as of a day equal analyze --date --json") {
    using namespace returnee_fixtures;
    testing::TempDir dir;
    const std::string path = freshWorkspace(dir);
    {
        geo::Workspace ws = geo::Workspace::open(path);
        REQUIRE(importText(ws, dir, "register.csv", dailyRegister()).committed);
        geo::CordonNetwork net(ws.readLayer("roads"), ws.readLayer("boundary"), nullptr, nullptr);
        REQUIRE(net.entries().size() >= 3);
        auto store = geo::openSqliteScenarioStore(ws);
        const int64_t sc = store->createScenario("方案A", {});
        // At three entries: one opening on 02-08, one always there, a closure lifted after 02-03.
        const auto& e = net.entries();
        geo::Checkpoint opens = testing::checkpointAt(e[0].x, e[0].y, geo::CheckpointKind::TownshipEntry);
        opens.activeFrom = "2020-02-08";
        geo::Checkpoint always = testing::checkpointAt(e[1].x, e[1].y, geo::CheckpointKind::TownshipEntry);
        geo::Checkpoint closure = testing::checkpointAt(e[2].x, e[2].y, geo::CheckpointKind::RoadClosure);
        closure.staffPerShift = 0;
        closure.activeUntil = "2020-02-03";
        store->addCheckpoints(sc, {opens, always, closure});
    }
    app::AppModel model;
    model.open(path);
    app::PlanState plan;
    plan.attach(model.workspace(), model.version());
    REQUIRE(plan.scenario().checkpoints.size() == 3);
    app::AnalysisState an;
    REQUIRE(testing::waitReady(an, model, plan));
    int first = 0, last = 0;
    REQUIRE(geo::parseIsoDay("2020-01-27", first));
    REQUIRE(geo::parseIsoDay("2020-02-11", last));
    CHECK(an.dataDays().hasDates);
    CHECK(an.dataDays().first == first);
    CHECK(an.dataDays().last == last);

    int changes = 0;  // of checkpoints active or entries guarded over the days: the dates matter
    long long lastActive = -1, lastGuarded = -1;
    for (int day = first - 1; day <= last + 1; ++day) {
        const std::string iso = geo::formatDay(day);
        CAPTURE(iso);
        an.setDay(day);
        REQUIRE(testing::waitReady(an, model, plan));  // a new day is computed on a worker
        REQUIRE(an.day());
        CHECK(*an.day() == day);
        const std::string json = runCommand(dir, {"analyze", path, "--scenario", "方案A", "--date", iso, "--json"});
        const size_t asOf = json.find("\"as_of\":");
        REQUIRE(asOf != std::string::npos);
        const geo::AsOfFigures& a = an.asOf();
        CHECK(a.checkpointsActive == jsonInt(json, "checkpoints_active", asOf));
        CHECK(a.staffOnDuty == jsonInt(json, "staff_on_duty", asOf));
        CHECK(an.figures().entriesGuarded == jsonInt(json, "entries_guarded"));
        CHECK(an.figures().entriesTotal == jsonInt(json, "entries_total"));
        CHECK(an.figures().checkpoints == jsonInt(json, "checkpoints"));
        CHECK(an.figures().returneesTotal == jsonInt(json, "returnees_total"));
        CHECK(a.returnees.returneesTotal == jsonInt(json, "returnees_total", asOf));
        CHECK(a.returnees.arrivedOnDate == jsonInt(json, "arrived_on_date", asOf));
        CHECK(a.returnees.underObservation == jsonInt(json, "under_observation", asOf));
        CHECK(a.returnees.released == jsonInt(json, "released", asOf));
        CHECK(a.returnees.fever == jsonInt(json, "fever", asOf));
        CHECK(a.observationDays == jsonInt(json, "observation_days", asOf));
        // The charts run from the first data day (or this one, when earlier) to it, ending on its figures.
        REQUIRE(an.arrivalsPerDay().size() == static_cast<size_t>(day - std::min(day, first) + 1));
        CHECK(an.arrivalsPerDay().back() == static_cast<float>(a.returnees.arrivedOnDate));
        CHECK(an.underObservationPerDay().back() == static_cast<float>(a.returnees.underObservation));
        if (lastActive >= 0 && (a.checkpointsActive != lastActive || an.figures().entriesGuarded != lastGuarded)) ++changes;
        lastActive = a.checkpointsActive;
        lastGuarded = an.figures().entriesGuarded;
    }
    CHECK(changes >= 2);  // the closure lifted, the checkpoint opened

    // All dates again: every checkpoint, every returnee, as analyze without --date.
    an.setDay(std::nullopt);
    REQUIRE(testing::waitReady(an, model, plan));
    CHECK_FALSE(an.day());
    const std::string json = runCommand(dir, {"analyze", path, "--scenario", "方案A", "--json"});
    CHECK(an.figures().checkpoints == jsonInt(json, "checkpoints"));
    CHECK(an.figures().entriesGuarded == jsonInt(json, "entries_guarded"));
    CHECK(an.figures().returneesTotal == jsonInt(json, "returnees_total"));
    CHECK(an.figures().returneesTotal == 7);
}
