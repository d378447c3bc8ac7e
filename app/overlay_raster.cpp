// A small triangle rasteriser for ImGui's draw lists: edge functions at pixel centres with a
// tie rule so that triangles sharing an edge cover each of its pixels once, barycentric colour
// and UV, bilinear texture reads, and "source alpha over" blending into RGB.
#include "app/overlay_raster.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "app/map_style.hpp"

namespace app {
namespace {

struct Colour {
    float r, g, b, a;  // 0..255
};

Colour unpack(ImU32 c) {
    const Rgba u = unpackRgba(c);
    return {static_cast<float>(u.r), static_cast<float>(u.g), static_cast<float>(u.b), static_cast<float>(u.a)};
}

Colour texel(const RgbaTexture& t, int x, int y) {
    x = std::clamp(x, 0, t.width - 1);
    y = std::clamp(y, 0, t.height - 1);
    const uint8_t* p = t.pixels + (static_cast<size_t>(y) * static_cast<size_t>(t.width) + static_cast<size_t>(x)) * 4;
    return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2]), static_cast<float>(p[3])};
}

// GL_LINEAR with clamping to the edge, as the backend sets the atlas up.
Colour sample(const RgbaTexture& t, float u, float v) {
    const float x = u * static_cast<float>(t.width) - 0.5f, y = v * static_cast<float>(t.height) - 0.5f;
    const float fx = std::floor(x), fy = std::floor(y);
    const int ix = static_cast<int>(fx), iy = static_cast<int>(fy);
    const float ax = x - fx, ay = y - fy;
    const Colour c00 = texel(t, ix, iy), c10 = texel(t, ix + 1, iy), c01 = texel(t, ix, iy + 1), c11 = texel(t, ix + 1, iy + 1);
    auto mix = [&](float a, float b, float c, float d) {
        return (a * (1 - ax) + b * ax) * (1 - ay) + (c * (1 - ax) + d * ax) * ay;
    };
    return {mix(c00.r, c10.r, c01.r, c11.r), mix(c00.g, c10.g, c01.g, c11.g), mix(c00.b, c10.b, c01.b, c11.b),
            mix(c00.a, c10.a, c01.a, c11.a)};
}

inline void blend(uint8_t* px, const Colour& c) {
    const float a = c.a / 255.0f;
    if (a <= 0) return;
    px[0] = static_cast<uint8_t>(std::clamp(c.r * a + px[0] * (1 - a) + 0.5f, 0.0f, 255.0f));
    px[1] = static_cast<uint8_t>(std::clamp(c.g * a + px[1] * (1 - a) + 0.5f, 0.0f, 255.0f));
    px[2] = static_cast<uint8_t>(std::clamp(c.b * a + px[2] * (1 - a) + 0.5f, 0.0f, 255.0f));
}

struct ClipBox {
    int x0, y0, x1, y1;  // page pixels within the band, half open
};

// One edge a->b of a triangle oriented so that inside is positive.
struct Edge {
    float a, b, c;       // w(x, y) = a x + b y + c
    bool takesTies;      // a pixel centre exactly on the edge belongs to this triangle
    Edge(const ImVec2& p, const ImVec2& q) {
        a = p.y - q.y;
        b = q.x - p.x;
        c = p.x * q.y - p.y * q.x;
        // (a, b) points inside: of two triangles sharing the edge exactly one takes its pixels.
        takesTies = a > 0 || (a == 0 && b > 0);
    }
    bool covers(float w) const { return w > 0 || (w == 0 && takesTies); }
};

void drawTriangle(const ImDrawVert& v0, const ImDrawVert& v1In, const ImDrawVert& v2In, const RgbaTexture& texture,
                  const RgbBand& band, const ClipBox& clip) {
    const float area = (v1In.pos.x - v0.pos.x) * (v2In.pos.y - v0.pos.y) - (v1In.pos.y - v0.pos.y) * (v2In.pos.x - v0.pos.x);
    if (area == 0) return;
    const bool flip = area < 0;
    const ImDrawVert& v1 = flip ? v2In : v1In;
    const ImDrawVert& v2 = flip ? v1In : v2In;
    const float invArea = 1.0f / std::abs(area);
    // Page positions, so that a pixel is drawn the same however the page is cut into bands.
    const ImVec2 p0 = v0.pos, p1 = v1.pos, p2 = v2.pos;
    const int x0 = std::max(clip.x0, static_cast<int>(std::floor(std::min({p0.x, p1.x, p2.x}))));
    const int x1 = std::min(clip.x1, static_cast<int>(std::ceil(std::max({p0.x, p1.x, p2.x}))));
    const int y0 = std::max(clip.y0, static_cast<int>(std::floor(std::min({p0.y, p1.y, p2.y}))));
    const int y1 = std::min(clip.y1, static_cast<int>(std::ceil(std::max({p0.y, p1.y, p2.y}))));
    if (x1 <= x0 || y1 <= y0) return;
    const Edge e0(p1, p2), e1(p2, p0), e2(p0, p1);  // e0 weighs v0, and so on
    const Colour c0 = unpack(v0.col), c1 = unpack(v1.col), c2 = unpack(v2.col);
    const bool isFlat = v0.col == v1.col && v1.col == v2.col && v0.uv.x == v1.uv.x && v1.uv.x == v2.uv.x &&
                        v0.uv.y == v1.uv.y && v1.uv.y == v2.uv.y;
    Colour flat{};
    if (isFlat) {
        const Colour t = sample(texture, v0.uv.x, v0.uv.y);
        flat = {c0.r * t.r / 255, c0.g * t.g / 255, c0.b * t.b / 255, c0.a * t.a / 255};
    }
    // Page panels and boxes: one colour, nothing shows through.
    const bool isOpaque = isFlat && flat.a >= 255;
    const uint8_t opaque[3] = {static_cast<uint8_t>(flat.r + 0.5f), static_cast<uint8_t>(flat.g + 0.5f),
                               static_cast<uint8_t>(flat.b + 0.5f)};
    for (int y = y0; y < y1; ++y) {
        const float yc = static_cast<float>(y) + 0.5f;
        uint8_t* row = band.pixels + static_cast<std::ptrdiff_t>(y - band.y0) * band.stride;
        for (int x = x0; x < x1; ++x) {
            const float xc = static_cast<float>(x) + 0.5f;
            const float w0 = e0.a * xc + e0.b * yc + e0.c, w1 = e1.a * xc + e1.b * yc + e1.c, w2 = e2.a * xc + e2.b * yc + e2.c;
            if (!e0.covers(w0) || !e1.covers(w1) || !e2.covers(w2)) continue;
            if (isFlat) {
                if (isOpaque) std::memcpy(row + 3 * x, opaque, 3);
                else blend(row + 3 * x, flat);
                continue;
            }
            const float l0 = w0 * invArea, l1 = w1 * invArea, l2 = w2 * invArea;
            const Colour t = sample(texture, l0 * v0.uv.x + l1 * v1.uv.x + l2 * v2.uv.x, l0 * v0.uv.y + l1 * v1.uv.y + l2 * v2.uv.y);
            const Colour c{(l0 * c0.r + l1 * c1.r + l2 * c2.r) * t.r / 255, (l0 * c0.g + l1 * c1.g + l2 * c2.g) * t.g / 255,
                           (l0 * c0.b + l1 * c1.b + l2 * c2.b) * t.b / 255, (l0 * c0.a + l1 * c1.a + l2 * c2.a) * t.a / 255};
            blend(row + 3 * x, c);
        }
    }
}

}  // namespace

void rasteriseDrawData(const ImDrawData& drawData, const RgbaTexture& texture, const RgbBand& band) {
    for (int n = 0; n < drawData.CmdListsCount; ++n) {
        const ImDrawList& list = *drawData.CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) continue;  // the page overlay sets none
            const ImVec4 r = cmd.ClipRect;
            ClipBox clip{std::max(0, static_cast<int>(std::floor(r.x))), std::max(band.y0, static_cast<int>(std::floor(r.y))),
                         std::min(band.width, static_cast<int>(std::ceil(r.z))),
                         std::min(band.y0 + band.height, static_cast<int>(std::ceil(r.w)))};
            if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0) continue;
            const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3)
                drawTriangle(vtx[idx[i]], vtx[idx[i + 1]], vtx[idx[i + 2]], texture, band, clip);
        }
    }
}

}  // namespace app
