// Nearest-road snapping over a uniform grid, and point-in-district lookup.
#include "geo/plan/snap.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/io/wkb.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {
namespace {

constexpr const char* kNameFields[] = {"name", "名称", "道路名称", "路名", "村名", "mc", "ref"};
// Route codes (G344, S107, X012): OSM's ref, and the usual fields of Chinese survey data.
constexpr const char* kRouteCodeFields[] = {"ref", "路线编码", "路线编号", "路线代码", "道路编码", "道路编号", "编号", "lxbm", "lxbh", "lxdm"};

bool sameName(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

template <size_t N>
int findColumn(const std::vector<std::string>& columns, const char* const (&candidates)[N]) {
    for (const char* n : candidates)
        for (size_t i = 0; i < columns.size(); ++i)
            if (sameName(columns[i], n)) return static_cast<int>(i);
    return -1;
}

int findName(const std::vector<std::string>& columns) { return findColumn(columns, kNameFields); }

std::vector<std::string> columnNames(sqlite3* db, const std::string& table) {
    std::vector<std::string> out;
    Statement info(db, ("PRAGMA table_info(" + quoteIdentifier(table) + ")").c_str());
    while (info.step()) out.push_back(info.text(1));
    return out;
}

}  // namespace

std::string roadLabel(const std::string& name, const std::string& routeCode) {
    if (routeCode.empty() || name.find(routeCode) != std::string::npos) return name;
    if (name.empty()) return routeCode;
    return routeCode + " " + name;
}

int findNameField(const Layer& layer) {
    std::vector<std::string> names;
    for (const auto& f : layer.fields) names.push_back(f.name);
    return findName(names);
}

RoadSnapper::RoadSnapper(const Layer& roads, std::vector<int64_t> fids, std::vector<std::string> names,
                         std::vector<RoadClass> classes)
    : fids_(std::move(fids)), names_(std::move(names)), classes_(std::move(classes)) {
    assert(fids_.size() == roads.featureCount() && names_.size() == fids_.size() && classes_.size() == fids_.size());
    Bbox box;
    for (size_t f = 0; f < roads.featureCount(); ++f) {
        for (uint32_t p = roads.featureStart[f]; p < roads.featureStart[f + 1]; ++p)
            for (uint32_t r = roads.partStart[p]; r < roads.partStart[p + 1]; ++r)
                for (uint32_t v = roads.ringStart[r]; v + 1 < roads.ringStart[r + 1]; ++v) {
                    const double* a = &roads.xy[2 * size_t{v}];
                    if (!std::isfinite(a[0]) || !std::isfinite(a[1]) || !std::isfinite(a[2]) || !std::isfinite(a[3])) continue;
                    seg_.insert(seg_.end(), a, a + 4);
                    segFeature_.push_back(static_cast<uint32_t>(f));
                    box.add(a[0], a[1]);
                    box.add(a[2], a[3]);
                }
    }
    size_t n = segFeature_.size();
    if (n == 0) return;
    // About one segment per cell on average, never more than ~4 cells per segment in all.
    double area = std::max(box.width(), 1.0) * std::max(box.height(), 1.0);
    double cell = std::max(std::sqrt(area / static_cast<double>(n)), 1.0);
    while ((std::floor(box.width() / cell) + 1) * (std::floor(box.height() / cell) + 1) > 4.0 * static_cast<double>(n) + 16)
        cell *= 1.5;
    grid_ = GridIndex(box, cell, static_cast<uint32_t>(n), [&](uint32_t s) {
        const double* q = &seg_[4 * size_t{s}];
        return Bbox{std::min(q[0], q[2]), std::min(q[1], q[3]), std::max(q[0], q[2]), std::max(q[1], q[3])};
    });
}

// Calls f(segment, px, py, d2) for every segment in the cells within `radius` of (x, y), with
// the nearest point on it and its squared distance (a segment may come once per cell it spans).
template <class F>
void RoadSnapper::forSegmentsNear(double x, double y, double radius, F&& f) const {
    if (!std::isfinite(x) || !std::isfinite(y) || !(radius >= 0)) return;
    grid_.forEachNear(x - radius, y - radius, x + radius, y + radius, [&](uint32_t s) {
        const double* q = &seg_[4 * size_t{s}];
        double dx = q[2] - q[0], dy = q[3] - q[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? std::clamp(((x - q[0]) * dx + (y - q[1]) * dy) / len2, 0.0, 1.0) : 0.0;
        double px = q[0] + t * dx, py = q[1] + t * dy;
        f(size_t{s}, px, py, (px - x) * (px - x) + (py - y) * (py - y));
    });
}

std::optional<RoadSnapper::Hit> RoadSnapper::nearest(double x, double y, double radius) const {
    std::optional<Hit> best;
    double bestD2 = radius * radius;
    forSegmentsNear(x, y, radius, [&](size_t s, double px, double py, double d2) {
        // Ties go to the lower segment index, so the answer does not depend on cell order.
        if (d2 < bestD2 || (d2 == bestD2 && (!best || s < best->segment))) {
            bestD2 = d2;
            best = Hit{s, px, py, d2};
        }
    });
    return best;
}

std::optional<SnapResult> RoadSnapper::snap(double x, double y, double toleranceM) const {
    auto hit = nearest(x, y, toleranceM);
    if (!hit) return std::nullopt;
    // Every road meeting at the snapped point; the highest class wins, then a named one, then
    // the nearest; the name falls back to the highest named road there.
    size_t best = segFeature_[hit->segment], named = names_[best].empty() ? SIZE_MAX : best;
    auto better = [&](size_t a, size_t b) {  // is feature a a better choice than b?
        if (classes_[a] != classes_[b]) return classes_[a] < classes_[b];
        if (names_[a].empty() != names_[b].empty()) return !names_[a].empty();
        return a < b;
    };
    forSegmentsNear(hit->x, hit->y, kJunctionM, [&](size_t s, double, double, double d2) {
        if (d2 > kJunctionM * kJunctionM) return;
        size_t f = segFeature_[s];
        if (better(f, best)) best = f;
        if (!names_[f].empty() && (named == SIZE_MAX || better(f, named))) named = f;
    });
    const std::string& name = names_[best].empty() && named != SIZE_MAX ? names_[named] : names_[best];
    return SnapResult{fids_[best], name, classes_[best], hit->x, hit->y, std::sqrt(hit->d2)};
}

std::optional<SnapResult> RoadSnapper::snapPreferring(double x, double y, double toleranceM, const std::string& road,
                                                      RoadClass roadClass) const {
    std::optional<Hit> best;
    int bestRank = 3;
    forSegmentsNear(x, y, toleranceM, [&](size_t s, double px, double py, double d2) {
        if (d2 > toleranceM * toleranceM) return;
        size_t f = segFeature_[s];
        int rank = !road.empty() && names_[f] == road ? 0 : classes_[f] == roadClass ? 1 : 2;
        if (rank < bestRank || (rank == bestRank && (d2 < best->d2 || (d2 == best->d2 && s < best->segment)))) {
            bestRank = rank;
            best = Hit{s, px, py, d2};
        }
    });
    if (!best) return std::nullopt;
    auto named = snap(best->x, best->y, 0.01);  // the junction rule at that point
    if (!named) return std::nullopt;
    named->distanceM = std::sqrt(best->d2);
    return named;
}

double RoadSnapper::nearestDistance(double x, double y, double searchM) const {
    auto hit = nearest(x, y, searchM);
    return hit ? std::sqrt(hit->d2) : std::numeric_limits<double>::infinity();
}

RoadSnapper RoadSnapper::fromWorkspace(const Workspace& ws) {
    if (!ws.hasLayer("roads")) throw Error("the workspace has no roads layer");
    auto columns = columnNames(ws.db(), "roads");
    auto quoted = [&](int column) {
        return column >= 0 ? quoteIdentifier(columns[static_cast<size_t>(column)]) : std::string("''");
    };
    int nameColumn = findName(columns), codeColumn = findColumn(columns, kRouteCodeFields);
    std::string sql = "SELECT fid, geom, " + quoted(nameColumn) + ", " +
                      (std::find(columns.begin(), columns.end(), "class") != columns.end() ? "class" : "''") + ", " +
                      quoted(codeColumn) + " FROM roads ORDER BY fid";
    Layer roads;
    roads.kind = GeomKind::Line;
    std::vector<int64_t> fids;
    std::vector<std::string> names;
    std::vector<RoadClass> classes;
    Statement s(ws.db(), sql.c_str());
    while (s.step()) {
        size_t size = 0, wkbSize = 0;
        const uint8_t* blob = s.blob(1, &size);
        const uint8_t* wkb = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr;
        if (!wkb || appendWkbFeature(roads, wkb, wkbSize) != WkbResult::Added) continue;
        fids.push_back(s.int64(0));
        names.push_back(roadLabel(s.text(2), s.text(4)));
        classes.push_back(roadClassFromName(s.text(3)));
    }
    return RoadSnapper(roads, std::move(fids), std::move(names), std::move(classes));
}

DistrictLocator::DistrictLocator(Layer districts, const std::string& nameField) : layer_(std::move(districts)) {
    nameField_ = layer_.fieldIndex(nameField);
    for (size_t f = 0; f < layer_.featureCount(); ++f) boxes_.push_back(layer_.featureBbox(f));
}

DistrictLocator DistrictLocator::fromWorkspace(const Workspace& ws) {
    if (!ws.hasLayer("districts")) return {};
    Layer l = ws.readLayer("districts");
    int f = findNameField(l);
    if (f < 0) return {};
    std::string name = l.fields[static_cast<size_t>(f)].name;
    return DistrictLocator(std::move(l), name);
}

std::string DistrictLocator::districtAt(double x, double y) const {
    if (nameField_ < 0) return {};
    for (size_t f = 0; f < layer_.featureCount(); ++f)
        if (boxes_[f].contains(x, y) && featureContains(layer_, f, x, y)) return std::string(layer_.attr(f, nameField_));
    return {};
}

std::vector<std::string> DistrictLocator::names() const {
    std::vector<std::string> out;
    if (nameField_ < 0) return out;
    for (size_t f = 0; f < layer_.featureCount(); ++f) out.emplace_back(layer_.attr(f, nameField_));
    return out;
}

void placeCheckpoint(Checkpoint& c, double x, double y, const RoadSnapper& roads, const DistrictLocator& districts,
                     double toleranceM, bool offRoad) {
    if (!std::isfinite(x) || !std::isfinite(y)) throw Error("the position is outside the working CRS");
    auto hit = roads.snap(x, y, toleranceM);
    if (hit) {
        c.x = hit->x;
        c.y = hit->y;
        c.roadFid = hit->roadFid;
        c.road = hit->road;
        c.roadClass = hit->roadClass;
    } else if (offRoad) {
        c.x = x;
        c.y = y;
        c.roadFid = -1;
        c.road.clear();
        c.roadClass = RoadClass::Other;
    } else {
        double d = roads.nearestDistance(x, y, 20 * toleranceM);
        char buf[160];
        if (std::isfinite(d))
            std::snprintf(buf, sizeof buf, "no road within %.0f m (the nearest is %.0f m away); place it off-road to keep it there",
                          toleranceM, d);
        else
            std::snprintf(buf, sizeof buf, "no road within %.0f m; place it off-road to keep it there", toleranceM);
        throw Error(buf);
    }
    c.district = districts.districtAt(c.x, c.y);
}

TownshipOutline::TownshipOutline(const Layer& boundary) : index_(boundary) {}

TownshipOutline TownshipOutline::fromWorkspace(const Workspace& ws) {
    if (!ws.hasLayer("boundary")) return {};
    return TownshipOutline(ws.readLayer("boundary"));
}

double TownshipOutline::distanceOutside(double x, double y) const {
    if (isEmpty() || index_.contains(x, y)) return 0;
    // The outline's box bounds the search: the farthest point of it is within its diagonal.
    const Bbox& b = index_.bbox();
    double dx = std::max({b.minX - x, 0.0, x - b.maxX}), dy = std::max({b.minY - y, 0.0, y - b.maxY});
    double limit = std::hypot(dx, dy) + std::hypot(b.width(), b.height()) + 1;
    return index_.distanceToOutline(x, y, limit);
}

namespace {
std::string distanceText(double m) {
    char buf[32];
    if (m >= 10000) std::snprintf(buf, sizeof buf, "%.0f km", m / 1000);
    else if (m >= 1000) std::snprintf(buf, sizeof buf, "%.1f km", m / 1000);
    else std::snprintf(buf, sizeof buf, "%.0f m", m);
    return buf;
}
}  // namespace

void placeByHand(Checkpoint& c, double x, double y, const PlacementContext& where, const PlaceOptions& options) {
    if (!std::isfinite(x) || !std::isfinite(y)) throw Error("the position is outside the working CRS");
    double outside = where.township.distanceOutside(x, y);
    if (outside > options.guardDistanceM && !options.outside)
        throw Error("the position is " + distanceText(outside) + " outside the township, farther than the guard distance (" +
                    distanceText(options.guardDistanceM) + "); place it with --outside to keep it there");
    placeCheckpoint(c, x, y, where.roads, where.districts, options.toleranceM, options.offRoad);
}

Checkpoint newCheckpointAt(double x, double y, const PlacementContext& where, const PlaceOptions& options,
                           const ScenarioParams& params, CheckpointKind kind) {
    Checkpoint c;
    c.kind = kind;
    c.shifts = params.defaultShifts;
    placeByHand(c, x, y, where, options);
    c.staffPerShift = defaultStaffPerShift(c);
    return c;
}

}  // namespace geo
