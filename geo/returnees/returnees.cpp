// Returnee import: columns chosen from the header (personal ones never loaded), rows checked and
// located (by coordinates, or at their village), counted per 100 m cell and per village x date x
// origin x status apart, and written as one batch in one transaction. The steps live in
// returnee_rows.cpp and returnee_batches.cpp; this file reads the register and runs them.
#include "geo/returnees/returnees.hpp"

#include <algorithm>
#include <filesystem>

#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/returnees/returnee_columns.hpp"
#include "geo/returnees/returnee_import.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

// Options that contradict each other, refused before anything is read.
void checkImportOptions(const Workspace& ws, const ReturneeImportOptions& o) {
    if (ws.isReadOnly()) throw Error(fs::path(ws.path()).filename().string() + ": workspace is read-only");
    if ((!o.lonField.empty()) != (!o.latField.empty())) throw Error("--lon-field and --lat-field go together");
    if ((!o.xField.empty()) != (!o.yField.empty())) throw Error("--x-field and --y-field go together");
    if (!o.xField.empty() && o.sourceEpsg <= 0) throw Error("--x-field/--y-field need --crs EPSG:N");
    if (!o.xField.empty() && !o.lonField.empty()) throw Error("give --lon-field/--lat-field or --x-field/--y-field, not both");
}

// The register with only the columns the import reads loaded (`col` says which they are).
Table readRegister(const ReturneeImportOptions& o, const std::string& source, ReturneeColumns& col) {
    TableOptions to;
    to.encoding = o.encoding;
    to.layerName = o.layerName;
    to.headerScore = returneeHeaderScore;
    to.select = [&](const std::vector<std::string>& header) {
        col = findReturneeColumns(header, source, o);
        std::vector<bool> keep(header.size(), false);
        for (int c : {col.lon, col.lat, col.x, col.y, col.lonLat, col.village, col.date, col.origin, col.status, col.fever})
            if (c >= 0) keep[static_cast<size_t>(c)] = true;
        return keep;
    };
    return readTable(o.path, to);
}

// The report's account of the register: its format and encoding, the columns read and those dropped.
void describeRegister(const Table& t, const ReturneeColumns& col, ReturneeImportReport& report) {
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
}

// Rows with coordinates are placed by them; rows without, at their village.
Locate locateMode(const ReturneeColumns& col, const Table& t, const ReturneeImportReport& report) {
    Locate mode = col.x >= 0 ? Locate::Projected : col.lon >= 0 ? Locate::LonLat : col.lonLat >= 0 ? Locate::LonLatText
                  : t.hasGeometry() ? Locate::Geometry : Locate::None;
    if (mode == Locate::None && col.village < 0)
        throw Error(report.source + ": no location: no 经度/纬度 or lon/lat columns, no point geometry and no 村 column "
                    "(give --lon-field/--lat-field, --x-field/--y-field/--crs or --village-field)");
    return mode;
}

std::string coordinateName(Locate mode, int sourceEpsg) {
    return mode == Locate::LonLat || mode == Locate::LonLatText ? "lon/lat"
           : mode == Locate::Projected ? "x/y EPSG:" + std::to_string(sourceEpsg)
           : mode == Locate::Geometry  ? "geometry" : "";
}

// The checked rows counted, with the totals by origin and the first and last day in the report.
BatchCounts tallyRows(const CheckedRows& checked, const Table& t, const std::vector<std::string>& villageNames,
                      ReturneeImportReport& report) {
    BatchCounts counts = countRows(checked.rows, t.line, report, checked.origins.names.size(), kStatusCodeCount, villageNames.size());
    if (report.rowsImported > 0 && counts.keySpaceTooLarge)
        throw Error(report.source + ": too many distinct places, days, origins and statuses to count");
    for (size_t i = 0; i < checked.origins.names.size(); ++i)
        if (counts.originTotals[i] > 0) report.byOrigin.emplace_back(checked.origins.names[i], counts.originTotals[i]);
    std::sort(report.byOrigin.begin(), report.byOrigin.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (report.rowsImported > 0) {
        report.firstDay = formatDay(counts.firstDay);
        report.lastDay = formatDay(counts.lastDay);
    }
    return counts;
}

}  // namespace

ReturneeImportReport importReturnees(Workspace& ws, const ReturneeImportOptions& o) {
    checkImportOptions(ws, o);
    ReturneeImportReport report;
    report.source = fs::path(o.path).filename().string();
    report.batch = o.batch.empty() ? report.source : o.batch;
    auto step = [&](double f) {
        if (o.progress && !o.progress(f)) throw Error(report.source + ": import cancelled; nothing was written");
    };
    step(0);
    ReturneeColumns col;
    Table t = readRegister(o, report.source, col);
    step(0.5);
    describeRegister(t, col, report);
    if (col.date < 0) throw Error(report.source + ": no arrival date column (give --date-field)");
    const Locate mode = locateMode(col, t, report);
    if (mode == Locate::Geometry) report.lonField = report.latField = "";
    TownshipContext town(ws);
    if (mode == Locate::None && town.villages.empty())
        throw Error(fs::path(ws.path()).filename().string() + ": has no villages layer to locate records by village name");

    report.rowsRead = static_cast<int64_t>(t.rowCount());
    CheckedRows checked = checkRows(t, col, mode, town, o.year, report, step);
    locateRows(ws, t, o, mode, town, report, checked.rows);
    settleVillagesByPosition(town, checked.ambiguous, checked.rows, report);
    report.locatedBy = mode == Locate::None ? "village" : coordinateName(mode, o.sourceEpsg) + (col.village >= 0 ? ", village" : "");

    std::vector<std::string> villageNames;
    for (const auto& v : town.villages) villageNames.push_back(v.name);
    for (const auto& v : checked.extraVillages.names) villageNames.push_back(v);
    BatchCounts counts = tallyRows(checked, t, villageNames, report);
    if (report.badRowCount > 0 && !o.skipBad) return report;
    step(0.9);
    std::vector<std::string> statusNames;
    for (size_t i = 0; i < kReturneeStatusCount; ++i) statusNames.emplace_back(returneeStatusNameZh(static_cast<ReturneeStatus>(i)));
    writeBatch(ws, o, report, counts, villageNames, checked.origins.names, statusNames);
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

}  // namespace geo
