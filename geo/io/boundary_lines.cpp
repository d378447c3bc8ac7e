// Boundary lines -> areas through GEOS: ends snapped to nearby lines (GEOSSnap, one line at a
// time against its neighbours, so two ends never swap places), the result noded and dissolved
// (GEOSUnaryUnion) and polygonised (GEOSPolygonize_full); what encloses nothing is counted.
#include "geo/io/boundary_lines.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/core/geos_handles.hpp"
#include "geo/io/wkb.hpp"

namespace geo {
namespace {

struct GeosFree {
    GEOSContextHandle_t h;
    void operator()(unsigned char* p) const { GEOSFree_r(h, p); }
};
struct TreeDeleter {
    GEOSContextHandle_t h;
    void operator()(GEOSSTRtree* t) const { GEOSSTRtree_destroy_r(h, t); }
};
struct WriterDeleter {
    GEOSContextHandle_t h;
    void operator()(GEOSWKBWriter* w) const { GEOSWKBWriter_destroy_r(h, w); }
};

GeomPtr own(GEOSContextHandle_t h, GEOSGeometry* g, const char* what) {
    if (!g) throw Error(std::string("boundary lines: GEOS could not ") + what);
    return GeomPtr(g, GeomDeleter{h});
}

// Every ring of the layer as a GEOS line string (those of under two distinct points left out).
// A line whose ends lie within snapM of each other is closed.
std::vector<GeomPtr> lineStrings(GEOSContextHandle_t h, const Layer& lines, double snapM) {
    std::vector<GeomPtr> out;
    for (size_t r = 0; r < lines.ringCount(); ++r) {
        const size_t a = lines.ringStart[r], b = lines.ringStart[r + 1];
        if (b - a < 2) continue;
        const double dx = lines.xy[2 * (b - 1)] - lines.xy[2 * a], dy = lines.xy[2 * (b - 1) + 1] - lines.xy[2 * a + 1];
        const bool closeIt = b - a >= 4 && std::hypot(dx, dy) <= snapM;
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(b - a), 2);
        for (size_t v = a; v < b; ++v) {
            const size_t src = closeIt && v == b - 1 ? a : v;
            GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(v - a), lines.xy[2 * src], lines.xy[2 * src + 1]);
        }
        GeomPtr g = own(h, GEOSGeom_createLineString_r(h, seq), "make a line");
        double length = 0;
        if (GEOSLength_r(h, g.get(), &length) == 1 && length > 0) out.push_back(std::move(g));
    }
    return out;
}

constexpr double kMinAreaM2 = 1.0;

Bbox boundsOf(GEOSContextHandle_t h, const GEOSGeometry* g) {
    Bbox b;
    GEOSGeom_getXMin_r(h, g, &b.minX);
    GEOSGeom_getYMin_r(h, g, &b.minY);
    GEOSGeom_getXMax_r(h, g, &b.maxX);
    GEOSGeom_getYMax_r(h, g, &b.maxY);
    return b;
}

// Snaps each line in turn to the lines around it, as they stand after the earlier ones moved:
// an end snaps onto a neighbour's vertex, and a neighbour's segment takes an end as a vertex.
void snapEnds(GEOSContextHandle_t h, std::vector<GeomPtr>& lines, double snapM) {
    if (snapM <= 0 || lines.size() < 2) return;
    // The tree holds boxes of its own: the lines it was built from are replaced as they snap.
    std::vector<Bbox> bounds;
    std::vector<GeomPtr> boxes;
    for (const auto& line : lines) {
        const Bbox b = boundsOf(h, line.get());
        bounds.push_back(b);
        boxes.push_back(own(h, GEOSGeom_createRectangle_r(h, b.minX, b.minY, b.maxX, b.maxY), "make a box"));
    }
    std::unique_ptr<GEOSSTRtree, TreeDeleter> tree(GEOSSTRtree_create_r(h, 10), TreeDeleter{h});
    if (!tree) throw Error("boundary lines: GEOS could not index the lines");
    for (size_t i = 0; i < lines.size(); ++i) GEOSSTRtree_insert_r(h, tree.get(), boxes[i].get(), reinterpret_cast<void*>(i));
    std::vector<size_t> near;
    for (size_t i = 0; i < lines.size(); ++i) {
        // Envelopes are the lines' before snapping; each moved at most snapM since.
        const Bbox& b = bounds[i];
        const double pad = 2 * snapM;
        GeomPtr box = own(h, GEOSGeom_createRectangle_r(h, b.minX - pad, b.minY - pad, b.maxX + pad, b.maxY + pad), "make a box");
        near.clear();
        GEOSSTRtree_query_r(
            h, tree.get(), box.get(), [](void* item, void* data) { static_cast<std::vector<size_t>*>(data)->push_back(reinterpret_cast<size_t>(item)); },
            &near);
        std::vector<GEOSGeometry*> parts;
        for (size_t j : near)
            if (j != i) parts.push_back(GEOSGeom_clone_r(h, lines[j].get()));
        if (parts.empty()) continue;
        GeomPtr others = own(h, GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, parts.data(), static_cast<unsigned>(parts.size())),
                             "collect the lines");
        lines[i] = own(h, GEOSSnap_r(h, lines[i].get(), others.get(), snapM), "snap the lines");
    }
}

struct Xy {
    double x, y;
    bool operator<(const Xy& o) const { return x < o.x || (x == o.x && y < o.y); }
};

void coordsOf(GEOSContextHandle_t h, const GEOSGeometry* line, std::vector<Xy>& out) {
    out.clear();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, line);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) return;
    for (unsigned i = 0; i < n; ++i) {
        Xy p{};
        GEOSCoordSeq_getXY_r(h, seq, i, &p.x, &p.y);
        out.push_back(p);
    }
}

double pointToLine(const Xy& p, const std::vector<Xy>& line) {
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i + 1 < line.size(); ++i) {
        const double ax = line[i].x, ay = line[i].y, dx = line[i + 1].x - ax, dy = line[i + 1].y - ay;
        const double len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - ax) * dx + (p.y - ay) * dy) / len2, 0.0, 1.0) : 0.0;
        best = std::min(best, std::hypot(p.x - (ax + t * dx), p.y - (ay + t * dy)));
    }
    return best;
}

// Dangling ends of the noded lines (ends no other piece shares) and the nearest gap from one of
// them to another piece, or to the other end of its own piece when that end dangles too.
void findDanglingEnds(GEOSContextHandle_t h, const GEOSGeometry* noded, PolygonizeReport& report) {
    const int n = GEOSGetNumGeometries_r(h, noded);
    std::vector<std::vector<Xy>> pieces(static_cast<size_t>(std::max(n, 0)));
    std::map<Xy, int> degree;
    for (int i = 0; i < n; ++i) {
        coordsOf(h, GEOSGetGeometryN_r(h, noded, i), pieces[static_cast<size_t>(i)]);
        const auto& c = pieces[static_cast<size_t>(i)];
        if (c.size() < 2) continue;
        ++degree[c.front()];
        ++degree[c.back()];
    }
    struct End { Xy p; size_t piece; bool isFront; };
    std::vector<End> ends;
    for (size_t i = 0; i < pieces.size(); ++i) {
        const auto& c = pieces[i];
        if (c.size() < 2) continue;
        if (degree[c.front()] == 1) ends.push_back({c.front(), i, true});
        if (degree[c.back()] == 1) ends.push_back({c.back(), i, false});
    }
    report.danglingEnds = static_cast<int64_t>(ends.size());
    std::vector<Bbox> boxes;
    for (const auto& c : pieces) {
        Bbox& b = boxes.emplace_back();
        for (const Xy& p : c) b.add(p.x, p.y);
    }
    double best = std::numeric_limits<double>::infinity();
    constexpr size_t kEndsMeasured = 2000;  // a message, not a measurement: enough to find a gap
    for (size_t e = 0; e < ends.size() && e < kEndsMeasured; ++e) {
        const End& end = ends[e];
        const auto& own = pieces[end.piece];
        const Xy other = end.isFront ? own.back() : own.front();
        if (degree[other] == 1 && !(other.x == end.p.x && other.y == end.p.y)) {
            double d = std::hypot(other.x - end.p.x, other.y - end.p.y);
            if (d < best) best = d, report.gapX = end.p.x, report.gapY = end.p.y;
        }
        for (size_t i = 0; i < pieces.size(); ++i) {
            if (i == end.piece) continue;
            const Bbox& b = boxes[i];
            const double bx = std::max({b.minX - end.p.x, 0.0, end.p.x - b.maxX}), by = std::max({b.minY - end.p.y, 0.0, end.p.y - b.maxY});
            if (std::hypot(bx, by) >= best) continue;
            double d = pointToLine(end.p, pieces[i]);
            if (d < best) best = d, report.gapX = end.p.x, report.gapY = end.p.y;
        }
    }
    if (std::isfinite(best)) report.nearestGapM = best;
}

std::string gapPlace(const Layer& lines, double x, double y) {
    char text[80];
    if (lines.epsg > 0 && lines.epsg != 4326) {
        double lon = x, lat = y;
        Transformer(("EPSG:" + std::to_string(lines.epsg)), "EPSG:4326").transformPoint(lon, lat);
        if (std::isfinite(lon) && std::isfinite(lat)) {
            std::snprintf(text, sizeof text, "%.5f%c %.5f%c", std::fabs(lon), lon < 0 ? 'W' : 'E', std::fabs(lat), lat < 0 ? 'S' : 'N');
            return text;
        }
    }
    std::snprintf(text, sizeof text, "(%.1f, %.1f)", x, y);
    return text;
}

[[noreturn]] void refuseNoArea(const Layer& lines, const PolygonizeReport& r) {
    std::string why = "boundary lines enclose no area: " + std::to_string(r.danglingEnds) + " dangling end" + (r.danglingEnds == 1 ? "" : "s");
    if (std::isfinite(r.nearestGapM)) {
        char gap[160];
        std::snprintf(gap, sizeof gap, ", nearest gap %.3g m at %s; try --snap-lines %g", r.nearestGapM,
                      gapPlace(lines, r.gapX, r.gapY).c_str(), suggestedSnapM(r.nearestGapM));
        why += gap;
    } else if (r.danglingEnds == 0) {
        why += " (the lines form no closed ring)";
    }
    throw Error(why);
}

// Order of areas: north to south by the point on each surface, then west to east (metres).
struct AreaKey {
    double y, x;
    size_t index;
};

}  // namespace

std::string polygonizeSummary(const PolygonizeReport& r, double snapM, const std::string& into) {
    auto count = [](int64_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    char snap[32];
    std::snprintf(snap, sizeof snap, "%g m", snapM);
    std::string line = count(r.lines, "line", "lines") + " snapped within " + snap + ", noded and polygonised into " +
                       count(r.areas, "area", "areas") + " (" + into + ")";
    std::string left;
    if (r.danglingLines > 0) left += count(r.danglingLines, "dangling line", "dangling lines");
    if (r.cutEdges > 0) left += (left.empty() ? "" : " and ") + count(r.cutEdges, "cut edge", "cut edges");
    if (!left.empty()) line += "; " + left + " enclosed nothing and " + (r.danglingLines + r.cutEdges == 1 ? "was" : "were") + " left out";
    if (r.slivers > 0) line += "; " + count(r.slivers, "sliver", "slivers") + " (narrower than the tolerance) kept in the boundary only";
    return line;
}

double suggestedSnapM(double gapM) {
    const double want = gapM * 1.25 + 0.5;
    for (double step : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0})
        if (want <= step) return step;
    return std::ceil(want / 1000) * 1000;
}

Layer polygonizeLines(const Layer& lines, double snapM, PolygonizeReport& report, Layer* outline) {
    if (!(snapM >= 0) || !std::isfinite(snapM)) throw Error("--snap-lines must be a distance in metres, 0 or more");
    report = PolygonizeReport{};
    GeosContext ctx;
    GEOSContextHandle_t h = ctx.h;
    std::vector<GeomPtr> parts = lineStrings(h, lines, snapM);
    report.lines = static_cast<int64_t>(parts.size());
    if (parts.empty()) throw Error("boundary lines: no line with any length");
    snapEnds(h, parts, snapM);
    std::vector<GEOSGeometry*> raw;
    for (auto& p : parts) raw.push_back(p.release());
    GeomPtr all = own(h, GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, raw.data(), static_cast<unsigned>(raw.size())),
                      "collect the lines");
    GeomPtr noded = own(h, GEOSUnaryUnion_r(h, all.get()), "node the lines");
    GEOSGeometry *cuts = nullptr, *dangles = nullptr, *invalid = nullptr;
    GeomPtr polygons = own(h, GEOSPolygonize_full_r(h, noded.get(), &cuts, &dangles, &invalid), "polygonise the lines");
    GeomPtr cutsOwner(cuts, GeomDeleter{h}), danglesOwner(dangles, GeomDeleter{h}), invalidOwner(invalid, GeomDeleter{h});
    report.cutEdges = cuts ? GEOSGetNumGeometries_r(h, cuts) : 0;
    report.danglingLines = dangles ? GEOSGetNumGeometries_r(h, dangles) : 0;
    findDanglingEnds(h, noded.get(), report);

    std::vector<AreaKey> keys;
    const int n = GEOSGetNumGeometries_r(h, polygons.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* poly = GEOSGetGeometryN_r(h, polygons.get(), i);
        // A sliver: tiny, or on average (twice the area over the perimeter) narrower than the
        // tolerance, as between two drawings of one line.
        double area = 0, perimeter = 0;
        if (GEOSArea_r(h, poly, &area) != 1 || GEOSLength_r(h, poly, &perimeter) != 1 || area < kMinAreaM2 ||
            2 * area < snapM * perimeter) {
            ++report.slivers;
            continue;
        }
        GeomPtr inside = own(h, GEOSPointOnSurface_r(h, poly), "place a point in an area");
        double x = 0, y = 0;
        GEOSGeomGetX_r(h, inside.get(), &x);
        GEOSGeomGetY_r(h, inside.get(), &y);
        keys.push_back({std::round(y), std::round(x), static_cast<size_t>(i)});
    }
    if (keys.empty()) refuseNoArea(lines, report);
    std::sort(keys.begin(), keys.end(), [](const AreaKey& a, const AreaKey& b) {
        return a.y != b.y ? a.y > b.y : a.x != b.x ? a.x < b.x : a.index < b.index;
    });

    Layer out;
    out.kind = GeomKind::Polygon;
    out.epsg = lines.epsg;
    out.name = "districts";
    std::unique_ptr<GEOSWKBWriter, WriterDeleter> writer(GEOSWKBWriter_create_r(h), WriterDeleter{h});
    for (const AreaKey& k : keys) {
        size_t size = 0;
        std::unique_ptr<unsigned char, GeosFree> wkb(
            GEOSWKBWriter_write_r(h, writer.get(), GEOSGetGeometryN_r(h, polygons.get(), static_cast<int>(k.index)), &size), GeosFree{h});
        if (!wkb || appendWkbFeature(out, wkb.get(), size) != WkbResult::Added) ++report.slivers;
    }
    report.areas = static_cast<int64_t>(out.featureCount());
    if (report.areas == 0) refuseNoArea(lines, report);
    if (outline) {
        GeomPtr joined = own(h, GEOSUnaryUnion_r(h, polygons.get()), "join the areas");
        size_t size = 0;
        std::unique_ptr<unsigned char, GeosFree> wkb(GEOSWKBWriter_write_r(h, writer.get(), joined.get(), &size), GeosFree{h});
        *outline = Layer{};
        outline->kind = GeomKind::Polygon;
        outline->epsg = lines.epsg;
        outline->name = "boundary";
        if (!wkb || appendWkbFeature(*outline, wkb.get(), size) != WkbResult::Added) throw Error("boundary lines: the areas could not be joined");
    }
    return out;
}

namespace {

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

int fieldNamed(const Layer& layer, std::initializer_list<const char*> names) {
    for (const char* want : names)
        for (size_t i = 0; i < layer.fields.size(); ++i)
            if (lowered(layer.fields[i].name) == want) return static_cast<int>(i);
    return -1;
}

// A point standing for feature f: a point's position, the centre of anything else.
std::pair<double, double> siteOf(const Layer& layer, size_t f) {
    if (layer.kind == GeomKind::Point) {
        const size_t v = layer.ringStart[layer.partStart[layer.featureStart[f]]];
        return {layer.xy[2 * v], layer.xy[2 * v + 1]};
    }
    Bbox b = layer.featureBbox(f);
    return {0.5 * (b.minX + b.maxX), 0.5 * (b.minY + b.maxY)};
}

// The area holding each feature of `sites`, -1 for none.
std::vector<int> areaOfEach(const Layer& areas, const Layer& sites) {
    std::vector<Bbox> boxes;
    for (size_t a = 0; a < areas.featureCount(); ++a) boxes.push_back(areas.featureBbox(a));
    std::vector<int> out(sites.featureCount(), -1);
    for (size_t f = 0; f < sites.featureCount(); ++f) {
        if (sites.featureStart[f] == sites.featureStart[f + 1]) continue;
        auto [x, y] = siteOf(sites, f);
        for (size_t a = 0; a < areas.featureCount() && out[f] < 0; ++a)
            if (boxes[a].contains(x, y) && featureContains(areas, a, x, y)) out[f] = static_cast<int>(a);
    }
    return out;
}

// Names from one village field: each area the value most of its villages share (at least 60%),
// taken only when every area gets one and no two the same.
bool namesFromVillageField(const Layer& villages, int field, const std::vector<int>& areaOf, size_t areaCount,
                           std::vector<std::string>& names) {
    std::vector<std::map<std::string, int>> counts(areaCount);
    std::vector<int> totals(areaCount, 0);
    for (size_t f = 0; f < villages.featureCount(); ++f) {
        if (areaOf[f] < 0) continue;
        std::string_view v = villages.attr(f, field);
        if (v.empty()) continue;
        ++counts[static_cast<size_t>(areaOf[f])][std::string(v)];
        ++totals[static_cast<size_t>(areaOf[f])];
    }
    std::vector<std::string> out(areaCount);
    for (size_t a = 0; a < areaCount; ++a) {
        auto best = std::max_element(counts[a].begin(), counts[a].end(), [](auto& x, auto& y) { return x.second < y.second; });
        if (best == counts[a].end() || best->second * 10 < totals[a] * 6) return false;
        out[a] = best->first;
    }
    std::vector<std::string> sorted = out;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
    names = std::move(out);
    return true;
}

}  // namespace

std::vector<std::string> nameAreas(const Layer& areas, const Layer* labels, const Layer* villages, std::string& how) {
    const size_t n = areas.featureCount();
    std::vector<std::string> names(n);
    if (labels) {
        int field = fieldNamed(*labels, {"name", "名称", "片区", "片区名称", "名字", "标注", "label", "district", "村名", "行政村", "村"});
        if (field < 0 && !labels->fields.empty()) field = 0;
        std::vector<int> areaOf = areaOfEach(areas, *labels);
        int64_t named = 0, extra = 0;
        for (size_t f = 0; f < labels->featureCount(); ++f) {
            if (areaOf[f] < 0 || field < 0) continue;
            std::string& name = names[static_cast<size_t>(areaOf[f])];
            std::string_view v = labels->attr(f, field);
            if (v.empty()) continue;
            if (name.empty()) name = v, ++named;
            else ++extra;
        }
        how = "named from label points: " + std::to_string(named) + " of " + std::to_string(n) + " areas";
        if (extra > 0) how += ", " + std::to_string(extra) + " further labels in areas already named left out";
    } else if (villages) {
        std::vector<int> areaOf = areaOfEach(areas, *villages);
        for (const char* candidate : {"片区", "所属片区", "乡镇", "乡镇名称", "乡镇(街道)", "街道", "镇", "行政村", "所属行政村", "村委会",
                                      "社区", "所属村", "district", "town"}) {
            int field = fieldNamed(*villages, {candidate});
            if (field >= 0 && namesFromVillageField(*villages, field, areaOf, n, names)) {
                how = "named from the villages' " + villages->fields[static_cast<size_t>(field)].name + " field";
                break;
            }
        }
    }
    int64_t numbered = 0;
    for (size_t a = 0; a < n; ++a)
        if (names[a].empty()) names[a] = "片区" + std::to_string(a + 1), ++numbered;
    if (how.empty()) how = "numbered 片区1.." + std::to_string(n) + " (north to south, west to east)";
    else if (numbered > 0 && labels) how += ", " + std::to_string(numbered) + " numbered 片区N";
    return names;
}

Layer namedDistricts(Layer areas, const std::vector<std::string>& names) {
    StringColumn column;
    column.name = "name";
    for (const auto& name : names) column.push(name);
    areas.fields.clear();
    areas.fields.push_back(std::move(column));
    return areas;
}

}  // namespace geo
