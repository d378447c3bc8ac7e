// The command post's own staff, stored in the workspace (cordon_staff): read from CSV/XLSX
// rosters, listed and removed. Phone numbers leave the workspace only in the per-person rota sheet.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/core/c_handles.hpp"
#include "geo/io/table.hpp"

namespace geo {

struct Person {
    int64_t id = 0;             // stable across re-imports (same name and unit)
    std::string name;
    std::string unit;           // work group or unit (工作组 / 单位)
    std::string role;           // 干部, 民警, 医务, 志愿者, ...
    bool isLeader = false;      // may lead a post's shift (带班)
    bool isMedical = false;     // may take temperatures (医务, 护士, 医生, ...)
    std::string district;       // district or village of residence
    std::string phone;          // only ever written to the per-person export
    std::vector<int> unavailableDays;  // days since 1970-01-01, sorted
};

struct StaffImport {
    std::vector<Person> people;      // rows read, in file order
    std::vector<std::string> notes;  // rows skipped and why ("line 7: no name")
    std::string encoding;
};

// Reads a staff roster: a header row naming at least the name column (姓名/name); unit, role,
// leader, district, phone and unavailable-days columns are optional. `defaultYear` dates
// written without a year (1月25日). Throws geo::Error naming the file when it has no name column.
StaffImport readStaffFile(const std::string& path, int defaultYear);
StaffImport readStaffTable(const Table& table, int defaultYear);

// Unavailable days as written in one cell: dates split by , ; 、 or spaces, ranges A~B / A至B / A到B.
// False with `why` naming the first part that is not a date.
bool parseDayList(std::string_view text, int defaultYear, std::vector<int>& days, std::string& why);

// Adds the people, updating those already stored under the same name and unit (ids kept).
// One transaction. Returns how many were new.
int saveStaff(sqlite3* db, const std::vector<Person>& people);
std::vector<Person> loadStaff(sqlite3* db);  // by id; empty when the table is absent
// Removes the named people (by name, or "name/unit" when names repeat) and their rota locks;
// throws geo::Error naming the first one not found, removing nothing.
int removeStaff(sqlite3* db, const std::vector<std::string>& names);
void createStaffTables(sqlite3* db);

}  // namespace geo
