// Draws the map (fills, thick lines, dots) with GL into the bound framebuffer. Owns every GL
// object it uses; independent of GLFW and ImGui, so headless snapshots use it as the GUI does:
//
//   app::HeadlessContext gl;                     // EGL surfaceless, GL 3.3 core, no display needed
//   app::MapRenderer renderer;                   // after the context, destroyed before it
//   renderer.update(model.mapData());            // or a MapData of your own layers
//   app::OffscreenTarget target(w, h, 4);        // 4x multisampled; readPixels resolves
//   target.bind();
//   app::Camera camera; camera.setViewport(w, h); camera.fit(extent, margin);
//   renderer.draw(camera, {.layers = {}, .pixelScale = dpi / 96.0f});
//   target.readPixels(rgba);                     // top row first
//
// For an image larger than one target, draw it in tiles: same unitsPerPixel, each tile's camera
// centred on its part of the image; the result is seamless because nothing depends on the viewport.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "app/camera.hpp"
#include "app/gl.hpp"
#include "app/map_data.hpp"
#include "app/map_style.hpp"
#include "geo/basemap/basemap_image.hpp"
#include "geo/core/layer.hpp"
#include "geo/render/mesh.hpp"
#include "geo/render/render_lod.hpp"
#include "geo/io/road_class.hpp"

namespace app {

struct LayerView {
    bool visible = true;
    float opacity = 1.0f;  // 0..1
};

// Clips what is drawn next to the pixels of a square of the world (tile stand-ins), for a camera
// drawn into `viewport` (x, y, width, height as GL_VIEWPORT gives them). Turns GL_SCISSOR_TEST on.
void scissorToWorld(const Camera& camera, const std::array<GLint, 4>& viewport, double minX, double minY, double maxX,
                    double maxY);

// Something its owner draws under the vector layers (the map window's basemap tiles).
class MapUnderlay {
public:
    virtual ~MapUnderlay() = default;
    virtual bool isActive() const = 0;  // anything to draw: area fills then only tint it
    virtual void drawUnder(const Camera& camera, float opacity) = 0;
};

struct MapDrawOptions {
    std::array<LayerView, kMapLayerCount> layers{};
    float pixelScale = 1.0f;   // physical pixels per logical pixel: content scale, or dpi / 96
    bool clear = true;         // fill the viewport with the background colour first
    bool dense = false;        // a crowded view: thin roads lose their casings (half the triangles)
    bool simplify = true;      // lines from a level of detail whose grid cell is at most half a pixel
    float basemapOpacity = 1.0f;  // the basemap picture (setBasemap) or underlay as a whole; 0 hides it
    MapUnderlay* underlay = nullptr;  // drawn after the clear, before the vector layers
    bool transparent = false;     // clear to transparent and draw no basemap (cached vector tiles)
};

struct MapDrawStats {
    uint64_t segmentsDrawn = 0;
    uint32_t drawCalls = 0;
};

class MapRenderer {
public:
    MapRenderer();  // needs a current GL 3.3 core context; throws geo::Error when a shader fails
    // Rebuilds and uploads the meshes when data.version differs from the last upload.
    void update(const MapData& data);
    // The data version uploaded, plus a count of choropleth and basemap changes (tile caches redraw on either).
    uint64_t uploadedVersion() const { return uploadedVersion_ + (choroplethRevision_ << 40); }
    // Returnee choropleth drawn over the fills: polygons (grid squares, districts) with one colour
    // each, alpha included; uploaded again only when `key` changes. Null or no features hide it.
    void setChoropleth(const geo::Layer* areas, const std::vector<uint32_t>& colors, uint64_t key);
    // Draws into the bound framebuffer, whose viewport (glViewport) must match camera's size.
    void draw(const Camera& camera, const MapDrawOptions& options);
    const MapDrawStats& lastStats() const { return stats_; }
    // The basemaps' picture (straight alpha, top row first) covering `extent` in map units, drawn
    // first under every layer; the area fills then only tint it. Null removes it.
    void setBasemap(const geo::RgbaImage* image, const geo::Bbox& extent);
    bool hasBasemap() const { return hasBasemap_; }
    // A picture shown in a window (the georeference window's scan): one texture, replaced by each call.
    void setScanPicture(const geo::RgbaImage& image);
    GLuint scanPictureTexture() const { return scanTexture_.id(); }
    const geo::Bbox& basemapExtent() const { return basemapExtent_; }
    // Line segments a draw with this camera would submit (after culling by grid cell).
    uint64_t segmentsInView(const Camera& camera, float pixelScale, bool simplify = true);
    // Road levels of detail uploaded besides the full line mesh, and the segments of each (finest first).
    size_t lineLevels() const { return lods_.size(); }
    bool hasFullRoads() const { return hasFullRoads_; }
    // Road line width in physical pixels for a class at a zoom (the legend uses it too).
    static float roadWidthPx(geo::RoadClass c, double unitsPerPixel, float pixelScale);

    // Line mesh styles.
    static constexpr uint8_t kStyleDistrictOutline = app::kStyleDistrictOutline;
    static constexpr uint8_t kStyleBoundary = app::kStyleBoundary;
    static constexpr uint8_t kStyleVillageOutline = app::kStyleVillageOutline;
    static constexpr uint8_t kStyleVillageDot = app::kStyleVillageDot;
    static constexpr int kStyles = kLineStyles;

private:
    struct FillBatch {
        GlVertexArray vao;
        GlBuffer positions, colors;
        GLsizei vertexCount = 0;
    };
    void uploadFill(FillBatch& batch, const geo::FillMesh& mesh, const std::vector<uint32_t>& featureColor);
    void drawFill(const FillBatch& batch, float opacity);
    // A line mesh on the GL side: the CPU keeps only what culling needs.
    struct LineBatch {
        GlBuffer segments, style;
        GlTexture segmentTexture, styleTexture;  // buffer textures over the two, read by the line shader
        std::vector<uint32_t> cellStart;
        geo::Bbox extent;
        double maxSegmentLength = 0;
        double gridMetres = 0;  // 0 for the full mesh
        size_t count = 0;
    };
    void uploadLines(LineBatch& batch, geo::LineMesh& mesh, double gridMetres);
    // The roads' batch at this zoom: the coarsest level fine enough, else the full mesh.
    const LineBatch& pickRoads(double unitsPerPixel, bool simplify) const;
    struct CellRange {
        int x0 = 0, x1 = -1, y0 = 0, y1 = -1;
        bool isEmpty() const { return x1 < x0 || y1 < y0; }
    };
    // Draws the given styles' segments that may be in view, with the uniform arrays set first:
    // roads from the batch picked for the zoom, outlines and dots from the full mesh.
    void drawLines(uint8_t firstStyle, uint8_t lastStyle, bool reverse, float opacity);
    void setLineStyles(bool casing, double unitsPerPixel, float pixelScale, bool dense = false);
    // Grid cells in view, with a margin for segments reaching out of their cell and line widths.
    CellRange computeCells(const LineBatch& lines, const Camera& camera, float pixelScale) const;
    void computeDrawCells(const Camera& camera, float pixelScale, bool simplify);  // sets roads_ and the ranges
    uint64_t segmentsIn(const LineBatch& lines, const CellRange& cells, int firstStyle, int lastStyle) const;
    // A layer with overlapping lines and opacity < 1 is drawn offscreen first: begin returns the
    // opacity to draw with (1 when offscreen), end lays the result over the map.
    float beginLayer(float opacity);
    void endLayer(float opacity);

    GlProgram fillProgram_, lineProgram_;
    GLint fillCenter_, fillPxPerUnit_, fillViewport_, fillOpacity_;
    GLint lineCenter_, linePxPerUnit_, lineViewport_, lineOpacity_, linePixelOrigin_, lineHalfWidth_, lineColor_;
    FillBatch boundaryFill_, districtFill_, villageFill_, choroplethFill_;
    void uploadChoropleth();
    geo::Layer choroplethAreas_;               // CPU copy: re-uploaded when the origin moves
    std::vector<uint32_t> choroplethColors_;
    uint64_t choroplethKey_ = 0, choroplethRevision_ = 0;
    GlVertexArray lineVao_;  // no attributes: the line shader reads buffer textures
    size_t maxSegments_ = 0;  // GL_MAX_TEXTURE_BUFFER_SIZE: segments one batch may hold
    LineBatch full_;                 // outlines and dots; roads too unless a snapshot's level serves
    std::vector<LineBatch> lods_;    // roads only, finest first
    const LineBatch* roads_ = &full_;  // the roads' batch of the current draw
    bool hasFullRoads_ = true;
    void drawBasemap(const Camera& camera, float opacity);
    GlTexture basemapTexture_;
    geo::Bbox basemapExtent_;
    bool hasBasemap_ = false;
    std::vector<uint8_t> basemapScratch_;  // premultiplied copy for the upload
    GlTexture scanTexture_;
    GlProgram compositeProgram_;
    GLint compositeRect_, compositeOpacity_;
    GlVertexArray quadVao_;
    GlBuffer quadBuffer_;
    GlTexture layerTexture_;
    GlFramebuffer layerFbo_;
    int layerWidth_ = 0, layerHeight_ = 0;
    GLint outerFbo_ = 0;
    std::array<GLint, 4> outerViewport_{};
    double originX_ = 0, originY_ = 0;
    uint64_t uploadedVersion_ = UINT64_MAX;
    // Per-draw state, kept as members so drawing allocates nothing.
    CellRange roadCells_, fullCells_;
    std::array<float, 16> halfWidth_{};
    std::array<float, 64> colors_{};
    MapDrawStats stats_;
};

}  // namespace app
