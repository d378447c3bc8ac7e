// Staff rosters: column recognition, day lists, and the cordon_staff table.
#include "geo/rota/staff.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"

namespace geo {
namespace {

enum Field { Name, Unit, Role, Leader, District, Phone, Unavailable, FieldCount };

// Header words per field, compared after trimming and lower-casing ASCII; a header cell matches
// when it equals a word or contains it (so 姓名（必填） and 联系电话 match).
const std::array<std::vector<std::string>, FieldCount>& headerWords() {
    static const std::array<std::vector<std::string>, FieldCount> words{{
        {"姓名", "名字", "name"},
        {"工作组", "单位", "组别", "部门", "unit", "group", "work group"},
        {"角色", "身份", "职务", "类别", "人员类别", "role"},
        {"带班", "负责人", "组长", "leader"},
        {"片区", "居住", "住址", "所在村", "村", "district", "village"},
        {"电话", "手机", "phone", "mobile", "tel"},
        {"不可用", "请假", "休假", "不在岗", "unavailable", "days off", "leave"},
    }};
    return words;
}

std::string lowerAscii(std::string_view s) {
    std::string out = toHalfWidth(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Which column holds each field: exact matches win over contained words; -1 when none.
std::array<int, FieldCount> matchColumns(const std::vector<std::string>& header) {
    std::array<int, FieldCount> at;
    at.fill(-1);
    for (int pass = 0; pass < 2; ++pass)
        for (int f = 0; f < FieldCount; ++f) {
            if (at[static_cast<size_t>(f)] >= 0) continue;
            for (size_t c = 0; c < header.size(); ++c) {
                if (std::find(at.begin(), at.end(), static_cast<int>(c)) != at.end()) continue;
                const std::string h = lowerAscii(header[c]);
                bool hit = false;
                for (const auto& w : headerWords()[static_cast<size_t>(f)])
                    hit |= pass == 0 ? h == w : h.find(w) != std::string::npos;
                if (hit) { at[static_cast<size_t>(f)] = static_cast<int>(c); break; }
            }
        }
    return at;
}

int headerScore(const std::vector<std::string>& row) {
    const auto at = matchColumns(row);
    return static_cast<int>(std::count_if(at.begin(), at.end(), [](int c) { return c >= 0; }));
}

bool contains(std::string_view text, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (text.find(w) != std::string_view::npos) return true;
    return false;
}

bool isYes(std::string_view cell) {
    const std::string v = lowerAscii(cell);
    return v == "是" || v == "1" || v == "y" || v == "yes" || v == "true" || v == "√" || v == "✓" || v == "✔" ||
           contains(v, {"带班", "负责", "组长", "leader"});
}

}  // namespace

bool parseDayList(std::string_view text, int defaultYear, std::vector<int>& days, std::string& why) {
    std::string s = toHalfWidth(text);
    for (const char* sep : {"、", "，", "；", "至", "到"}) {
        const std::string to = std::string_view(sep) == "至" || std::string_view(sep) == "到" ? "~" : ",";
        for (size_t p; (p = s.find(sep)) != std::string::npos;) s.replace(p, std::string_view(sep).size(), to);
    }
    for (char& c : s)
        if (c == ';' || c == ' ' || c == '\t' || c == '\n') c = ',';
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(',', start);
        if (end == std::string::npos) end = s.size();
        const std::string part = s.substr(start, end - start);
        start = end + 1;
        if (part.empty()) continue;
        const size_t tilde = part.find('~');
        int first = 0, last = 0;
        const std::string a = part.substr(0, tilde), b = tilde == std::string::npos ? a : part.substr(tilde + 1);
        if (!parseDate(a, defaultYear, first) || !parseDate(b, defaultYear, last) || last < first || last - first > 366) {
            why = "'" + part + "' is not a date or a range of dates";
            return false;
        }
        for (int d = first; d <= last; ++d) days.push_back(d);
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return true;
}

StaffImport readStaffTable(const Table& table, int defaultYear) {
    const auto at = matchColumns(table.header);
    if (at[Name] < 0)
        throw Error(table.source + ": no name column (姓名 or name) in the header");
    StaffImport out;
    out.encoding = table.encoding;
    out.notes = table.notes;
    auto cell = [&](size_t row, Field f) -> std::string {
        const int c = at[static_cast<size_t>(f)];
        return c < 0 ? std::string() : toHalfWidth(table.cell(row, static_cast<size_t>(c)));
    };
    for (size_t r = 0; r < table.rowCount(); ++r) {
        const std::string where = "line " + std::to_string(table.line[r]);
        Person p;
        p.name = cell(r, Name);
        if (p.name.empty()) { out.notes.push_back(where + ": no name, skipped"); continue; }
        p.unit = cell(r, Unit);
        p.role = cell(r, Role);
        p.district = cell(r, District);
        p.phone = cell(r, Phone);
        p.isLeader = at[Leader] >= 0 ? isYes(cell(r, Leader)) : contains(p.role, {"带班", "负责", "组长", "队长"});
        const std::string role = lowerAscii(p.role);
        p.isMedical = contains(role, {"医", "护", "medic", "doctor", "nurse"});
        std::string why;
        if (!parseDayList(cell(r, Unavailable), defaultYear, p.unavailableDays, why))
            throw Error(table.source + " " + where + ": unavailable days: " + why);
        out.people.push_back(std::move(p));
    }
    return out;
}

StaffImport readStaffFile(const std::string& path, int defaultYear) {
    TableOptions options;
    options.headerScore = headerScore;
    return readStaffTable(readTable(path, options), defaultYear);
}

void createStaffTables(sqlite3* db) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS cordon_staff(id INTEGER PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL,"
         " role TEXT NOT NULL, is_leader INTEGER NOT NULL, is_medical INTEGER NOT NULL, district TEXT NOT NULL,"
         " phone TEXT NOT NULL, unavailable TEXT NOT NULL, UNIQUE(name, unit));"
         "CREATE TABLE IF NOT EXISTS cordon_rota_locks(scenario_id INTEGER NOT NULL, staff_id INTEGER NOT NULL,"
         " post INTEGER NOT NULL, day TEXT NOT NULL, shift INTEGER NOT NULL, PRIMARY KEY(scenario_id, staff_id, day, shift));"
         "CREATE TABLE IF NOT EXISTS cordon_rota_posts(scenario_id INTEGER NOT NULL, post INTEGER NOT NULL,"
         " temperature_check INTEGER NOT NULL, PRIMARY KEY(scenario_id, post));"
         "CREATE TABLE IF NOT EXISTS cordon_rota_shortfall(scenario_id INTEGER NOT NULL, post INTEGER NOT NULL,"
         " missing INTEGER NOT NULL, PRIMARY KEY(scenario_id, post));");
}

namespace {
std::string joinDays(const std::vector<int>& days) {
    std::string s;
    for (int d : days) s += (s.empty() ? "" : ",") + formatDay(d);
    return s;
}
}  // namespace

int saveStaff(sqlite3* db, const std::vector<Person>& people) {
    Transaction tx(db);
    createStaffTables(db);
    Statement find(db, "SELECT id FROM cordon_staff WHERE name = ?1 AND unit = ?2");
    Statement insert(db, "INSERT INTO cordon_staff(name, unit, role, is_leader, is_medical, district, phone, unavailable)"
                         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    Statement update(db, "UPDATE cordon_staff SET role = ?3, is_leader = ?4, is_medical = ?5, district = ?6, phone = ?7,"
                         " unavailable = ?8 WHERE name = ?1 AND unit = ?2");
    int added = 0;
    for (const Person& p : people) {
        find.bind(1, p.name).bind(2, p.unit);
        const bool exists = find.step();
        find.reset();
        Statement& s = exists ? update : insert;
        s.bind(1, p.name).bind(2, p.unit).bind(3, p.role).bind(4, p.isLeader ? 1 : 0).bind(5, p.isMedical ? 1 : 0);
        s.bind(6, p.district).bind(7, p.phone).bind(8, joinDays(p.unavailableDays)).run();
        added += exists ? 0 : 1;
    }
    tx.commit();
    return added;
}

std::vector<Person> loadStaff(sqlite3* db) {
    std::vector<Person> out;
    if (!tableExists(db, "cordon_staff")) return out;
    Statement s(db, "SELECT id, name, unit, role, is_leader, is_medical, district, phone, unavailable FROM cordon_staff ORDER BY id");
    while (s.step()) {
        Person p;
        p.id = s.int64(0);
        p.name = s.text(1);
        p.unit = s.text(2);
        p.role = s.text(3);
        p.isLeader = s.integer(4) != 0;
        p.isMedical = s.integer(5) != 0;
        p.district = s.text(6);
        p.phone = s.text(7);
        std::string why;
        parseDayList(s.text(8), 0, p.unavailableDays, why);  // written by joinDays: ISO days
        out.push_back(std::move(p));
    }
    return out;
}

int removeStaff(sqlite3* db, const std::vector<std::string>& names) {
    const std::vector<Person> all = loadStaff(db);
    std::vector<int64_t> ids;
    for (const std::string& n : names) {
        std::vector<int64_t> hits;
        for (const Person& p : all)
            if (p.name == n || p.name + "/" + p.unit == n) hits.push_back(p.id);
        if (hits.empty()) throw Error("no staff member named '" + n + "'");
        if (hits.size() > 1) throw Error("'" + n + "' names " + std::to_string(hits.size()) + " people; write NAME/UNIT");
        ids.push_back(hits.front());
    }
    Transaction tx(db);
    Statement del(db, "DELETE FROM cordon_staff WHERE id = ?1");
    Statement locks(db, "DELETE FROM cordon_rota_locks WHERE staff_id = ?1");
    for (int64_t id : ids) {
        del.bind(1, id).run();
        locks.bind(1, id).run();
    }
    tx.commit();
    return static_cast<int>(ids.size());
}

}  // namespace geo
