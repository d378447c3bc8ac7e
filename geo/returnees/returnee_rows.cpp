// Returnee rows checked and located: coordinates read in any of the register's forms, villages
// matched by name, dates, origins and statuses parsed, then positions projected into the working
// CRS and tested against the township.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/core/text_values.hpp"
#include "geo/returnees/daily.hpp"
#include "geo/returnees/returnee_import.hpp"

namespace geo {
namespace {

constexpr const char* kUnknownOrigin = "未知";

std::string shortValue(std::string_view v) {
    std::string s(v.substr(0, 24));
    while (!s.empty() && !isValidUtf8(s)) s.pop_back();
    return s + (v.size() > 24 ? "..." : "");
}

std::string villageList(const TownshipContext& town, const std::vector<int32_t>& matches) {
    std::string names;
    for (size_t i = 0; i < matches.size() && i < 4; ++i)
        names += (i ? ", " : "") + town.villages[static_cast<size_t>(matches[i])].name;
    return names;
}

// Coordinates of row r from its cells (or geometry) into rows.xy; true when the row has any.
bool readCoordinates(const Table& t, const ReturneeColumns& col, Locate mode, size_t r, RegisterRows& rows) {
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

}  // namespace

CheckedRows checkRows(const Table& t, const ReturneeColumns& col, Locate mode, const TownshipContext& town, int year,
                      ReturneeImportReport& report, const std::function<void(double)>& step) {
    const size_t n = t.rowCount();
    CheckedRows out(n);
    RegisterRows& rows = out.rows;
    DateCache dates(year);
    // Each distinct village text is reduced and matched once.
    struct VillageText { bool isNamed; const std::vector<int32_t>* matches; int32_t extra; };
    std::unordered_map<std::string, VillageText, StringHash, std::equal_to<>> villageTexts;
    auto lookup = [&](std::string_view v) -> const VillageText& {
        auto it = villageTexts.find(v);
        if (it != villageTexts.end()) return it->second;
        VillageText vt{!villageKey(v).empty(), &town.matchVillage(v), -1};
        if (vt.isNamed && town.villages.empty()) vt.extra = static_cast<int32_t>(out.extraVillages.id(villageBaseName(v)));
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
            else if (m.size() > 1) out.ambiguous[r] = &m;
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
        rows.origin[r] = static_cast<uint16_t>(out.origins.id(og.empty() ? std::string_view(kUnknownOrigin) : og));
        rows.status[r] = statusCode(classifyStatus(col.status >= 0 ? t.cell(r, static_cast<size_t>(col.status)) : std::string_view()),
                                    col.fever >= 0 && isFeverCell(t.cell(r, static_cast<size_t>(col.fever))));
    }
    return out;
}

void locateRows(const Workspace& ws, const Table& t, const ReturneeImportOptions& o, Locate mode,
                const TownshipContext& town, const ReturneeImportReport& report, RegisterRows& rows) {
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

void settleVillagesByPosition(const TownshipContext& town, const std::vector<const std::vector<int32_t>*>& ambiguous,
                              RegisterRows& rows, ReturneeImportReport& report) {
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

}  // namespace geo
