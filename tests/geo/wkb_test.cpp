// WKB parsing: both byte orders, Z/M dropped, GeoPackage blobs round-trip, truncation refused.
#include <cstring>
#include <doctest/doctest.h>
#include <string>

#include "geo/io/wkb.hpp"

namespace {
void putU32(std::string& s, uint32_t v, bool big) {
    for (int i = 0; i < 4; ++i) s += static_cast<char>(big ? (v >> (8 * (3 - i))) & 0xff : (v >> (8 * i)) & 0xff);
}
void putF64(std::string& s, double d, bool big) {
    uint64_t v;
    std::memcpy(&v, &d, 8);
    for (int i = 0; i < 8; ++i) s += static_cast<char>(big ? (v >> (8 * (7 - i))) & 0xff : (v >> (8 * i)) & 0xff);
}
// LineString (ISO Z when hasZ) of n points (i, 2i[, 99]).
std::string lineWkb(bool big, bool hasZ, uint32_t n) {
    std::string s(1, big ? '\0' : '\1');
    putU32(s, hasZ ? 1002 : 2, big);
    putU32(s, n, big);
    for (uint32_t i = 0; i < n; ++i) {
        putF64(s, i, big);
        putF64(s, 2.0 * i, big);
        if (hasZ) putF64(s, 99, big);
    }
    return s;
}
const uint8_t* bytesOf(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }
}  // namespace

TEST_CASE("big- and little-endian WKB give the same vertices, Z dropped") {
    for (bool big : {false, true}) {
        for (bool hasZ : {false, true}) {
            geo::Layer l;
            l.kind = geo::GeomKind::Line;
            std::string w = lineWkb(big, hasZ, 3);
            REQUIRE(geo::appendWkbFeature(l, bytesOf(w), w.size()) == geo::WkbResult::Added);
            REQUIRE(l.vertexCount() == 3);
            CHECK(l.xy[4] == 2.0);
            CHECK(l.xy[5] == 4.0);
        }
    }
}

TEST_CASE("a truncated or lying WKB is refused and leaves the layer as it was") {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    std::string w = lineWkb(true, false, 4);
    CHECK(geo::appendWkbFeature(l, bytesOf(w), w.size() - 3) == geo::WkbResult::Malformed);
    std::string lying = lineWkb(false, false, 2);
    lying[5] = '\x7f';  // claims far more points than the bytes hold
    CHECK(geo::appendWkbFeature(l, bytesOf(lying), lying.size()) == geo::WkbResult::Malformed);
    CHECK(l.featureCount() == 0);
    CHECK(l.vertexCount() == 0);
}

TEST_CASE("a feature written as a GeoPackage blob reads back the same") {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    std::string w = lineWkb(false, false, 5);
    REQUIRE(geo::appendWkbFeature(l, bytesOf(w), w.size()) == geo::WkbResult::Added);
    std::string blob = geo::gpkgBlobFromFeature(l, 0, 4546);
    size_t size = 0;
    const uint8_t* inner = geo::gpkgBlobWkb(bytesOf(blob), blob.size(), &size);
    REQUIRE(inner != nullptr);
    geo::Layer back;
    back.kind = geo::GeomKind::Line;
    REQUIRE(geo::appendWkbFeature(back, inner, size) == geo::WkbResult::Added);
    CHECK(back.xy == l.xy);
}
