// `cordon rota`: who stands at which checkpoint, on which shift, every day (排班).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "app/cli_plan.hpp"
#include "app/command.hpp"
#include "app/rota_page.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/rota/rota.hpp"
#include "geo/rota/rota_problem.hpp"
#include "geo/rota/rota_sheet.hpp"
#include "geo/rota/rota_store.hpp"
#include "geo/rota/rota_xlsx.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/rota/staff.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon rota WS --scenario NAME --from DATE --days N [--out rota.xlsx] [--png-dir DIR] [--json]\n"
    "                     [--min-rest HOURS] [--max-days-in-a-row N] [--max-shifts-per-day N]\n"
    "                     [--time-limit SECONDS] [--lock NAME,POST,DATE,SHIFT]... [--unlock NAME,POST,DATE,SHIFT]...\n"
    "                     [--temperature-check POST[,POST...]] [--no-temperature-check POST[,POST...]]\n"
    "\n"
    "Assigns the staff of WS (cordon staff WS import) to the scenario's checkpoints for N days from\n"
    "DATE (YYYY-MM-DD). Every staffed post gets its staff per shift on each of its shifts (shift k of\n"
    "n covers hours [(k-1)*24/n, k*24/n)); closures get none. Rules: nobody at two posts at once or on\n"
    "more than --max-shifts-per-day shifts a day (default 1); at least --min-rest hours between two\n"
    "shifts (default 12); at most --max-days-in-a-row days in a row (default 6); days unavailable\n"
    "kept; a leader on every shift where the staff allow, medical staff on every shift of a post that\n"
    "takes temperatures; people near their own district; shifts spread fairly. Solved by CBC over\n"
    "the whole period when small, else one day at a time (a min-cost flow per day).\n"
    "--lock puts NAME (or NAME/UNIT) on post POST (the checkpoint's number) on DATE, shift SHIFT;\n"
    "locks are saved in WS and kept by every later rota of the scenario until --unlock.\n"
    "--temperature-check marks posts that take temperatures (saved in WS).\n"
    "When the staff cannot cover the plan the rota goes as far as it can and lists what is missing.\n"
    "--json prints {assignments: [{person, post, date, shift}], shortfall: [{post, date, shift,\n"
    "missing, reason}], objective, gap, method}. --out writes the workbook: a sheet per post, per day\n"
    "and per person (with phone numbers, for messaging). --png-dir writes DIR/post-<number>.png for every\n"
    "staffed post: an A4 page at 300 dpi to hang at the checkpoint (names and shift hours, leaders marked\n"
    "★, what is missing, a small map; no phone numbers). DIR must exist.\n";

// Checkpoint numbers from every use of `option`: 3,5,7.
std::vector<int> postList(const Args& a, const char* option) {
    std::vector<int> out;
    for (const std::string& text : a.values(option)) {
        std::stringstream in(text);
        for (std::string part; std::getline(in, part, ',');) {
            double v = 0;
            if (!geo::parseNumber(part, v) || v < 1 || v > 1e6 || v != static_cast<int>(v))
                throw UsageError(std::string(option) + " needs checkpoint numbers such as 3,5,7, not '" + text + "'");
            out.push_back(static_cast<int>(v));
        }
    }
    return out;
}

int parseDay(const std::string& text, const char* what) {
    int day = 0;
    if (!geo::parseIsoDay(text, day)) throw UsageError(std::string(what) + " needs a date YYYY-MM-DD, not '" + text + "'");
    return day;
}

geo::RotaLock parseLock(const std::string& text, const std::vector<geo::Person>& staff) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) parts.push_back(geo::toHalfWidth(part));
    if (parts.size() != 4) throw UsageError("a lock is NAME,POST,DATE,SHIFT (e.g. 张伟,3,2020-01-26,1), not '" + text + "'");
    geo::RotaLock l;
    int hits = 0;
    for (const auto& p : staff)
        if (p.name == parts[0] || p.name + "/" + p.unit == parts[0]) { l.person = p.id; ++hits; }
    if (hits == 0) throw geo::Error("lock: no staff member named '" + parts[0] + "'");
    if (hits > 1) throw geo::Error("lock: '" + parts[0] + "' names " + std::to_string(hits) + " people; write NAME/UNIT");
    double post = 0, shift = 0;
    if (!geo::parseNumber(parts[1], post) || post < 1 || post > 1e6 || !geo::parseNumber(parts[3], shift) || shift < 1 ||
        shift > 24)
        throw UsageError("a lock is NAME,POST,DATE,SHIFT with POST and SHIFT numbers, not '" + text + "'");
    l.post = static_cast<int>(post);
    l.shift = static_cast<int>(shift);
    l.day = parseDay(parts[2], "a lock");
    return l;
}

void printJson(const geo::Rota& rota, const std::vector<geo::Person>& staff) {
    std::map<int64_t, std::string> nameOf;
    for (const auto& p : staff) nameOf[p.id] = p.name;
    geo::JsonWriter j;
    j.beginObject().key("assignments").beginArray();
    for (const auto& a : rota.assignments)
        j.beginObject().key("person").value(nameOf[a.person]).key("person_id").value(a.person).key("post").value(a.post)
            .key("date").value(geo::formatDay(a.day)).key("shift").value(a.shift).endObject();
    j.endArray().key("shortfall").beginArray();
    for (const auto& s : rota.shortfall)
        j.beginObject().key("post").value(s.post).key("date").value(geo::formatDay(s.day)).key("shift").value(s.shift)
            .key("missing").value(s.missing).key("reason").value(s.reason).endObject();
    j.endArray().key("objective").value(rota.objective, 1).key("gap").value(rota.gap, 6);
    j.key("method").value(rota.isWholePeriod ? "whole period (CBC)" : "day by day");
    j.key("seconds").value(rota.seconds, 3).endObject();
    std::printf("%s\n", j.str().c_str());
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--scenario", "--from", "--days", "--out", "--min-rest", "--max-days-in-a-row", "--max-shifts-per-day",
                  "--time-limit", "--png-dir", "--lock", "--unlock", "--temperature-check", "--no-temperature-check"},
           {"--json"});
    const std::string wsPath = a.requirePositional(0, "workspace (cordon rota WS --scenario NAME --from DATE --days N)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    if (!a.has("--from")) throw UsageError("--from DATE is required (the first day of the rota, YYYY-MM-DD)");
    if (!a.has("--days")) throw UsageError("--days N is required");
    geo::RotaProblem pb;
    pb.firstDay = parseDay(a.value("--from"), "--from");
    const int64_t days = a.integer("--days", 14);
    if (days < 1 || days > 366) throw UsageError("--days must be between 1 and 366");
    pb.days = static_cast<int>(days);
    geo::RotaRules& r = pb.rules;
    r.minRestHours = a.number("--min-rest", 12);
    r.maxDaysInARow = static_cast<int>(std::clamp<int64_t>(a.integer("--max-days-in-a-row", 6), 0, 1000));
    r.maxShiftsPerDay = static_cast<int>(std::clamp<int64_t>(a.integer("--max-shifts-per-day", 1), 0, 1000));
    r.timeLimitSeconds = a.number("--time-limit", 60);
    if (!(r.minRestHours >= 0 && r.minRestHours <= 72)) throw UsageError("--min-rest must be between 0 and 72 hours");
    if (r.maxDaysInARow < 1 || r.maxDaysInARow > 366) throw UsageError("--max-days-in-a-row must be between 1 and 366");
    if (r.maxShiftsPerDay < 1 || r.maxShiftsPerDay > 24) throw UsageError("--max-shifts-per-day must be between 1 and 24");
    if (!(r.timeLimitSeconds > 0 && r.timeLimitSeconds <= 3600)) throw UsageError("--time-limit must be between 1 and 3600 seconds");

    std::error_code ec;
    if (a.has("--png-dir") && !std::filesystem::is_directory(a.value("--png-dir"), ec))
        throw geo::Error("--png-dir " + a.value("--png-dir") + ": no such folder");
    PlanFile f = openPlanFile(wsPath);
    sqlite3* db = f.workspace->db();
    const int64_t scenarioId = chooseScenario(*f.session, a.value("--scenario"));
    const geo::Scenario sc = f.session->loadScenario(scenarioId);
    const std::vector<geo::Person> staff = geo::loadStaff(db);
    if (staff.empty()) throw geo::Error(wsPath + ": no staff yet; import them with `cordon staff WS import FILE`");
    std::unique_ptr<geo::Transaction> tx;
    const bool changes = a.has("--lock") || a.has("--unlock") || a.has("--temperature-check") || a.has("--no-temperature-check");
    if (changes) {
        if (f.workspace->isReadOnly()) throw geo::Error(wsPath + ": read-only here; locks and post options cannot be saved");
        std::vector<geo::RotaLock> locks, unlocks;
        for (const auto& t : a.values("--lock")) locks.push_back(parseLock(t, staff));
        for (const auto& t : a.values("--unlock")) unlocks.push_back(parseLock(t, staff));
        const auto checked = postList(a, "--temperature-check");
        const auto unchecked = postList(a, "--no-temperature-check");
        tx = std::make_unique<geo::Transaction>(db);  // committed only once the rota solves with them
        for (const auto& l : unlocks)
            if (!geo::removeRotaLock(db, scenarioId, l)) throw geo::Error("--unlock: no such lock '" + geo::formatDay(l.day) + "'");
        for (const auto& l : locks) geo::saveRotaLock(db, scenarioId, l);
        for (int post : checked) geo::setTemperatureCheck(db, scenarioId, post, true);
        for (int post : unchecked) geo::setTemperatureCheck(db, scenarioId, post, false);
    }
    pb = geo::buildRotaProblem(db, sc, staff, pb.firstDay, pb.days, pb.rules);
    const geo::Rota rota = geo::solveRota(pb);  // refuses locks that break a rule: nothing saved then
    if (tx) tx->commit();
    if (!f.workspace->isReadOnly()) geo::saveRotaShortfall(db, scenarioId, geo::shortfallByPost(rota));  // for the maps
    std::vector<std::filesystem::path> pages;
    if (a.has("--png-dir")) pages = writeRotaPages(*f.workspace, sc, pb, rota, a.value("--png-dir"));
    if (a.has("--out"))
        geo::writeRotaXlsx(pb, rota, staff, sc.name + " 排班", a.value("--out"), f.workspace->path());
    if (a.flag("--json")) {
        printJson(rota, staff);
        return 0;
    }
    int missing = 0;
    for (const auto& s : rota.shortfall) missing += s.missing;
    std::printf("rota of %s, %s for %d days: %zu assignments, %zu shifts short (%d people); objective %.0f, gap %s, %s, %.2f s\n",
                sc.name.c_str(), geo::formatDay(pb.firstDay).c_str(), pb.days, rota.assignments.size(), rota.shortfall.size(),
                missing, rota.objective, std::isnan(rota.gap) ? "n/a" : std::to_string(rota.gap).c_str(),
                rota.isWholePeriod ? "whole period (CBC)" : "day by day", rota.seconds);
    size_t shown = 0;
    for (const auto& s : rota.shortfall) {
        if (++shown > 20) { std::printf("  ... %zu more\n", rota.shortfall.size() - 20); break; }
        std::printf("  post %d %s shift %d: %d short (%s)\n", s.post, geo::formatDay(s.day).c_str(), s.shift, s.missing,
                    s.reason.c_str());
    }
    if (a.has("--out")) std::printf("wrote %s\n", a.value("--out").c_str());
    if (a.has("--png-dir")) std::printf("wrote %zu pages in %s\n", pages.size(), a.value("--png-dir").c_str());
    return 0;
}

const CommandRegistration reg({"rota", "assign staff to checkpoints, shifts and days (排班)", kUsage, run});

}  // namespace
}  // namespace app
