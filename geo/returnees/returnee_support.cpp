// The returnee internals: date cache, polygon cell mask, township boundary and villages.
#include "geo/returnees/returnee_support.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "geo/core/crs.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/boundary.hpp"

namespace geo {

int DateCache::parse(std::string_view text) {
    auto it = cache_.find(text);
    if (it != cache_.end()) return it->second;
    int day = 0;
    int result;
    if (toHalfWidth(text).empty()) result = kMissing;
    else if (parseDate(text, year_, day)) result = day;
    else if (year_ <= 0 && parseDate(text, 2000, day)) result = kNoYear;
    else result = kBad;
    cache_.emplace(std::string(text), result);
    return result;
}

PolygonMask::PolygonMask(const Layer& polygons, double cellM) : layer_(polygons), cell_(cellM), box_(polygons.bbox()) {
    if (box_.isEmpty()) return;
    // Keep the mask to a few million cells whatever the extent.
    while ((box_.width() / cell_ + 2) * (box_.height() / cell_ + 2) > 4e6) cell_ *= 2;
    cols_ = static_cast<int64_t>(std::floor(box_.width() / cell_)) + 1;
    rows_ = static_cast<int64_t>(std::floor(box_.height() / cell_)) + 1;
    states_.assign(static_cast<size_t>(cols_ * rows_), Outside);
    auto colOf = [&](double x) { return std::clamp<int64_t>(static_cast<int64_t>(std::floor((x - box_.minX) / cell_)), 0, cols_ - 1); };
    auto rowOf = [&](double y) { return std::clamp<int64_t>(static_cast<int64_t>(std::floor((y - box_.minY) / cell_)), 0, rows_ - 1); };
    for (size_t r = 0; r < layer_.ringCount(); ++r) {
        for (uint32_t v = layer_.ringStart[r]; v + 1 < layer_.ringStart[r + 1]; ++v) {
            double x0 = layer_.xy[2 * v], y0 = layer_.xy[2 * v + 1], x1 = layer_.xy[2 * v + 2], y1 = layer_.xy[2 * v + 3];
            // Cells the segment passes through, walked in short steps (with a one-cell margin via the bbox of each step).
            double len = std::hypot(x1 - x0, y1 - y0);
            int steps = std::max(1, static_cast<int>(std::ceil(len / cell_)));
            for (int s = 0; s < steps; ++s) {
                double ax = x0 + (x1 - x0) * s / steps, ay = y0 + (y1 - y0) * s / steps;
                double bx = x0 + (x1 - x0) * (s + 1) / steps, by = y0 + (y1 - y0) * (s + 1) / steps;
                for (int64_t row = rowOf(std::min(ay, by)); row <= rowOf(std::max(ay, by)); ++row)
                    for (int64_t c = colOf(std::min(ax, bx)); c <= colOf(std::max(ax, bx)); ++c)
                        states_[static_cast<size_t>(row * cols_ + c)] = Edge;
            }
        }
    }
    for (int64_t row = 0; row < rows_; ++row)
        for (int64_t c = 0; c < cols_; ++c) {
            uint8_t& st = states_[static_cast<size_t>(row * cols_ + c)];
            if (st == Edge) continue;
            st = exact(box_.minX + (static_cast<double>(c) + 0.5) * cell_, box_.minY + (static_cast<double>(row) + 0.5) * cell_)
                     ? Inside
                     : Outside;
        }
}

bool PolygonMask::exact(double x, double y) const {
    for (size_t f = 0; f < layer_.featureCount(); ++f)
        if (layer_.featureBbox(f).contains(x, y) && featureContains(layer_, f, x, y)) return true;
    return false;
}

uint8_t PolygonMask::state(double x, double y) const {
    if (!box_.contains(x, y)) return Outside;
    int64_t c = std::min(cols_ - 1, static_cast<int64_t>((x - box_.minX) / cell_));
    int64_t r = std::min(rows_ - 1, static_cast<int64_t>((y - box_.minY) / cell_));
    return states_[static_cast<size_t>(r * cols_ + c)];
}

bool PolygonMask::contains(double x, double y) const {
    uint8_t s = state(x, y);
    return s == Inside || (s == Edge && exact(x, y));
}

double PolygonMask::insideFraction(double x0, double y0, double size) const {
    if (states_.empty()) return 0;
    // All mask cells under the square in one state: no sampling needed.
    bool anyIn = false, anyOut = false, anyEdge = false;
    for (double y = y0; y < y0 + size + cell_ && !anyEdge; y += cell_)
        for (double x = x0; x < x0 + size + cell_ && !anyEdge; x += cell_) {
            uint8_t s = state(std::min(x, x0 + size), std::min(y, y0 + size));
            anyIn |= s == Inside;
            anyOut |= s == Outside;
            anyEdge |= s == Edge;
        }
    if (!anyEdge && !(anyIn && anyOut)) return anyIn ? 1.0 : 0.0;
    constexpr int kSamples = 16;
    int inside = 0;
    for (int j = 0; j < kSamples; ++j)
        for (int i = 0; i < kSamples; ++i)
            inside += contains(x0 + (i + 0.5) * size / kSamples, y0 + (j + 0.5) * size / kSamples);
    return inside / double(kSamples * kSamples);
}

int nameFieldOf(const Layer& layer) {
    for (const char* n : {"name", "名称", "NAME", "Name", "村名", "村", "片区", "village", "district", "src_name"}) {
        int i = layer.fieldIndex(n);
        if (i >= 0) return i;
    }
    return -1;
}

void polygonCentre(const Layer& layer, size_t feature, double& x, double& y) {
    Bbox b = layer.featureBbox(feature);
    x = 0.5 * (b.minX + b.maxX);
    y = 0.5 * (b.minY + b.maxY);
    double best = 0;
    for (uint32_t p = layer.featureStart[feature]; p < layer.featureStart[feature + 1]; ++p) {
        size_t ring = layer.partStart[p];
        double a = 0, cx = 0, cy = 0;
        for (uint32_t v = layer.ringStart[ring]; v + 1 < layer.ringStart[ring + 1]; ++v) {
            double x0 = layer.xy[2 * v], y0 = layer.xy[2 * v + 1], x1 = layer.xy[2 * v + 2], y1 = layer.xy[2 * v + 3];
            double cross = x0 * y1 - x1 * y0;
            a += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        if (std::fabs(a) > best) {
            best = std::fabs(a);
            x = cx / (3 * a);
            y = cy / (3 * a);
        }
    }
}

std::vector<VillageSite> villageSites(const Workspace& ws) {
    std::vector<VillageSite> out;
    if (!ws.hasLayer("villages")) return out;
    Layer v = ws.readLayer("villages");
    int nameField = nameFieldOf(v);
    if (nameField < 0) return out;
    for (size_t f = 0; f < v.featureCount(); ++f) {
        VillageSite site;
        site.name = std::string(v.attr(f, nameField));
        site.key = villageKey(site.name);
        if (site.key.empty()) continue;
        if (v.kind == GeomKind::Polygon) {
            polygonCentre(v, f, site.x, site.y);
        } else {
            uint32_t ring = v.partStart[v.featureStart[f]];
            uint32_t vert = v.ringStart[ring];
            site.x = v.xy[2 * vert];
            site.y = v.xy[2 * vert + 1];
        }
        out.push_back(std::move(site));
    }
    return out;
}

TownshipContext::TownshipContext(const Workspace& ws)
    : villages(villageSites(ws)), boundary_(readBoundary(ws)), mask_(boundary_, kReturneeBaseCellM) {
    for (size_t i = 0; i < villages.size(); ++i) byKey_[villages[i].key].push_back(static_cast<int32_t>(i));
}

const std::vector<int32_t>& TownshipContext::matchVillage(std::string_view name) const {
    static const std::vector<int32_t> kNone;
    auto it = byKey_.find(villageKey(name));
    return it == byKey_.end() ? kNone : it->second;
}

}  // namespace geo

namespace geo {

void projectLonLatNear(int workingEpsg, double* xy, size_t count) {
    Transformer toWorking("EPSG:4326", "EPSG:" + std::to_string(workingEpsg));
    if (count < 20000) {
        toWorking.transform(xy, count);
        return;
    }
    // The grid spans a degree around the median of a sample: the township, whatever strays.
    std::vector<double> lons, lats;
    for (size_t i = 0; i < count; i += count / 1000) {
        if (std::isfinite(xy[2 * i]) && std::isfinite(xy[2 * i + 1])) {
            lons.push_back(xy[2 * i]);
            lats.push_back(xy[2 * i + 1]);
        }
    }
    if (lons.empty()) {
        toWorking.transform(xy, count);
        return;
    }
    std::nth_element(lons.begin(), lons.begin() + static_cast<std::ptrdiff_t>(lons.size() / 2), lons.end());
    std::nth_element(lats.begin(), lats.begin() + static_cast<std::ptrdiff_t>(lats.size() / 2), lats.end());
    double midLon = lons[lons.size() / 2], midLat = lats[lats.size() / 2];
    Bbox ll;
    ll.add(std::max(-180.0, midLon - 0.5), std::max(-89.0, midLat - 0.5));
    ll.add(std::min(180.0, midLon + 0.5), std::min(89.0, midLat + 0.5));
    constexpr double kStep = 0.005;
    const auto cols = static_cast<size_t>(std::ceil(ll.width() / kStep)) + 1;
    const auto rows = static_cast<size_t>(std::ceil(ll.height() / kStep)) + 1;
    std::vector<double> nodes(2 * cols * rows);
    for (size_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < cols; ++c) {
            nodes[2 * (r * cols + c)] = ll.minX + static_cast<double>(c) * kStep;
            nodes[2 * (r * cols + c) + 1] = ll.minY + static_cast<double>(r) * kStep;
        }
    toWorking.transform(nodes.data(), cols * rows);
    std::vector<size_t> exact;
    for (size_t i = 0; i < count; ++i) {
        double lon = xy[2 * i], lat = xy[2 * i + 1];
        if (!std::isfinite(lon) || !std::isfinite(lat)) continue;
        double fx = (lon - ll.minX) / kStep, fy = (lat - ll.minY) / kStep;
        if (!(fx >= 0 && fy >= 0 && fx < static_cast<double>(cols - 1) && fy < static_cast<double>(rows - 1))) {
            exact.push_back(i);
            continue;
        }
        auto c = static_cast<size_t>(fx), r = static_cast<size_t>(fy);
        double u = fx - static_cast<double>(c), v = fy - static_cast<double>(r);
        const double* a = &nodes[2 * (r * cols + c)];
        const double* b = a + 2;
        const double* d = &nodes[2 * ((r + 1) * cols + c)];
        const double* e = d + 2;
        for (int k = 0; k < 2; ++k)
            xy[2 * i + static_cast<size_t>(k)] = (1 - v) * ((1 - u) * a[k] + u * b[k]) + v * ((1 - u) * d[k] + u * e[k]);
    }
    std::vector<double> rest;
    for (size_t i : exact) { rest.push_back(xy[2 * i]); rest.push_back(xy[2 * i + 1]); }
    toWorking.transform(rest.data(), exact.size());
    for (size_t k = 0; k < exact.size(); ++k) {
        xy[2 * exact[k]] = rest[2 * k];
        xy[2 * exact[k] + 1] = rest[2 * k + 1];
    }
}

FlatCounter::FlatCounter(size_t expectedKeys) {
    size_t n = 64;
    while (n < expectedKeys * 2) n *= 2;
    keys_.assign(n, 0);
    counts_.assign(n, 0);
    used_.assign(n, 0);
    mask_ = n - 1;
    shift_ = 64 - std::countr_zero(n);
}

void FlatCounter::grow() {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<int64_t> counts = std::move(counts_);
    std::vector<uint8_t> used = std::move(used_);
    size_t n = keys.size() * 2;
    keys_.assign(n, 0);
    counts_.assign(n, 0);
    used_.assign(n, 0);
    mask_ = n - 1;
    shift_ = 64 - std::countr_zero(n);
    for (size_t i = 0; i < keys.size(); ++i) {
        if (!used[i]) continue;
        size_t j = slot(keys[i]);
        while (used_[j]) j = (j + 1) & mask_;
        used_[j] = 1;
        keys_[j] = keys[i];
        counts_[j] = counts[i];
    }
}

}  // namespace geo
