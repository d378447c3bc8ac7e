// Colours and widths of the map, shared by the renderer, the legend and the render tests.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "geo/io/road_class.hpp"

namespace app {

struct Rgba { uint8_t r, g, b, a; };
constexpr uint32_t packRgba(Rgba c) {  // as ImGui's IM_COL32 (R in the low byte)
    return uint32_t(c.r) | uint32_t(c.g) << 8 | uint32_t(c.b) << 16 | uint32_t(c.a) << 24;
}
constexpr Rgba unpackRgba(uint32_t c) {  // packRgba's inverse
    return {static_cast<uint8_t>(c & 0xff), static_cast<uint8_t>((c >> 8) & 0xff), static_cast<uint8_t>((c >> 16) & 0xff),
            static_cast<uint8_t>(c >> 24)};
}

struct LineStyle {
    Rgba fill;
    Rgba casing;
    float widthPx;        // logical pixels at the reference zoom
    float casingPx;       // extra width of the casing on each side (0: none)
};

namespace style {
constexpr Rgba kBackground{226, 229, 231, 255};    // outside the township
constexpr Rgba kTownshipFill{250, 248, 242, 255};  // inside, where no district covers
constexpr std::array<Rgba, 8> kDistrictFills{{
    {246, 227, 197, 255}, {214, 234, 207, 255}, {208, 226, 242, 255}, {235, 218, 240, 255},
    {248, 214, 212, 255}, {232, 235, 196, 255}, {205, 236, 232, 255}, {242, 226, 214, 255}}};
constexpr LineStyle kDistrictOutline{{128, 112, 140, 255}, {0, 0, 0, 0}, 1.3f, 0};
constexpr LineStyle kBoundary{{150, 38, 60, 255}, {226, 180, 190, 255}, 2.6f, 3.0f};
constexpr Rgba kVillageFill{225, 205, 180, 200};
constexpr LineStyle kVillageOutline{{150, 120, 90, 255}, {0, 0, 0, 0}, 1.0f, 0};
constexpr LineStyle kVillageDot{{60, 60, 66, 255}, {255, 255, 255, 255}, 6.0f, 1.5f};
// By geo::RoadClass: expressway, national, provincial, county, township, village, track, other.
constexpr std::array<LineStyle, geo::kRoadClassCount> kRoads{{
    {{232, 128, 48, 255}, {160, 80, 20, 255}, 5.0f, 1.0f},
    {{246, 190, 70, 255}, {170, 120, 30, 255}, 4.2f, 1.0f},
    {{250, 222, 120, 255}, {176, 150, 70, 255}, 3.6f, 0.9f},
    {{255, 255, 255, 255}, {140, 140, 140, 255}, 3.0f, 0.8f},
    {{255, 255, 255, 255}, {165, 165, 165, 255}, 2.4f, 0.7f},
    {{255, 255, 255, 255}, {180, 180, 180, 255}, 1.7f, 0.6f},
    {{170, 140, 105, 255}, {0, 0, 0, 0}, 1.1f, 0},
    {{255, 255, 255, 255}, {185, 185, 185, 255}, 1.2f, 0.5f}}};
// Marks drawn over the map (GUI, briefing and snapshots alike).
constexpr Rgba kCheckpoint{200, 30, 30, 255};   // checkpoint symbols on printed maps
constexpr Rgba kClosure{200, 30, 30, 255};      // the closure's barred bar
constexpr Rgba kOpenEntry{222, 0, 140, 255};    // an unguarded entry: magenta, unlike roads, ramp and checkpoints
constexpr Rgba kLabelText{20, 20, 60, 255};
// Over a basemap the area fills only tint it (this share of their opacity), so bridges and
// village gates stay visible.
constexpr float kFillOverBasemap = 0.25f;
}  // namespace style

// Line mesh styles after the road classes (geo::RoadClass is 0..7).
constexpr uint8_t kStyleDistrictOutline = 8;
constexpr uint8_t kStyleBoundary = 9;
constexpr uint8_t kStyleVillageOutline = 10;
constexpr uint8_t kStyleVillageDot = 11;
constexpr int kLineStyles = 12;

// Line widths grow gently as one zooms in, so classes stay apart at every zoom.
inline float zoomGain(double unitsPerPixel, float pixelScale) {
    const double logicalUnits = unitsPerPixel * pixelScale;  // metres per logical pixel
    return static_cast<float>(std::clamp(std::pow(12.0 / std::max(logicalUnits, 1e-6), 0.3), 0.55, 2.6));
}

// Half widths in physical pixels (0: not drawn) and colours of every line style, for the casing
// pass or the fill pass: what the GL renderer and the CPU rasteriser both draw with.
struct LineStyleTable {
    std::array<float, 16> halfWidth{};
    std::array<Rgba, 16> color{};
};
inline LineStyleTable lineStyleTable(bool casing, double unitsPerPixel, float pixelScale, bool dense = false) {
    LineStyleTable t;
    const float gain = zoomGain(unitsPerPixel, pixelScale);
    auto set = [&](size_t s, const LineStyle& st, float scale) {
        const float w = casing ? (st.casingPx > 0 ? st.widthPx + 2 * st.casingPx : 0) : st.widthPx;
        t.halfWidth[s] = 0.5f * w * scale;
        t.color[s] = casing ? st.casing : st.fill;
    };
    for (size_t c = 0; c < geo::kRoadClassCount; ++c) {
        set(c, style::kRoads[c], pixelScale * gain);
        // In a crowded view a thin road's casing is a fraction of a pixel: not worth its triangles.
        if (casing && dense && style::kRoads[c].widthPx * pixelScale * gain < 2.5f) t.halfWidth[c] = 0;
    }
    set(kStyleDistrictOutline, style::kDistrictOutline, pixelScale);
    set(kStyleBoundary, style::kBoundary, pixelScale * std::sqrt(gain));
    set(kStyleVillageOutline, style::kVillageOutline, pixelScale);
    set(kStyleVillageDot, style::kVillageDot, pixelScale * std::sqrt(gain));
    return t;
}

}  // namespace app
