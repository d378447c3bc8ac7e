// Minimal GL map for snapshots: stencil-filled polygons and instanced thick segments whose width
// is set in pixels, so a line is as wide in every tile and at every scale.
#include "app/snapshot_map.hpp"

#include <GL/gl.h>
#include <GL/glext.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "geo/error.hpp"
#include "geo/workspace.hpp"

namespace app {
namespace {

// Positions are computed in page pixels with the page's uniforms (the same for every tile) and
// snapped to 1/256 pixel, then moved by the tile's whole-pixel origin and scaled by a
// power-of-two viewport: every step is exact in float, so tiles rasterise exactly as one pass.
constexpr const char* kFillVert = R"glsl(#version 330 core
layout(location = 0) in vec2 a_pos;
uniform vec4 u_page;       // xy: pixels per metre (y negated), zw: page pixel of the local origin
uniform vec2 u_tileOrigin; // page pixel at the viewport's top-left, whole pixels
uniform vec2 u_viewport;   // power-of-two viewport size
vec2 snap(vec2 p) { return floor(p * 256.0 + 0.5) / 256.0; }
void main() {
    vec2 t = snap(a_pos * u_page.xy + u_page.zw) - u_tileOrigin;
    gl_Position = vec4(t.x * (2.0 / u_viewport.x) - 1.0, 1.0 - t.y * (2.0 / u_viewport.y), 0.0, 1.0);
}
)glsl";

constexpr const char* kCoverVert = R"glsl(#version 330 core
layout(location = 0) in vec2 a_pos;
void main() { gl_Position = vec4(a_pos, 0.0, 1.0); }
)glsl";

constexpr const char* kFillFrag = R"glsl(#version 330 core
uniform vec4 u_colour;
out vec4 o_colour;
void main() { o_colour = u_colour; }
)glsl";

// One instance per segment; six vertices make its quad, extruded in pixels with square caps.
constexpr const char* kLineVert = R"glsl(#version 330 core
layout(location = 0) in vec4 a_segment;
uniform vec4 u_page;
uniform vec2 u_tileOrigin;
uniform vec2 u_viewport;
uniform float u_halfWidth;
vec2 snap(vec2 p) { return floor(p * 256.0 + 0.5) / 256.0; }
void main() {
    vec2 p0 = snap(a_segment.xy * u_page.xy + u_page.zw);
    vec2 p1 = snap(a_segment.zw * u_page.xy + u_page.zw);
    vec2 d = p1 - p0;
    float len = length(d);
    d = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-d.y, d.x);
    int i = gl_VertexID;
    bool atEnd = (i == 1 || i == 2 || i == 4);
    float side = (i == 2 || i == 4 || i == 5) ? 1.0 : -1.0;
    vec2 extrude = snap((atEnd ? d : -d) * u_halfWidth + n * side * u_halfWidth);
    vec2 t = (atEnd ? p1 : p0) - u_tileOrigin + extrude;
    gl_Position = vec4(t.x * (2.0 / u_viewport.x) - 1.0, 1.0 - t.y * (2.0 / u_viewport.y), 0.0, 1.0);
}
)glsl";

GLuint compile(GLenum kind, const char* source, const char* name) {
    GLuint s = glCreateShader(kind);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        glDeleteShader(s);
        throw geo::Error(std::string("snapshot shader ") + name + " failed: " + log);
    }
    return s;
}

GLuint link(const char* vert, const char* frag, const char* name) {
    GLuint v = compile(GL_VERTEX_SHADER, vert, name), f = compile(GL_FRAGMENT_SHADER, frag, name);
    GLuint p = glCreateProgram();
    glAttachShader(p, v);
    glAttachShader(p, f);
    glLinkProgram(p);
    glDeleteShader(v);
    glDeleteShader(f);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        glDeleteProgram(p);
        throw geo::Error(std::string("snapshot shader ") + name + " failed to link");
    }
    return p;
}

int nameField(const geo::Layer& layer) {
    for (const char* n : {"name", "NAME", "Name", "名称", "村名", "片区", "NAME_CN"})
        if (int i = layer.fieldIndex(n); i >= 0) return i;
    return -1;
}

const std::array<RoadStyle, geo::kRoadClassCount> kRoadStyles{{
    {{0.90f, 0.42f, 0.23f, 1}, {0.62f, 0.25f, 0.12f, 1}, 3.4f, 0.9f},  // expressway
    {{0.95f, 0.60f, 0.27f, 1}, {0.66f, 0.38f, 0.14f, 1}, 2.8f, 0.8f},  // national
    {{0.98f, 0.80f, 0.38f, 1}, {0.70f, 0.53f, 0.20f, 1}, 2.4f, 0.7f},  // provincial
    {{1.00f, 0.93f, 0.62f, 1}, {0.66f, 0.60f, 0.42f, 1}, 2.0f, 0.6f},  // county
    {{1.00f, 1.00f, 1.00f, 1}, {0.55f, 0.53f, 0.50f, 1}, 1.6f, 0.5f},  // township
    {{1.00f, 1.00f, 1.00f, 1}, {0.66f, 0.64f, 0.60f, 1}, 1.1f, 0.45f}, // village
    {{0.60f, 0.55f, 0.48f, 1}, {0, 0, 0, 0}, 0.6f, 0.0f},              // track
    {{0.70f, 0.68f, 0.64f, 1}, {0, 0, 0, 0}, 0.6f, 0.0f},              // other
}};

// Soft tints that tell districts apart without hiding the roads.
constexpr std::array<std::array<float, 4>, 6> kDistrictTints{{{0.36f, 0.56f, 0.80f, 0.10f},
                                                              {0.40f, 0.70f, 0.45f, 0.10f},
                                                              {0.85f, 0.55f, 0.30f, 0.10f},
                                                              {0.62f, 0.45f, 0.75f, 0.10f},
                                                              {0.80f, 0.40f, 0.45f, 0.10f},
                                                              {0.45f, 0.70f, 0.72f, 0.10f}}};

}  // namespace

const RoadStyle& roadStyle(geo::RoadClass c) { return kRoadStyles[static_cast<size_t>(c)]; }

SnapshotData loadSnapshotData(const geo::Workspace& workspace) {
    SnapshotData d;
    d.workspaceName = std::filesystem::path(workspace.path()).stem().string();
    if (workspace.hasLayer("boundary")) d.boundary = workspace.readLayer("boundary");
    if (workspace.hasLayer("districts")) d.districts = workspace.readLayer("districts");
    if (workspace.hasLayer("roads")) {
        d.roads = workspace.readLayer("roads");
        d.roadClasses = geo::roadClasses(d.roads);
    }
    if (workspace.hasLayer("villages")) d.villages = workspace.readLayer("villages");
    d.nameFieldDistricts = nameField(d.districts);
    d.nameFieldVillages = nameField(d.villages);
    d.extent = d.boundary.bbox();
    if (d.extent.isEmpty()) {
        d.extent.add(d.roads.bbox());
        d.extent.add(d.districts.bbox());
        d.extent.add(d.villages.bbox());
    }
    if (d.extent.isEmpty()) throw geo::Error(workspace.path() + ": nothing to draw (no boundary, roads or villages)");
    return d;
}

SnapshotMap::SnapshotMap(const SnapshotData& data, double pixelsPerPoint)
    : data_(data), pixelsPerPoint_(pixelsPerPoint) {
    localX_ = std::round((data.extent.minX + data.extent.maxX) / 2);
    localY_ = std::round((data.extent.minY + data.extent.maxY) / 2);
    fillProgram_ = link(kFillVert, kFillFrag, "fill");
    coverProgram_ = link(kCoverVert, kFillFrag, "cover");
    lineProgram_ = link(kLineVert, kFillFrag, "line");

    // Polygon rings as triangle fans, drawn into the stencil with INVERT (even-odd fill).
    std::vector<float> fans;
    auto addFans = [&](const geo::Layer& layer, size_t feature) {
        Range r{static_cast<int>(fans.size() / 2), 0};
        for (uint32_t p = layer.featureStart[feature]; p < layer.featureStart[feature + 1]; ++p)
            for (uint32_t ring = layer.partStart[p]; ring < layer.partStart[p + 1]; ++ring) {
                const uint32_t a = layer.ringStart[ring], b = layer.ringStart[ring + 1];
                for (uint32_t v = a + 1; v + 1 < b; ++v)
                    for (uint32_t k : {a, v, v + 1}) {
                        fans.push_back(static_cast<float>(layer.xy[2 * k] - localX_));
                        fans.push_back(static_cast<float>(layer.xy[2 * k + 1] - localY_));
                    }
            }
        r.count = static_cast<int>(fans.size() / 2) - r.first;
        return r;
    };
    if (data.boundary.kind == geo::GeomKind::Polygon) {
        boundaryFill_.first = static_cast<int>(fans.size() / 2);
        for (size_t f = 0; f < data.boundary.featureCount(); ++f) addFans(data.boundary, f);
        boundaryFill_.count = static_cast<int>(fans.size() / 2) - boundaryFill_.first;
    }
    if (data.districts.kind == geo::GeomKind::Polygon)
        for (size_t f = 0; f < data.districts.featureCount(); ++f) districtFills_.push_back(addFans(data.districts, f));
    if (data.villages.kind == geo::GeomKind::Polygon)
        for (size_t f = 0; f < data.villages.featureCount(); ++f) villageFills_.push_back(addFans(data.villages, f));

    // Segments, roads grouped by class so each class is one instanced draw.
    std::vector<float> segments;
    auto addRing = [&](const geo::Layer& layer, uint32_t ring) {
        for (uint32_t v = layer.ringStart[ring]; v + 1 < layer.ringStart[ring + 1]; ++v)
            for (uint32_t k : {v, v + 1}) {
                segments.push_back(static_cast<float>(layer.xy[2 * k] - localX_));
                segments.push_back(static_cast<float>(layer.xy[2 * k + 1] - localY_));
            }
    };
    auto addLayer = [&](const geo::Layer& layer, Range& range) {
        range.first = static_cast<int>(segments.size() / 4);
        for (uint32_t ring = 0; ring + 1 < layer.ringStart.size(); ++ring) addRing(layer, ring);
        range.count = static_cast<int>(segments.size() / 4) - range.first;
    };
    std::vector<uint32_t> featuresByClass(data.roads.featureCount());
    for (uint32_t f = 0; f < featuresByClass.size(); ++f) featuresByClass[f] = f;
    std::stable_sort(featuresByClass.begin(), featuresByClass.end(),
                     [&](uint32_t a, uint32_t b) { return data.roadClasses[a] < data.roadClasses[b]; });
    segments.reserve(data.roads.segmentCount() * 4);
    for (uint32_t f : featuresByClass) {
        Range& r = roadSegments_[static_cast<size_t>(data.roadClasses[f])];
        if (r.count == 0) r.first = static_cast<int>(segments.size() / 4);
        for (uint32_t p = data.roads.featureStart[f]; p < data.roads.featureStart[f + 1]; ++p)
            for (uint32_t ring = data.roads.partStart[p]; ring < data.roads.partStart[p + 1]; ++ring)
                addRing(data.roads, ring);
        r.count = static_cast<int>(segments.size() / 4) - r.first;
    }
    if (data.districts.kind == geo::GeomKind::Polygon) addLayer(data.districts, districtSegments_);
    if (data.boundary.kind == geo::GeomKind::Polygon) addLayer(data.boundary, boundarySegments_);
    if (data.villages.kind == geo::GeomKind::Polygon) addLayer(data.villages, villageSegments_);

    const float quad[] = {-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1};
    auto makeVao = [](GLuint& vao, GLuint& vbo, const void* bytes, size_t size, GLint components, bool isInstanced) {
        glGenVertexArrays(1, &vao);
        glGenBuffers(1, &vbo);
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(size), bytes, GL_STATIC_DRAW);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, components, GL_FLOAT, GL_FALSE, 0, nullptr);
        if (isInstanced) glVertexAttribDivisor(0, 1);
    };
    makeVao(fillVao_, fillVbo_, fans.data(), fans.size() * sizeof(float), 2, false);
    makeVao(lineVao_, lineVbo_, segments.data(), segments.size() * sizeof(float), 4, true);
    makeVao(quadVao_, quadVbo_, quad, sizeof quad, 2, false);
    glBindVertexArray(0);
    if (glGetError() == GL_OUT_OF_MEMORY) throw geo::Error("out of graphics memory for the map's roads");
}

SnapshotMap::~SnapshotMap() {
    for (GLuint vao : {fillVao_, lineVao_, quadVao_}) glDeleteVertexArrays(1, &vao);
    for (GLuint vbo : {fillVbo_, lineVbo_, quadVbo_}) glDeleteBuffers(1, &vbo);
    glDeleteProgram(fillProgram_);
    glDeleteProgram(coverProgram_);
    glDeleteProgram(lineProgram_);
}

void SnapshotMap::setPlacement(unsigned int program, const Placement& at) const {
    glUseProgram(program);
    glUniform4fv(glGetUniformLocation(program, "u_page"), 1, at.page);
    glUniform2fv(glGetUniformLocation(program, "u_tileOrigin"), 1, at.tileOrigin);
    glUniform2fv(glGetUniformLocation(program, "u_viewport"), 1, at.viewport);
}

void SnapshotMap::drawLines(const Placement& at, size_t from, size_t to, const float* colour, float widthPx) const {
    if (to <= from || widthPx <= 0) return;
    setPlacement(lineProgram_, at);
    glUniform1f(glGetUniformLocation(lineProgram_, "u_halfWidth"), widthPx / 2);
    glUniform4fv(glGetUniformLocation(lineProgram_, "u_colour"), 1, colour);
    glBindVertexArray(lineVao_);
    glBindBuffer(GL_ARRAY_BUFFER, lineVbo_);  // the pointer below reads the bound buffer, not the VAO's
    glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, 0, reinterpret_cast<const void*>(from * 4 * sizeof(float)));
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, static_cast<GLsizei>(to - from));
}

void SnapshotMap::drawFills(const Placement& at) const {
    auto fill = [&](Range r, const float* colour) {
        if (r.count == 0) return;
        glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
        glStencilFunc(GL_ALWAYS, 0, 1);
        glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
        setPlacement(fillProgram_, at);
        glBindVertexArray(fillVao_);
        glDrawArrays(GL_TRIANGLES, r.first, r.count);
        // Cover the clip rectangle where the stencil is odd, clearing it as it goes.
        glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        glStencilFunc(GL_EQUAL, 1, 1);
        glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);
        glUseProgram(coverProgram_);
        glUniform4fv(glGetUniformLocation(coverProgram_, "u_colour"), 1, colour);
        glBindVertexArray(quadVao_);
        glDrawArrays(GL_TRIANGLES, 0, 6);
    };
    glEnable(GL_STENCIL_TEST);
    glStencilMask(1);
    fill(boundaryFill_, kInsideColour.data());
    for (size_t i = 0; i < districtFills_.size(); ++i) fill(districtFills_[i], kDistrictTints[i % kDistrictTints.size()].data());
    const float villageColour[] = {0.87f, 0.80f, 0.72f, 0.85f};
    for (Range r : villageFills_) fill(r, villageColour);
    glDisable(GL_STENCIL_TEST);
}

void SnapshotMap::draw(const geo::MapTransform& page, const geo::Tile& tile, const geo::Rect& frame, int pageWidth,
                       int pageHeight) const {
    // Scissor to the map frame, in the tile framebuffer's coordinates (y up).
    const int fx0 = std::max(0, static_cast<int>(std::lround(frame.x)) - tile.x);
    const int fx1 = std::min(tile.width, static_cast<int>(std::lround(frame.right())) - tile.x);
    const int fy0 = std::max(0, static_cast<int>(std::lround(frame.y)) - tile.y);
    const int fy1 = std::min(tile.height, static_cast<int>(std::lround(frame.bottom())) - tile.y);
    if (fx1 <= fx0 || fy1 <= fy0) return;
    glEnable(GL_SCISSOR_TEST);
    glScissor(fx0, tile.height - fy1, fx1 - fx0, fy1 - fy0);
    glClearColor(kOutsideColour[0], kOutsideColour[1], kOutsideColour[2], 1);
    glClearStencil(0);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);

    // A power-of-two viewport over the whole page when the driver allows one that large: every
    // tile then sees the same clip-space geometry (clipping included), only shifted by whole
    // pixels. Otherwise one over the tile alone.
    GLint maxViewport[2] = {0, 0};
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, maxViewport);
    auto pow2 = [](int n) { int p = 1; while (p < n) p *= 2; return p; };
    const bool isPageView = pow2(pageWidth) <= maxViewport[0] && pow2(pageHeight) <= maxViewport[1];
    const int viewW = isPageView ? pow2(pageWidth) : pow2(tile.width);
    const int viewH = isPageView ? pow2(pageHeight) : pow2(tile.height);
    const int originX = isPageView ? 0 : tile.x, originY = isPageView ? 0 : tile.y;
    glViewport(originX - tile.x, tile.height + tile.y - originY - viewH, viewW, viewH);

    const double mpp = page.metresPerPixel;
    Placement at;
    at.page[0] = static_cast<float>(1 / mpp);
    at.page[1] = static_cast<float>(-1 / mpp);
    at.page[2] = static_cast<float>(page.toPixelX(localX_));
    at.page[3] = static_cast<float>(page.toPixelY(localY_));
    at.tileOrigin[0] = static_cast<float>(originX);
    at.tileOrigin[1] = static_cast<float>(originY);
    at.viewport[0] = static_cast<float>(viewW);
    at.viewport[1] = static_cast<float>(viewH);
    drawFills(at);

    const auto px = [&](double points) { return static_cast<float>(points * pixelsPerPoint_); };
    auto lines = [&](Range r, const float* colour, float widthPx) {
        drawLines(at, static_cast<size_t>(r.first), static_cast<size_t>(r.first + r.count), colour, widthPx);
    };
    const float villageEdge[] = {0.70f, 0.60f, 0.50f, 1};
    lines(villageSegments_, villageEdge, px(0.5));
    const float districtEdge[] = {0.52f, 0.52f, 0.57f, 1};
    lines(districtSegments_, districtEdge, px(0.9));
    // Opaque, pre-mixed with the township colour: overlapping segment ends would bead with alpha.
    const float halo[] = {kBoundaryColour[0] * 0.25f + kInsideColour[0] * 0.75f,
                          kBoundaryColour[1] * 0.25f + kInsideColour[1] * 0.75f,
                          kBoundaryColour[2] * 0.25f + kInsideColour[2] * 0.75f, 1};
    lines(boundarySegments_, halo, px(7));
    // Casings under every class first, then fills from minor to major so junctions read cleanly.
    for (size_t c = geo::kRoadClassCount; c-- > 0;) {
        const RoadStyle& s = kRoadStyles[c];
        if (s.casingPt > 0) lines(roadSegments_[c], s.casing.data(), px(s.widthPt + 2 * s.casingPt));
    }
    for (size_t c = geo::kRoadClassCount; c-- > 0;) lines(roadSegments_[c], kRoadStyles[c].fill.data(), px(kRoadStyles[c].widthPt));
    lines(boundarySegments_, kBoundaryColour.data(), px(1.8));
    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(0);
    glUseProgram(0);
}

}  // namespace app
