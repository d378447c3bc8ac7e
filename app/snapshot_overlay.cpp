// Page furniture with ImGui draw lists, sized from the layout so it scales with resolution.
#include "app/snapshot_overlay.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <filesystem>

#include "app/fonts.hpp"
#include "app/map_renderer.hpp"
#include "app/snapshot_data.hpp"

namespace app {
namespace {

ImU32 rgba(Rgba c) { return packRgba(c); }

struct Palette {
    ImU32 page, text, muted, rule, boxFill, boxEdge, cardFill, cardValue, alert, halo;
};

}  // namespace

void drawCheckpointSymbol(ImDrawList& dl, float x, float y, geo::CheckpointKind kind, unsigned fill, float r,
                          float outlineWidth) {
    const ImU32 outline = IM_COL32(255, 255, 255, 255);
    const ImVec2 p(x, y);
    const float bar = outlineWidth * 4 / 3;
    switch (kind) {
    case geo::CheckpointKind::TownshipEntry:
        dl.AddRectFilled(ImVec2(x - r, y - r), ImVec2(x + r, y + r), fill);
        dl.AddRect(ImVec2(x - r, y - r), ImVec2(x + r, y + r), outline, 0, 0, outlineWidth);
        break;
    case geo::CheckpointKind::VillageGate:
        dl.AddTriangleFilled(ImVec2(x, y - r * 1.2f), ImVec2(x - r * 1.1f, y + r * 0.8f), ImVec2(x + r * 1.1f, y + r * 0.8f), fill);
        dl.AddTriangle(ImVec2(x, y - r * 1.2f), ImVec2(x - r * 1.1f, y + r * 0.8f), ImVec2(x + r * 1.1f, y + r * 0.8f), outline,
                       outlineWidth);
        break;
    case geo::CheckpointKind::HealthStation:
        dl.AddCircleFilled(p, r, fill);
        dl.AddLine(ImVec2(x - r * 0.6f, y), ImVec2(x + r * 0.6f, y), outline, bar);
        dl.AddLine(ImVec2(x, y - r * 0.6f), ImVec2(x, y + r * 0.6f), outline, bar);
        break;
    case geo::CheckpointKind::RoadClosure:
        dl.AddRectFilled(ImVec2(x - r * 1.3f, y - r * 0.5f), ImVec2(x + r * 1.3f, y + r * 0.5f), IM_COL32(200, 30, 30, 255));
        dl.AddLine(ImVec2(x - r * 0.4f, y - r * 0.5f), ImVec2(x + r * 0.2f, y + r * 0.5f), outline, bar);
        dl.AddLine(ImVec2(x + r * 0.6f, y - r * 0.5f), ImVec2(x + r * 1.2f, y + r * 0.5f), outline, bar);
        break;
    case geo::CheckpointKind::RoadCheckpoint:
        dl.AddCircleFilled(p, r, fill);
        dl.AddCircle(p, r, outline, 0, outlineWidth);
        break;
    }
}

Rgba overlayPageColour(geo::LayoutStyle style) {
    return style == geo::LayoutStyle::Briefing ? Rgba{24, 33, 43, 255} : Rgba{255, 255, 255, 255};
}

namespace {

Palette palette(geo::LayoutStyle style) {
    if (style == geo::LayoutStyle::Briefing)
        return {IM_COL32(24, 33, 43, 255), IM_COL32(245, 247, 250, 255), IM_COL32(170, 184, 198, 255),
                IM_COL32(80, 96, 112, 255), IM_COL32(33, 45, 58, 255), IM_COL32(60, 76, 92, 255),
                IM_COL32(38, 52, 67, 255), IM_COL32(255, 255, 255, 255), IM_COL32(255, 120, 96, 255),
                IM_COL32(255, 255, 255, 210)};
    return {IM_COL32(255, 255, 255, 255), IM_COL32(26, 26, 26, 255), IM_COL32(90, 90, 90, 255),
            IM_COL32(60, 60, 60, 255), IM_COL32(255, 255, 255, 255), IM_COL32(170, 170, 170, 255),
            IM_COL32(246, 246, 243, 255), IM_COL32(20, 20, 20, 255), IM_COL32(192, 40, 30, 255),
            IM_COL32(255, 255, 255, 210)};
}

ImVec2 textSize(const ImFont* font, float size, const std::string& s) {
    return font->CalcTextSizeA(size, FLT_MAX, 0, s.c_str());
}

void text(ImDrawList& dl, ImFont* font, double size, double x, double y, ImU32 colour, const std::string& s) {
    dl.AddText(font, static_cast<float>(size), ImVec2(static_cast<float>(x), static_cast<float>(y)), colour, s.c_str());
}

// Text with a light halo so it reads over roads.
void haloText(ImDrawList& dl, ImFont* font, double size, double x, double y, ImU32 colour, ImU32 halo,
              const std::string& s) {
    const double d = std::max(1.0, size / 14);
    for (int dx = -1; dx <= 1; ++dx)
        for (int dy = -1; dy <= 1; ++dy)
            if (dx || dy) text(dl, font, size, x + dx * d, y + dy * d, halo, s);
    text(dl, font, size, x, y, colour, s);
}

ImVec2 v(double x, double y) { return ImVec2(static_cast<float>(x), static_cast<float>(y)); }

struct LegendEntry {
    enum Kind { Line, Area, Dot, Marker } kind;
    std::string label;
    ImU32 fill, edge;
    double widthPx, edgePx;
};

std::vector<LegendEntry> legendEntries(const SnapshotData& d, const geo::PageLayout& l, double metresPerPixel) {
    const auto scale = static_cast<float>(snapshotPixelScale(l));
    std::vector<LegendEntry> out;
    auto lineEntry = [&](std::string label, const LineStyle& s, double width) {
        out.push_back({LegendEntry::Line, std::move(label), rgba(s.fill), s.casingPx > 0 ? rgba(s.casing) : 0u, width,
                       width + 2 * s.casingPx * scale});
    };
    if (d.boundary.featureCount() > 0) lineEntry("镇界 Township boundary", style::kBoundary, style::kBoundary.widthPx * scale);
    if (d.districts.featureCount() > 0)
        out.push_back({LegendEntry::Area, "片区 District", rgba(style::kDistrictFills[0]), rgba(style::kDistrictOutline.fill),
                       0, style::kDistrictOutline.widthPx * scale});
    std::array<int64_t, geo::kRoadClassCount> counts{};
    for (auto c : d.roadClasses) ++counts[static_cast<size_t>(c)];
    for (size_t c = 0; c < geo::kRoadClassCount; ++c) {
        if (counts[c] == 0) continue;
        const auto rc = static_cast<geo::RoadClass>(c);
        std::string en = geo::roadClassName(rc);
        en[0] = static_cast<char>(en[0] - 'a' + 'A');
        lineEntry(std::string(geo::roadClassNameZh(rc)) + " " + en, style::kRoads[c],
                  MapRenderer::roadWidthPx(rc, metresPerPixel, scale));
    }
    if (d.villages.featureCount() > 0)
        out.push_back({LegendEntry::Dot, "村庄 Village", rgba(style::kVillageDot.fill), rgba(style::kVillageDot.casing),
                       style::kVillageDot.widthPx * scale / 2, style::kVillageDot.casingPx * scale});
    if (!d.checkpoints.empty())
        out.push_back({LegendEntry::Marker, "卡口 Checkpoint", IM_COL32(200, 30, 30, 255), IM_COL32(255, 255, 255, 255),
                       4.2 * l.pixelsPerPoint, 1.2 * l.pixelsPerPoint});
    return out;
}

void drawLegend(ImDrawList& dl, const PageFonts& f, const PageContent& c, const geo::PageLayout& l, const Palette& p,
                double metresPerPixel) {
    const double pad = l.paddingPx;
    const auto entries = legendEntries(*c.data, l, metresPerPixel);
    const double n = static_cast<double>(std::max<size_t>(entries.size(), 1));
    const double row = std::min(std::max(l.bodyPx * 1.55, (l.legendBox.h - l.headingPx * 1.6 - 2 * pad) / n), l.bodyPx * 2.2);
    geo::Rect b = l.legendBox;  // shrunk to its entries
    b.h = std::min(b.h, pad * 2 + l.headingPx * 1.6 + row * n);
    dl.AddRectFilled(v(b.x, b.y), v(b.right(), b.bottom()), p.boxFill);
    dl.AddRect(v(b.x, b.y), v(b.right(), b.bottom()), p.boxEdge, 0, 0, static_cast<float>(l.frameLinePx));
    text(dl, f.heading, l.headingPx, b.x + pad, b.y + pad, p.text, "图例 Legend");
    double y = b.y + pad + l.headingPx * 1.6;
    const double swW = l.bodyPx * 2.6, swH = l.bodyPx * 0.9;
    for (const auto& e : entries) {
        if (y + row > b.bottom() + 0.5) break;
        const double cy = y + row / 2, x0 = b.x + pad, x1 = x0 + swW;
        switch (e.kind) {
        case LegendEntry::Line:
            if (e.edge) dl.AddLine(v(x0, cy), v(x1, cy), e.edge, static_cast<float>(e.edgePx));
            dl.AddLine(v(x0, cy), v(x1, cy), e.fill, static_cast<float>(e.widthPx));
            break;
        case LegendEntry::Area:
            dl.AddRectFilled(v(x0, cy - swH / 2), v(x1, cy + swH / 2), e.fill);
            dl.AddRect(v(x0, cy - swH / 2), v(x1, cy + swH / 2), e.edge, 0, 0, static_cast<float>(e.edgePx));
            break;
        case LegendEntry::Dot:
        case LegendEntry::Marker:
            dl.AddCircleFilled(v((x0 + x1) / 2, cy), static_cast<float>(e.widthPx + e.edgePx), e.edge, 24);
            dl.AddCircleFilled(v((x0 + x1) / 2, cy), static_cast<float>(e.widthPx), e.fill, 24);
            break;
        }
        text(dl, f.body, l.bodyPx, x1 + pad, cy - l.bodyPx * 0.55, p.text, e.label);
        y += row;
    }
}

void drawFigures(ImDrawList& dl, const PageFonts& f, const PageContent& c, const geo::PageLayout& l, const Palette& p) {
    const geo::Rect& b = l.figuresBox;
    const double pad = l.paddingPx;
    dl.AddRectFilled(v(b.x, b.y), v(b.right(), b.bottom()), p.boxFill);
    dl.AddRect(v(b.x, b.y), v(b.right(), b.bottom()), p.boxEdge, 0, 0, static_cast<float>(l.frameLinePx));
    text(dl, f.heading, l.headingPx, b.x + pad, b.y + pad, p.text, "主要数字 Key figures");
    const double top = b.y + pad + l.headingPx * 1.6;
    const size_t n = std::max<size_t>(c.figures.size(), 1);
    if (l.style == geo::LayoutStyle::Briefing) {
        // Cards: a large value over its label; two columns when there are more than four.
        const size_t cols = n > 4 ? 2 : 1, rows = (n + cols - 1) / cols;
        const double gap = pad;
        const double cardW = (b.w - pad * static_cast<double>(cols + 1)) / static_cast<double>(cols);
        const double cardH = std::min((b.bottom() - top - pad) / static_cast<double>(rows) - gap,
                                      l.figurePx * 1.25 + l.bodyPx * 1.5 + 2 * pad);
        const double labelPx = l.bodyPx * (cols > 1 ? 0.85 : 1.0);
        for (size_t i = 0; i < c.figures.size(); ++i) {
            const FigureItem& item = c.figures[i];
            if (cardH <= labelPx * 2) break;
            const double x = b.x + pad + static_cast<double>(i % cols) * (cardW + pad);
            const double y = top + static_cast<double>(i / cols) * (cardH + gap);
            dl.AddRectFilled(v(x, y), v(x + cardW, y + cardH), p.cardFill, static_cast<float>(pad * 0.6));
            // The value as large as the card allows, never over its label or out of the card.
            double valuePx = std::min(l.figurePx, (cardH - pad * 1.2 - labelPx * 1.4) / 1.05);
            const double valueW = textSize(f.figure, static_cast<float>(valuePx), item.value).x;
            if (valueW > cardW - 2.4 * pad) valuePx *= (cardW - 2.4 * pad) / valueW;
            const double tx = x + 1.2 * pad, ty = y + pad * 0.5;
            text(dl, f.figure, valuePx, tx, ty, item.isAlert ? p.alert : p.cardValue, item.value);
            if (!item.detail.empty()) {
                const ImVec2 vs = textSize(f.figure, static_cast<float>(valuePx), item.value);
                text(dl, f.body, labelPx, tx + vs.x + pad * 0.6, ty + valuePx - labelPx * 1.25, p.muted, item.detail);
            }
            text(dl, f.body, labelPx, tx, y + cardH - labelPx * 1.3, p.muted, item.label);
        }
        return;
    }
    const double rowH = std::min(l.bodyPx * 2.0, (b.bottom() - top - pad) / static_cast<double>(n));
    double y = top;
    for (const auto& item : c.figures) {
        if (y + rowH > b.bottom() + 0.5) break;
        text(dl, f.body, l.bodyPx, b.x + pad, y + (rowH - l.bodyPx) / 2, p.muted, item.label);
        const std::string value = item.detail.empty() ? item.value : item.value + "  " + item.detail;
        const ImVec2 vs = textSize(f.body, static_cast<float>(l.bodyPx), value);
        text(dl, f.body, l.bodyPx, b.right() - pad - vs.x, y + (rowH - l.bodyPx) / 2, item.isAlert ? p.alert : p.text, value);
        dl.AddLine(v(b.x + pad, y + rowH), v(b.right() - pad, y + rowH), IM_COL32(0, 0, 0, 30), 1);
        y += rowH;
    }
}

geo::ScaleBar drawScaleBar(ImDrawList& dl, const PageFonts& f, const geo::PageLayout& l,
                           const geo::MapTransform& t) {
    const geo::Rect& b = l.scaleBarBox;
    const double labelH = l.smallPx * 1.25;
    const double unitW = textSize(f.small, static_cast<float>(l.smallPx), " km").x;
    geo::ScaleBar bar = geo::chooseScaleBar(t.metresPerPixel, b.w - unitW - l.paddingPx * 2);
    if (bar.segments == 0) return bar;
    const double pad = l.paddingPx * 0.6;
    const double x0 = std::round(b.x + pad), barH = std::max(2.0, std::round(l.pixelsPerPoint * 3.5));
    const double y1 = std::round(b.bottom() - pad), y0 = y1 - barH;
    const double x1 = x0 + bar.lengthPx;
    dl.AddRectFilled(v(b.x, b.y), v(x1 + unitW + pad * 2, b.bottom()), IM_COL32(255, 255, 255, 200), 0);
    const double seg = bar.lengthPx / bar.segments;
    for (int i = 0; i < bar.segments; ++i)
        dl.AddRectFilled(v(x0 + i * seg, y0), v(x0 + (i + 1) * seg, y1),
                         i % 2 == 0 ? IM_COL32(30, 30, 30, 255) : IM_COL32(255, 255, 255, 255));
    dl.AddRect(v(x0, y0), v(x1, y1), IM_COL32(30, 30, 30, 255), 0, 0, std::max(1.0f, static_cast<float>(l.pixelsPerPoint * 0.5)));
    for (int i : {0, bar.segments / 2, bar.segments}) {
        std::string s = bar.label(bar.lengthMetres * i / bar.segments);
        if (i == bar.segments) s += " " + bar.unit;
        const double w = i == bar.segments ? textSize(f.small, static_cast<float>(l.smallPx), bar.label(bar.lengthMetres)).x
                                           : textSize(f.small, static_cast<float>(l.smallPx), s).x;
        text(dl, f.small, l.smallPx, x0 + i * seg - w / 2, y0 - labelH, IM_COL32(30, 30, 30, 255), s);
    }
    if (l.style == geo::LayoutStyle::Report) {
        const std::string ratio = geo::scaleText(geo::scaleDenominator(t.metresPerPixel, l.dpi));
        text(dl, f.small, l.smallPx, x0, y0 - labelH * 2.1, IM_COL32(30, 30, 30, 255), ratio);
    }
    return bar;
}

void drawNorthArrow(ImDrawList& dl, const PageFonts& f, const geo::PageLayout& l) {
    const geo::Rect& b = l.northArrowBox;
    const double cx = b.x + b.w / 2, letterH = l.headingPx;
    const double top = b.y + letterH * 1.1, bottom = b.bottom(), half = b.w * 0.38;
    const double notch = bottom - (bottom - top) * 0.22;
    const ImU32 dark = IM_COL32(30, 30, 30, 255), white = IM_COL32(255, 255, 255, 255);
    const ImVec2 ws = textSize(f.heading, static_cast<float>(letterH), "N");
    haloText(dl, f.heading, letterH, cx - ws.x / 2, b.y, dark, IM_COL32(255, 255, 255, 220), "N");
    dl.AddTriangleFilled(v(cx, top), v(cx - half, bottom), v(cx, notch), dark);
    dl.AddTriangleFilled(v(cx, top), v(cx, notch), v(cx + half, bottom), white);
    dl.AddTriangle(v(cx, top), v(cx + half, bottom), v(cx, notch), dark, std::max(1.0f, static_cast<float>(l.pixelsPerPoint * 0.5)));
}

void drawLabels(ImDrawList& dl, const PageFonts& f, const PageContent& c, const geo::PageLayout& l,
                const geo::MapTransform& t) {
    const SnapshotData& d = *c.data;
    const ImU32 halo = IM_COL32(255, 255, 255, 200);
    dl.PushClipRect(v(l.mapFrame.x, l.mapFrame.y), v(l.mapFrame.right(), l.mapFrame.bottom()), true);
    for (size_t i = 0; i < d.districts.featureCount() && d.nameFieldDistricts >= 0; ++i) {
        const std::string name(d.districts.attr(i, d.nameFieldDistricts));
        const geo::Bbox bb = d.districts.featureBbox(i);
        const ImVec2 s = textSize(f.heading, static_cast<float>(l.headingPx), name);
        haloText(dl, f.heading, l.headingPx, t.toPixelX((bb.minX + bb.maxX) / 2) - s.x / 2,
                 t.toPixelY((bb.minY + bb.maxY) / 2) - s.y / 2, IM_COL32(70, 80, 110, 230), halo, name);
    }
    const double r = 2.4 * l.pixelsPerPoint;
    for (size_t i = 0; i < d.villages.featureCount(); ++i) {
        const geo::Bbox bb = d.villages.featureBbox(i);
        const double x = t.toPixelX((bb.minX + bb.maxX) / 2), y = t.toPixelY((bb.minY + bb.maxY) / 2);
        // On the big screen village names use body type, to be read across the room.
        const bool isBig = l.style == geo::LayoutStyle::Briefing;
        ImFont* font = isBig ? f.body : f.small;
        const double size = isBig ? l.bodyPx * 0.8 : l.smallPx;
        if (d.nameFieldVillages >= 0)
            haloText(dl, font, size, x + r * 1.6, y - size * 0.6, IM_COL32(40, 40, 40, 255), halo,
                     std::string(d.villages.attr(i, d.nameFieldVillages)));
    }
    for (const auto& cp : d.checkpoints) {
        const float cr = static_cast<float>(4.2 * l.pixelsPerPoint);
        drawCheckpointSymbol(dl, static_cast<float>(t.toPixelX(cp.x)), static_cast<float>(t.toPixelY(cp.y)), cp.kind,
                             IM_COL32(200, 30, 30, 255), cr, static_cast<float>(1.2 * l.pixelsPerPoint));
    }
    dl.PopClipRect();
}

}  // namespace

std::string pageText(const PageContent& c) {
    std::string all = c.title + c.scenarioName + c.date + "图例 Legend主要数字 Key figures方案 Scenario数据来源 Sources制图 Cordon镇界 Township boundary片区 District村庄 Village卡口 Checkpoint0123456789.,:<>- kmN·";
    for (const auto& f : c.figures) all += f.label + f.value + f.detail;
    for (const auto& s : c.sources) all += s;
    for (size_t rc = 0; rc < geo::kRoadClassCount; ++rc) all += geo::roadClassNameZh(static_cast<geo::RoadClass>(rc));
    if (c.data) {
        for (size_t i = 0; c.data->nameFieldDistricts >= 0 && i < c.data->districts.featureCount(); ++i)
            all += c.data->districts.attr(i, c.data->nameFieldDistricts);
        for (size_t i = 0; c.data->nameFieldVillages >= 0 && i < c.data->villages.featureCount(); ++i)
            all += c.data->villages.attr(i, c.data->nameFieldVillages);
    }
    return all;
}

PageFonts addPageFonts(const geo::PageLayout& l, const std::string& text) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas.GetGlyphRangesDefault());
    builder.AddText(text.c_str());
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    ranges.clear();
    builder.BuildRanges(&ranges);
    const std::string path = cjkFontPath();
    // Glyphs are rasterised at their drawn size up to 256 pixels; larger type is scaled from that.
    auto add = [&](double px) {
        ImFontConfig cfg;
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        const float size = static_cast<float>(std::clamp(px, 6.0, 256.0));
        if (path.empty()) {
            cfg.SizePixels = size;
            return atlas.AddFontDefault(&cfg);
        }
        return atlas.AddFontFromFileTTF(path.c_str(), size, &cfg, ranges.Data);
    };
    PageFonts f;
    f.title = add(l.titlePx);
    f.subtitle = add(l.subtitlePx);
    f.heading = add(l.headingPx);
    f.body = add(l.bodyPx);
    f.small = add(l.smallPx);
    f.figure = add(l.figurePx);
    return f;
}

geo::ScaleBar drawPageOverlay(ImDrawList& dl, const PageFonts& f, const PageContent& c, const geo::PageLayout& l,
                              const geo::MapTransform& t) {
    const Palette p = palette(l.style);
    const double W = l.width, H = l.height;
    // The page around the map frame (the map itself is drawn before, into the frame only).
    const geo::Rect& m = l.mapFrame;
    dl.AddRectFilled(v(0, 0), v(W, m.y), p.page);
    dl.AddRectFilled(v(0, m.bottom()), v(W, H), p.page);
    dl.AddRectFilled(v(0, m.y), v(m.x, m.bottom()), p.page);
    dl.AddRectFilled(v(m.right(), m.y), v(W, m.bottom()), p.page);
    if (c.data) drawLabels(dl, f, c, l, t);
    dl.AddRect(v(m.x, m.y), v(m.right(), m.bottom()), p.rule, 0, 0, static_cast<float>(l.frameLinePx));

    text(dl, f.title, l.titlePx, l.titleBox.x, l.titleBox.y, p.text, c.title);
    std::string sub;
    if (!c.scenarioName.empty()) sub = "方案 Scenario: " + c.scenarioName;
    if (!c.date.empty()) sub += (sub.empty() ? "" : "   ·   ") + c.date;
    text(dl, f.subtitle, l.subtitlePx, l.subtitleBox.x, l.subtitleBox.y + l.subtitlePx * 0.2, p.muted, sub);
    if (c.data) drawLegend(dl, f, c, l, p, t.metresPerPixel);
    drawFigures(dl, f, c, l, p);
    const geo::ScaleBar bar = drawScaleBar(dl, f, l, t);
    drawNorthArrow(dl, f, l);

    std::string attribution = "数据来源 Sources: ";
    for (size_t i = 0; i < c.sources.size(); ++i) attribution += (i ? ", " : "") + c.sources[i];
    if (c.sources.empty()) attribution += "workspace";
    attribution += "   ·   制图 Cordon";
    text(dl, f.small, l.smallPx, l.attributionBox.x, l.attributionBox.y + l.smallPx * 0.15,
         l.style == geo::LayoutStyle::Briefing ? IM_COL32(60, 60, 60, 255) : p.muted, attribution);
    return bar;
}

}  // namespace app
