// `cordon returnees`: import returnee records into a workspace as counts; list and remove batches.
#include <cstdio>

#include "app/command.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon returnees WS --csv FILE [--lon-field F --lat-field F | --lonlat-field F |\n"
    "         --x-field F --y-field F --crs EPSG:N] [--village-field F] [--coords gcj02|bd09]\n"
    "         [--date-field F] [--origin-field F] [--status-field F] [--fever-field F]\n"
    "         [--encoding UTF-8|GBK|CP936|GB18030] [--year Y] [--batch NAME] [--layer L] [--skip-bad] [--json]\n"
    "       cordon returnees WS --list [--json]\n"
    "       cordon returnees WS --remove NAME\n"
    "       cordon returnees WS --observation-days N\n"
    "\n"
    "--observation-days sets the workspace's observation period (default 14, 1..60): under\n"
    "observation on day D = arrived in (D-N, D] and not released (report, analyze --date).\n"
    "状态 is read as 居家观察, 集中隔离, 解除观察, 住院治疗 or 其他; 体温 (>= 37.3 counts as fever) or a\n"
    "发热 yes/no column (--fever-field) is kept as a fever count.\n"
    "\n"
    "Imports returnee records (CSV in UTF-8 or GBK, XLSX/XLS/ODS sheets, or any point layer GDAL reads)\n"
    "as counts only, kept apart: per 100 m cell (place alone) and per village x arrival date x origin x\n"
    "status. Names, phone numbers, ID numbers and addresses are never read; the report lists the\n"
    "columns dropped. Columns are found by their names when not given: 经度/纬度 or lon/lat (or one\n"
    "坐标/经纬度 column), 村/村(组), 返乡日期/日期, 来源地/来源, 状态. Rows with coordinates are placed by\n"
    "them, rows without at their village; village names match with group suffixes (宋家村4组),\n"
    "township prefixes (京当镇贺家村) and 村委会; a name that fits two villages is a bad row.\n"
    "Coordinates may carry degree signs and full-width digits or commas; swapped ones are named.\n"
    "Title rows, a second header row, blank rows and 合计 rows are skipped with a note.\n"
    "--coords converts GCJ-02/BD-09 coordinates from Chinese web maps. Dates: 2020-01-23, 2020/1/23,\n"
    "20200123, or 1月23日 with --year. --layer picks the sheet or layer.\n"
    "\n"
    "Each import is a batch named after its file (or --batch): a batch of the same name is replaced,\n"
    "other batches add up. Rows with a bad number, an unknown village, a point outside the township\n"
    "or no date are listed with their line numbers; then nothing is imported (exit status 2) unless\n"
    "--skip-bad imports the rest. One transaction either way.\n";

int setObservationPeriod(const std::string& path, int64_t days) {
    if (days < 1 || days > 60) throw UsageError("--observation-days must be between 1 and 60, not " + std::to_string(days));
    geo::Workspace ws = geo::Workspace::open(path);
    if (ws.isReadOnly()) throw geo::Error(path + ": workspace is read-only");
    geo::setObservationDays(ws, static_cast<int>(days));
    std::printf("observation period %lld days\n", static_cast<long long>(days));
    return 0;
}

int list(const std::string& path, bool json) {
    geo::Workspace ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    auto batches = geo::listBatches(ws);
    int64_t total = 0;
    for (const auto& b : batches) total += b.records;
    if (json) {
        geo::JsonWriter j;
        j.beginObject().key("total").value(total).key("batches").beginArray();
        for (const auto& b : batches) {
            j.beginObject().key("name").value(b.name).key("source").value(b.source).key("imported_at").value(b.importedAt);
            j.key("records").value(b.records).key("located_by").value(b.locatedBy);
            j.key("dropped_columns").value(b.droppedColumns).endObject();
        }
        j.endArray().endObject();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    for (const auto& b : batches)
        std::printf("%-24s %8lld records  %s  from %s, located by %s\n", b.name.c_str(), static_cast<long long>(b.records),
                    b.importedAt.c_str(), b.source.c_str(), b.locatedBy.c_str());
    std::printf("%zu batch(es), %lld returnees\n", batches.size(), static_cast<long long>(total));
    return 0;
}

void printReport(const geo::ReturneeImportReport& r) {
    std::printf("batch %s%s from %s (%s, text %s: %s)\n", r.batch.c_str(), r.replacedBatch ? " (replaced)" : "",
                r.source.c_str(), r.format.c_str(), r.encoding.c_str(), r.encodingReason.c_str());
    std::printf("located by %s", r.locatedBy.c_str());
    if (!r.lonField.empty()) std::printf(" (%s, %s)", r.lonField.c_str(), r.latField.c_str());
    std::printf("; date %s; origin %s; status %s; village %s\n", r.dateField.c_str(),
                r.originField.empty() ? "(none)" : r.originField.c_str(), r.statusField.empty() ? "(none)" : r.statusField.c_str(),
                r.villageField.empty() ? "(none)" : r.villageField.c_str());
    std::string dropped, personal;
    for (const auto& c : r.droppedColumns) dropped += (dropped.empty() ? "" : ", ") + c;
    for (const auto& c : r.personalColumns) personal += (personal.empty() ? "" : ", ") + c;
    std::printf("columns dropped, never read: %s\n", dropped.empty() ? "(none)" : dropped.c_str());
    if (!personal.empty()) std::printf("personal columns among them: %s\n", personal.c_str());
    for (const auto& n : r.notes) std::printf("note: %s\n", n.c_str());
    std::printf("rows read %lld, importable %lld (%lld by coordinates, %lld at their village), bad %lld\n",
                static_cast<long long>(r.rowsRead), static_cast<long long>(r.rowsImported),
                static_cast<long long>(r.rowsByCoordinates), static_cast<long long>(r.rowsByVillage),
                static_cast<long long>(r.badRowCount));
    if (r.villagesUnmatched > 0)
        std::printf("village names not matched: %lld\n", static_cast<long long>(r.villagesUnmatched));
    if (r.villagesByPosition > 0)
        std::printf("rows counted at the nearest village (no village named, or none matched): %lld\n",
                    static_cast<long long>(r.villagesByPosition));
    for (const auto& b : r.badRows) std::printf("  line %lld: %s\n", static_cast<long long>(b.line), b.reason.c_str());
    if (static_cast<int64_t>(r.badRows.size()) < r.badRowCount)
        std::printf("  ... %lld more bad rows\n", static_cast<long long>(r.badRowCount - static_cast<int64_t>(r.badRows.size())));
    if (!r.byOrigin.empty()) {
        std::printf("by origin:");
        for (const auto& [name, c] : r.byOrigin) std::printf(" %s %lld;", name.c_str(), static_cast<long long>(c));
        std::printf("\narrivals %s to %s\n", r.firstDay.c_str(), r.lastDay.c_str());
    }
    if (r.committed)
        std::printf("imported %lld returnees; all batches now hold %lld\n", static_cast<long long>(r.rowsImported),
                    static_cast<long long>(r.batchTotal));
}

int run(const std::vector<std::string>& argv) {
    Args a(argv,
           {"--csv", "--lon-field", "--lat-field", "--lonlat-field", "--x-field", "--y-field", "--crs", "--village-field", "--coords",
            "--date-field", "--origin-field", "--status-field", "--fever-field", "--observation-days", "--encoding", "--year", "--batch", "--layer", "--remove"},
           {"--skip-bad", "--json", "--list"});
    std::string path = a.requirePositional(0, "workspace path (cordon returnees WS.gpkg --csv FILE)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    bool json = a.flag("--json");
    if (a.has("--observation-days") && !a.has("--csv") && !a.flag("--list") && !a.has("--remove"))
        return setObservationPeriod(path, a.integer("--observation-days", geo::kDefaultObservationDays));
    if (a.has("--observation-days") && (a.flag("--list") || a.has("--remove")))
        throw UsageError("--observation-days goes alone or with --csv, not with --list or --remove");
    int modes = a.has("--csv") + a.flag("--list") + a.has("--remove");
    if (modes != 1) throw UsageError("give one of --csv FILE, --list or --remove NAME");
    if (a.flag("--list")) return list(path, json);
    if (a.has("--remove")) {
        geo::Workspace ws = geo::Workspace::open(path);
        std::string name = a.value("--remove");
        if (!geo::removeBatch(ws, name)) throw geo::Error("no returnee batch '" + name + "' (see --list)");
        std::printf("removed batch %s\n", name.c_str());
        return 0;
    }
    geo::ReturneeImportOptions o;
    o.path = a.value("--csv");
    o.layerName = a.value("--layer");
    o.lonField = a.value("--lon-field");
    o.latField = a.value("--lat-field");
    o.lonLatField = a.value("--lonlat-field");
    o.xField = a.value("--x-field");
    o.yField = a.value("--y-field");
    if (a.has("--crs")) {
        o.sourceEpsg = geo::parseEpsg(a.value("--crs"));
        if (o.sourceEpsg == 0) throw UsageError("--crs must be EPSG:N, not '" + a.value("--crs") + "'");
    }
    o.villageField = a.value("--village-field");
    o.coords = geo::parseWebCoords(a.value("--coords"));
    o.dateField = a.value("--date-field");
    o.originField = a.value("--origin-field");
    o.statusField = a.value("--status-field");
    o.feverField = a.value("--fever-field");
    o.encoding = a.value("--encoding");
    if (!o.encoding.empty()) geo::normalizeEncoding(o.encoding);
    o.year = static_cast<int>(a.integer("--year", 0));
    if (a.has("--year") && (o.year < 1900 || o.year > 2200)) throw UsageError("--year must be a year such as 2020");
    o.batch = a.value("--batch");
    o.skipBad = a.flag("--skip-bad");
    if (o.coords != geo::WebCoords::None && !o.xField.empty())
        throw UsageError("--coords applies to --lon-field/--lat-field, not projected --x-field/--y-field");

    geo::Workspace ws = geo::Workspace::open(path);
    if (ws.isReadOnly()) throw geo::Error(path + ": workspace is read-only");
    if (a.has("--observation-days")) {
        int64_t days = a.integer("--observation-days", geo::kDefaultObservationDays);
        if (days < 1 || days > 60) throw UsageError("--observation-days must be between 1 and 60, not " + std::to_string(days));
        geo::setObservationDays(ws, static_cast<int>(days));
    }
    geo::ReturneeImportReport r = geo::importReturnees(ws, o);
    if (json) std::printf("%s\n", geo::returneeReportJson(r, true).c_str());
    else printReport(r);
    if (!r.committed) {
        std::fprintf(stderr, "returnees: %lld bad row(s); nothing imported (--skip-bad imports the rest)\n",
                     static_cast<long long>(r.badRowCount));
        return 2;
    }
    return 0;
}

const CommandRegistration reg({"returnees", "import returnee records as counts (cells; villages x dates x origins); list or remove batches", kUsage, run});

}  // namespace
}  // namespace app
