// Class breaks (Jenks natural breaks by dynamic programming over the sorted values), the ramp
// and the legend labels.
#include "geo/returnees/classify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace geo {
namespace {

// Jenks: the split of sorted values into k runs with the least total squared deviation.
std::vector<double> naturalBreaks(const std::vector<double>& v, int k) {
    const size_t n = v.size();
    const auto kk = static_cast<size_t>(k);
    std::vector<double> sum(n + 1, 0), sq(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        sum[i + 1] = sum[i] + v[i];
        sq[i + 1] = sq[i] + v[i] * v[i];
    }
    auto cost = [&](size_t a, size_t b) {  // values [a, b)
        double s = sum[b] - sum[a], m = static_cast<double>(b - a);
        return sq[b] - sq[a] - s * s / m;
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(kk + 1, std::vector<double>(n + 1, inf));
    std::vector<std::vector<size_t>> from(kk + 1, std::vector<size_t>(n + 1, 0));
    best[0][0] = 0;
    for (size_t c = 1; c <= kk; ++c)
        for (size_t b = c; b <= n; ++b)
            for (size_t a = c - 1; a < b; ++a) {
                if (best[c - 1][a] == inf) continue;
                double t = best[c - 1][a] + cost(a, b);
                if (t < best[c][b]) { best[c][b] = t; from[c][b] = a; }
            }
    std::vector<double> breaks(kk);
    size_t b = n;
    for (size_t c = kk; c >= 1; --c) {
        breaks[c - 1] = v[b - 1];
        b = from[c][b];
    }
    return breaks;
}

}  // namespace

std::vector<double> classBreaks(const std::vector<double>& values, ClassMethod method, int classes,
                                const std::vector<double>& manualLimits) {
    std::vector<double> v;
    for (double x : values)
        if (x > 0 && std::isfinite(x)) v.push_back(x);
    if (v.empty()) return {};
    std::sort(v.begin(), v.end());
    const double lo = v.front(), hi = v.back();
    classes = std::clamp(classes, 1, kMaxClasses);
    std::vector<double> breaks;
    switch (method) {
    case ClassMethod::Quantiles:
        for (int k = 1; k <= classes; ++k) {
            size_t i = (v.size() * static_cast<size_t>(k) + static_cast<size_t>(classes) - 1) / static_cast<size_t>(classes);
            breaks.push_back(v[std::min(v.size(), std::max<size_t>(i, 1)) - 1]);
        }
        break;
    case ClassMethod::EqualInterval:
        for (int k = 1; k <= classes; ++k) breaks.push_back(k == classes ? hi : lo + (hi - lo) * k / classes);
        break;
    case ClassMethod::NaturalBreaks: {
        // Jenks is quadratic in the values: above 2000, run it on 2000 evenly spaced order
        // statistics, which keep the shape of the distribution.
        std::vector<double> sample = v;
        if (v.size() > 2000) {
            sample.clear();
            for (size_t i = 0; i < 2000; ++i) sample.push_back(v[i * (v.size() - 1) / 1999]);
        }
        std::vector<double> distinct = sample;
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        breaks = naturalBreaks(sample, std::min<int>(classes, static_cast<int>(distinct.size())));
        breaks.back() = hi;
        break;
    }
    case ClassMethod::Manual:
        for (double x : manualLimits)
            if (x > 0 && x < hi && std::isfinite(x)) breaks.push_back(x);
        std::sort(breaks.begin(), breaks.end());
        if (static_cast<int>(breaks.size()) >= kMaxClasses) breaks.resize(kMaxClasses - 1);
        breaks.push_back(hi);
        break;
    }
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    return breaks;
}

int classOf(double value, const std::vector<double>& breaks) {
    if (!(value > 0) || breaks.empty()) return -1;
    auto it = std::lower_bound(breaks.begin(), breaks.end(), value);
    if (it == breaks.end()) return static_cast<int>(breaks.size()) - 1;
    return static_cast<int>(it - breaks.begin());
}

uint32_t rampColor(int cls, int classCount, uint8_t alpha) {
    // Viridis, from light yellow to dark purple.
    static const uint8_t kStops[][3] = {{253, 231, 37}, {144, 215, 67}, {53, 183, 121}, {33, 145, 140},
                                        {49, 104, 142}, {68, 57, 131}, {68, 1, 84}};
    constexpr int kStopCount = 7;
    double t = classCount <= 1 ? 1.0 : std::clamp(cls, 0, classCount - 1) / double(classCount - 1);
    double pos = t * (kStopCount - 1);
    int i = std::min(kStopCount - 2, static_cast<int>(pos));
    double f = pos - i;
    uint32_t rgb[3];
    for (int c = 0; c < 3; ++c)
        rgb[c] = static_cast<uint32_t>(std::lround(kStops[i][c] * (1 - f) + kStops[i + 1][c] * f));
    return rgb[0] | rgb[1] << 8 | rgb[2] << 16 | static_cast<uint32_t>(alpha) << 24;
}

std::string classRangeLabel(const std::vector<double>& breaks, int cls, double smallestPositive) {
    bool whole = std::all_of(breaks.begin(), breaks.end(), [](double b) { return b == std::floor(b); }) &&
                 smallestPositive == std::floor(smallestPositive);
    auto fmt = [&](double x) {
        char buf[32];
        std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.2f", x);
        return std::string(buf);
    };
    if (cls < 0 || cls >= static_cast<int>(breaks.size())) return "";
    auto k = static_cast<size_t>(cls);
    double from = k == 0 ? smallestPositive : (whole ? breaks[k - 1] + 1 : breaks[k - 1]);
    if (whole && from == breaks[k]) return fmt(from);
    return (k > 0 && !whole ? "> " : "") + fmt(from) + "–" + fmt(breaks[k]);
}

double areaValue(const AreaCount& area, bool perKm2) {
    if (!perKm2) return static_cast<double>(area.total);
    return area.areaKm2 > 0 ? static_cast<double>(area.total) / area.areaKm2 : 0;
}

Layer gridAreaPolygons(const std::vector<AreaCount>& areas, int epsg) {
    Layer l;
    l.name = "returnee_areas";
    l.kind = GeomKind::Polygon;
    l.epsg = epsg;
    l.reserve(areas.size(), areas.size() * 5);
    for (const auto& a : areas) {
        const Bbox& b = a.bounds;
        for (auto [x, y] : {std::pair{b.minX, b.minY}, {b.maxX, b.minY}, {b.maxX, b.maxY}, {b.minX, b.maxY}, {b.minX, b.minY}})
            l.addVertex(x, y);
        l.endRing();
        l.endPart();
        l.endFeature();
    }
    return l;
}

}  // namespace geo
