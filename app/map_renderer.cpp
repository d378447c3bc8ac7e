// Map drawing: meshes built on the CPU when the data version changes, uploaded once, drawn
// each frame with only the grid cells in view.
#include "app/map_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "app/map_meshes.hpp"
#include "app/map_style.hpp"
#include "geo/core/error.hpp"
#include "shaders_embedded.hpp"

namespace app {
namespace {

void setColor(float* out, Rgba c) {
    out[0] = c.r / 255.0f;
    out[1] = c.g / 255.0f;
    out[2] = c.b / 255.0f;
    out[3] = c.a / 255.0f;
}

}  // namespace

MapRenderer::MapRenderer()
    : fillProgram_(compileProgram("fill", shaders::fill_vert, shaders::fill_frag)),
      lineProgram_(compileProgram("line", shaders::line_vert, shaders::line_frag)),
      compositeProgram_(compileProgram("composite", shaders::tile_vert, shaders::composite_frag)) {
    compositeRect_ = compositeProgram_.uniform("u_rect");
    compositeOpacity_ = compositeProgram_.uniform("u_opacity");
    glUseProgram(compositeProgram_.id());
    glUniform1i(compositeProgram_.uniform("u_texture"), 0);
    glUseProgram(0);
    uploadCorners(quadVao_, quadBuffer_, {0, 0, 1, 0, 0, 1, 1, 1});
    fillCenter_ = fillProgram_.uniform("u_center");
    fillPxPerUnit_ = fillProgram_.uniform("u_pxPerUnit");
    fillViewport_ = fillProgram_.uniform("u_viewport");
    fillOpacity_ = fillProgram_.uniform("u_opacity");
    lineCenter_ = lineProgram_.uniform("u_center");
    linePxPerUnit_ = lineProgram_.uniform("u_pxPerUnit");
    lineViewport_ = lineProgram_.uniform("u_viewport");
    lineOpacity_ = lineProgram_.uniform("u_opacity");
    linePixelOrigin_ = lineProgram_.uniform("u_pixelOrigin");
    lineHalfWidth_ = lineProgram_.uniform("u_halfWidth");
    lineColor_ = lineProgram_.uniform("u_color");

    // Segments are read from buffer textures on units 1 and 2; the vertex array has no attributes.
    glUseProgram(lineProgram_.id());
    glUniform1i(lineProgram_.uniform("u_segments"), 1);
    glUniform1i(lineProgram_.uniform("u_styles"), 2);
    glUseProgram(0);
    GLint maxTexels = 0;
    glGetIntegerv(GL_MAX_TEXTURE_BUFFER_SIZE, &maxTexels);
    maxSegments_ = static_cast<size_t>(std::max(maxTexels, 0));
}

float MapRenderer::roadWidthPx(geo::RoadClass c, double unitsPerPixel, float pixelScale) {
    return style::kRoads[static_cast<size_t>(c)].widthPx * pixelScale * zoomGain(unitsPerPixel, pixelScale);
}

void MapRenderer::uploadFill(FillBatch& batch, const geo::FillMesh& mesh, const std::vector<uint32_t>& featureColor) {
    std::vector<uint32_t> colors(mesh.vertexCount());
    for (size_t v = 0; v < colors.size(); ++v)
        colors[v] = featureColor.empty() ? 0xffffffffu : featureColor[mesh.vertexFeature[v] % featureColor.size()];
    glBindVertexArray(batch.vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, batch.positions.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.xy.size() * sizeof(float)), mesh.xy.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, batch.colors.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(colors.size() * 4), colors.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, 0, nullptr);
    glBindVertexArray(0);
    batch.vertexCount = static_cast<GLsizei>(mesh.vertexCount());
}

void MapRenderer::setChoropleth(const geo::Layer* areas, const std::vector<uint32_t>& colors, uint64_t key) {
    if (!areas || areas->featureCount() == 0) key = 0;
    if (key == choroplethKey_) return;
    choroplethKey_ = key;
    ++choroplethRevision_;
    choroplethAreas_ = key ? *areas : geo::Layer{};
    choroplethColors_ = key ? colors : std::vector<uint32_t>{};
    uploadChoropleth();
}

void MapRenderer::uploadChoropleth() {
    geo::FillMesh mesh;
    mesh.originX = originX_;
    mesh.originY = originY_;
    if (choroplethAreas_.kind == geo::GeomKind::Polygon && choroplethAreas_.featureCount() > 0)
        geo::appendFillMesh(choroplethAreas_, mesh);
    // Features without a colour of their own (fewer colours than areas) are not drawn.
    std::vector<uint32_t> colors(choroplethAreas_.featureCount(), 0);
    for (size_t i = 0; i < colors.size() && i < choroplethColors_.size(); ++i) colors[i] = choroplethColors_[i];
    uploadFill(choroplethFill_, mesh, colors.empty() ? std::vector<uint32_t>{0} : colors);
}

void MapRenderer::update(const MapData& data) {
    if (data.version == uploadedVersion_) return;
    uploadedVersion_ = data.version;
    mapMeshOrigin(data, originX_, originY_);

    geo::FillMesh mesh;
    mesh.originX = originX_;
    mesh.originY = originY_;
    auto fill = [&](FillBatch& batch, const geo::Layer* layer, const std::vector<uint32_t>& colors) {
        mesh.clear();
        if (layer && layer->kind == geo::GeomKind::Polygon) geo::appendFillMesh(*layer, mesh);
        uploadFill(batch, mesh, colors);
    };
    fill(boundaryFill_, data.boundary, {packRgba(style::kTownshipFill)});
    fill(districtFill_, data.districts, districtFillColors(data.districts));
    fill(villageFill_, data.villages, {packRgba(style::kVillageFill)});
    uploadChoropleth();  // its positions are relative to the origin

    std::vector<geo::LineLod> levels = buildRoadLevels(data, originX_, originY_);
    // One zoom served by a level: the roads' full mesh is not needed.
    const bool withRoads = needsFullRoads(data, levels);
    lods_.clear();
    for (geo::LineLod& level : levels) uploadLines(lods_.emplace_back(), level.mesh, level.gridMetres);
    levels.clear();
    geo::LineMesh fullMesh = buildFullLines(data, originX_, originY_, withRoads);
    uploadLines(full_, fullMesh, 0);
    hasFullRoads_ = withRoads;
    roads_ = &full_;
}

void MapRenderer::uploadLines(LineBatch& batch, geo::LineMesh& mesh, double gridMetres) {
    if (mesh.segmentCount() > maxSegments_)
        throw geo::Error("the graphics driver can draw " + std::to_string(maxSegments_) + " line segments at once; this map has " +
                         std::to_string(mesh.segmentCount()));
    glBindBuffer(GL_TEXTURE_BUFFER, batch.segments.id());
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(mesh.segments.size() * sizeof(float)), mesh.segments.data(),
                 GL_STATIC_DRAW);
    glBindBuffer(GL_TEXTURE_BUFFER, batch.style.id());
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(mesh.style.size() * sizeof(float)), mesh.style.data(),
                 GL_STATIC_DRAW);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
    glBindTexture(GL_TEXTURE_BUFFER, batch.segmentTexture.id());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA32F, batch.segments.id());
    glBindTexture(GL_TEXTURE_BUFFER, batch.styleTexture.id());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_R32F, batch.style.id());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    batch.count = mesh.segmentCount();
    batch.cellStart = std::move(mesh.cellStart);
    batch.extent = mesh.extent;
    batch.maxSegmentLength = mesh.maxSegmentLength;
    batch.gridMetres = gridMetres;
    mesh.clear();
    mesh.segments.shrink_to_fit();
    mesh.style.shrink_to_fit();
}

const MapRenderer::LineBatch& MapRenderer::pickRoads(double unitsPerPixel, bool simplify) const {
    if (!simplify) return full_;
    const int level = pickRoadLevel(lods_.size(), [&](size_t i) { return lods_[i].gridMetres; }, unitsPerPixel, hasFullRoads_);
    return level < 0 ? full_ : lods_[static_cast<size_t>(level)];
}

void MapRenderer::drawFill(const FillBatch& batch, float opacity) {
    if (batch.vertexCount == 0 || opacity <= 0) return;
    glUniform1f(fillOpacity_, opacity);
    glBindVertexArray(batch.vao.id());
    glDrawArrays(GL_TRIANGLES, 0, batch.vertexCount);
    ++stats_.drawCalls;
}

void MapRenderer::setLineStyles(bool casing, double unitsPerPixel, float pixelScale, bool dense) {
    const LineStyleTable table = lineStyleTable(casing, unitsPerPixel, pixelScale, dense);
    halfWidth_ = table.halfWidth;
    for (size_t s = 0; s < table.color.size(); ++s) setColor(&colors_[4 * s], table.color[s]);
    glUniform1fv(lineHalfWidth_, 16, halfWidth_.data());
    glUniform4fv(lineColor_, 16, colors_.data());
}

void MapRenderer::drawLines(uint8_t firstStyle, uint8_t lastStyle, bool reverse, float opacity) {
    const bool isRoads = firstStyle < geo::kRoadClassCount;
    const LineBatch& lines = isRoads ? *roads_ : full_;
    const CellRange& range = isRoads ? roadCells_ : fullCells_;
    if (opacity <= 0 || lines.cellStart.empty() || range.isEmpty()) return;
    glUniform1f(lineOpacity_, opacity);
    // The viewport may be the whole page shifted under a tile, or an offscreen layer's.
    GLint viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_VIEWPORT, viewport);
    glUniform2f(linePixelOrigin_, static_cast<float>(viewport[0]) + static_cast<float>(viewport[2]) * 0.5f,
                static_cast<float>(viewport[1]) + static_cast<float>(viewport[3]) * 0.5f);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, lines.segmentTexture.id());
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_BUFFER, lines.styleTexture.id());
    glActiveTexture(GL_TEXTURE0);
    constexpr int G = geo::LineMesh::kGrid;
    bool wholeRows = range.x0 == 0 && range.x1 == G - 1;
    for (int i = firstStyle; i <= lastStyle; ++i) {
        int s = reverse ? lastStyle - (i - firstStyle) : i;
        if (halfWidth_[static_cast<size_t>(s)] <= 0) continue;
        const uint32_t* cells = &lines.cellStart[static_cast<size_t>(s) * geo::LineMesh::kCells];
        for (int cy = range.y0; cy <= range.y1; ++cy) {
            uint32_t first = cells[cy * G + range.x0];
            int lastRow = wholeRows ? range.y1 : cy;
            uint32_t end = cells[lastRow * G + range.x1 + 1];
            if (wholeRows) cy = range.y1;
            if (end <= first) continue;
            glDrawArrays(GL_TRIANGLES, static_cast<GLint>(first * 6), static_cast<GLsizei>((end - first) * 6));
            stats_.segmentsDrawn += end - first;
            ++stats_.drawCalls;
        }
    }
}

MapRenderer::CellRange MapRenderer::computeCells(const LineBatch& lines, const Camera& camera, float pixelScale) const {
    CellRange r;
    const geo::Bbox& e = lines.extent;
    if (e.isEmpty()) return r;
    constexpr int G = geo::LineMesh::kGrid;
    double margin = lines.maxSegmentLength + 40 * pixelScale * camera.unitsPerPixel;
    geo::Bbox v = camera.visibleWorld();
    auto cell = [](double value, double lo, double span) { return geo::LineMesh::gridCell(value, lo, span); };
    r.x0 = std::max(0, cell(v.minX - originX_ - margin, e.minX, e.width()));
    r.x1 = std::min(G - 1, cell(v.maxX - originX_ + margin, e.minX, e.width()));
    r.y0 = std::max(0, cell(v.minY - originY_ - margin, e.minY, e.height()));
    r.y1 = std::min(G - 1, cell(v.maxY - originY_ + margin, e.minY, e.height()));
    return r;
}

void MapRenderer::computeDrawCells(const Camera& camera, float pixelScale, bool simplify) {
    roads_ = &pickRoads(camera.unitsPerPixel, simplify);
    roadCells_ = computeCells(*roads_, camera, pixelScale);
    fullCells_ = computeCells(full_, camera, pixelScale);
}

uint64_t MapRenderer::segmentsIn(const LineBatch& lines, const CellRange& range, int firstStyle, int lastStyle) const {
    if (lines.cellStart.empty() || range.isEmpty()) return 0;
    constexpr int G = geo::LineMesh::kGrid;
    uint64_t n = 0;
    for (int s = firstStyle; s <= lastStyle; ++s) {
        const uint32_t* cells = &lines.cellStart[static_cast<size_t>(s) * geo::LineMesh::kCells];
        for (int cy = range.y0; cy <= range.y1; ++cy) n += cells[cy * G + range.x1 + 1] - cells[cy * G + range.x0];
    }
    return n;
}

uint64_t MapRenderer::segmentsInView(const Camera& camera, float pixelScale, bool simplify) {
    computeDrawCells(camera, pixelScale, simplify);
    constexpr int kRoads = static_cast<int>(geo::kRoadClassCount);
    return segmentsIn(*roads_, roadCells_, 0, kRoads - 1) + segmentsIn(full_, fullCells_, kRoads, kStyles - 1);
}

float MapRenderer::beginLayer(float opacity) {
    if (opacity <= 0 || opacity >= 1) return opacity;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &outerFbo_);
    glGetIntegerv(GL_VIEWPORT, outerViewport_.data());
    int w = outerViewport_[2], h = outerViewport_[3];
    if (w != layerWidth_ || h != layerHeight_) {
        glBindTexture(GL_TEXTURE_2D, layerTexture_.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, layerFbo_.id());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, layerTexture_.id(), 0);
        layerWidth_ = w;
        layerHeight_ = h;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, layerFbo_.id());
    glViewport(0, 0, w, h);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    return 1.0f;
}

void MapRenderer::endLayer(float opacity) {
    if (opacity <= 0 || opacity >= 1) return;
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(outerFbo_));
    glViewport(outerViewport_[0], outerViewport_[1], outerViewport_[2], outerViewport_[3]);
    glUseProgram(compositeProgram_.id());
    glUniform4f(compositeRect_, -1, -1, 1, 1);
    glUniform1f(compositeOpacity_, opacity);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, layerTexture_.id());
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // the layer is premultiplied
    glBindVertexArray(quadVao_.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    ++stats_.drawCalls;
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(lineProgram_.id());
    glBindVertexArray(lineVao_.id());
}

void MapRenderer::draw(const Camera& camera, const MapDrawOptions& options) {
    stats_ = {};
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    if (options.clear && options.transparent) {
        clearViewport(0, 0, 0, 0);
    } else if (options.clear) {
        clearViewport(style::kBackground.r / 255.0f, style::kBackground.g / 255.0f, style::kBackground.b / 255.0f, 1.0f);
    }
    const bool isUnderlaid = options.underlay && options.underlay->isActive();
    if (!options.transparent) {
        drawBasemap(camera, options.basemapOpacity);
        if (isUnderlaid) options.underlay->drawUnder(camera, options.basemapOpacity);
    }
    auto view = [&](MapLayer l) { const LayerView& v = options.layers[static_cast<size_t>(l)]; return v.visible ? v.opacity : 0.0f; };
    const float cx = static_cast<float>(camera.centerX - originX_), cy = static_cast<float>(camera.centerY - originY_);
    const float pxPerUnit = static_cast<float>(1.0 / camera.unitsPerPixel);
    const float vw = static_cast<float>(camera.widthPx), vh = static_cast<float>(camera.heightPx);

    glUseProgram(fillProgram_.id());
    glUniform2f(fillCenter_, cx, cy);
    glUniform1f(fillPxPerUnit_, pxPerUnit);
    glUniform2f(fillViewport_, vw, vh);
    const float fillOver = (hasBasemap_ || isUnderlaid) && options.basemapOpacity > 0 ? style::kFillOverBasemap : 1.0f;
    drawFill(boundaryFill_, view(MapLayer::Boundary) * fillOver);
    drawFill(districtFill_, view(MapLayer::Districts) * fillOver);
    drawFill(villageFill_, view(MapLayer::Villages) * fillOver);
    drawFill(choroplethFill_, 1.0f);

    computeDrawCells(camera, options.pixelScale, options.simplify);

    glUseProgram(lineProgram_.id());
    glUniform2f(lineCenter_, cx, cy);
    glUniform1f(linePxPerUnit_, pxPerUnit);
    glUniform2f(lineViewport_, vw, vh);
    glBindVertexArray(lineVao_.id());
    setLineStyles(false, camera.unitsPerPixel, options.pixelScale);
    drawLines(kStyleDistrictOutline, kStyleDistrictOutline, false, view(MapLayer::Districts));
    drawLines(kStyleVillageOutline, kStyleVillageOutline, false, view(MapLayer::Villages));
    // Line groups drawn twice (casing, then fill) go offscreen when see-through.
    auto group = [&](uint8_t first, uint8_t last, bool reverse, MapLayer layer, bool dense) {
        float opacity = view(layer);
        float drawOpacity = beginLayer(opacity);
        setLineStyles(true, camera.unitsPerPixel, options.pixelScale, dense);
        drawLines(first, last, reverse, drawOpacity);
        setLineStyles(false, camera.unitsPerPixel, options.pixelScale);
        drawLines(first, last, reverse, drawOpacity);
        endLayer(opacity);
    };
    group(kStyleBoundary, kStyleBoundary, false, MapLayer::Boundary, false);
    // Roads: every casing under every fill, minor classes first so major ones lie on top.
    group(0, static_cast<uint8_t>(geo::kRoadClassCount - 1), true, MapLayer::Roads, options.dense);
    group(kStyleVillageDot, kStyleVillageDot, false, MapLayer::Villages, false);
    glBindVertexArray(0);
    glUseProgram(0);
}

void scissorToWorld(const Camera& camera, const std::array<GLint, 4>& viewport, double minX, double minY, double maxX,
                    double maxY) {
    const double left = camera.centerX - camera.widthPx * 0.5 * camera.unitsPerPixel;
    const double bottom = camera.centerY - camera.heightPx * 0.5 * camera.unitsPerPixel;
    auto px = [&](double world, double origin, GLint offset) {
        return offset + static_cast<GLint>(std::lround((world - origin) / camera.unitsPerPixel));
    };
    const GLint x0 = px(minX, left, viewport[0]), x1 = px(maxX, left, viewport[0]);
    const GLint y0 = px(minY, bottom, viewport[1]), y1 = px(maxY, bottom, viewport[1]);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, y0, x1 - x0, y1 - y0);
}

}  // namespace app
