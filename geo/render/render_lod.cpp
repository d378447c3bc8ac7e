// Levels of detail for line meshes: vertices snapped to grids of doubling cell size, each level
// built from the one below it, then every line simplified within the level's tolerance.
#include "geo/render/render_lod.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace geo {
namespace {

constexpr double kMaxCellsAcross = 1 << 20;  // keeps cell indices well inside int32

// Lines as runs of cell indices, consecutive repeats removed: ring r spans [start[r], start[r+1]).
struct CellLines {
    std::vector<int32_t> xy;
    std::vector<uint32_t> start{0};
    std::vector<uint8_t> style;  // per ring
    void closeRing(uint8_t s) {
        start.push_back(static_cast<uint32_t>(xy.size() / 2));
        style.push_back(s);
    }
    void push(int32_t x, int32_t y) {
        const size_t n = xy.size();
        const bool isRepeat = n / 2 > start.back() && xy[n - 2] == x && xy[n - 1] == y;
        if (!isRepeat) { xy.push_back(x); xy.push_back(y); }
    }
};

// The same lines on a grid of twice the cell size.
CellLines coarsen(const CellLines& in) {
    CellLines out;
    out.xy.reserve(in.xy.size());
    out.start.reserve(in.start.size());
    out.style.reserve(in.style.size());
    for (size_t r = 0; r + 1 < in.start.size(); ++r) {
        for (uint32_t v = in.start[r]; v < in.start[r + 1]; ++v) out.push(in.xy[2 * v] >> 1, in.xy[2 * v + 1] >> 1);
        out.closeRing(in.style[r]);
    }
    return out;
}

struct CellSegment { int32_t x0, y0, x1, y1; uint8_t style; };

// Sleeve fitting (Zhao and Saalfeld): from an anchor, the line goes on to the next vertex while
// one straight segment passes within `tolerance` of every vertex skipped; each skipped vertex
// narrows the wedge of directions that does. One pass, no trigonometry. Appends kept vertices.
void simplifyRun(const int32_t* xy, uint32_t n, double tolerance, std::vector<int32_t>& out) {
    auto keep = [&](uint32_t i) { out.push_back(xy[2 * i]); out.push_back(xy[2 * i + 1]); };
    keep(0);
    if (n < 2) return;
    uint32_t anchor = 0;
    bool hasWedge = false;
    double rx = 0, ry = 0, lx = 0, ly = 0;  // right and left bounds of the wedge (unit vectors)
    double reach = 0;                      // farthest distance from the anchor so far
    for (uint32_t i = 1; i < n; ++i) {
        double vx = xy[2 * i] - xy[2 * anchor], vy = xy[2 * i + 1] - xy[2 * anchor + 1];
        double d = std::sqrt(vx * vx + vy * vy);
        const bool isInside = !hasWedge || (rx * vy - ry * vx >= 0 && vx * ly - vy * lx >= 0 &&
                                            vx * (rx + lx) + vy * (ry + ly) > 0);
        if (!isInside || d < reach - tolerance) {
            anchor = i - 1;
            keep(anchor);
            hasWedge = false;
            reach = 0;
            vx = xy[2 * i] - xy[2 * anchor];
            vy = xy[2 * i + 1] - xy[2 * anchor + 1];
            d = std::sqrt(vx * vx + vy * vy);
        }
        reach = std::max(reach, d);
        if (d <= tolerance) continue;  // within reach of any segment from the anchor
        const double ux = vx / d, uy = vy / d, s = tolerance / d, c = std::sqrt(1 - s * s);
        const double nlx = ux * c - uy * s, nly = ux * s + uy * c;   // u turned left by asin(s)
        const double nrx = ux * c + uy * s, nry = -ux * s + uy * c;  // and right
        if (!hasWedge) {
            rx = nrx; ry = nry; lx = nlx; ly = nly;
            hasWedge = true;
            continue;
        }
        if (rx * nry - ry * nrx > 0) { rx = nrx; ry = nry; }  // the new right bound is further left
        if (lx * nly - ly * nlx < 0) { lx = nlx; ly = nly; }  // the new left bound is further right
    }
    keep(n - 1);
}

// Distinct segments of the simplified lines (endpoints ordered so that a-b and b-a are one),
// dots for lines that fell into one cell; in line order, so a line's segments stay together.
std::vector<CellSegment> distinctSegments(const CellLines& lines, double toleranceCells) {
    CellLines simple;
    simple.xy.reserve(lines.xy.size() / 2);
    simple.start.reserve(lines.start.size());
    simple.style.reserve(lines.style.size());
    for (size_t r = 0; r + 1 < lines.start.size(); ++r) {
        const uint32_t a = lines.start[r], b = lines.start[r + 1];
        if (b > a) simplifyRun(&lines.xy[2 * size_t(a)], b - a, toleranceCells, simple.xy);
        simple.closeRing(lines.style[r]);
    }
    std::vector<CellSegment> out;
    out.reserve(simple.xy.size() / 2);
    size_t ringFirst = 0;  // the current ring's first segment in `out`
    auto add = [&](int32_t x0, int32_t y0, int32_t x1, int32_t y1, uint8_t style) {
        if (x1 < x0 || (x1 == x0 && y1 < y0)) { std::swap(x0, x1); std::swap(y0, y1); }
        const CellSegment s{x0, y0, x1, y1, style};
        // A line folding back over itself repeats one of its last few segments: drawn once.
        // (Different roads sharing a segment are rare enough that a global set costs more than it saves.)
        for (size_t i = out.size(); i > ringFirst && i + 4 > out.size(); --i) {
            const CellSegment& o = out[i - 1];
            if (o.x0 == s.x0 && o.y0 == s.y0 && o.x1 == s.x1 && o.y1 == s.y1) return;
        }
        out.push_back(s);
    };
    const int32_t* xy = simple.xy.data();
    for (size_t r = 0; r + 1 < simple.start.size(); ++r) {
        const uint32_t a = simple.start[r], b = simple.start[r + 1];
        ringFirst = out.size();
        if (b == a + 1) add(xy[2 * a], xy[2 * a + 1], xy[2 * a], xy[2 * a + 1], simple.style[r]);
        for (uint32_t v = a; v + 1 < b; ++v) add(xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3], simple.style[r]);
    }
    return out;
}

// Cell centres in mesh-local metres, then cut and sorted by style and culling cell as the full
// mesh is.
void toMesh(const std::vector<CellSegment>& cells, double minX, double minY, double grid, LineMesh& out) {
    LineMeshBuilder builder(out.originX, out.originY);
    builder.reserve(cells.size());
    auto at = [&](int32_t i, double lo) { return static_cast<float>(lo + (i + 0.5) * grid); };
    for (const CellSegment& c : cells)
        builder.addSegment(at(c.x0, minX), at(c.y0, minY), at(c.x1, minX), at(c.y1, minY), c.style);
    builder.finish(out);
}

}  // namespace

void LineLodBuilder::addLines(const Layer& layer, std::function<uint8_t(size_t)> styleOf) {
    sources_.push_back({&layer, std::move(styleOf)});
}

std::vector<LineLod> LineLodBuilder::finish(size_t fullSegments, const LineLodOptions& options) {
    std::vector<LineLod> levels;
    Bbox extent;  // mesh-local
    size_t vertices = 0;
    for (const Source& s : sources_) {
        const Bbox b = s.layer->bbox();
        if (!b.isEmpty()) extent.add(Bbox{b.minX - originX_, b.minY - originY_, b.maxX - originX_, b.maxY - originY_});
        vertices += s.layer->vertexCount();
    }
    if (extent.isEmpty() || options.levels <= 0) return levels;
    const double span = std::max({extent.width(), extent.height(), 1e-3});
    if (!std::isfinite(span)) return levels;  // infinite coordinates: the full mesh only
    const double cellsAcross = std::clamp(options.finestCellsAcross, 1.0, kMaxCellsAcross);
    const double grid0 = span / cellsAcross;
    // One level asked for: its cell is exactly the size asked (no power of two of the finest
    // grid, which would be up to half as large and keep more segments), snapped to directly.
    const bool isSingle = std::isfinite(options.onlyCellMetres);
    if (isSingle && !(options.onlyCellMetres >= grid0)) return levels;
    const double firstGrid = isSingle ? options.onlyCellMetres : grid0;
    if (span / firstGrid > kMaxCellsAcross - 2) return levels;  // cells too fine to index: the full mesh
    const int32_t maxIndex = static_cast<int32_t>(span / firstGrid) + 1;
    auto index = [&](double v, double lo) {
        const double i = std::floor((v - lo) / firstGrid);
        // A damaged vertex (NaN) lands in cell 0 rather than in undefined behaviour.
        return i >= 0 ? static_cast<int32_t>(std::min(i, static_cast<double>(maxIndex))) : int32_t(0);
    };
    CellLines lines;
    lines.xy.reserve(2 * vertices);
    for (const Source& s : sources_) {
        const Layer& l = *s.layer;
        for (size_t f = 0; f < l.featureCount(); ++f) {
            const uint8_t style = s.styleOf(f);
            for (size_t r = l.partStart[l.featureStart[f]]; r < l.partStart[l.featureStart[f + 1]]; ++r)
                for (size_t v = l.ringStart[r]; v < l.ringStart[r + 1]; ++v) {
                    lines.push(index(l.xy[2 * v] - originX_, extent.minX), index(l.xy[2 * v + 1] - originY_, extent.minY));
                    if (v + 1 == l.ringStart[r + 1]) lines.closeRing(style);
                }
        }
    }
    size_t reference = fullSegments;
    for (int k = 0; k < options.levels; ++k) {
        if (k > 0) lines = coarsen(lines);
        const std::vector<CellSegment> cells = distinctSegments(lines, options.toleranceCells);
        const bool isKept = static_cast<double>(cells.size()) <= options.keepRatio * static_cast<double>(reference);
        if (isKept) {
            LineLod& level = levels.emplace_back();
            level.gridMetres = std::ldexp(firstGrid, k);
            level.mesh.originX = originX_;
            level.mesh.originY = originY_;
            toMesh(cells, extent.minX, extent.minY, level.gridMetres, level.mesh);
            reference = level.mesh.segmentCount();
        }
        if (isSingle) break;
    }
    return levels;
}

int pickLineLod(const std::vector<LineLod>& levels, double maxCellMetres) {
    int best = -1;
    for (size_t i = 0; i < levels.size(); ++i)
        if (levels[i].gridMetres <= maxCellMetres) best = static_cast<int>(i);
    return best;
}

}  // namespace geo
