// Village lists as tables: the header found below title rows by the names it holds, coordinates
// read in any form planners write them, rows without usable coordinates counted by line.
#include "geo/io/village_table.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "geo/core/error.hpp"
#include "geo/core/text_values.hpp"
#include "geo/io/column_finder.hpp"
#include "geo/io/table.hpp"
#include "geo/returnees/returnees.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

constexpr std::initializer_list<const char*> kLonNames = {"经度", "东经", "lon", "lng", "long", "longitude", "x", "e", "x坐标"};
constexpr std::initializer_list<const char*> kLatNames = {"纬度", "北纬", "lat", "latitude", "y", "n", "y坐标"};
constexpr std::initializer_list<const char*> kNameNames = {"村名", "名称", "村", "name", "村庄", "村庄名称", "村名称", "自然村",
                                                           "村组", "村组名称", "地名", "居民点", "行政村", "village"};

// "经度(°)", "Longitude (deg)", "ＬＯＮ" -> "经度", "longitude", "lon".
std::string headerKey(std::string_view name) {
    std::string h = toHalfWidth(name);
    std::string out;
    for (char c : h) {
        if (c == '(') break;
        if (c != ' ' && c != '\t') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Exact names first, then a Chinese name inside a longer one (经度坐标); 经纬度 is neither axis.
int findColumn(const std::vector<std::string>& header, std::initializer_list<const char*> names, bool bySubstring) {
    return ColumnFinder(header, "", headerKey).find("", "", names, bySubstring);
}

int headerScore(const std::vector<std::string>& row) {
    int score = 0;
    for (const auto& cell : row) {
        const std::string key = headerKey(cell);
        if (key.empty()) continue;
        for (auto list : {kLonNames, kLatNames, kNameNames})
            if (std::find_if(list.begin(), list.end(), [&](const char* n) { return key == n; }) != list.end()) ++score;
    }
    return score;
}

bool isChinaLon(double v) { return v >= 73 && v <= 135; }
bool isChinaLat(double v) { return v >= 18 && v <= 54; }

// "rows 7, 12, 40" (the first ten, then how many more).
std::string rowList(const std::vector<int64_t>& lines) {
    std::string out = lines.size() == 1 ? "row " : "rows ";
    for (size_t i = 0; i < lines.size() && i < 10; ++i) out += (i ? ", " : "") + std::to_string(lines[i]);
    if (lines.size() > 10) out += " and " + std::to_string(lines.size() - 10) + " more";
    return out;
}

std::string countedRows(const std::vector<int64_t>& lines, const char* what) {
    return std::to_string(lines.size()) + (lines.size() == 1 ? " row " : " rows ") + what + " (" + rowList(lines) + ")";
}

// The coordinates of one row: false when they are missing or not a place (`isMissing` says which).
bool rowLonLat(std::string_view lonText, std::string_view latText, double& lon, double& lat, bool& isMissing, bool& wasSwapped) {
    isMissing = toHalfWidth(lonText).empty() && toHalfWidth(latText).empty();
    wasSwapped = false;
    if (isMissing) return false;
    char axisA = 0, axisB = 0;
    if (!parseDegrees(lonText, lon, axisA) || !parseDegrees(latText, lat, axisB)) return false;
    if (axisA == 'y' || axisB == 'x') std::swap(lon, lat);  // written hemispheres say which is which
    if (!isChinaLon(lon) && isChinaLon(lat) && isChinaLat(lon) && !isChinaLat(lat)) {
        std::swap(lon, lat);
        wasSwapped = true;
    }
    return lonLatProblem(lon, lat).empty();
}

}  // namespace

bool isTableFile(const std::string& path) {
    std::string e = fs::path(path).extension().string();
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e == ".csv" || e == ".tsv" || e == ".txt" || e == ".xlsx" || e == ".xls" || e == ".ods";
}

int villageLonColumn(const std::vector<std::string>& header) { return findColumn(header, kLonNames, true); }
int villageLatColumn(const std::vector<std::string>& header) { return findColumn(header, kLatNames, true); }
int villageNameColumn(const std::vector<std::string>& header) { return findColumn(header, kNameNames, false); }

Layer readVillageTable(const std::string& path, const VillageTableOptions& o, ReadReport& report) {
    const std::string source = fs::path(path).filename().string();
    TableOptions to;
    to.encoding = o.encoding;
    to.layerName = o.sheet;
    to.headerScore = headerScore;
    Table t = readTable(path, to);
    const int lonCol = villageLonColumn(t.header), latCol = villageLatColumn(t.header);
    if (lonCol < 0 || latCol < 0 || lonCol == latCol) {
        std::string names;
        for (const auto& n : t.header) names += (names.empty() ? "" : ", ") + n;
        throw Error(source + ": villages need 经度/纬度 (or lon/lat, x/y, 东经/北纬) columns; the header has " +
                    (names.empty() ? std::string("none") : names));
    }
    const int nameCol = villageNameColumn(t.header);

    report = ReadReport{};
    report.source = path;
    report.layerName = o.sheet;
    report.driver = t.format;
    report.geometryType = "Point (" + t.header[static_cast<size_t>(lonCol)] + "/" + t.header[static_cast<size_t>(latCol)] + ")";
    report.encoding = t.encoding;
    report.encodingReason = t.encodingReason;
    report.sourceCrs = o.coords == WebCoords::None ? "EPSG:4326" : std::string(webCoordsName(o.coords)) + " (web map)";
    report.sourceEpsg = 4326;
    report.featuresRead = static_cast<int64_t>(t.rowCount());

    // Columns written: the name first, as "name", then the others but coordinates and personal ones.
    std::vector<size_t> kept;
    std::vector<std::string> dropped;
    if (nameCol >= 0) kept.push_back(static_cast<size_t>(nameCol));
    for (size_t c = 0; c < t.header.size(); ++c) {
        if (static_cast<int>(c) == nameCol || static_cast<int>(c) == lonCol || static_cast<int>(c) == latCol || t.header[c].empty()) continue;
        if (looksPersonal(t.header[c])) dropped.push_back(t.header[c]);
        else kept.push_back(c);
    }
    Layer out;
    out.kind = GeomKind::Point;
    out.name = "villages";
    for (size_t c : kept) {
        out.fields.emplace_back();
        out.fields.back().name = static_cast<int>(c) == nameCol ? "name" : t.header[c];
    }
    std::vector<int64_t> missing, bad, swapped, keptLines;
    for (size_t r = 0; r < t.rowCount(); ++r) {
        double lon = 0, lat = 0;
        bool isMissing = false, wasSwapped = false;
        if (!rowLonLat(t.cell(r, static_cast<size_t>(lonCol)), t.cell(r, static_cast<size_t>(latCol)), lon, lat, isMissing, wasSwapped)) {
            (isMissing ? missing : bad).push_back(t.line[r]);
            continue;
        }
        if (wasSwapped) swapped.push_back(t.line[r]);
        keptLines.push_back(t.line[r]);
        out.addVertex(lon, lat);
        out.endRing();
        out.endPart();
        out.endFeature();
        for (size_t k = 0; k < kept.size(); ++k) out.fields[k].push(t.cell(r, kept[k]));
    }
    report.nullGeometries = static_cast<int64_t>(missing.size());
    report.malformedGeometries = static_cast<int64_t>(bad.size());
    if (!missing.empty()) report.warnings.push_back(countedRows(missing, "without coordinates skipped"));
    if (!bad.empty()) report.warnings.push_back(countedRows(bad, "with bad coordinates skipped"));
    if (!swapped.empty()) report.warnings.push_back(countedRows(swapped, "with longitude and latitude swapped, put right"));
    for (const auto& note : t.notes) report.warnings.push_back(note);
    if (!dropped.empty()) {
        std::string names;
        for (const auto& d : dropped) names += (names.empty() ? "" : ", ") + d;
        report.warnings.push_back("personal columns not kept: " + names);
    }
    if (out.featureCount() == 0)
        throw Error(source + ": villages have no row with coordinates (" + std::to_string(t.rowCount()) + " rows; " +
                    std::to_string(missing.size()) + " without, " + std::to_string(bad.size()) + " bad)");

    toWgs84(o.coords, out.xy.data(), out.vertexCount());
    out.epsg = 4326;
    if (o.targetEpsg > 0 && o.targetEpsg != 4326) {
        Transformer("EPSG:4326", "EPSG:" + std::to_string(o.targetEpsg)).transform(out.xy.data(), out.vertexCount());
        out.epsg = o.targetEpsg;
        for (size_t v = 0; v < out.vertexCount(); ++v)
            if (!std::isfinite(out.xy[2 * v]) || !std::isfinite(out.xy[2 * v + 1]))
                throw Error(source + ": village at row " + std::to_string(keptLines[v]) + " cannot be projected to EPSG:" +
                            std::to_string(o.targetEpsg));
    }
    report.featuresKept = static_cast<int64_t>(out.featureCount());
    return out;
}

}  // namespace geo
