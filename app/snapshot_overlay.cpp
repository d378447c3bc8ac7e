// Page furniture with ImGui draw lists, sized from the layout so it scales with resolution.
#include "app/snapshot_overlay.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cfloat>
#include <cmath>
#include <filesystem>

#include "app/fonts.hpp"
#include "app/map_renderer.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_draw.hpp"

namespace app {

Rgba overlayPageColour(geo::LayoutStyle style) {
    return style == geo::LayoutStyle::Briefing ? Rgba{24, 33, 43, 255} : Rgba{255, 255, 255, 255};
}

Palette pagePalette(geo::LayoutStyle style) {
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

ImVec2 PageCanvas::measure(const ImFont* font, double size, const std::string& s) const {
    return font->CalcTextSizeA(static_cast<float>(size), FLT_MAX, 0, s.c_str());
}

void PageCanvas::text(ImFont* font, double size, double x, double y, ImU32 colour, const std::string& s,
                      const geo::Rect& panel) {
    if (s.empty()) return;
    dl.AddText(font, static_cast<float>(size), v(x, y), colour, s.c_str());
    const ImVec2 m = measure(font, size, s);
    report.texts.push_back({{x, y, m.x, m.y}, panel, s});
}

void PageCanvas::haloText(ImFont* font, double size, double x, double y, ImU32 colour, ImU32 halo, const std::string& s,
                          const geo::Rect& panel) {
    const double d = std::max(1.0, size / 14);
    for (int dx = -1; dx <= 1; ++dx)
        for (int dy = -1; dy <= 1; ++dy)
            if (dx || dy) dl.AddText(font, static_cast<float>(size), v(x + dx * d, y + dy * d), halo, s.c_str());
    text(font, size, x, y, colour, s, panel);
}

void PageCanvas::drewSymbol(const std::string& key) {
    if (std::find(report.symbolsDrawn.begin(), report.symbolsDrawn.end(), key) == report.symbolsDrawn.end())
        report.symbolsDrawn.push_back(key);
}

namespace {

// The type size at which `s` fits in `width`, at most `size`.
double fitSize(const PageCanvas& c, const ImFont* font, double size, const std::string& s, double width) {
    const double w = c.measure(font, size, s).x;
    return w > width && w > 0 ? size * width / w : size;
}

void drawFigureCards(PageCanvas& c, const PageContent& content, double top) {
    const geo::PageLayout& l = c.layout;
    const geo::Rect& b = l.figuresBox;
    const Palette& p = c.palette;
    const double pad = l.paddingPx;
    const size_t n = std::max<size_t>(content.figures.size(), 1);
    // Cards: a large value over its label; two columns when there are more than four.
    const size_t cols = n > 4 ? 2 : 1, rows = (n + cols - 1) / cols;
    const double gap = pad;
    const double cardW = (b.w - pad * static_cast<double>(cols + 1)) / static_cast<double>(cols);
    const double cardH = std::min((b.bottom() - top - pad) / static_cast<double>(rows) - gap,
                                  l.figurePx * 1.25 + l.bodyPx * 1.5 + 2 * pad);
    const double labelPx = l.bodyPx * (cols > 1 ? 0.85 : 1.0);
    if (cardH <= labelPx * 2) return;
    for (size_t i = 0; i < content.figures.size(); ++i) {
        const FigureItem& item = content.figures[i];
        const double x = b.x + pad + static_cast<double>(i % cols) * (cardW + pad);
        const double y = top + static_cast<double>(i / cols) * (cardH + gap);
        c.dl.AddRectFilled(v(x, y), v(x + cardW, y + cardH), p.cardFill, static_cast<float>(pad * 0.6));
        const geo::Rect card{x, y, cardW, cardH};
        const double innerW = cardW - 2.4 * pad;
        // The value as large as the card allows, never over its label or out of the card.
        double valuePx = std::min(l.figurePx, (cardH - pad * 1.2 - labelPx * 1.4) / 1.05);
        valuePx = fitSize(c, c.fonts.figure, valuePx, item.value, innerW);
        const double tx = x + 1.2 * pad, ty = y + pad * 0.5;
        c.text(c.fonts.figure, valuePx, tx, ty, item.isAlert ? p.alert : p.cardValue, item.value, card);
        const double valueW = c.measure(c.fonts.figure, valuePx, item.value).x;
        const double detailW = innerW - valueW - pad * 0.6;
        // The detail beside the value when it stays legible there (not under 70% of the label's size).
        const double detailPx = item.detail.empty() ? 0 : fitSize(c, c.fonts.body, labelPx, item.detail, detailW);
        if (detailW > labelPx && detailPx >= labelPx * 0.7) {
            const double size = detailPx;
            c.text(c.fonts.body, size, tx + valueW + pad * 0.6, ty + valuePx - size * 1.25, p.muted, item.detail, card);
        }
        c.text(c.fonts.body, fitSize(c, c.fonts.body, labelPx, item.label, innerW), tx, y + cardH - labelPx * 1.3, p.muted,
               item.label, card);
    }
}

void drawFigures(PageCanvas& c, const PageContent& content) {
    const geo::PageLayout& l = c.layout;
    const geo::Rect& b = l.figuresBox;
    const Palette& p = c.palette;
    const double pad = l.paddingPx;
    c.dl.AddRectFilled(v(b.x, b.y), v(b.right(), b.bottom()), p.boxFill);
    c.dl.AddRect(v(b.x, b.y), v(b.right(), b.bottom()), p.boxEdge, 0, 0, static_cast<float>(l.frameLinePx));
    const std::string heading = "主要数字 Key figures";
    c.text(c.fonts.heading, fitSize(c, c.fonts.heading, l.headingPx, heading, b.w - 2 * pad), b.x + pad, b.y + pad, p.text,
           heading, b);
    const double top = b.y + pad + l.headingPx * 1.6;
    if (l.style == geo::LayoutStyle::Briefing) return drawFigureCards(c, content, top);
    const size_t n = std::max<size_t>(content.figures.size(), 1);
    const double rowH = std::min(l.bodyPx * 2.0, (b.bottom() - top - pad) / static_cast<double>(n));
    const double size = std::min(l.bodyPx, rowH / 1.3);
    double y = top;
    for (const auto& item : content.figures) {
        if (y + rowH > b.bottom() + 0.5) break;
        const std::string value = item.detail.empty() ? item.value : item.value + "  " + item.detail;
        // Label left, value right; both shrink together when they would meet.
        const double labelW = c.measure(c.fonts.body, size, item.label).x, valueW = c.measure(c.fonts.body, size, value).x;
        const double room = b.w - 2 * pad - size;
        const double k = labelW + valueW > room ? room / (labelW + valueW) : 1.0;
        const double ty = y + (rowH - size * k) / 2;
        c.text(c.fonts.body, size * k, b.x + pad, ty, p.muted, item.label, b);
        c.text(c.fonts.body, size * k, b.right() - pad - valueW * k, ty, item.isAlert ? p.alert : p.text, value, b);
        c.dl.AddLine(v(b.x + pad, y + rowH), v(b.right() - pad, y + rowH), IM_COL32(0, 0, 0, 30), 1);
        y += rowH;
    }
}

geo::ScaleBar drawScaleBar(PageCanvas& c, const geo::MapTransform& t) {
    const geo::PageLayout& l = c.layout;
    const geo::Rect& b = l.scaleBarBox;
    ImFont* font = c.fonts.small;
    const double labelH = l.smallPx * 1.25;
    const double unitW = c.measure(font, l.smallPx, " km").x;
    geo::ScaleBar bar = geo::chooseScaleBar(t.metresPerPixel, b.w - unitW - l.paddingPx * 2);
    if (bar.segments == 0) return bar;
    const double pad = l.paddingPx * 0.6;
    const double x0 = std::round(b.x + pad), barH = std::max(2.0, std::round(l.pixelsPerPoint * 3.5));
    const double y1 = std::round(b.bottom() - pad), y0 = y1 - barH;
    const double x1 = x0 + bar.lengthPx;
    c.dl.AddRectFilled(v(b.x, b.y), v(x1 + unitW + pad * 2, b.bottom()), IM_COL32(255, 255, 255, 200), 0);
    const double seg = bar.lengthPx / bar.segments;
    for (int i = 0; i < bar.segments; ++i)
        c.dl.AddRectFilled(v(x0 + i * seg, y0), v(x0 + (i + 1) * seg, y1),
                           i % 2 == 0 ? IM_COL32(30, 30, 30, 255) : IM_COL32(255, 255, 255, 255));
    c.dl.AddRect(v(x0, y0), v(x1, y1), IM_COL32(30, 30, 30, 255), 0, 0, std::max(1.0f, static_cast<float>(l.pixelsPerPoint * 0.5)));
    const geo::Rect& panel = b;
    for (int i : {0, bar.segments / 2, bar.segments}) {
        std::string s = bar.label(bar.lengthMetres * i / bar.segments);
        if (i == bar.segments) s += " " + bar.unit;
        const double w = c.measure(font, l.smallPx, i == bar.segments ? bar.label(bar.lengthMetres) : s).x;
        c.text(font, l.smallPx, x0 + i * seg - w / 2, y0 - labelH, IM_COL32(30, 30, 30, 255), s, panel);
    }
    if (l.style == geo::LayoutStyle::Report) {
        const std::string ratio = geo::scaleText(geo::scaleDenominator(t.metresPerPixel, l.dpi));
        c.text(font, l.smallPx, x0, y0 - labelH * 2.1, IM_COL32(30, 30, 30, 255), ratio, panel);
    }
    return bar;
}

void drawNorthArrow(PageCanvas& c) {
    const geo::PageLayout& l = c.layout;
    const geo::Rect& b = l.northArrowBox;
    const double cx = b.x + b.w / 2, letterH = l.headingPx;
    const double top = b.y + letterH * 1.1, bottom = b.bottom(), half = b.w * 0.38;
    const double notch = bottom - (bottom - top) * 0.22;
    const ImU32 dark = IM_COL32(30, 30, 30, 255), white = IM_COL32(255, 255, 255, 255);
    const ImVec2 ws = c.measure(c.fonts.heading, letterH, "N");
    c.haloText(c.fonts.heading, letterH, cx - ws.x / 2, b.y, dark, IM_COL32(255, 255, 255, 220), "N", b);
    c.dl.AddTriangleFilled(v(cx, top), v(cx - half, bottom), v(cx, notch), dark);
    c.dl.AddTriangleFilled(v(cx, top), v(cx, notch), v(cx + half, bottom), white);
    c.dl.AddTriangle(v(cx, top), v(cx + half, bottom), v(cx, notch), dark, std::max(1.0f, static_cast<float>(l.pixelsPerPoint * 0.5)));
}

// The layers the map renderer draws, by the legend's keys (what MapRenderer draws from the data).
void recordMapLayers(PageCanvas& c, const SnapshotData& d) {
    if (d.boundary.featureCount() > 0) c.drewSymbol("boundary");
    if (d.districts.featureCount() > 0) c.drewSymbol("district");
    for (auto rc : d.roadClasses) c.drewSymbol(std::string("road:") + geo::roadClassName(rc));
    if (d.villages.featureCount() > 0) c.drewSymbol("village");
    if (!d.isReturneeLayerShown()) return;
    for (size_t i = 0; i < d.returneeLayer.classOfCell.size(); ++i)
        if (d.returneeLayer.classOfCell[i] >= 0 && (d.returneeLayer.colors[i] >> 24) > 0)
            c.drewSymbol(returneeClassKey(d.returneeLayer.classOfCell[i]));
}

}  // namespace

std::string pageText(const PageContent& c) {
    std::string all = c.title + c.scenarioName + c.date + "主要数字 Key figures方案 Scenario数据来源 Sources制图 Cordon0123456789.,:<>- kmN·缺人";
    for (const auto& f : c.figures) all += f.label + f.value + f.detail;
    for (const auto& s : c.sources) all += s;
    all += c.panelText;
    for (size_t rc = 0; rc < geo::kRoadClassCount; ++rc) all += geo::roadClassNameZh(static_cast<geo::RoadClass>(rc));
    if (c.data) {
        all += legendText(*c.data) + tableText(*c.data);
        for (const auto& cp : c.data->checkpoints) all += cp.name;
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
    // The font file is read once and shared by the six sizes (the atlas does not own it).
    static std::string fontPath;
    static ImVector<char> fontData;
    if (fontPath != cjkFontPath()) {
        fontPath = cjkFontPath();
        fontData.clear();
        if (std::FILE* in = fontPath.empty() ? nullptr : std::fopen(fontPath.c_str(), "rb")) {
            std::fseek(in, 0, SEEK_END);
            const long size = std::ftell(in);
            std::fseek(in, 0, SEEK_SET);
            if (size > 0) {
                fontData.resize(static_cast<int>(size));
                if (std::fread(fontData.Data, 1, static_cast<size_t>(size), in) != static_cast<size_t>(size)) fontData.clear();
            }
            std::fclose(in);
        }
    }
    // Glyphs are rasterised at their drawn size up to 256 pixels; larger type is scaled from that.
    auto add = [&](double px) {
        ImFontConfig cfg;
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        const float size = static_cast<float>(std::clamp(px, 6.0, 256.0));
        if (fontData.empty()) {
            cfg.SizePixels = size;
            return atlas.AddFontDefault(&cfg);
        }
        // Marked as the atlas's while it is added, so the atlas does not copy the file for each
        // size; then marked as ours again, so the atlas never frees it.
        ImFont* font = atlas.AddFontFromMemoryTTF(fontData.Data, fontData.Size, size, &cfg, ranges.Data);
        atlas.ConfigData.back().FontDataOwnedByAtlas = false;
        return font;
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

OverlayReport drawPageOverlay(ImDrawList& dl, const PageFonts& f, const PageContent& c, const geo::PageLayout& l,
                             const geo::MapTransform& t) {
    OverlayReport report;
    PageCanvas canvas{dl, f, l, pagePalette(l.style), report};
    const Palette& p = canvas.palette;
    const double W = l.width, H = l.height;
    // The page around the map frame (the map itself is drawn before, into the frame only).
    const geo::Rect& m = l.mapFrame;
    dl.AddRectFilled(v(0, 0), v(W, m.y), p.page);
    dl.AddRectFilled(v(0, m.bottom()), v(W, H), p.page);
    dl.AddRectFilled(v(0, m.y), v(m.x, m.bottom()), p.page);
    dl.AddRectFilled(v(m.right(), m.y), v(W, m.bottom()), p.page);
    if (c.data) {
        recordMapLayers(canvas, *c.data);
        drawMapMarks(canvas, *c.data, t);
    }
    dl.AddRect(v(m.x, m.y), v(m.right(), m.bottom()), p.rule, 0, 0, static_cast<float>(l.frameLinePx));

    canvas.text(f.title, fitSize(canvas, f.title, l.titlePx, c.title, l.titleBox.w), l.titleBox.x, l.titleBox.y, p.text,
                c.title, l.titleBox);
    std::string sub;
    if (!c.scenarioName.empty()) sub = "方案 Scenario: " + c.scenarioName;
    if (!c.date.empty()) sub += (sub.empty() ? "" : "   ·   ") + c.date;
    canvas.text(f.subtitle, fitSize(canvas, f.subtitle, l.subtitlePx, sub, l.subtitleBox.w), l.subtitleBox.x,
                l.subtitleBox.y + l.subtitlePx * 0.2, p.muted, sub, l.subtitleBox);
    if (c.data) {
        drawPageLegend(canvas, *c.data, t.metresPerPixel);
        drawCheckpointTable(canvas, *c.data);
    }
    if (c.drawPanels) c.drawPanels(canvas);
    drawFigures(canvas, c);
    report.scaleBar = drawScaleBar(canvas, t);
    drawNorthArrow(canvas);

    std::string attribution = "数据来源 Sources: ";
    for (size_t i = 0; i < c.sources.size(); ++i)  // each file once: one OSM extract often feeds every layer
        if (std::find(c.sources.begin(), c.sources.begin() + static_cast<std::ptrdiff_t>(i), c.sources[i]) ==
            c.sources.begin() + static_cast<std::ptrdiff_t>(i))
            attribution += (i ? ", " : "") + c.sources[i];
    if (c.sources.empty()) attribution += "workspace";
    attribution += "   ·   制图 Cordon";
    const geo::Rect& a = l.attributionBox;
    const double size = fitSize(canvas, f.small, l.smallPx, attribution, a.w);
    const bool isOnMap = l.style == geo::LayoutStyle::Briefing;  // inside the map frame: a pad keeps it off the labels
    if (isOnMap) {
        const double w = std::min<double>(a.w, canvas.measure(f.small, size, attribution).x) + l.paddingPx * 0.6;
        dl.AddRectFilled(v(a.x - l.paddingPx * 0.3, a.y), v(a.x + w, a.bottom()), IM_COL32(255, 255, 255, 200), 0);
    }
    canvas.text(f.small, size, a.x, a.y + l.smallPx * 0.15, isOnMap ? IM_COL32(60, 60, 60, 255) : p.muted, attribution, a);
    return report;
}

}  // namespace app
