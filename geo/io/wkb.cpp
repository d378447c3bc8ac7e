// WKB reading with bounds checks on every count: blobs come from files nobody vetted.
#include "geo/io/wkb.hpp"

#include <cmath>
#include <cstring>

namespace geo {
namespace {

// Portable byte reversal (compilers turn the loop into one bswap instruction).
template <typename T>
T byteSwapped(T v) {
    T out = 0;
    for (size_t i = 0; i < sizeof(T); ++i) out = static_cast<T>((out << 8) | ((v >> (8 * i)) & 0xff));
    return out;
}

struct Reader {
    const uint8_t* p;
    const uint8_t* end;
    bool little = true;
    bool ok = true;

    bool need(size_t n) {
        if (!ok || static_cast<size_t>(end - p) < n) { ok = false; return false; }
        return true;
    }
    uint32_t u32() {
        if (!need(4)) return 0;
        uint32_t v;
        std::memcpy(&v, p, 4);
        if (!little) v = byteSwapped(v);
        p += 4;
        return v;
    }
    double f64() {
        if (!need(8)) return 0.0;
        uint64_t v;
        std::memcpy(&v, p, 8);
        if (!little) v = byteSwapped(v);
        p += 8;
        double d;
        std::memcpy(&d, &v, 8);
        return d;
    }
    uint8_t byte() {
        if (!need(1)) return 0;
        return *p++;
    }
};

struct TypeInfo { uint32_t base; int dims; };

TypeInfo decodeType(uint32_t t) {
    int dims = 2;
    if (t & 0x80000000u) dims++;
    if (t & 0x40000000u) dims++;
    t &= 0x0fffffffu;
    uint32_t thousands = t / 1000;
    uint32_t base = t % 1000;
    if (thousands == 1 || thousands == 2) dims = 3;
    if (thousands == 3) dims = 4;
    return {base, dims};
}

class Appender {
public:
    Appender(Layer& layer) : layer_(layer) {}

    bool geometry(Reader& r, int depth) {
        if (depth > 32) return r.ok = false;
        r.little = r.byte() == 1;
        TypeInfo t = decodeType(r.u32());
        if (!r.ok) return false;
        switch (t.base) {
        case 1: return point(r, t.dims);
        case 2: return lineString(r, t.dims);
        case 3: return polygon(r, t.dims);
        case 4: case 5: case 6: case 7: {
            uint32_t n = r.u32();
            if (!r.ok || n > static_cast<size_t>(r.end - r.p) / 5) return r.ok = false;
            for (uint32_t i = 0; i < n && r.ok; ++i) geometry(r, depth + 1);
            return r.ok;
        }
        default:
            wrongType_ = true;
            return r.ok = false;
        }
    }

    bool addedAny() const { return parts_ > 0; }
    bool wrongType() const { return wrongType_ && parts_ == 0; }
    bool sawOtherKind() const { return otherKind_; }

private:
    bool readXY(Reader& r, int dims, double& x, double& y) {
        x = r.f64();
        y = r.f64();
        for (int d = 2; d < dims; ++d) r.f64();
        return r.ok;
    }
    bool point(Reader& r, int dims) {
        double x, y;
        if (!readXY(r, dims, x, y)) return false;
        if (layer_.kind != GeomKind::Point) { otherKind_ = true; return true; }
        if (std::isnan(x) || std::isnan(y)) return true;  // WKB's empty point
        if (!std::isfinite(x) || !std::isfinite(y)) return true;
        layer_.addVertex(x, y);
        layer_.endRing();
        layer_.endPart();
        ++parts_;
        return true;
    }
    // Reads n points into the layer; returns how many finite ones were kept.
    size_t points(Reader& r, int dims, uint32_t n, bool keep) {
        size_t stride = static_cast<size_t>(dims) * 8;
        if (n > static_cast<size_t>(r.end - r.p) / stride) { r.ok = false; return 0; }
        size_t kept = 0;
        double lastX = NAN, lastY = NAN;
        for (uint32_t i = 0; i < n; ++i) {
            double x, y;
            readXY(r, dims, x, y);
            if (!keep || !std::isfinite(x) || !std::isfinite(y)) continue;
            if (kept > 0 && x == lastX && y == lastY) continue;  // repeated vertex
            layer_.addVertex(x, y);
            lastX = x;
            lastY = y;
            ++kept;
        }
        return kept;
    }
    bool lineString(Reader& r, int dims) {
        uint32_t n = r.u32();
        if (!r.ok) return false;
        bool keep = layer_.kind == GeomKind::Line;
        if (!keep) otherKind_ = true;
        size_t before = layer_.vertexCount();
        size_t kept = points(r, dims, n, keep);
        if (!r.ok) { dropTo(before); return false; }
        if (!keep) return true;
        if (kept < 2) { dropTo(before); return true; }
        layer_.endRing();
        layer_.endPart();
        ++parts_;
        return true;
    }
    bool polygon(Reader& r, int dims) {
        uint32_t rings = r.u32();
        if (!r.ok || rings > static_cast<size_t>(r.end - r.p) / 4) return r.ok = false;
        bool keep = layer_.kind == GeomKind::Polygon;
        if (!keep) otherKind_ = true;
        size_t ringsBefore = layer_.ringCount();
        size_t before = layer_.vertexCount();
        bool outerKept = false;
        for (uint32_t i = 0; i < rings; ++i) {
            uint32_t n = r.u32();
            if (!r.ok) break;
            size_t v0 = layer_.vertexCount();
            size_t kept = points(r, dims, n, keep && (i == 0 || outerKept));
            if (!r.ok) break;
            if (!keep) continue;
            // Store rings open: drop the closing vertex when it repeats the first.
            if (kept >= 2) {
                const double* q = layer_.xy.data();
                size_t last = layer_.vertexCount() - 1;
                if (q[2 * v0] == q[2 * last] && q[2 * v0 + 1] == q[2 * last + 1]) {
                    layer_.xy.resize(layer_.xy.size() - 2);
                    --kept;
                }
            }
            if (kept < 3) {
                dropTo(v0);
                continue;
            }
            if (i == 0) outerKept = true;
            layer_.endRing();
        }
        if (!r.ok) {
            layer_.ringStart.resize(ringsBefore + 1);
            dropTo(before);
            return false;
        }
        if (keep && outerKept) {
            layer_.endPart();
            ++parts_;
        }
        return true;
    }
    void dropTo(size_t vertices) { layer_.xy.resize(2 * vertices); }

    Layer& layer_;
    size_t parts_ = 0;
    bool wrongType_ = false;
    bool otherKind_ = false;
};

// Widens b by every point of a geometry (WKB's empty points, NaN, left out).
bool addBounds(Reader& r, int depth, Bbox& b) {
    if (depth > 32) return r.ok = false;
    r.little = r.byte() == 1;
    TypeInfo t = decodeType(r.u32());
    auto points = [&](uint32_t n) {
        if (n > static_cast<size_t>(r.end - r.p) / (8u * static_cast<unsigned>(t.dims))) return r.ok = false;
        for (uint32_t i = 0; i < n; ++i) {
            double x = r.f64(), y = r.f64();
            for (int d = 2; d < t.dims; ++d) r.f64();
            if (!std::isnan(x) && !std::isnan(y)) b.add(x, y);
        }
        return r.ok;
    };
    if (!r.ok) return false;
    switch (t.base) {
    case 1: return points(1);
    case 2: return points(r.u32());
    case 3: {
        uint32_t rings = r.u32();
        for (uint32_t i = 0; i < rings && r.ok; ++i) points(r.u32());
        return r.ok;
    }
    case 4: case 5: case 6: case 7: {
        uint32_t n = r.u32();
        if (!r.ok || n > static_cast<size_t>(r.end - r.p) / 5) return r.ok = false;
        for (uint32_t i = 0; i < n && r.ok; ++i) addBounds(r, depth + 1, b);
        return r.ok;
    }
    default: return r.ok = false;
    }
}

void putU32(std::string& s, uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }
void putF64(std::string& s, double v) { s.append(reinterpret_cast<const char*>(&v), 8); }

}  // namespace

WkbResult appendWkbFeature(Layer& layer, const uint8_t* wkb, size_t size) {
    if (!wkb || size == 0) return WkbResult::Empty;
    size_t parts0 = layer.partCount(), rings0 = layer.ringCount(), verts0 = layer.vertexCount();
    Reader r{wkb, wkb + size};
    Appender a(layer);
    a.geometry(r, 0);
    auto rollback = [&] {
        layer.partStart.resize(parts0 + 1);
        layer.ringStart.resize(rings0 + 1);
        layer.xy.resize(2 * verts0);
    };
    if (!r.ok && !a.wrongType()) { rollback(); return WkbResult::Malformed; }
    if (a.wrongType()) { rollback(); return WkbResult::WrongType; }
    if (!a.addedAny()) {
        rollback();
        return a.sawOtherKind() ? WkbResult::WrongType : WkbResult::Empty;
    }
    layer.endFeature();
    return WkbResult::Added;
}

const uint8_t* gpkgBlobWkb(const uint8_t* blob, size_t size, size_t* wkbSize) {
    if (size < 8 || blob[0] != 'G' || blob[1] != 'P') return nullptr;
    uint8_t flags = blob[3];
    int envelope = (flags >> 1) & 7;
    static constexpr size_t envelopeBytes[] = {0, 32, 48, 48, 64, 0, 0, 0};
    if (envelope > 4) return nullptr;
    size_t header = 8 + envelopeBytes[envelope];
    if (size < header) return nullptr;
    *wkbSize = size - header;
    return blob + header;
}

bool gpkgBlobBounds(const uint8_t* blob, size_t size, Bbox& out) {
    size_t wkbSize = 0;
    const uint8_t* wkb = gpkgBlobWkb(blob, size, &wkbSize);
    if (!wkb || (blob[3] & 0x10)) return false;  // not a GeoPackage blob, or flagged empty
    Bbox b;
    if ((blob[3] >> 1) & 7) {
        // The header's envelope: min x, max x, min y, max y, in the blob's byte order.
        Reader r{blob + 8, wkb, (blob[3] & 1) != 0};
        double minX = r.f64(), maxX = r.f64(), minY = r.f64(), maxY = r.f64();
        if (!r.ok || !(minX <= maxX && minY <= maxY)) return false;
        b.add(minX, minY);
        b.add(maxX, maxY);
    } else {
        Reader r{wkb, wkb + wkbSize};
        if (!addBounds(r, 0, b)) return false;
    }
    if (b.isEmpty()) return false;
    out = b;
    return true;
}

std::string gpkgBlobFromFeature(const Layer& layer, size_t feature, int srsId) {
    std::string s;
    Bbox b = layer.featureBbox(feature);
    s += "GP";
    s += '\0';
    s += static_cast<char>(0x01 | (1 << 1));  // little endian, xy envelope
    putU32(s, static_cast<uint32_t>(srsId));
    putF64(s, b.minX); putF64(s, b.maxX); putF64(s, b.minY); putF64(s, b.maxY);
    size_t p0 = layer.featureStart[feature], p1 = layer.featureStart[feature + 1];
    uint32_t nParts = static_cast<uint32_t>(p1 - p0);
    uint32_t multiType = layer.kind == GeomKind::Point ? 4 : layer.kind == GeomKind::Line ? 5 : 6;
    s += '\x01';
    putU32(s, multiType);
    putU32(s, nParts);
    for (size_t p = p0; p < p1; ++p) {
        s += '\x01';
        putU32(s, multiType - 3);
        size_t r0 = layer.partStart[p], r1 = layer.partStart[p + 1];
        auto ringOut = [&](size_t r, bool close) {
            size_t a = layer.ringStart[r], e = layer.ringStart[r + 1];
            putU32(s, static_cast<uint32_t>(e - a + (close ? 1 : 0)));
            for (size_t v = a; v < e; ++v) { putF64(s, layer.xy[2 * v]); putF64(s, layer.xy[2 * v + 1]); }
            if (close) { putF64(s, layer.xy[2 * a]); putF64(s, layer.xy[2 * a + 1]); }
        };
        if (layer.kind == GeomKind::Point) {
            size_t v = layer.ringStart[r0];
            putF64(s, layer.xy[2 * v]);
            putF64(s, layer.xy[2 * v + 1]);
        } else if (layer.kind == GeomKind::Line) {
            ringOut(r0, false);
        } else {
            putU32(s, static_cast<uint32_t>(r1 - r0));
            for (size_t r = r0; r < r1; ++r) ringOut(r, true);
        }
    }
    return s;
}

std::string gpkgPointBlob(double x, double y, int srsId) {
    std::string s = "GP";
    s += '\0';
    s += '\x01';  // little endian, no envelope
    putU32(s, static_cast<uint32_t>(srsId));
    s += '\x01';
    putU32(s, 1);
    putF64(s, x);
    putF64(s, y);
    return s;
}

}  // namespace geo
