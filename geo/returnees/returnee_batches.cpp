// Returnee batches in the workspace: their tables (and the migration from the older one), a
// batch's rows counted per base cell and per village x date x origin x status, written in one
// transaction, listed and removed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <tuple>

#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/returnee_import.hpp"
#include "geo/workspace/sqlite.hpp"

namespace fs = std::filesystem;

namespace geo {

void ensureReturneeTables(sqlite3* db) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS cordon_returnee_batches("
         "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, imported_at TEXT NOT NULL,"
         "  records INTEGER NOT NULL, located_by TEXT NOT NULL, dropped_columns TEXT NOT NULL, report TEXT NOT NULL);"
         "CREATE TABLE IF NOT EXISTS cordon_returnee_cells("
         "  batch INTEGER NOT NULL REFERENCES cordon_returnee_batches(id) ON DELETE CASCADE,"
         "  cell_x INTEGER NOT NULL, cell_y INTEGER NOT NULL, count INTEGER NOT NULL);"
         "CREATE INDEX IF NOT EXISTS cordon_returnee_cells_batch ON cordon_returnee_cells(batch);"
         "CREATE TABLE IF NOT EXISTS cordon_returnee_villages("
         "  batch INTEGER NOT NULL REFERENCES cordon_returnee_batches(id) ON DELETE CASCADE,"
         "  village TEXT NOT NULL, arrival TEXT NOT NULL, origin TEXT NOT NULL, status TEXT NOT NULL,"
         "  count INTEGER NOT NULL, fever INTEGER NOT NULL DEFAULT 0);"
         "CREATE INDEX IF NOT EXISTS cordon_returnee_villages_batch ON cordon_returnee_villages(batch);");
    if (!tableExists(db, "cordon_returnee_counts")) return;
    // The older table crossed a 100 m cell with date and origin: aggregate it away, and have
    // SQLite overwrite the freed pages so the fine rows do not linger in the file.
    exec(db,
         "PRAGMA secure_delete = ON;"
         "INSERT INTO cordon_returnee_cells(batch, cell_x, cell_y, count)"
         "  SELECT batch, cell_x, cell_y, sum(count) FROM cordon_returnee_counts GROUP BY 1, 2, 3 ORDER BY 1, 3, 2;"
         "INSERT INTO cordon_returnee_villages(batch, village, arrival, origin, status, count)"
         "  SELECT batch, village, arrival, origin, status, sum(count) FROM cordon_returnee_counts"
         "  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;"
         "DROP TABLE cordon_returnee_counts;");
}

bool migrateReturneeCounts(sqlite3* db) {
    if (!tableExists(db, "cordon_returnee_counts")) return false;
    Transaction tx(db);
    ensureReturneeTables(db);
    tx.commit();
    return true;
}

namespace {

constexpr size_t kMaxBadRowsKept = 1000;

std::string nowUtc() {
    using namespace std::chrono;
    auto now = floor<seconds>(system_clock::now());
    auto today = floor<days>(now);
    hh_mm_ss<seconds> t(now - today);
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(t.hours().count()),
                  static_cast<int>(t.minutes().count()), static_cast<int>(t.seconds().count()));
    return formatDay(static_cast<int>(today.time_since_epoch().count())) + buf;
}

void deleteBatchRows(sqlite3* db, int64_t id) {
    for (const char* sql : {"DELETE FROM cordon_returnee_cells WHERE batch = ?", "DELETE FROM cordon_returnee_villages WHERE batch = ?",
                            "DELETE FROM cordon_returnee_batches WHERE id = ?"}) {
        Statement del(db, sql);
        del.bind(1, id).run();
    }
}

}  // namespace

BatchCounts countRows(const RegisterRows& rows, const std::vector<int64_t>& lines, ReturneeImportReport& report,
                      size_t originCount, size_t statusCount, size_t villageCount) {
    BatchCounts out;
    out.originTotals.assign(originCount, 0);
    const size_t n = rows.reasons.size();
    int32_t firstDay = std::numeric_limits<int32_t>::max(), lastDay = std::numeric_limits<int32_t>::min();
    FlatCounter cells(1024);
    for (size_t r = 0; r < n; ++r) {
        if (!rows.reasons[r].empty()) continue;
        firstDay = std::min(firstDay, rows.day[r]);
        lastDay = std::max(lastDay, rows.day[r]);
        cells.add((static_cast<uint64_t>(static_cast<uint32_t>(rows.cellX[r])) << 32) | static_cast<uint32_t>(rows.cellY[r]));
    }
    if (firstDay > lastDay) firstDay = lastDay = 0;
    // Village rows keyed by one mixed-radix number: village (0: none), day, origin, status.
    const uint64_t radix[] = {villageCount + 1, static_cast<uint64_t>(int64_t{lastDay} - firstDay + 1), originCount + 1, statusCount + 1};
    double keySpace = 1;
    for (uint64_t k : radix) keySpace *= static_cast<double>(k);
    out.keySpaceTooLarge = keySpace > 1.8e19;
    FlatCounter villages(1024);
    for (size_t r = 0; r < n; ++r) {
        if (!rows.reasons[r].empty()) {
            if (report.badRows.size() < kMaxBadRowsKept) report.badRows.push_back({lines[r], rows.reasons[r]});
            ++report.badRowCount;
            continue;
        }
        ++report.rowsImported;
        ++(rows.byVillage[r] ? report.rowsByVillage : report.rowsByCoordinates);
        ++out.originTotals[rows.origin[r]];
        if (out.keySpaceTooLarge) continue;
        uint64_t key = static_cast<uint64_t>(rows.village[r] + 1);
        key = key * radix[1] + static_cast<uint64_t>(rows.day[r] - firstDay);
        key = key * radix[2] + rows.origin[r];
        key = key * radix[3] + rows.status[r];
        villages.add(key);
    }
    cells.forEach([&](uint64_t key, int64_t c) {
        out.cells.push_back({static_cast<int32_t>(static_cast<uint32_t>(key >> 32)), static_cast<int32_t>(static_cast<uint32_t>(key)), c});
    });
    villages.forEach([&](uint64_t key, int64_t c) {
        BatchCounts::VillageRow v{};
        v.status = static_cast<uint16_t>(key % radix[3]), key /= radix[3];
        v.origin = static_cast<uint16_t>(key % radix[2]), key /= radix[2];
        v.day = static_cast<int32_t>(key % radix[1]) + firstDay, key /= radix[1];
        v.village = static_cast<int32_t>(key) - 1;
        v.count = c;
        out.villages.push_back(v);
    });
    // Sorted so that the same input gives the same file.
    std::sort(out.cells.begin(), out.cells.end(), [](auto& a, auto& b) { return std::tie(a.y, a.x) < std::tie(b.y, b.x); });
    std::sort(out.villages.begin(), out.villages.end(), [](auto& a, auto& b) {
        return std::tie(a.village, a.day, a.origin, a.status) < std::tie(b.village, b.day, b.origin, b.status);
    });
    out.firstDay = firstDay;
    out.lastDay = lastDay;
    return out;
}

void writeBatch(Workspace& ws, const ReturneeImportOptions& o, ReturneeImportReport& report, const BatchCounts& counts,
                const std::vector<std::string>& villageNames, const std::vector<std::string>& origins,
                const std::vector<std::string>& statuses) {
    sqlite3* db = ws.db();
    Transaction tx(db);
    ensureReturneeTables(db);
    {
        Statement find(db, "SELECT id FROM cordon_returnee_batches WHERE name = ?");
        find.bind(1, report.batch);
        if (find.step()) {
            deleteBatchRows(db, find.int64(0));
            report.replacedBatch = true;
        }
    }
    std::string dropped;
    for (const auto& c : report.droppedColumns) dropped += (dropped.empty() ? "" : ", ") + c;
    Statement batch(db,
                    "INSERT INTO cordon_returnee_batches(name, source, imported_at, records, located_by, dropped_columns,"
                    " report) VALUES (?, ?, ?, ?, ?, ?, ?)");
    batch.bind(1, report.batch).bind(2, report.source).bind(3, o.importedAt.empty() ? nowUtc() : o.importedAt);
    batch.bind(4, report.rowsImported).bind(5, report.locatedBy).bind(6, dropped).bind(7, returneeReportJson(report)).run();
    int64_t batchId = sqlite3_last_insert_rowid(db);
    Statement cell(db, "INSERT INTO cordon_returnee_cells(batch, cell_x, cell_y, count) VALUES (?, ?, ?, ?)");
    for (const auto& c : counts.cells)
        cell.bind(1, batchId).bind(2, static_cast<int64_t>(c.x)).bind(3, static_cast<int64_t>(c.y)).bind(4, c.count).run();
    Statement ins(db, "INSERT INTO cordon_returnee_villages(batch, village, arrival, origin, status, count, fever)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)");
    std::vector<std::string> dayText(static_cast<size_t>(counts.lastDay - counts.firstDay + 1));
    for (size_t d = 0; d < dayText.size(); ++d) dayText[d] = formatDay(counts.firstDay + static_cast<int>(d));
    // Bound without copies: every string outlives the statement's use of it.
    static const std::string kNone;
    for (const auto& v : counts.villages) {
        ins.bind(1, batchId);
        ins.bindStatic(2, v.village < 0 ? kNone : villageNames[static_cast<size_t>(v.village)]);
        ins.bindStatic(3, dayText[static_cast<size_t>(v.day - counts.firstDay)]);
        ins.bindStatic(4, origins[v.origin]);
        ins.bindStatic(5, statuses[v.status / 2]);  // status codes: status * 2 + fever (geo::statusCode)
        ins.bind(6, v.count).bind(7, int64_t{v.status % 2}).run();
    }
    {
        Statement total(db, "SELECT coalesce(sum(records), 0) FROM cordon_returnee_batches");
        if (total.step()) report.batchTotal = total.int64(0);
    }
    tx.commit();
}

std::vector<BatchInfo> listBatches(const Workspace& ws) {
    std::vector<BatchInfo> out;
    if (!tableExists(ws.db(), "cordon_returnee_batches")) return out;
    Statement s(ws.db(), "SELECT name, source, imported_at, located_by, dropped_columns, records"
                         " FROM cordon_returnee_batches ORDER BY id");
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5)});
    return out;
}

bool removeBatch(Workspace& ws, const std::string& name) {
    if (ws.isReadOnly()) throw Error(fs::path(ws.path()).filename().string() + ": workspace is read-only");
    if (!tableExists(ws.db(), "cordon_returnee_batches")) return false;
    Transaction tx(ws.db());
    ensureReturneeTables(ws.db());
    Statement find(ws.db(), "SELECT id FROM cordon_returnee_batches WHERE name = ?");
    find.bind(1, name);
    if (!find.step()) return false;
    deleteBatchRows(ws.db(), find.int64(0));
    tx.commit();
    return true;
}

}  // namespace geo
