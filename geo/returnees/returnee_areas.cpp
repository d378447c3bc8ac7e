// Returnee counts from the workspace, aggregated from the base grid to grid areas, polygons,
// villages and days; every accepted count lands in exactly one area.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/returnee_support.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/sqlite.hpp"

namespace geo {
namespace {

uint64_t packCell(int64_t cx, int64_t cy) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(cx)) << 32) | static_cast<uint32_t>(cy);
}

double baseCentre(int32_t cell) { return (static_cast<double>(cell) + 0.5) * kReturneeBaseCellM; }

// A village-level count: its origin always; the total too when places come from villages.
void addTo(AreaCount& a, const ReturneeCounts::Entry& e, bool withTotal) {
    if (withTotal) a.total += e.count;
    a.byOrigin[e.origin] += e.count;
}

double segmentDistance2(double px, double py, double x0, double y0, double x1, double y1) {
    double dx = x1 - x0, dy = y1 - y0;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? std::clamp(((px - x0) * dx + (py - y0) * dy) / len2, 0.0, 1.0) : 0.0;
    double qx = x0 + t * dx - px, qy = y0 + t * dy - py;
    return qx * qx + qy * qy;
}

}  // namespace

namespace {

// Text of a result column as a view (valid until the next step).
std::string_view columnText(const Statement& s, int column) {
    const unsigned char* t = sqlite3_column_text(s.get(), column);
    int size = sqlite3_column_bytes(s.get(), column);
    return t ? std::string_view(reinterpret_cast<const char*>(t), static_cast<size_t>(size)) : std::string_view();
}

}  // namespace

ReturneeCounts loadReturneeCounts(const Workspace& ws) {
    ReturneeCounts out;
    // A read-only workspace may still hold the older fine table: it is aggregated here, as the
    // migration would, and its rows never leave this function.
    bool older = tableExists(ws.db(), "cordon_returnee_counts");
    bool current = tableExists(ws.db(), "cordon_returnee_cells");
    if (!older && !current) return out;
    const char* cellSql = older ? "SELECT cell_x, cell_y, sum(count) FROM cordon_returnee_counts GROUP BY cell_x, cell_y"
                                : "SELECT cell_x, cell_y, sum(count) FROM cordon_returnee_cells GROUP BY cell_x, cell_y";
    // A schema 3 file opened read-only has no fever column: no one flagged.
    bool hasFever = !older && hasColumn(ws.db(), "cordon_returnee_villages", "fever");
    const char* villageSql =
        older ? "SELECT village, arrival, origin, status, sum(count), 0 FROM cordon_returnee_counts GROUP BY 1, 2, 3, 4"
        : hasFever ? "SELECT village, arrival, origin, status, sum(count), fever FROM cordon_returnee_villages GROUP BY 1, 2, 3, 4, 6"
                   : "SELECT village, arrival, origin, status, sum(count), 0 FROM cordon_returnee_villages GROUP BY 1, 2, 3, 4";
    {
        Statement s(ws.db(), cellSql);
        while (s.step()) {
            ReturneeCounts::Cell c{static_cast<int32_t>(s.int64(0)), static_cast<int32_t>(s.int64(1)), s.int64(2)};
            out.total += c.count;
            out.cells.push_back(c);
        }
    }
    Interner origins, statuses, villages;
    std::unordered_map<std::string, int> days;
    Statement s(ws.db(), villageSql);
    while (s.step()) {
        ReturneeCounts::Entry e{};
        std::string_view v = columnText(s, 0);
        e.village = v.empty() ? -1 : static_cast<int32_t>(villages.id(v));
        std::string arrival(columnText(s, 1));
        auto it = days.find(arrival);
        if (it == days.end()) {
            int d = 0;
            if (!parseIsoDay(arrival, d)) throw Error("workspace is damaged: returnee arrival date '" + arrival + "'");
            it = days.emplace(arrival, d).first;
        }
        e.day = it->second;
        e.origin = static_cast<uint16_t>(origins.id(columnText(s, 2)));
        e.status = static_cast<uint16_t>(statuses.id(columnText(s, 3)));
        e.count = s.int64(4);
        e.fever = s.int64(5) != 0;
        out.entries.push_back(e);
    }
    auto key = [](const auto& e) { return std::tie(e.village, e.day, e.origin, e.status, e.fever); };
    std::sort(out.entries.begin(), out.entries.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    std::sort(out.cells.begin(), out.cells.end(),
              [](const auto& a, const auto& b) { return std::tie(a.cellY, a.cellX) < std::tie(b.cellY, b.cellX); });
    for (const auto& e : out.entries) {
        if (e.day < out.minDay || out.maxDay < out.minDay) out.minDay = e.day;
        if (e.day > out.maxDay) out.maxDay = e.day;
    }
    out.origins = std::move(origins.names);
    out.statuses = std::move(statuses.names);
    out.villages = std::move(villages.names);
    // Village sites from the villages layer; the township's centre for the rest.
    std::vector<VillageSite> sites = villageSites(ws);
    std::unordered_map<std::string, size_t> byKey;
    for (size_t i = 0; i < sites.size(); ++i) byKey.emplace(sites[i].key, i);
    out.villageSites.resize(out.villages.size());
    for (size_t v = 0; v < out.villages.size(); ++v) {
        auto it = byKey.find(villageKey(out.villages[v]));
        if (it != byKey.end()) out.villageSites[v] = {sites[it->second].x, sites[it->second].y, true};
    }
    if (ws.hasLayer("boundary")) {
        Layer boundary = ws.readLayer("boundary");
        if (boundary.featureCount() > 0) {
            polygonCentre(boundary, 0, out.township.x, out.township.y);
            out.township.isKnown = true;
        }
    }
    return out;
}

bool ReturneeFilter::restricts(const ReturneeCounts& counts) const {
    return std::any_of(counts.entries.begin(), counts.entries.end(),
                       [&](const ReturneeCounts::Entry& e) { return e.count > 0 && !accepts(e); });
}

std::vector<AreaCount> aggregateToGrid(const ReturneeCounts& counts, const Layer& boundary, double cellM,
                                       const ReturneeFilter& filter) {
    if (!(cellM >= 1)) throw Error("grid cell size must be at least 1 m");
    std::vector<AreaCount> areas;
    std::unordered_map<uint64_t, size_t> index;
    PolygonMask mask(boundary, std::min(cellM, kReturneeBaseCellM));
    auto cellArea = [&](int64_t cx, int64_t cy) -> AreaCount& {
        auto [it, added] = index.emplace(packCell(cx, cy), areas.size());
        if (added) {
            AreaCount a;
            double x0 = static_cast<double>(cx) * cellM, y0 = static_cast<double>(cy) * cellM;
            a.name = std::to_string(cx) + "," + std::to_string(cy);
            a.x = x0 + 0.5 * cellM;
            a.y = y0 + 0.5 * cellM;
            a.bounds.add(x0, y0);
            a.bounds.add(x0 + cellM, y0 + cellM);
            a.areaKm2 = mask.insideFraction(x0, y0, cellM) * cellM * cellM / 1e6;
            a.byOrigin.assign(counts.origins.size(), 0);
            areas.push_back(std::move(a));
        }
        return areas[it->second];
    };
    Bbox b = boundary.bbox();
    if (!b.isEmpty()) {
        auto c0 = static_cast<int64_t>(std::floor(b.minX / cellM)), c1 = static_cast<int64_t>(std::floor(b.maxX / cellM));
        auto r0 = static_cast<int64_t>(std::floor(b.minY / cellM)), r1 = static_cast<int64_t>(std::floor(b.maxY / cellM));
        if ((c1 - c0 + 1) * (r1 - r0 + 1) > 4'000'000) throw Error("grid cell size too small for the township");
        for (int64_t r = r0; r <= r1; ++r)
            for (int64_t c = c0; c <= c1; ++c) {
                double x0 = static_cast<double>(c) * cellM, y0 = static_cast<double>(r) * cellM;
                if (mask.insideFraction(x0, y0, cellM) > 0) cellArea(c, r);
            }
    }
    auto cellAt = [&](double x, double y) -> AreaCount& {
        return cellArea(static_cast<int64_t>(std::floor(x / cellM)), static_cast<int64_t>(std::floor(y / cellM)));
    };
    bool restricted = filter.restricts(counts);
    if (!restricted)
        for (const auto& c : counts.cells) cellAt(baseCentre(c.cellX), baseCentre(c.cellY)).total += c.count;
    for (const auto& e : counts.entries) {
        if (!filter.accepts(e)) continue;
        const auto& site = counts.siteOf(e.village);
        addTo(cellAt(site.x, site.y), e, restricted);
    }
    return areas;
}

std::vector<AreaCount> aggregateToPolygons(const ReturneeCounts& counts, const Layer& polygons, const ReturneeFilter& filter) {
    if (polygons.kind != GeomKind::Polygon) throw Error(polygons.name + ": not a polygon layer");
    std::vector<AreaCount> areas(polygons.featureCount());
    int nameField = nameFieldOf(polygons);
    std::vector<Bbox> boxes(polygons.featureCount());
    for (size_t f = 0; f < areas.size(); ++f) {
        AreaCount& a = areas[f];
        a.feature = f;
        a.name = nameField >= 0 ? std::string(polygons.attr(f, nameField)) : std::to_string(f + 1);
        polygonCentre(polygons, f, a.x, a.y);
        a.areaKm2 = featureArea(polygons, f) / 1e6;
        a.bounds = boxes[f] = polygons.featureBbox(f);
        a.byOrigin.assign(counts.origins.size(), 0);
    }
    if (areas.empty()) {
        if (counts.total > 0) throw Error(polygons.name + ": has no polygons to count returnees in");
        return areas;
    }
    std::map<std::pair<double, double>, size_t> owner;  // base cell centre or village site -> polygon
    auto polygonOf = [&](double x, double y) {
        auto [it, added] = owner.emplace(std::make_pair(x, y), 0);
        if (!added) return it->second;
        for (size_t f = 0; f < areas.size(); ++f)
            if (boxes[f].contains(x, y) && featureContains(polygons, f, x, y)) return it->second = f;
        // Outside every polygon (a gap, or the township's edge): the nearest one.
        double best = std::numeric_limits<double>::infinity();
        for (size_t f = 0; f < areas.size(); ++f)
            for (uint32_t p = polygons.featureStart[f]; p < polygons.featureStart[f + 1]; ++p)
                for (uint32_t r = polygons.partStart[p]; r < polygons.partStart[p + 1]; ++r)
                    for (uint32_t v = polygons.ringStart[r]; v + 1 < polygons.ringStart[r + 1]; ++v) {
                        double d = segmentDistance2(x, y, polygons.xy[2 * v], polygons.xy[2 * v + 1], polygons.xy[2 * v + 2],
                                                    polygons.xy[2 * v + 3]);
                        if (d < best) { best = d; it->second = f; }
                    }
        return it->second;
    };
    bool restricted = filter.restricts(counts);
    if (!restricted)
        for (const auto& c : counts.cells) areas[polygonOf(baseCentre(c.cellX), baseCentre(c.cellY))].total += c.count;
    for (const auto& e : counts.entries) {
        if (!filter.accepts(e)) continue;
        const auto& site = counts.siteOf(e.village);
        addTo(areas[polygonOf(site.x, site.y)], e, restricted);
    }
    return areas;
}

std::vector<AreaCount> aggregateByVillage(const ReturneeCounts& counts, const ReturneeFilter& filter) {
    std::vector<AreaCount> areas(counts.villages.size());
    for (size_t i = 0; i < areas.size(); ++i) {
        areas[i].name = counts.villages[i];
        areas[i].byOrigin.assign(counts.origins.size(), 0);
        const auto& site = counts.siteOf(static_cast<int32_t>(i));
        areas[i].x = site.x;
        areas[i].y = site.y;
        areas[i].bounds.add(site.x, site.y);
    }
    for (const auto& e : counts.entries)
        if (e.village >= 0 && filter.accepts(e)) addTo(areas[static_cast<size_t>(e.village)], e, true);
    return areas;
}

std::vector<std::vector<int64_t>> areaOriginTable(const std::vector<AreaCount>& areas) {
    std::vector<std::vector<int64_t>> table;
    table.reserve(areas.size());
    for (const auto& a : areas) table.push_back(a.byOrigin);
    return table;
}

std::vector<std::vector<int64_t>> arrivalsPerDay(const ReturneeCounts& counts, const ReturneeFilter& filter) {
    if (counts.entries.empty()) return {};
    std::vector<std::vector<int64_t>> out(static_cast<size_t>(counts.maxDay - counts.minDay + 1),
                                          std::vector<int64_t>(counts.origins.size(), 0));
    for (const auto& e : counts.entries)
        if (filter.accepts(e)) out[static_cast<size_t>(e.day - counts.minDay)][e.origin] += e.count;
    return out;
}

}  // namespace geo
