// CPU map drawing: polygon fills through AGG's scanline rasteriser, thick lines as the union of
// capsules with the line shader's coverage (half width + 0.5 - distance), in the GL path's order.
#include "app/map_raster.hpp"

#include <agg_pixfmt_rgb.h>
#include <agg_rasterizer_scanline_aa.h>
#include <agg_renderer_base.h>
#include <agg_renderer_scanline.h>
#include <agg_rendering_buffer.h>
#include <agg_scanline_u.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "app/map_meshes.hpp"
#include "app/map_style.hpp"

namespace app {
namespace {

using PixelFormat = agg::pixfmt_rgb24;

// src over dst with alpha a in 0..1, rounded as an 8-bit framebuffer rounds.
inline uint8_t over(uint8_t dst, uint8_t src, float a) {
    return static_cast<uint8_t>(static_cast<float>(dst) + (static_cast<float>(src) - static_cast<float>(dst)) * a + 0.5f);
}

}  // namespace

MapRaster::MapRaster(const MapData& data, const geo::MapTransform& transform, float pixelScale, const geo::Layer* choropleth,
                     const std::vector<uint32_t>* choroplethColors)
    : transform_(transform), pixelScale_(pixelScale) {
    mapMeshOrigin(data, originX_, originY_);
    auto addFill = [&](const geo::Layer* layer, std::vector<uint32_t> colors, bool tintsBasemap = true) {
        if (layer && layer->kind == geo::GeomKind::Polygon && layer->featureCount() > 0 && !colors.empty())
            fills_.push_back({layer, std::move(colors), tintsBasemap});
    };
    addFill(data.boundary, {packRgba(style::kTownshipFill)});
    addFill(data.districts, districtFillColors(data.districts));
    addFill(data.villages, {packRgba(style::kVillageFill)});
    if (choropleth && choroplethColors) {
        // Features without a colour of their own (fewer colours than areas) are not drawn.
        std::vector<uint32_t> colors(choropleth->featureCount(), 0);
        for (size_t i = 0; i < colors.size() && i < choroplethColors->size(); ++i) colors[i] = (*choroplethColors)[i];
        addFill(choropleth, std::move(colors), false);
    }
    std::vector<geo::LineLod> levels = buildRoadLevels(data, originX_, originY_);
    roadsInFull_ = needsFullRoads(data, levels);
    const int level = pickRoadLevel(levels.size(), [&](size_t i) { return levels[i].gridMetres; },
                                    transform.metresPerPixel, roadsInFull_);
    if (level >= 0) roads_ = std::move(levels[static_cast<size_t>(level)].mesh);
    levels.clear();
    full_ = buildFullLines(data, originX_, originY_, roadsInFull_ || level < 0);
    roadsInFull_ = roadsInFull_ || level < 0;
}

void MapRaster::drawFill(const RgbBand& band, const Fill& fill) const {
    agg::rendering_buffer buffer(band.pixels, static_cast<unsigned>(band.width), static_cast<unsigned>(band.height),
                                 static_cast<int>(band.stride));
    PixelFormat pixels(buffer);
    agg::renderer_base<PixelFormat> renderer(pixels);
    agg::rasterizer_scanline_aa<> rasteriser;
    agg::scanline_u8 scanline;
    rasteriser.clip_box(0, 0, band.width, band.height);
    rasteriser.filling_rule(agg::fill_even_odd);  // holes stay open
    const geo::Layer& l = *fill.layer;
    const double bandTop = transform_.toMetresY(band.y0), bandBottom = transform_.toMetresY(band.y0 + band.height);
    for (size_t f = 0; f < l.featureCount(); ++f) {
        Rgba c = unpackRgba(fill.colors[f % fill.colors.size()]);
        if (c.a == 0) continue;
        if (fill.tintsBasemap && !basemap_.isEmpty())
            c.a = static_cast<uint8_t>(static_cast<float>(c.a) * style::kFillOverBasemap + 0.5f);
        const geo::Bbox box = l.featureBbox(f);
        if (box.isEmpty() || box.minY > bandTop || box.maxY < bandBottom) continue;
        rasteriser.reset();
        for (uint32_t p = l.featureStart[f]; p < l.featureStart[f + 1]; ++p)
            for (uint32_t r = l.partStart[p]; r < l.partStart[p + 1]; ++r) {
                for (uint32_t v = l.ringStart[r]; v < l.ringStart[r + 1]; ++v) {
                    const double x = transform_.toPixelX(l.xy[2 * v]);
                    const double y = transform_.toPixelY(l.xy[2 * v + 1]) - band.y0;
                    if (v == l.ringStart[r]) rasteriser.move_to_d(x, y);
                    else rasteriser.line_to_d(x, y);
                }
                rasteriser.close_polygon();
            }
        agg::render_scanlines_aa_solid(rasteriser, scanline, renderer, agg::rgba8(c.r, c.g, c.b, c.a));
    }
}

uint64_t MapRaster::drawLines(const RgbBand& band, const geo::LineMesh& mesh, int style, float halfWidth,
                              uint32_t color) const {
    if (halfWidth <= 0 || mesh.cellStart.empty() || mesh.extent.isEmpty()) return 0;
    constexpr int G = geo::LineMesh::kGrid;
    const double mpp = transform_.metresPerPixel;
    // Grid rows that may reach the band: a segment lies within maxSegmentLength of its cell.
    const double margin = mesh.maxSegmentLength + (halfWidth + 2) * mpp;
    const double yTop = transform_.toMetresY(band.y0) - originY_ + margin;
    const double yBottom = transform_.toMetresY(band.y0 + band.height) - originY_ - margin;
    const geo::Bbox& e = mesh.extent;
    auto cellRow = [&](double y) { return geo::LineMesh::gridCell(y, e.minY, e.height()); };
    const int row0 = std::max(0, cellRow(yBottom)), row1 = std::min(G - 1, cellRow(yTop));
    if (row1 < row0) return 0;
    const uint32_t* cells = &mesh.cellStart[static_cast<size_t>(style) * geo::LineMesh::kCells];
    const uint32_t first = cells[row0 * G], end = cells[(row1 + 1) * G];
    const Rgba c = unpackRgba(color);
    const float alpha = c.a / 255.0f;
    const float scale = static_cast<float>(1.0 / mpp);
    const float offX = static_cast<float>((originX_ - transform_.originX) / mpp);
    // Page coordinates, not the band's: a pixel gets the same coverage however the page is cut.
    const float offY = static_cast<float>((transform_.originY - originY_) / mpp);
    const int bandEnd = band.y0 + band.height;
    const float reach = halfWidth + 0.5f;  // the quad's half width in the shader
    const float reach2 = reach * reach;
    const float inner2 = halfWidth >= 0.5f ? (halfWidth - 0.5f) * (halfWidth - 0.5f) : -1.0f;
    uint64_t drawn = 0;
    for (uint32_t i = first; i < end; ++i) {
        const float* s = &mesh.segments[4 * static_cast<size_t>(i)];
        const float ax = s[0] * scale + offX, ay = offY - s[1] * scale;
        const float bx = s[2] * scale + offX, by = offY - s[3] * scale;
        const int yLo = std::max(band.y0, static_cast<int>(std::floor(std::min(ay, by) - reach)));
        const int yHi = std::min(bandEnd - 1, static_cast<int>(std::ceil(std::max(ay, by) + reach)));
        if (yHi < yLo) continue;
        ++drawn;
        const float dx = bx - ax, dy = by - ay;
        const float l2 = dx * dx + dy * dy, len = std::sqrt(l2), invL2 = l2 > 0 ? 1 / l2 : 0;
        const float boxLo = std::min(ax, bx) - reach, boxHi = std::max(ax, bx) + reach;
        for (int y = yLo; y <= yHi; ++y) {
            const float yc = static_cast<float>(y) + 0.5f;
            float lo = boxLo, hi = boxHi;
            if (std::abs(dy) > 1e-3f * len) {  // the slab of the line through the segment at this row
                const float xl = ax + (yc - ay) * dx / dy, half = reach * len / std::abs(dy) + 0.01f;
                lo = std::max(lo, xl - half);
                hi = std::min(hi, xl + half);
            }
            const int x0 = std::max(0, static_cast<int>(std::ceil(lo - 0.5f)));
            const int x1 = std::min(band.width - 1, static_cast<int>(std::floor(hi - 0.5f)));
            if (x1 < x0) continue;
            uint8_t* px = band.pixels + static_cast<std::ptrdiff_t>(y - band.y0) * band.stride + 3 * x0;
            for (int x = x0; x <= x1; ++x, px += 3) {
                const float xc = static_cast<float>(x) + 0.5f;
                const float t = std::clamp(((xc - ax) * dx + (yc - ay) * dy) * invL2, 0.0f, 1.0f);
                const float ex = xc - (ax + t * dx), ey = yc - (ay + t * dy);
                const float d2 = ex * ex + ey * ey;
                if (d2 >= reach2) continue;
                // Inside by half a pixel or more: full coverage without the square root.
                const float coverage = d2 <= inner2 ? 1.0f : std::min(1.0f, reach - std::sqrt(d2));
                if (coverage <= 0) continue;
                const float a = alpha * coverage;
                px[0] = over(px[0], c.r, a);
                px[1] = over(px[1], c.g, a);
                px[2] = over(px[2], c.b, a);
            }
        }
    }
    return drawn;
}

void MapRaster::setBasemap(geo::RgbaImage picture, const geo::Rect& frame) {
    basemap_ = std::move(picture);
    basemapFrame_ = frame;
}

void MapRaster::drawBasemap(const RgbBand& band) const {
    if (basemap_.isEmpty() || basemapFrame_.isEmpty()) return;
    // Nearest sampling, pixel centre to picture texel, as the GL path samples its texture.
    const geo::Rect& f = basemapFrame_;
    const double sx = basemap_.width / f.w, sy = basemap_.height / f.h;
    const int x0 = std::max(0, static_cast<int>(std::ceil(f.x - 0.5)));
    const int x1 = std::min(band.width, static_cast<int>(std::ceil(f.right() - 0.5)));
    const int y0 = std::max(band.y0, static_cast<int>(std::ceil(f.y - 0.5)));
    const int y1 = std::min(band.y0 + band.height, static_cast<int>(std::ceil(f.bottom() - 0.5)));
    for (int y = y0; y < y1; ++y) {
        const int py = std::clamp(static_cast<int>((y + 0.5 - f.y) * sy), 0, basemap_.height - 1);
        const uint8_t* src = basemap_.pixels.data() + static_cast<size_t>(py) * static_cast<size_t>(basemap_.width) * 4;
        uint8_t* dst = band.pixels + static_cast<std::ptrdiff_t>(y - band.y0) * band.stride;
        for (int x = x0; x < x1; ++x) {
            const int px = std::clamp(static_cast<int>((x + 0.5 - f.x) * sx), 0, basemap_.width - 1);
            const uint8_t* s = src + 4 * static_cast<size_t>(px);
            if (s[3] == 0) continue;
            const float a = static_cast<float>(s[3]) / 255.0f;
            for (int c = 0; c < 3; ++c) dst[3 * x + c] = over(dst[3 * x + c], s[c], a);
        }
    }
}

uint64_t MapRaster::drawBand(const RgbBand& band) const {
    for (int x = 0; x < band.width; ++x) {
        band.pixels[3 * x] = style::kBackground.r;
        band.pixels[3 * x + 1] = style::kBackground.g;
        band.pixels[3 * x + 2] = style::kBackground.b;
    }
    for (int y = 1; y < band.height; ++y)
        std::memcpy(band.pixels + static_cast<std::ptrdiff_t>(y) * band.stride, band.pixels, static_cast<size_t>(band.width) * 3);
    drawBasemap(band);
    for (const Fill& fill : fills_) drawFill(band, fill);
    const double upp = transform_.metresPerPixel;
    const LineStyleTable fills = lineStyleTable(false, upp, pixelScale_);
    const LineStyleTable casings = lineStyleTable(true, upp, pixelScale_);
    uint64_t drawn = 0;
    auto lines = [&](const LineStyleTable& table, int s) {
        const geo::LineMesh& mesh = s < static_cast<int>(geo::kRoadClassCount) && !roadsInFull_ ? roads_ : full_;
        const auto i = static_cast<size_t>(s);
        drawn += drawLines(band, mesh, s, table.halfWidth[i], packRgba(table.color[i]));
    };
    lines(fills, kStyleDistrictOutline);
    lines(fills, kStyleVillageOutline);
    lines(casings, kStyleBoundary);
    lines(fills, kStyleBoundary);
    // Roads: every casing under every fill, minor classes first so major ones lie on top.
    constexpr int kRoads = static_cast<int>(geo::kRoadClassCount);
    for (int s = kRoads - 1; s >= 0; --s) lines(casings, s);
    for (int s = kRoads - 1; s >= 0; --s) lines(fills, s);
    lines(casings, kStyleVillageDot);
    lines(fills, kStyleVillageDot);
    return drawn;
}

}  // namespace app
