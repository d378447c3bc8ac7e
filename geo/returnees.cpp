// Returnee import: columns chosen from the header (personal ones never loaded), rows checked and
// located, counted on the 100 m base grid, and written as one batch in one transaction.
#include "geo/returnees.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <limits>
#include <unordered_map>

#include "geo/csv.hpp"
#include "geo/encoding.hpp"
#include "geo/error.hpp"
#include "geo/json.hpp"
#include "geo/returnee_support.hpp"
#include "geo/sqlite.hpp"

namespace fs = std::filesystem;

namespace geo {

void ensureReturneeTables(sqlite3* db) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS cordon_returnee_batches("
         "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, imported_at TEXT NOT NULL,"
         "  records INTEGER NOT NULL, located_by TEXT NOT NULL, dropped_columns TEXT NOT NULL, report TEXT NOT NULL);"
         "CREATE TABLE IF NOT EXISTS cordon_returnee_counts("
         "  batch INTEGER NOT NULL REFERENCES cordon_returnee_batches(id) ON DELETE CASCADE,"
         "  cell_x INTEGER NOT NULL, cell_y INTEGER NOT NULL, village TEXT NOT NULL, arrival TEXT NOT NULL,"
         "  origin TEXT NOT NULL, status TEXT NOT NULL, count INTEGER NOT NULL);"
         "CREATE INDEX IF NOT EXISTS cordon_returnee_counts_batch ON cordon_returnee_counts(batch);");
}

namespace {

constexpr size_t kMaxBadRowsKept = 1000;
constexpr const char* kUnknownOrigin = "未知";

std::string lowerHalf(std::string_view s) {
    std::string h = toHalfWidth(s);
    for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return h;
}

// Column choice: an explicit name must exist and must not look personal; otherwise the first
// candidate present, exactly, then (for `bySubstring`) as part of a column name.
struct ColumnFinder {
    const std::vector<std::string>& header;
    const std::string& source;
    std::vector<std::string> lowered;

    ColumnFinder(const std::vector<std::string>& h, const std::string& src) : header(h), source(src) {
        for (const auto& n : h) lowered.push_back(lowerHalf(n));
    }
    int find(const std::string& explicitName, const char* flag, std::initializer_list<const char*> candidates,
             bool bySubstring) const {
        if (!explicitName.empty()) {
            std::string want = lowerHalf(explicitName);
            for (size_t i = 0; i < header.size(); ++i) {
                if (lowered[i] != want) continue;
                if (looksPersonal(header[i]))
                    throw Error(std::string(flag) + ": column '" + header[i] + "' looks personal; Cordon never reads it");
                return static_cast<int>(i);
            }
            std::string names;
            for (const auto& n : header) names += (names.empty() ? "" : ", ") + n;
            throw Error(source + ": no column '" + explicitName + "' for " + flag + " (columns: " + names + ")");
        }
        for (const char* c : candidates)
            for (size_t i = 0; i < header.size(); ++i)
                if (lowered[i] == c && !looksPersonal(header[i])) return static_cast<int>(i);
        if (bySubstring)
            for (const char* c : candidates)
                for (size_t i = 0; i < header.size(); ++i)
                    if (static_cast<unsigned char>(c[0]) >= 0x80 && lowered[i].find(c) != std::string::npos &&
                        !looksPersonal(header[i]))
                        return static_cast<int>(i);
        return -1;
    }
};

using Columns = ReturneeColumns;

// The columns for these options: named ones checked, the others detected unless autoDetect is off.
Columns findColumns(const ColumnFinder& f, const ReturneeImportOptions& o) {
    Columns col;
    auto find = [&](const std::string& name, const char* flag, std::initializer_list<const char*> candidates,
                    bool bySubstring) {
        if (name.empty() && !o.autoDetect) return -1;
        return f.find(name, flag, candidates, bySubstring);
    };
    if (!o.xField.empty()) {
        col.x = f.find(o.xField, "--x-field", {}, false);
        col.y = f.find(o.yField, "--y-field", {}, false);
    } else {
        col.lon = find(o.lonField, "--lon-field", {"经度", "lon", "lng", "long", "longitude", "x经度"}, true);
        col.lat = find(o.latField, "--lat-field", {"纬度", "lat", "latitude", "y纬度"}, true);
        if (col.lon < 0 || col.lat < 0) col.lon = col.lat = -1;
    }
    col.village = find(o.villageField, "--village-field", {"村", "村名", "村庄", "所在村", "行政村", "村别", "village"}, false);
    col.date = find(o.dateField, "--date-field",
                    {"返乡日期", "返回日期", "到达日期", "抵达日期", "返乡时间", "到达时间", "日期", "arrival_date",
                     "arrival", "date"},
                    true);
    col.origin = find(o.originField, "--origin-field", {"来源地", "来源", "出发地", "从何地返回", "origin", "from"}, true);
    col.status = find(o.statusField, "--status-field", {"状态", "管控状态", "隔离状态", "status"}, true);
    return col;
}

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

struct CountKey {
    int32_t cellX, cellY, village, day;
    uint16_t origin, status;
    bool operator==(const CountKey&) const = default;
};

}  // namespace

bool looksPersonal(std::string_view columnName) {
    std::string n = lowerHalf(columnName);
    static const char* kContains[] = {"姓名", "名字", "电话", "手机", "身份证", "证件", "住址", "地址", "联系方式",
                                      "联系人", "户主", "phone", "mobile", "address", "idcard", "id_card", "id_no",
                                      "id_number", "passport", "email", "e-mail", "surname"};
    static const char* kEquals[] = {"name", "full_name", "fullname", "first_name", "last_name", "given_name",
                                    "person", "id", "tel", "telephone", "cell", "addr", "身份", "人员", "微信"};
    for (const char* c : kContains)
        if (n.find(c) != std::string::npos) return true;
    for (const char* c : kEquals)
        if (n == c) return true;
    return false;
}

ReturneeColumns detectReturneeColumns(const std::vector<std::string>& header) {
    return findColumns(ColumnFinder(header, ""), ReturneeImportOptions{});
}

void setReturneeColumns(ReturneeImportOptions& o, const std::vector<std::string>& header, const ReturneeColumns& c) {
    auto name = [&](int i) {
        return i >= 0 && static_cast<size_t>(i) < header.size() ? header[static_cast<size_t>(i)] : std::string();
    };
    o.autoDetect = false;
    bool hasLonLat = c.lon >= 0 && c.lat >= 0, hasXy = c.x >= 0 && c.y >= 0;
    o.lonField = hasLonLat ? name(c.lon) : "";
    o.latField = hasLonLat ? name(c.lat) : "";
    o.xField = !hasLonLat && hasXy ? name(c.x) : "";
    o.yField = !hasLonLat && hasXy ? name(c.y) : "";
    o.villageField = name(c.village);
    o.dateField = name(c.date);
    o.originField = name(c.origin);
    o.statusField = name(c.status);
}

std::string villageKey(std::string_view name) {
    std::string h = toHalfWidth(name);
    h.erase(std::remove(h.begin(), h.end(), ' '), h.end());
    const std::string_view cun = "村";
    if (h.size() > cun.size() && std::string_view(h).substr(h.size() - cun.size()) == cun) h.resize(h.size() - cun.size());
    return h;
}

ReturneeImportReport importReturnees(Workspace& ws, const ReturneeImportOptions& o) {
    if (ws.isReadOnly()) throw Error(fs::path(ws.path()).filename().string() + ": workspace is read-only");
    ReturneeImportReport report;
    report.source = fs::path(o.path).filename().string();
    report.batch = o.batch.empty() ? report.source : o.batch;
    if ((!o.lonField.empty()) != (!o.latField.empty())) throw Error("--lon-field and --lat-field go together");
    if ((!o.xField.empty()) != (!o.yField.empty())) throw Error("--x-field and --y-field go together");
    if (!o.xField.empty() && o.sourceEpsg <= 0) throw Error("--x-field/--y-field need --crs EPSG:N");
    if (!o.xField.empty() && !o.lonField.empty()) throw Error("give --lon-field/--lat-field or --x-field/--y-field, not both");

    Columns col;
    TableOptions to;
    to.encoding = o.encoding;
    to.layerName = o.layerName;
    to.select = [&](const std::vector<std::string>& header) {
        col = findColumns(ColumnFinder(header, report.source), o);
        std::vector<bool> keep(header.size(), false);
        for (int c : {col.lon, col.lat, col.x, col.y, col.village, col.date, col.origin, col.status})
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
    for (size_t i = 0; i < t.header.size(); ++i) {
        if (t.isLoaded[i]) continue;
        report.droppedColumns.push_back(t.header[i]);
        if (looksPersonal(t.header[i])) report.personalColumns.push_back(t.header[i]);
    }
    auto name = [&](int c) { return c >= 0 ? t.header[static_cast<size_t>(c)] : std::string(); };
    report.lonField = name(col.lon >= 0 ? col.lon : col.x);
    report.latField = name(col.lat >= 0 ? col.lat : col.y);
    report.villageField = name(col.village);
    report.dateField = name(col.date);
    report.originField = name(col.origin);
    report.statusField = name(col.status);
    if (col.date < 0) throw Error(report.source + ": no arrival date column (give --date-field)");

    enum class Locate { LonLat, Projected, Geometry, Village } mode;
    bool explicitVillageOnly = !o.villageField.empty() && o.lonField.empty() && o.xField.empty();
    if (col.x >= 0) mode = Locate::Projected;
    else if (col.lon >= 0 && !explicitVillageOnly) mode = Locate::LonLat;
    else if (t.hasGeometry() && !explicitVillageOnly) mode = Locate::Geometry;
    else if (col.village >= 0) mode = Locate::Village;
    else
        throw Error(report.source + ": no location: no 经度/纬度 or lon/lat columns, no point geometry and no 村 column "
                    "(give --lon-field/--lat-field, --x-field/--y-field/--crs or --village-field)");
    report.locatedBy = mode == Locate::LonLat      ? "lon/lat"
                       : mode == Locate::Projected ? "x/y EPSG:" + std::to_string(o.sourceEpsg)
                       : mode == Locate::Geometry  ? "geometry"
                                                   : "village";
    if (mode == Locate::Geometry) report.lonField = report.latField = "";

    TownshipContext town(ws);
    if (mode == Locate::Village && town.villages.empty())
        throw Error(fs::path(ws.path()).filename().string() + ": has no villages layer to locate records by village name");

    const size_t n = t.rowCount();
    report.rowsRead = static_cast<int64_t>(n);
    std::vector<std::string> reasons(n);
    std::vector<double> xy(2 * n, std::nan(""));
    std::vector<int32_t> day(n, 0), village(n, -1);
    std::vector<uint16_t> origin(n, 0), status(n, 0);
    Interner origins, statuses, extraVillages;
    DateCache dates(o.year);
    std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> villageCache;
    auto addReason = [&](size_t r, const std::string& why) { reasons[r] += (reasons[r].empty() ? "" : "; ") + why; };
    auto lookupVillage = [&](std::string_view v) -> int32_t {
        auto it = villageCache.find(v);
        if (it != villageCache.end()) return it->second;
        int32_t idx = town.findVillage(v);
        villageCache.emplace(std::string(v), idx);
        return idx;
    };

    for (size_t r = 0; r < n; ++r) {
        if ((r & 0xFFFF) == 0xFFFF) step(0.5 + 0.4 * static_cast<double>(r) / static_cast<double>(n));
        if (mode == Locate::LonLat || mode == Locate::Projected) {
            size_t cx = static_cast<size_t>(mode == Locate::LonLat ? col.lon : col.x);
            size_t cy = static_cast<size_t>(mode == Locate::LonLat ? col.lat : col.y);
            double a, b;
            std::string_view va = t.cell(r, cx), vb = t.cell(r, cy);
            bool okA = parseNumber(va, a), okB = parseNumber(vb, b);
            if (!okA) addReason(r, va.empty() ? "missing " + t.header[cx] : "bad number in " + t.header[cx] + " '" + shortValue(va) + "'");
            if (!okB) addReason(r, vb.empty() ? "missing " + t.header[cy] : "bad number in " + t.header[cy] + " '" + shortValue(vb) + "'");
            if (okA && okB && mode == Locate::LonLat && (std::fabs(a) > 180 || std::fabs(b) > 90)) {
                addReason(r, "longitude/latitude out of range");
            } else if (okA && okB) {
                xy[2 * r] = a;
                xy[2 * r + 1] = b;
            }
        } else if (mode == Locate::Geometry) {
            xy[2 * r] = t.xy[2 * r];
            xy[2 * r + 1] = t.xy[2 * r + 1];
            if (!std::isfinite(xy[2 * r])) addReason(r, "no point geometry");
        }
        if (col.village >= 0) {
            std::string_view v = t.cell(r, static_cast<size_t>(col.village));
            if (mode == Locate::Village) {
                if (v.empty()) addReason(r, "missing village");
                else if ((village[r] = lookupVillage(v)) < 0) addReason(r, "unknown village '" + shortValue(v) + "'");
            } else if (!v.empty()) {
                if (!town.villages.empty()) {
                    village[r] = lookupVillage(v);
                    if (village[r] < 0) ++report.villagesUnmatched;
                } else {
                    village[r] = -2 - static_cast<int32_t>(extraVillages.id(toHalfWidth(v)));
                }
            }
        }
        std::string_view d = t.cell(r, static_cast<size_t>(col.date));
        int parsed = dates.parse(d);
        if (parsed == DateCache::kMissing) addReason(r, "missing date");
        else if (parsed == DateCache::kNoYear) addReason(r, "date '" + shortValue(d) + "' has no year (give --year)");
        else if (parsed == DateCache::kBad) addReason(r, "bad date '" + shortValue(d) + "'");
        else day[r] = parsed;
        std::string_view og = col.origin >= 0 ? t.cell(r, static_cast<size_t>(col.origin)) : std::string_view();
        origin[r] = static_cast<uint16_t>(origins.id(og.empty() ? std::string_view(kUnknownOrigin) : og));
        status[r] = static_cast<uint16_t>(statuses.id(col.status >= 0 ? t.cell(r, static_cast<size_t>(col.status)) : std::string_view()));
    }

    // Positions: whole arrays through PROJ, then the township test on the base grid.
    // GCJ-02/BD-09 offsets apply to lon/lat, from columns or from a layer's own lon/lat points.
    bool lonLatGeometry = mode == Locate::Geometry && t.geometryCrs == "EPSG:4326";
    if (o.coords != WebCoords::None) {
        if (mode != Locate::LonLat && !lonLatGeometry)
            throw Error(report.source + ": --coords applies to longitude/latitude, not to " + report.locatedBy);
        toWgs84(o.coords, xy.data(), n);
    }
    if (mode != Locate::Village) {
        std::string from = mode == Locate::LonLat ? "EPSG:4326"
                           : mode == Locate::Projected ? "EPSG:" + std::to_string(o.sourceEpsg)
                                                       : t.geometryCrs;
        if (mode == Locate::LonLat || lonLatGeometry) projectLonLatNear(ws.workingEpsg(), xy.data(), n);
        else Transformer(from, "EPSG:" + std::to_string(ws.workingEpsg())).transform(xy.data(), n);
    } else {
        for (size_t r = 0; r < n; ++r)
            if (village[r] >= 0) {
                xy[2 * r] = town.villages[static_cast<size_t>(village[r])].x;
                xy[2 * r + 1] = town.villages[static_cast<size_t>(village[r])].y;
            }
    }
    std::vector<int32_t> cellX(n), cellY(n);
    for (size_t r = 0; r < n; ++r) {
        if (!reasons[r].empty()) continue;
        double x = xy[2 * r], y = xy[2 * r + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) { addReason(r, "coordinates cannot be projected"); continue; }
        if (mode != Locate::Village && !town.contains(x, y)) { addReason(r, "point outside the township"); continue; }
        cellX[r] = static_cast<int32_t>(std::floor(x / kReturneeBaseCellM));
        cellY[r] = static_cast<int32_t>(std::floor(y / kReturneeBaseCellM));
    }

    // Counts per (cell, village, day, origin, status), keyed by one mixed-radix number.
    std::vector<int64_t> originTotals(origins.names.size(), 0);
    int32_t minX = std::numeric_limits<int32_t>::max(), maxX = std::numeric_limits<int32_t>::min();
    int32_t minY = minX, maxY = maxX, firstDay = minX, lastDay = maxX;
    for (size_t r = 0; r < n; ++r) {
        if (!reasons[r].empty()) {
            if (report.badRows.size() < kMaxBadRowsKept) report.badRows.push_back({t.line[r], reasons[r]});
            ++report.badRowCount;
            continue;
        }
        minX = std::min(minX, cellX[r]), maxX = std::max(maxX, cellX[r]);
        minY = std::min(minY, cellY[r]), maxY = std::max(maxY, cellY[r]);
        firstDay = std::min(firstDay, day[r]), lastDay = std::max(lastDay, day[r]);
        ++originTotals[origin[r]];
        ++report.rowsImported;
    }
    if (report.rowsImported == 0) minX = maxX = minY = maxY = firstDay = lastDay = 0;
    const auto knownVillages = static_cast<int64_t>(town.villages.size());
    auto villageCode = [&](int32_t v) -> uint64_t {
        return static_cast<uint64_t>(v >= 0 ? v + 1 : v == -1 ? 0 : knownVillages + 1 + (-2 - v));
    };
    const uint64_t radix[] = {static_cast<uint64_t>(int64_t{maxX} - minX + 1), static_cast<uint64_t>(int64_t{maxY} - minY + 1),
                              static_cast<uint64_t>(knownVillages + 1) + extraVillages.names.size(),
                              static_cast<uint64_t>(int64_t{lastDay} - firstDay + 1), origins.names.size() + 1,
                              statuses.names.size() + 1};
    double keySpace = 1;
    for (uint64_t r : radix) keySpace *= static_cast<double>(r);
    if (report.rowsImported > 0 && keySpace > 1.8e19)
        throw Error(report.source + ": too many distinct places, days, origins and statuses to count");
    FlatCounter counts(1024);
    for (size_t r = 0; r < n; ++r) {
        if (!reasons[r].empty()) continue;
        uint64_t key = static_cast<uint64_t>(cellX[r] - minX);
        key = key * radix[1] + static_cast<uint64_t>(cellY[r] - minY);
        key = key * radix[2] + villageCode(village[r]);
        key = key * radix[3] + static_cast<uint64_t>(day[r] - firstDay);
        key = key * radix[4] + origin[r];
        key = key * radix[5] + status[r];
        counts.add(key);
    }
    for (size_t i = 0; i < origins.names.size(); ++i)
        if (originTotals[i] > 0) report.byOrigin.emplace_back(origins.names[i], originTotals[i]);
    std::sort(report.byOrigin.begin(), report.byOrigin.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (report.rowsImported > 0) {
        report.firstDay = formatDay(firstDay);
        report.lastDay = formatDay(lastDay);
    }
    if (report.badRowCount > 0 && !o.skipBad) return report;
    step(0.9);

    sqlite3* db = ws.db();
    Transaction tx(db);
    ensureReturneeTables(db);
    {
        Statement find(db, "SELECT id FROM cordon_returnee_batches WHERE name = ?");
        find.bind(1, report.batch);
        if (find.step()) {
            int64_t id = find.int64(0);
            Statement del(db, "DELETE FROM cordon_returnee_counts WHERE batch = ?");
            del.bind(1, id).run();
            Statement delBatch(db, "DELETE FROM cordon_returnee_batches WHERE id = ?");
            delBatch.bind(1, id).run();
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
    // Sorted so that the same input gives the same file.
    std::vector<std::pair<CountKey, int64_t>> rows;
    counts.forEach([&](uint64_t key, int64_t c) {
        CountKey k{};
        k.status = static_cast<uint16_t>(key % radix[5]), key /= radix[5];
        k.origin = static_cast<uint16_t>(key % radix[4]), key /= radix[4];
        k.day = static_cast<int32_t>(key % radix[3]) + firstDay, key /= radix[3];
        auto v = static_cast<int64_t>(key % radix[2]);
        key /= radix[2];
        k.village = static_cast<int32_t>(v == 0 ? -1 : v <= knownVillages ? v - 1 : -2 - (v - knownVillages - 1));
        k.cellY = static_cast<int32_t>(key % radix[1]) + minY;
        k.cellX = static_cast<int32_t>(key / radix[1]) + minX;
        rows.emplace_back(k, c);
    });
    std::vector<std::string> villageNames{""};  // by village code + 1: none, known, then extra
    for (const auto& v : town.villages) villageNames.push_back(v.name);
    for (const auto& v : extraVillages.names) villageNames.push_back(v);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        const CountKey &p = a.first, &q = b.first;
        return std::tie(p.cellY, p.cellX, p.village, p.day, p.origin, p.status) <
               std::tie(q.cellY, q.cellX, q.village, q.day, q.origin, q.status);
    });
    Statement ins(db,
                  "INSERT INTO cordon_returnee_counts(batch, cell_x, cell_y, village, arrival, origin, status, count)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    std::vector<std::string> dayText(radix[3]);
    for (size_t d = 0; d < dayText.size(); ++d) dayText[d] = formatDay(firstDay + static_cast<int>(d));
    // Bound without copies: every string outlives the statement's use of it.
    sqlite3_stmt* st = ins.get();
    auto bindStatic = [&](int i, const std::string& v) {
        sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    };
    for (const auto& [k, c] : rows) {
        ins.bind(1, batchId).bind(2, static_cast<int64_t>(k.cellX)).bind(3, static_cast<int64_t>(k.cellY));
        bindStatic(4, villageNames[villageCode(k.village)]);
        bindStatic(5, dayText[static_cast<size_t>(k.day - firstDay)]);
        bindStatic(6, origins.names[k.origin]);
        bindStatic(7, statuses.names[k.status]);
        ins.bind(8, c).run();
    }
    {
        Statement total(db, "SELECT coalesce(sum(records), 0) FROM cordon_returnee_batches");
        if (total.step()) report.batchTotal = total.int64(0);
    }
    tx.commit();
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
    j.endObject();
    j.key("dropped_columns").beginArray();
    for (const auto& c : r.droppedColumns) j.value(c);
    j.endArray();
    j.key("personal_columns_dropped").beginArray();
    for (const auto& c : r.personalColumns) j.value(c);
    j.endArray();
    j.key("rows_read").value(r.rowsRead).key("rows_imported").value(r.rowsImported);
    j.key("bad_rows").value(r.badRowCount).key("villages_unmatched").value(r.villagesUnmatched);
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
    Statement find(ws.db(), "SELECT id FROM cordon_returnee_batches WHERE name = ?");
    find.bind(1, name);
    if (!find.step()) return false;
    int64_t id = find.int64(0);
    Statement del(ws.db(), "DELETE FROM cordon_returnee_counts WHERE batch = ?");
    del.bind(1, id).run();
    Statement delBatch(ws.db(), "DELETE FROM cordon_returnee_batches WHERE id = ?");
    delBatch.bind(1, id).run();
    tx.commit();
    return true;
}

}  // namespace geo
