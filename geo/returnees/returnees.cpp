// Returnee import: columns chosen from the header (personal ones never loaded), rows checked and
// located (by coordinates, or at their village), counted per 100 m cell and per village x date x
// origin x status apart, and written as one batch in one transaction.
#include "geo/returnees/returnees.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <unordered_map>

#include "geo/io/table.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/returnees/returnee_columns.hpp"
#include "geo/returnees/returnee_support.hpp"
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
constexpr const char* kUnknownOrigin = "未知";

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

std::string shortValue(std::string_view v) {
    std::string s(v.substr(0, 24));
    while (!s.empty() && !isValidUtf8(s)) s.pop_back();
    return s + (v.size() > 24 ? "..." : "");
}

enum class Locate { LonLat, LonLatText, Projected, Geometry, None };

// What one row says, once checked: a position or a village to place it at, and its attributes.
struct Rows {
    explicit Rows(size_t n) : reasons(n), xy(2 * n, std::nan("")), byVillage(n, 0), day(n, 0), village(n, -1),
                              origin(n, 0), status(n, 0), cellX(n, 0), cellY(n, 0) {}
    std::vector<std::string> reasons;     // why the row is bad; "" when good
    std::vector<double> xy;               // source coordinates, then working CRS; NaN when none
    std::vector<uint8_t> byVillage;       // 1: no coordinates, placed at its village
    std::vector<int32_t> day, village;    // village: index (known, then extra), -1 none
    std::vector<uint16_t> origin, status;
    std::vector<int32_t> cellX, cellY;
    void addReason(size_t r, const std::string& why) { reasons[r] += (reasons[r].empty() ? "" : "; ") + why; }
};

std::string villageList(const TownshipContext& town, const std::vector<int32_t>& matches) {
    std::string names;
    for (size_t i = 0; i < matches.size() && i < 4; ++i)
        names += (i ? ", " : "") + town.villages[static_cast<size_t>(matches[i])].name;
    return names;
}

// Coordinates of row r from its cells (or geometry) into rows.xy; true when the row has any.
bool readCoordinates(const Table& t, const ReturneeColumns& col, Locate mode, size_t r, Rows& rows) {
    double a = 0, b = 0;
    if (mode == Locate::Geometry) {
        rows.xy[2 * r] = t.xy[2 * r];
        rows.xy[2 * r + 1] = t.xy[2 * r + 1];
        return std::isfinite(rows.xy[2 * r]);
    }
    if (mode == Locate::LonLatText) {
        std::string_view v = t.cell(r, static_cast<size_t>(col.lonLat));
        if (toHalfWidth(v).empty()) return false;
        std::string why;
        if (!parseLonLatText(v, a, b, why)) rows.addReason(r, t.header[static_cast<size_t>(col.lonLat)] + " '" + shortValue(v) + "': " + why);
        else rows.xy[2 * r] = a, rows.xy[2 * r + 1] = b;
        return true;
    }
    auto cx = static_cast<size_t>(mode == Locate::LonLat ? col.lon : col.x);
    auto cy = static_cast<size_t>(mode == Locate::LonLat ? col.lat : col.y);
    std::string_view va = t.cell(r, cx), vb = t.cell(r, cy);
    if (toHalfWidth(va).empty() && toHalfWidth(vb).empty()) return false;
    char axisA = 0, axisB = 0;
    bool okA = mode == Locate::LonLat ? parseDegrees(va, a, axisA) : parseNumber(va, a);
    bool okB = mode == Locate::LonLat ? parseDegrees(vb, b, axisB) : parseNumber(vb, b);
    if (!okA) rows.addReason(r, va.empty() ? "missing " + t.header[cx] : "bad number in " + t.header[cx] + " '" + shortValue(va) + "'");
    if (!okB) rows.addReason(r, vb.empty() ? "missing " + t.header[cy] : "bad number in " + t.header[cy] + " '" + shortValue(vb) + "'");
    if (!okA || !okB) return true;
    if (mode == Locate::LonLat) {
        if (axisA == 'y' || axisB == 'x') std::swap(a, b);
        if (std::string why = lonLatProblem(a, b); !why.empty()) {
            rows.addReason(r, why);
            return true;
        }
    }
    rows.xy[2 * r] = a;
    rows.xy[2 * r + 1] = b;
    return true;
}

// Coordinates into the working CRS, village rows at their village, then the township test (a
// point outside that would fall inside with longitude and latitude swapped says so).
void locateRows(const Workspace& ws, const Table& t, const ReturneeImportOptions& o, Locate mode,
                const TownshipContext& town, const ReturneeImportReport& report, Rows& rows) {
    const size_t n = rows.reasons.size();
    bool lonLat = mode == Locate::LonLat || mode == Locate::LonLatText || (mode == Locate::Geometry && t.geometryCrs == "EPSG:4326");
    if (o.coords != WebCoords::None) {
        if (!lonLat) throw Error(report.source + ": --coords applies to longitude/latitude, not to the rows' " +
                                 (mode == Locate::None ? "villages" : "x/y"));
        toWgs84(o.coords, rows.xy.data(), n);
    }
    std::vector<double> lonLatXy = lonLat ? rows.xy : std::vector<double>();
    if (lonLat) {
        projectLonLatNear(ws.workingEpsg(), rows.xy.data(), n);
    } else if (mode != Locate::None) {
        std::string from = mode == Locate::Projected ? "EPSG:" + std::to_string(o.sourceEpsg) : t.geometryCrs;
        Transformer(from, "EPSG:" + std::to_string(ws.workingEpsg())).transform(rows.xy.data(), n);
    }
    std::unique_ptr<Transformer> swapped;
    for (size_t r = 0; r < n; ++r) {
        if (!rows.reasons[r].empty()) continue;
        double& x = rows.xy[2 * r];
        double& y = rows.xy[2 * r + 1];
        if (rows.byVillage[r]) {
            x = town.villages[static_cast<size_t>(rows.village[r])].x;
            y = town.villages[static_cast<size_t>(rows.village[r])].y;
        } else if (!std::isfinite(x) || !std::isfinite(y)) {
            rows.addReason(r, "coordinates cannot be projected");
            continue;
        } else if (!town.contains(x, y)) {
            std::string why = "point outside the township";
            if (lonLat) {
                if (!swapped) swapped = std::make_unique<Transformer>("EPSG:4326", "EPSG:" + std::to_string(ws.workingEpsg()));
                double sx = lonLatXy[2 * r + 1], sy = lonLatXy[2 * r];
                if (std::fabs(sy) <= 90) swapped->transformPoint(sx, sy);
                if (std::fabs(lonLatXy[2 * r]) <= 90 && std::isfinite(sx) && std::isfinite(sy) && town.contains(sx, sy))
                    why += "; longitude and latitude look swapped";
            }
            rows.addReason(r, why);
            continue;
        }
        rows.cellX[r] = static_cast<int32_t>(std::floor(x / kReturneeBaseCellM));
        rows.cellY[r] = static_cast<int32_t>(std::floor(y / kReturneeBaseCellM));
    }
}

// Located rows get a village for their attributes (the date and origin counts are kept per
// village only): a name that fits several villages, the nearest of those; no name, or one that
// matches none, the nearest village of the layer.
void settleVillagesByPosition(const TownshipContext& town, const std::vector<const std::vector<int32_t>*>& ambiguous,
                              Rows& rows, ReturneeImportReport& report) {
    if (town.villages.empty()) return;
    std::vector<int32_t> all(town.villages.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int32_t>(i);
    for (size_t r = 0; r < rows.reasons.size(); ++r) {
        if (!rows.reasons[r].empty() || rows.byVillage[r]) continue;
        bool unnamed = rows.village[r] < 0 && !ambiguous[r];
        if (!unnamed && !ambiguous[r]) continue;
        double best = std::numeric_limits<double>::infinity();
        for (int32_t v : unnamed ? all : *ambiguous[r]) {
            const VillageSite& s = town.villages[static_cast<size_t>(v)];
            double d = std::hypot(s.x - rows.xy[2 * r], s.y - rows.xy[2 * r + 1]);
            if (d < best) { best = d; rows.village[r] = v; }
        }
        if (unnamed) ++report.villagesByPosition;
    }
}

// The batch's counts, each kind apart: per base cell, and per village x day x origin x status.
struct Counts {
    struct Cell { int32_t x, y; int64_t count; };
    struct VillageRow { int32_t village, day; uint16_t origin, status; int64_t count; };
    std::vector<Cell> cells;
    std::vector<VillageRow> villages;
    std::vector<int64_t> originTotals;
    int32_t firstDay = 0, lastDay = 0;
    bool keySpaceTooLarge = false;
};

Counts countRows(const Rows& rows, const std::vector<int64_t>& lines, ReturneeImportReport& report, size_t originCount,
                 size_t statusCount, size_t villageCount) {
    Counts out;
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
        Counts::VillageRow v{};
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

void deleteBatchRows(sqlite3* db, int64_t id) {
    for (const char* sql : {"DELETE FROM cordon_returnee_cells WHERE batch = ?", "DELETE FROM cordon_returnee_villages WHERE batch = ?",
                            "DELETE FROM cordon_returnee_batches WHERE id = ?"}) {
        Statement del(db, sql);
        del.bind(1, id).run();
    }
}

void writeBatch(Workspace& ws, const ReturneeImportOptions& o, ReturneeImportReport& report, const Counts& counts,
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

}  // namespace

ReturneeImportReport importReturnees(Workspace& ws, const ReturneeImportOptions& o) {
    if (ws.isReadOnly()) throw Error(fs::path(ws.path()).filename().string() + ": workspace is read-only");
    ReturneeImportReport report;
    report.source = fs::path(o.path).filename().string();
    report.batch = o.batch.empty() ? report.source : o.batch;
    if ((!o.lonField.empty()) != (!o.latField.empty())) throw Error("--lon-field and --lat-field go together");
    if ((!o.xField.empty()) != (!o.yField.empty())) throw Error("--x-field and --y-field go together");
    if (!o.xField.empty() && o.sourceEpsg <= 0) throw Error("--x-field/--y-field need --crs EPSG:N");
    if (!o.xField.empty() && !o.lonField.empty()) throw Error("give --lon-field/--lat-field or --x-field/--y-field, not both");

    ReturneeColumns col;
    TableOptions to;
    to.encoding = o.encoding;
    to.layerName = o.layerName;
    to.headerScore = returneeHeaderScore;
    to.select = [&](const std::vector<std::string>& header) {
        col = findReturneeColumns(header, report.source, o);
        std::vector<bool> keep(header.size(), false);
        for (int c : {col.lon, col.lat, col.x, col.y, col.lonLat, col.village, col.date, col.origin, col.status, col.fever})
            if (c >= 0) keep[static_cast<size_t>(c)] = true;
        return keep;
    };
    auto step = [&](double f) {
        if (o.progress && !o.progress(f)) throw Error(report.source + ": import cancelled; nothing was written");
    };
    step(0);
    Table t = readTable(o.path, to);
    step(0.5);
    report.format = t.format;
    report.encoding = t.encoding;
    report.encodingReason = t.encodingReason;
    report.notes = t.notes;
    for (size_t i = 0; i < t.header.size(); ++i) {
        if (t.isLoaded[i]) continue;
        report.droppedColumns.push_back(t.header[i]);
        if (looksPersonal(t.header[i])) report.personalColumns.push_back(t.header[i]);
    }
    auto name = [&](int c) { return c >= 0 ? t.header[static_cast<size_t>(c)] : std::string(); };
    report.lonField = name(col.lon >= 0 ? col.lon : col.x >= 0 ? col.x : col.lonLat);
    report.latField = name(col.lat >= 0 ? col.lat : col.y);
    report.villageField = name(col.village);
    report.dateField = name(col.date);
    report.originField = name(col.origin);
    report.statusField = name(col.status);
    report.feverField = name(col.fever);
    if (col.date < 0) throw Error(report.source + ": no arrival date column (give --date-field)");

    // Rows with coordinates are placed by them; rows without, at their village.
    Locate mode = col.x >= 0 ? Locate::Projected : col.lon >= 0 ? Locate::LonLat : col.lonLat >= 0 ? Locate::LonLatText
                  : t.hasGeometry() ? Locate::Geometry : Locate::None;
    if (mode == Locate::None && col.village < 0)
        throw Error(report.source + ": no location: no 经度/纬度 or lon/lat columns, no point geometry and no 村 column "
                    "(give --lon-field/--lat-field, --x-field/--y-field/--crs or --village-field)");
    std::string coordinateName = mode == Locate::LonLat || mode == Locate::LonLatText ? "lon/lat"
                                 : mode == Locate::Projected ? "x/y EPSG:" + std::to_string(o.sourceEpsg)
                                 : mode == Locate::Geometry  ? "geometry" : "";
    if (mode == Locate::Geometry) report.lonField = report.latField = "";
    TownshipContext town(ws);
    if (mode == Locate::None && town.villages.empty())
        throw Error(fs::path(ws.path()).filename().string() + ": has no villages layer to locate records by village name");

    const size_t n = t.rowCount();
    report.rowsRead = static_cast<int64_t>(n);
    Rows rows(n);
    Interner origins, extraVillages;
    DateCache dates(o.year);
    std::vector<const std::vector<int32_t>*> ambiguous(n, nullptr);  // located rows whose village name fits several
    // Each distinct village text is reduced and matched once.
    struct VillageText { bool isNamed; const std::vector<int32_t>* matches; int32_t extra; };
    std::unordered_map<std::string, VillageText, StringHash, std::equal_to<>> villageTexts;
    auto lookup = [&](std::string_view v) -> const VillageText& {
        auto it = villageTexts.find(v);
        if (it != villageTexts.end()) return it->second;
        VillageText vt{!villageKey(v).empty(), &town.matchVillage(v), -1};
        if (vt.isNamed && town.villages.empty()) vt.extra = static_cast<int32_t>(extraVillages.id(villageBaseName(v)));
        return villageTexts.emplace(std::string(v), vt).first->second;
    };
    for (size_t r = 0; r < n; ++r) {
        if ((r & 0xFFFF) == 0xFFFF) step(0.5 + 0.4 * static_cast<double>(r) / static_cast<double>(n));
        bool hasCoordinates = mode != Locate::None && readCoordinates(t, col, mode, r, rows);
        std::string_view v = col.village >= 0 ? t.cell(r, static_cast<size_t>(col.village)) : std::string_view();
        const VillageText& vt = lookup(v);
        bool hasVillage = vt.isNamed;
        if (!hasCoordinates) {
            rows.byVillage[r] = 1;
            if (!hasVillage) rows.addReason(r, mode == Locate::None ? "missing village" : "no coordinates and no village");
            else if (town.villages.empty()) rows.addReason(r, "no coordinates, and no villages layer to place village '" + shortValue(v) + "'");
        }
        if (hasVillage && !town.villages.empty()) {
            const std::vector<int32_t>& m = *vt.matches;
            if (m.size() == 1) rows.village[r] = m[0];
            else if (m.size() > 1 && !hasCoordinates)
                rows.addReason(r, "village '" + shortValue(v) + "' matches " + std::to_string(m.size()) + " villages (" + villageList(town, m) + ")");
            else if (m.size() > 1) ambiguous[r] = &m;
            else if (!hasCoordinates) rows.addReason(r, "unknown village '" + shortValue(v) + "'");
            else ++report.villagesUnmatched;
        } else if (hasVillage) {
            rows.village[r] = static_cast<int32_t>(town.villages.size()) + vt.extra;
        }
        std::string_view d = t.cell(r, static_cast<size_t>(col.date));
        int parsed = dates.parse(d);
        if (parsed == DateCache::kMissing) rows.addReason(r, "missing date");
        else if (parsed == DateCache::kNoYear) rows.addReason(r, "date '" + shortValue(d) + "' has no year (give --year)");
        else if (parsed == DateCache::kBad) rows.addReason(r, "bad date '" + shortValue(d) + "'");
        else rows.day[r] = parsed;
        std::string_view og = col.origin >= 0 ? t.cell(r, static_cast<size_t>(col.origin)) : std::string_view();
        rows.origin[r] = static_cast<uint16_t>(origins.id(og.empty() ? std::string_view(kUnknownOrigin) : og));
        rows.status[r] = statusCode(classifyStatus(col.status >= 0 ? t.cell(r, static_cast<size_t>(col.status)) : std::string_view()),
                                    col.fever >= 0 && isFeverCell(t.cell(r, static_cast<size_t>(col.fever))));
    }
    locateRows(ws, t, o, mode, town, report, rows);
    settleVillagesByPosition(town, ambiguous, rows, report);
    report.locatedBy = mode == Locate::None ? "village" : coordinateName + (col.village >= 0 ? ", village" : "");

    std::vector<std::string> villageNames;
    for (const auto& v : town.villages) villageNames.push_back(v.name);
    for (const auto& v : extraVillages.names) villageNames.push_back(v);
    Counts counts = countRows(rows, t.line, report, origins.names.size(), kStatusCodeCount, villageNames.size());
    if (report.rowsImported > 0 && counts.keySpaceTooLarge)
        throw Error(report.source + ": too many distinct places, days, origins and statuses to count");
    for (size_t i = 0; i < origins.names.size(); ++i)
        if (counts.originTotals[i] > 0) report.byOrigin.emplace_back(origins.names[i], counts.originTotals[i]);
    std::sort(report.byOrigin.begin(), report.byOrigin.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (report.rowsImported > 0) {
        report.firstDay = formatDay(counts.firstDay);
        report.lastDay = formatDay(counts.lastDay);
    }
    if (report.badRowCount > 0 && !o.skipBad) return report;
    step(0.9);
    std::vector<std::string> statusNames;
    for (size_t i = 0; i < kReturneeStatusCount; ++i) statusNames.emplace_back(returneeStatusNameZh(static_cast<ReturneeStatus>(i)));
    writeBatch(ws, o, report, counts, villageNames, origins.names, statusNames);
    report.committed = true;
    return report;
}

std::string returneeReportJson(const ReturneeImportReport& r, bool withBadRows) {
    JsonWriter j;
    j.beginObject();
    j.key("source").value(r.source).key("batch").value(r.batch).key("replaced_batch").value(r.replacedBatch);
    j.key("committed").value(r.committed).key("format").value(r.format);
    j.key("encoding").value(r.encoding).key("encoding_reason").value(r.encodingReason);
    j.key("located_by").value(r.locatedBy);
    j.key("fields").beginObject();
    j.key("lon_or_x").value(r.lonField).key("lat_or_y").value(r.latField).key("village").value(r.villageField);
    j.key("date").value(r.dateField).key("origin").value(r.originField).key("status").value(r.statusField);
    j.key("fever").value(r.feverField);
    j.endObject();
    j.key("dropped_columns").beginArray();
    for (const auto& c : r.droppedColumns) j.value(c);
    j.endArray();
    j.key("personal_columns_dropped").beginArray();
    for (const auto& c : r.personalColumns) j.value(c);
    j.endArray();
    j.key("rows_read").value(r.rowsRead).key("rows_imported").value(r.rowsImported);
    j.key("bad_rows").value(r.badRowCount).key("villages_unmatched").value(r.villagesUnmatched);
    j.key("villages_by_position").value(r.villagesByPosition);
    j.key("rows_by_coordinates").value(r.rowsByCoordinates).key("rows_by_village").value(r.rowsByVillage);
    j.key("notes").beginArray();
    for (const auto& n : r.notes) j.value(n);
    j.endArray();
    j.key("by_origin").beginObject();
    for (const auto& [name, c] : r.byOrigin) j.key(name).value(c);
    j.endObject();
    j.key("first_day").value(r.firstDay).key("last_day").value(r.lastDay);
    j.key("all_batches_total").value(r.batchTotal);
    if (withBadRows) {
        j.key("bad_row_list").beginArray();
        for (const auto& b : r.badRows) j.beginObject().key("line").value(b.line).key("reason").value(b.reason).endObject();
        j.endArray();
    }
    j.endObject();
    return j.str();
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
