// Colours and widths of the map, shared by the renderer, the legend and the render tests.
#pragma once
#include <array>
#include <cstdint>

#include "geo/io/road_class.hpp"

namespace app {

struct Rgba { uint8_t r, g, b, a; };
constexpr uint32_t packRgba(Rgba c) {  // as ImGui's IM_COL32 (R in the low byte)
    return uint32_t(c.r) | uint32_t(c.g) << 8 | uint32_t(c.b) << 16 | uint32_t(c.a) << 24;
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
}  // namespace style

}  // namespace app
