// `cordon staff`: import, list and remove the command post's own staff.
#include <chrono>
#include <cstdio>

#include "app/command.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/rota/staff.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon staff WS import FILE [--year YYYY]\n"
    "       cordon staff WS list [--json]\n"
    "       cordon staff WS remove NAME [NAME...]\n"
    "\n"
    "Staff are the command post's own people, kept in WS for the rota (cordon rota). import reads a\n"
    "CSV (UTF-8 or GBK) or XLSX roster whose header names the columns: name (姓名), unit or work\n"
    "group (单位/工作组), role (角色/身份: 干部, 民警, 医务, 志愿者), leader (带班/负责人: 是), district\n"
    "or village of residence (片区/村), phone (电话), days unavailable (请假/不可用: 2020-01-26,\n"
    "1月27日~1月28日). Title rows above the header are skipped. A person already stored under the same\n"
    "name and unit is updated. --year: the year of dates written without one (default this year).\n"
    "list shows everyone without phone numbers; --json prints [{id, name, unit, role, leader,\n"
    "medical, district, unavailable, has_phone}]. remove takes names (NAME/UNIT when names repeat)\n"
    "and drops their rota locks. Phone numbers leave WS only in the rota's per-person sheet.\n";

int thisYear() {
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return static_cast<int>(std::chrono::year_month_day(today).year());
}

geo::Workspace openForWriting(const std::string& path) {
    geo::Workspace ws = geo::Workspace::open(path);
    if (ws.isReadOnly()) throw geo::Error(path + ": read-only here; staff cannot be changed");
    return ws;
}

int list(const std::string& path, bool json) {
    geo::Workspace ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    const auto staff = geo::loadStaff(ws.db());
    if (json) {
        geo::JsonWriter j;
        j.beginArray();
        for (const auto& p : staff) {
            j.beginObject().key("id").value(p.id).key("name").value(p.name).key("unit").value(p.unit);
            j.key("role").value(p.role).key("leader").value(p.isLeader).key("medical").value(p.isMedical);
            j.key("district").value(p.district).key("unavailable").beginArray();
            for (int d : p.unavailableDays) j.value(geo::formatDay(d));
            j.endArray().key("has_phone").value(!p.phone.empty()).endObject();
        }
        j.endArray();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    if (staff.empty()) std::printf("no staff yet (cordon staff %s import FILE)\n", path.c_str());
    for (const auto& p : staff) {
        std::printf("%-8s %-12s %-8s %-6s %-8s", p.name.c_str(), p.unit.c_str(), p.role.c_str(),
                    p.isLeader ? "带班" : "", p.district.c_str());
        if (!p.unavailableDays.empty()) std::printf(" unavailable %zu day(s) from %s", p.unavailableDays.size(),
                                                    geo::formatDay(p.unavailableDays.front()).c_str());
        std::printf("\n");
    }
    return 0;
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--year"}, {"--json"});
    const auto& p = a.positional();
    const std::string ws = a.requirePositional(0, "workspace (cordon staff WS import|list|remove)");
    const std::string verb = a.requirePositional(1, "what to do: import FILE, list or remove NAME");
    if (verb == "list") {
        if (p.size() > 2) throw UsageError("unexpected argument '" + p[2] + "'");
        return list(ws, a.flag("--json"));
    }
    if (verb == "import") {
        const std::string file = a.requirePositional(2, "the roster file (CSV or XLSX)");
        if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
        const int64_t year = a.integer("--year", thisYear());
        if (year < 1900 || year > 2200) throw UsageError("--year must be a year such as 2020");
        geo::Workspace w = openForWriting(ws);
        const geo::StaffImport in = geo::readStaffFile(file, static_cast<int>(year));
        if (in.people.empty()) throw geo::Error(file + ": no people in the roster");
        const int added = geo::saveStaff(w.db(), in.people);
        for (const auto& n : in.notes) std::fprintf(stderr, "note: %s\n", n.c_str());
        std::printf("imported %zu people from %s (%d new, %zu updated; read as %s)\n", in.people.size(), file.c_str(),
                    added, in.people.size() - static_cast<size_t>(added), in.encoding.empty() ? "UTF-8" : in.encoding.c_str());
        return 0;
    }
    if (verb == "remove") {
        if (p.size() < 3) throw UsageError("remove needs at least one NAME");
        geo::Workspace w = openForWriting(ws);
        const int n = geo::removeStaff(w.db(), std::vector<std::string>(p.begin() + 2, p.end()));
        std::printf("removed %d people\n", n);
        return 0;
    }
    throw UsageError("unknown staff action '" + verb + "' (import, list, remove)");
}

const CommandRegistration reg({"staff", "import, list or remove the command post's staff (for the rota)", kUsage, run});

}  // namespace
}  // namespace app
