// Road graph construction: shared vertices, snapped line ends and at-grade crossings found on a
// uniform grid, then one edge per stretch of line between consecutive nodes, and the adjacency.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "geo/analysis/polygon_index.hpp"
#include "geo/analysis/road_graph.hpp"
#include "geo/core/error.hpp"
#include "geo/core/union_find.hpp"

namespace geo {
namespace {

// Frees a vector's memory now (`v = {}` would keep its capacity).
template <class T>
void release(std::vector<T>& v) { std::vector<T>().swap(v); }

// Places on lines that may become nodes: line ends, shared vertices, snapped ends, crossings.
// Stored by column; a point's id is its creation order, which decides the node numbering and
// which point of a merged set gives the node its coordinates (the first one).
struct GraphPoints {
    std::vector<uint32_t> line;
    std::vector<double> dist;  // metres along the line
    std::vector<double> xy;
    UnionFind<uint32_t> uf;
    uint32_t add(uint32_t l, double d, double x, double y) {
        line.push_back(l);
        dist.push_back(d);
        xy.push_back(x);
        xy.push_back(y);
        return uf.add();
    }
    size_t size() const { return uf.size(); }
    void reserve(size_t n) {
        line.reserve(n);
        dist.reserve(n);
        xy.reserve(2 * n);
        uf.reserve(n);
    }
};

// Orders the points of each line by distance along it (ties by id) and merges points at the same
// place on a line. Returns point ids grouped by line, line r's being [firstOfLine[r], firstOfLine[r+1]),
// with their distances in `sortedDist`; the points' line and distance columns are released.
std::vector<uint32_t> orderAlongLines(GraphPoints& pts, size_t lines, std::vector<uint32_t>& firstOfLine,
                                      std::vector<double>& sortedDist) {
    const size_t n = pts.size();
    firstOfLine.assign(lines + 1, 0);
    for (uint32_t l : pts.line) ++firstOfLine[l + 1];
    for (size_t r = 0; r < lines; ++r) firstOfLine[r + 1] += firstOfLine[r];
    std::vector<uint32_t> order(n);
    {
        std::vector<uint32_t> fill(firstOfLine.begin(), firstOfLine.end() - 1);
        for (uint32_t p = 0; p < n; ++p) order[fill[pts.line[p]]++] = p;
    }
    release(pts.line);
    sortedDist.resize(n);
    std::vector<std::pair<double, uint32_t>> scratch;  // (dist, id): the sort key, read once per point
    for (size_t r = 0; r < lines; ++r) {
        scratch.clear();
        for (uint32_t i = firstOfLine[r]; i < firstOfLine[r + 1]; ++i) scratch.emplace_back(pts.dist[order[i]], order[i]);
        std::sort(scratch.begin(), scratch.end());
        for (size_t k = 0; k < scratch.size(); ++k) {
            order[firstOfLine[r] + k] = scratch[k].second;
            sortedDist[firstOfLine[r] + k] = scratch[k].first;
            if (k > 0 && scratch[k].first - scratch[k - 1].first < 1e-6) pts.uf.unite(scratch[k].second, scratch[k - 1].second);
        }
    }
    release(pts.dist);
    return order;
}

// Calls visit(from, to) for each edge of line r: a stretch between consecutive points at least
// a micrometre apart; from and to index the line's sorted points.
template <class Visit>
void forLineEdges(const std::vector<uint32_t>& firstOfLine, const std::vector<double>& sortedDist, size_t r, Visit&& visit) {
    uint32_t prev = firstOfLine[r];
    for (uint32_t i = firstOfLine[r] + 1; i < firstOfLine[r + 1]; ++i)
        if (sortedDist[i] - sortedDist[prev] >= 1e-6) {
            visit(prev, i);
            prev = i;
        }
}

// One edge per stretch of line between consecutive distinct points; nodes are numbered as edges
// first reach them, and take the coordinates of the first point merged into them.
void emitEdges(RoadGraph& g, GraphPoints& pts) {
    const size_t lines = g.lineCount(), pointCount = pts.size();
    std::vector<uint32_t> firstOfLine;
    std::vector<double> sortedDist;
    std::vector<uint32_t> rootAt = orderAlongLines(pts, lines, firstOfLine, sortedDist);
    // Every point's set, read once: parents precede children, so one forward pass flattens them.
    pts.uf.flatten();
    for (uint32_t& p : rootAt) p = pts.uf.find(p);
    pts.uf = UnionFind<uint32_t>();
    size_t edges = 0;
    for (size_t r = 0; r < lines; ++r) forLineEdges(firstOfLine, sortedDist, r, [&](uint32_t, uint32_t) { ++edges; });
    // Node numbers and coordinates first, so the point coordinates are released before the edges grow.
    std::vector<uint32_t> nodeOfRoot(pointCount, kNoId);
    uint32_t nodes = 0;
    auto number = [&](uint32_t root) {
        if (nodeOfRoot[root] == kNoId) {
            nodeOfRoot[root] = nodes++;
            g.nodeXy.push_back(pts.xy[2 * root]);
            g.nodeXy.push_back(pts.xy[2 * root + 1]);
        }
    };
    for (size_t r = 0; r < lines; ++r)
        forLineEdges(firstOfLine, sortedDist, r, [&](uint32_t from, uint32_t to) { number(rootAt[from]); number(rootAt[to]); });
    release(pts.xy);
    g.nodeXy.shrink_to_fit();
    std::vector<uint32_t>& nodeAt = rootAt;  // from here on, the node of each sorted point
    for (uint32_t& p : nodeAt) p = nodeOfRoot[p];
    release(nodeOfRoot);
    g.edgeFrom.reserve(edges);
    g.edgeTo.reserve(edges);
    g.edgeLine.reserve(edges);
    g.edgeStart.reserve(edges);
    g.edgeEnd.reserve(edges);
    g.lineFirstEdge.assign(lines + 1, 0);
    for (uint32_t r = 0; r < lines; ++r) {
        g.lineFirstEdge[r] = static_cast<uint32_t>(g.edgeFrom.size());
        forLineEdges(firstOfLine, sortedDist, r, [&](uint32_t from, uint32_t to) {
            g.edgeFrom.push_back(nodeAt[from]);
            g.edgeTo.push_back(nodeAt[to]);
            g.edgeLine.push_back(r);
            g.edgeStart.push_back(sortedDist[from]);
            g.edgeEnd.push_back(sortedDist[to]);
        });
    }
    g.lineFirstEdge[lines] = static_cast<uint32_t>(g.edgeFrom.size());
}

// CSR adjacency; nodes left without edges (a point merged away) still get a row.
void buildAdjacency(RoadGraph& g) {
    size_t nodes = g.nodeCount();
    g.adjStart.assign(nodes + 1, 0);
    for (size_t e = 0; e < g.edgeCount(); ++e) { ++g.adjStart[g.edgeFrom[e] + 1]; ++g.adjStart[g.edgeTo[e] + 1]; }
    for (size_t n = 0; n < nodes; ++n) g.adjStart[n + 1] += g.adjStart[n];
    g.adjEdge.resize(g.adjStart[nodes]);
    std::vector<uint32_t> fill(g.adjStart.begin(), g.adjStart.end() - 1);
    for (uint32_t e = 0; e < g.edgeCount(); ++e) {
        g.adjEdge[fill[g.edgeFrom[e]]++] = e;
        g.adjEdge[fill[g.edgeTo[e]]++] = e;
    }
}

// One buildRoadGraph run: the lines, the points that may become nodes, and what the three kinds
// of junction (shared vertices, snapped ends, crossings) share.
class GraphBuilder {
public:
    GraphBuilder(RoadGraph& g, const std::vector<int>& lineLevel, double toleranceM)
        : g_(g), lineLevel_(lineLevel), tol_(toleranceM), P(g.xy.data()), lines_(g.lineCount()), verts_(g.xy.size() / 2) {
        lineOf_.resize(verts_);
        for (uint32_t r = 0; r < lines_; ++r)
            for (uint32_t v = g_.lineStart[r]; v < g_.lineStart[r + 1]; ++v) lineOf_[v] = r;
        pts_.reserve(2 * lines_ + verts_);  // ends and crossings; a dense network grows it further
        endPoint_.resize(2 * lines_);
        for (uint32_t r = 0; r < lines_; ++r) {
            uint32_t a = g_.lineStart[r], b = g_.lineStart[r + 1] - 1;
            endPoint_[2 * r] = addPoint(r, 0, P[2 * a], P[2 * a + 1]);
            endPoint_[2 * r + 1] = addPoint(r, g_.vertexDist[b], P[2 * b], P[2 * b + 1]);
        }
    }
    void joinSharedVertices();
    void joinSnappedEndsAndCrossings();
    void finish() {
        release(lineOf_);
        emitEdges(g_, pts_);
        pts_ = GraphPoints();
        buildAdjacency(g_);
    }

private:
    bool isLineStart(uint32_t v) const { return v == g_.lineStart[lineOf_[v]]; }
    bool isLineEnd(uint32_t v) const { return v + 1 == g_.lineStart[lineOf_[v] + 1]; }
    uint32_t endPointOf(uint32_t v) const { return endPoint_[2 * lineOf_[v] + (isLineStart(v) ? 0 : 1)]; }
    uint32_t addPoint(uint32_t line, double dist, double x, double y) {
        // Crossings grow with the square of the density of a network: a few million segments in a
        // small area can cross hundreds of millions of times. Refuse before memory runs out.
        constexpr size_t kMaxPoints = 40'000'000;  // about 3.5 GB of graph at the peak of the build
        if (pts_.size() >= kMaxPoints)
            throw Error("the road network has more than 40 million junctions and crossings; the cordon analysis cannot hold it"
                        " (clip the roads to a band around the township)");
        return pts_.add(line, dist, x, y);
    }
    GridIndex segmentGrid() const;
    void snapEnd(uint32_t endV, uint32_t ownSeg, uint32_t other, size_t cellIndex, const GridIndex& grid);
    void joinWithinCell(size_t c, const GridIndex& grid);

    // The segments of one cell are copied side by side first: the pair loop then reads
    // contiguous memory instead of jumping through the coordinate and line arrays.
    struct CellSeg {
        double x0, y0, x1, y1, d0, d1;  // ends and their distances along the line
        double minX, maxX, minY, maxY;
        uint32_t v, line;
        int level;
        bool isFirst, isLast;  // v starts its line, v + 1 ends it
    };

    RoadGraph& g_;
    const std::vector<int>& lineLevel_;
    const double tol_;
    const double* P;  // g_.xy, fixed while the graph is built
    const size_t lines_, verts_;
    std::vector<uint32_t> lineOf_;
    std::vector<uint32_t> endPoint_;  // point of each line's start and end
    GraphPoints pts_;
    std::vector<CellSeg> cellSegs_;
};

// (a) Shared vertices: identical coordinates, found by sorting.
void GraphBuilder::joinSharedVertices() {
    auto& uf = pts_.uf;
    std::vector<uint32_t> order(verts_);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return P[2 * a] < P[2 * b] || (P[2 * a] == P[2 * b] && P[2 * a + 1] < P[2 * b + 1]);
    });
    std::vector<std::pair<int, uint32_t>> levelRep;
    for (size_t i = 0; i < verts_;) {
        size_t j = i + 1;
        while (j < verts_ && P[2 * order[j]] == P[2 * order[i]] && P[2 * order[j] + 1] == P[2 * order[i] + 1]) ++j;
        if (j - i >= 2) {
            uint32_t firstEnd = kNoId;
            levelRep.clear();
            for (size_t k = i; k < j; ++k) {
                uint32_t v = order[k];
                if (isLineStart(v) || isLineEnd(v)) {
                    uint32_t pid = endPointOf(v);
                    if (firstEnd == kNoId) firstEnd = pid; else uf.unite(firstEnd, pid);
                    continue;
                }
                uint32_t pid = addPoint(lineOf_[v], g_.vertexDist[v], P[2 * v], P[2 * v + 1]);
                int level = lineLevel_[lineOf_[v]];
                auto it = std::find_if(levelRep.begin(), levelRep.end(), [&](auto& lr) { return lr.first == level; });
                if (it == levelRep.end()) levelRep.emplace_back(level, pid); else uf.unite(it->second, pid);
            }
            if (firstEnd != kNoId)
                for (auto& lr : levelRep) uf.unite(firstEnd, lr.second);
        }
        i = j;
    }
}

// Segments (by first vertex) in cells about as long as a segment, each listed in every cell
// within the snap tolerance of it.
GridIndex GraphBuilder::segmentGrid() const {
    // The extent of the segments' first vertices and the very last vertex: ends outside it fall
    // in the border cells.
    Bbox box;
    double totalLen = 0;
    size_t segs = 0;
    uint32_t lastSeg = 0;
    for (uint32_t r = 0; r < lines_; ++r)
        for (uint32_t v = g_.lineStart[r]; v + 1 < g_.lineStart[r + 1]; ++v) {
            box.add(P[2 * v], P[2 * v + 1]);
            totalLen += g_.vertexDist[v + 1] - g_.vertexDist[v];
            ++segs;
            lastSeg = v;
        }
    if (segs == 0) return {};
    box.add(P[2 * lastSeg + 2], P[2 * lastSeg + 3]);
    const double tol = tol_;
    double n = static_cast<double>(segs);
    double cell = std::max({std::sqrt(std::max(box.width() * box.height(), 1.0) / n) * 1.5, totalLen / n, 4 * tol, 1e-3});
    Bbox extent{box.minX - tol, box.minY - tol, box.maxX + tol, box.maxY + tol};
    auto cellsOf = [&](double c) {
        return (std::floor(extent.width() / c) + 1) * (std::floor(extent.height() / c) + 1);
    };
    while (cellsOf(cell) > 4 * n + 16) cell *= 1.5;
    std::vector<bool> isLast(verts_, false);  // no segment starts at a line's last vertex
    for (uint32_t r = 0; r < lines_; ++r)
        if (g_.lineStart[r + 1] > g_.lineStart[r]) isLast[g_.lineStart[r + 1] - 1] = true;
    return GridIndex(extent, cell, static_cast<uint32_t>(verts_), [&](uint32_t v) {
        if (isLast[v]) return Bbox{};
        return Bbox{std::min(P[2 * v], P[2 * v + 2]) - tol, std::min(P[2 * v + 1], P[2 * v + 3]) - tol,
                    std::max(P[2 * v], P[2 * v + 2]) + tol, std::max(P[2 * v + 1], P[2 * v + 3]) + tol};
    });
}

// (b) A line end within the tolerance of another segment joins it (checked by the cell holding the end).
void GraphBuilder::snapEnd(uint32_t endV, uint32_t ownSeg, uint32_t other, size_t cellIndex, const GridIndex& grid) {
    if (grid.cellIndexOf(P[2 * endV], P[2 * endV + 1]) != cellIndex) return;
    if (lineOf_[ownSeg] == lineOf_[other] && (other + 1 == ownSeg || ownSeg + 1 == other || other == ownSeg)) return;
    double t = 0;
    double d = pointSegmentDistance(P[2 * endV], P[2 * endV + 1], P[2 * other], P[2 * other + 1],
                                    P[2 * other + 2], P[2 * other + 3], &t);
    if (d > tol_) return;
    bool atOtherEnd = (t == 0 && isLineStart(other)) || (t == 1 && isLineEnd(other + 1));
    // An end joins an expressway mainline it meets (a ramp, or a road ending at it).
    if (gradeOfLevel(lineLevel_[lineOf_[endV]]) != gradeOfLevel(lineLevel_[lineOf_[other]]) && !atOtherEnd) return;
    uint32_t pid;
    if (atOtherEnd) {
        pid = endPointOf(t == 0 ? other : other + 1);
    } else {
        double len = g_.vertexDist[other + 1] - g_.vertexDist[other];
        pid = addPoint(lineOf_[other], g_.vertexDist[other] + t * len,
                       P[2 * other] + t * (P[2 * other + 2] - P[2 * other]),
                       P[2 * other + 1] + t * (P[2 * other + 3] - P[2 * other + 1]));
    }
    pts_.uf.unite(endPointOf(endV), pid);
}

// (b) and (c): snapped ends and crossings, pairwise within grid cells.
void GraphBuilder::joinSnappedEndsAndCrossings() {
    GridIndex grid = segmentGrid();
    for (size_t c = 0; c < grid.cellCount(); ++c) joinWithinCell(c, grid);
}

void GraphBuilder::joinWithinCell(size_t c, const GridIndex& grid) {
    std::vector<CellSeg>& local = cellSegs_;
    local.clear();
    for (uint32_t v : grid.cellAt(c)) {
        uint32_t r = lineOf_[v];
        double x0 = P[2 * v], y0 = P[2 * v + 1], x1 = P[2 * v + 2], y1 = P[2 * v + 3];
        local.push_back({x0, y0, x1, y1, g_.vertexDist[v], g_.vertexDist[v + 1], std::min(x0, x1), std::max(x0, x1),
                         std::min(y0, y1), std::max(y0, y1), v, r, lineLevel_[r], v == g_.lineStart[r],
                         v + 2 == g_.lineStart[r + 1]});
    }
    const double tol = tol_;
    for (size_t i = 0; i < local.size(); ++i) {
        const CellSeg& A = local[i];
        const uint32_t a = A.v;
        double aMinX = A.minX - tol, aMaxX = A.maxX + tol, aMinY = A.minY - tol, aMaxY = A.maxY + tol;
        for (size_t j = i + 1; j < local.size(); ++j) {
            const CellSeg& B = local[j];
            // Most pairs sharing a cell are nowhere near each other.
            if (B.maxX < aMinX || B.minX > aMaxX || B.maxY < aMinY || B.minY > aMaxY) continue;
            const uint32_t b = B.v;
            // Snapped ends, in both directions.
            if (tol >= 0) {
                if (A.isFirst) snapEnd(a, a, b, c, grid);
                if (A.isLast) snapEnd(a + 1, a, b, c, grid);
                if (B.isFirst) snapEnd(b, b, a, c, grid);
                if (B.isLast) snapEnd(b + 1, b, a, c, grid);
            }
            // At-grade crossings of segment interiors (or through one interior vertex).
            if (A.level != B.level) continue;
            if (A.line == B.line && (a + 1 == b || b + 1 == a)) continue;
            double ax = A.x0, ay = A.y0, rx = A.x1 - ax, ry = A.y1 - ay;
            double bx = B.x0, by = B.y0, sx = B.x1 - bx, sy = B.y1 - by;
            double den = rx * sy - ry * sx;
            if (den == 0) continue;
            double qx = bx - ax, qy = by - ay;
            double t = (qx * sy - qy * sx) / den, u = (qx * ry - qy * rx) / den;
            if (t < 0 || t >= 1 || u < 0 || u >= 1) continue;
            if (t == 0 && u == 0) continue;                            // shared vertex: (a)
            if ((t == 0 && A.isFirst) || (u == 0 && B.isFirst)) continue;  // line end: (b)
            double x = ax + t * rx, y = ay + t * ry;
            if (grid.cellIndexOf(x, y) != c) continue;  // reported once, by the cell holding the point
            uint32_t pa = addPoint(A.line, A.d0 + t * (A.d1 - A.d0), x, y);
            uint32_t pb = addPoint(B.line, B.d0 + u * (B.d1 - B.d0), x, y);
            pts_.uf.unite(pa, pb);
        }
    }
}

}  // namespace

void completeRoadGraph(RoadGraph& g) {
    const size_t lines = g.lineCount();
    g.edgeLine.resize(g.edgeCount());
    g.edgeStart.resize(g.edgeCount());
    for (uint32_t r = 0; r < lines; ++r)
        for (uint32_t e = g.lineFirstEdge[r]; e < g.lineFirstEdge[r + 1]; ++e) {
            g.edgeLine[e] = r;
            g.edgeStart[e] = e == g.lineFirstEdge[r] ? 0 : g.edgeEnd[e - 1];
        }
    buildAdjacency(g);
}

RoadGraph buildRoadGraph(const Layer& roads, const std::vector<int>& levels, const RoadGraphOptions& options) {
    RoadGraph g;
    std::vector<int> lineLevel = roadLines(roads, levels, g);
    GraphBuilder builder(g, lineLevel, std::max(options.snapToleranceM, 0.0));
    builder.joinSharedVertices();
    builder.joinSnappedEndsAndCrossings();
    builder.finish();
    return g;
}

}  // namespace geo
