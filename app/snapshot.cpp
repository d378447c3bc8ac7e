// Snapshot pipeline: layout, one ImGui draw list for the page, then per tile the map and the
// overlay into an FBO, read back band by band into the streaming PNG writer.
#include "app/snapshot.hpp"

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>

#include "app/camera.hpp"
#include "app/gl_context.hpp"
#include "app/map_renderer.hpp"
#include "app/map_style.hpp"
#include "app/platform.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_internal.hpp"
#include "app/snapshot_overlay.hpp"
#include "app/snapshot_target.hpp"
#include "app/stage_clock.hpp"
#include "geo/core/byte_buffer.hpp"
#include "geo/basemap/basemap_image.hpp"
#include "geo/core/error.hpp"
#include "geo/render/png_writer.hpp"
#include "geo/analysis/figures.hpp"

namespace app {
namespace {

int nextPowerOfTwo(int n) {
    int p = 1;
    while (p < n) p *= 2;
    return p;
}

}  // namespace

OverlayContext::OverlayContext(const geo::PageLayout& layout, const PageContent& content, bool withGl)
    : previous_(ImGui::GetCurrentContext()) {
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(layout.width), static_cast<float>(layout.height));
    io.DeltaTime = 1.0f / 60;
    fonts_ = addPageFonts(layout, pageText(content));
    if (withGl) {
        if (!ImGui_ImplOpenGL3_Init("#version 330 core")) throw geo::Error("cannot start the text renderer");
        hasBackend_ = true;
        ImGui_ImplOpenGL3_NewFrame();
    } else {
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // the CPU rasteriser reads VtxOffset
        io.Fonts->GetTexDataAsRGBA32(&atlas_, &atlasWidth_, &atlasHeight_);
    }
    ImGui::NewFrame();
}

OverlayContext::~OverlayContext() {
    if (hasBackend_) ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous_);
}

void OverlayContext::finish() {
    ImGui::Render();
    drawData_ = ImGui::GetDrawData();
}

void OverlayContext::renderView(const geo::Tile& view) {
    drawData_->DisplayPos = ImVec2(static_cast<float>(view.x), static_cast<float>(view.y));
    drawData_->DisplaySize = ImVec2(static_cast<float>(view.width), static_cast<float>(view.height));
    drawData_->FramebufferScale = ImVec2(1, 1);
    ImGui_ImplOpenGL3_RenderDrawData(drawData_);
}

InkCounter::InkCounter(const geo::PageLayout& layout)
    : fx0_(std::max(0, static_cast<int>(layout.mapFrame.x) + 2)),
      fx1_(std::min(layout.width, static_cast<int>(layout.mapFrame.right()) - 2)),
      fy0_(static_cast<int>(layout.mapFrame.y) + 2),
      fy1_(static_cast<int>(layout.mapFrame.bottom()) - 2),
      width_(layout.width) {}

int64_t InkCounter::countRow(const uint8_t* row, int y) const {
    if (y < fy0_ || y >= fy1_) return 0;
    constexpr Rgba outside = style::kBackground, inside = style::kTownshipFill;
    int64_t ink = 0;
    for (int x = fx0_; x < fx1_; ++x) {
        const uint8_t* px = row + static_cast<size_t>(x) * 3;
        const bool isBackground = (px[0] == outside.r && px[1] == outside.g && px[2] == outside.b) ||
                                  (px[0] == inside.r && px[1] == inside.g && px[2] == inside.b);
        ink += isBackground ? 0 : 1;
    }
    return ink;
}

bool InkCounter::hasInk(int64_t inkPixels, bool isFrameCovered) const {
    const int64_t frameArea = static_cast<int64_t>(std::max(0, fx1_ - fx0_)) * std::max(0, fy1_ - fy0_);
    return inkPixels > 0 && (isFrameCovered || inkPixels < frameArea);
}

bool hasPageColour(const uint8_t* rgb, geo::LayoutStyle style) {
    const Rgba page = overlayPageColour(style);
    return std::abs(rgb[0] - page.r) <= 1 && std::abs(rgb[1] - page.g) <= 1 && std::abs(rgb[2] - page.b) <= 1;
}

namespace {

void checkWritten(const std::filesystem::path& path, int width, int height) {
    std::ifstream in(path, std::ios::binary);
    unsigned char head[24] = {};
    if (!in.read(reinterpret_cast<char*>(head), sizeof head)) throw geo::Error(path.string() + ": was not written");
    auto be32 = [&](int at) {
        return static_cast<int>((uint32_t(head[at]) << 24) | (uint32_t(head[at + 1]) << 16) |
                                (uint32_t(head[at + 2]) << 8) | uint32_t(head[at + 3]));
    };
    if (head[1] != 'P' || be32(16) != width || be32(20) != height)
        throw geo::Error(path.string() + ": the written file is not the image that was drawn");
}

// The basemap picture given to the renderer, down to what one texture holds; false when none is drawn.
bool drawBasemapUnder(MapRenderer& map, const SnapshotData& data, const geo::PageLayout& layout,
                      const geo::MapTransform& transform) {
    if (data.basemaps.empty()) return false;
    GLint maxTexture = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTexture);
    const FramePicture picture = basemapPicture(data, layout, transform, std::min<int>(maxTexture, kMaxBasemapSide));
    if (picture.image.isEmpty()) return false;
    map.setBasemap(&picture.image, picture.extent);
    return true;
}

}  // namespace

FramePicture basemapPicture(const SnapshotData& data, const geo::PageLayout& layout, const geo::MapTransform& transform,
                            int maxSide) {
    FramePicture out;
    if (data.basemaps.empty()) return out;
    const geo::Rect& frame = layout.mapFrame;
    const double side = maxSide;
    const double shrink = std::min({1.0, side / std::max(frame.w, 1.0), side / std::max(frame.h, 1.0)});
    const int width = std::max(1, static_cast<int>(std::lround(frame.w * shrink)));
    const int height = std::max(1, static_cast<int>(std::lround(frame.h * shrink)));
    out.extent.add(transform.toMetresX(frame.x), transform.toMetresY(frame.y));
    out.extent.add(transform.toMetresX(frame.right()), transform.toMetresY(frame.bottom()));
    geo::BasemapPicture picture = geo::renderBasemaps(data.basemaps, data.workspacePath, data.workingEpsg, out.extent, width, height);
    if (!picture.problems.empty()) throw geo::Error(picture.problems.front());
    out.image = std::move(picture.image);
    return out;
}

void finishSnapshot(geo::PngWriter& writer, const SnapshotRequest& request, const SnapshotResult& result, bool isDrawn,
                    StageClock& clock) {
    if (!isDrawn) throw geo::Error(request.out.string() + ": the map came out blank; nothing was written");
    writer.finish();
    clock.mark("png_encode");
    checkWritten(request.out, result.width, result.height);
    clock.mark("png_check");
}

std::string snapshotCount(int64_t count, int threshold) {
    if (count > 0 && count < threshold) return "<" + std::to_string(threshold);
    return std::to_string(count);
}

std::vector<FigureItem> snapshotFigures(const SnapshotData& data, const std::string&) {
    std::vector<FigureItem> out;
    // Small counts of returnees never leave the machine: each goes through snapshotCount. Staff
    // figures are the command post's own rosters, shown as they are so a deficit reads exactly.
    const int threshold = data.smallCountThreshold;
    if (data.hasFigures) {
        const geo::Figures& f = data.figures;
        out.push_back({"卡口 Checkpoints", std::to_string(f.checkpoints), "", false});
        if (f.closures > 0) out.push_back({"封路 Closures", std::to_string(f.closures), "", false});
        const bool isShort = f.staffRequired > f.staffAvailable;
        out.push_back({"值班人员 Staff req. / avail.",
                       std::to_string(f.staffRequired) + " / " + std::to_string(f.staffAvailable),
                       isShort ? "缺 " + std::to_string(f.staffRequired - f.staffAvailable) : "", isShort});
        // Labels and details stay short: the briefing's cards give them a third of a card's width.
        out.push_back({"入口 Entries guarded / total", std::to_string(f.entriesGuarded) + " / " + std::to_string(f.entriesTotal),
                       "", false});
        const int open = f.entriesTotal - f.entriesGuarded;
        out.push_back({"未守入口 Open entries", std::to_string(open), "", open > 0});
        if (f.returneesTotal > 0) {
            std::vector<std::pair<int64_t, std::string>> origins;
            for (const auto& [origin, n] : f.returneesByOrigin) origins.push_back({n, origin});
            std::sort(origins.begin(), origins.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            // The two largest origins, and the outbreak's origin wherever it ranks (the brief's 21 from Wuhan).
            std::string top;
            for (size_t i = 0; i < origins.size(); ++i) {
                const bool isOutbreak = origins[i].second.find("武汉") != std::string::npos ||
                                        origins[i].second.find("Wuhan") != std::string::npos;
                if (i >= 2 && !isOutbreak) continue;
                top += (top.empty() ? "" : " · ") + origins[i].second + " " + snapshotCount(origins[i].first, threshold);
            }
            out.push_back({"返乡人员 Returnees", snapshotCount(f.returneesTotal, threshold), top, false});
        }
        return out;
    }
    if (!data.checkpoints.empty()) {
        const int staff = geo::staffingTotals(data.checkpoints, {}, {}).staffRequired;
        out.push_back({"卡口 Checkpoints", std::to_string(data.checkpoints.size()), "", false});
        out.push_back({"值班人员 Staff required", std::to_string(staff), "", false});
    }
    if (data.hasReturnees)
        out.push_back({"返乡人员 Returnees", snapshotCount(data.returnees, threshold),
                       "武汉 Wuhan " + snapshotCount(data.returneesFromOutbreak, threshold), false});
    return out;
}

std::vector<FigureItem> snapshotDistrictFigures(const SnapshotData& data, const std::string& district) {
    std::vector<FigureItem> out;
    if (!data.hasFigures) return out;
    for (const geo::DistrictFigures& d : data.figures.districts) {
        if (d.name != district) continue;
        out.push_back({"卡口 Checkpoints", std::to_string(d.checkpoints), "", false});
        if (d.closures > 0) out.push_back({"封路 Closures", std::to_string(d.closures), "", false});
        if (d.staffAvailable >= 0) {
            const bool isShort = d.staffRequired > d.staffAvailable;
            out.push_back({"值班人员 Staff req. / avail.", std::to_string(d.staffRequired) + " / " + std::to_string(d.staffAvailable),
                           isShort ? "缺 " + std::to_string(d.staffRequired - d.staffAvailable) : "", isShort});
        } else {
            out.push_back({"值班人员 Staff required", std::to_string(d.staffRequired), "", false});
        }
        out.push_back({"入口 Entries guarded / total", std::to_string(d.entriesGuarded) + " / " + std::to_string(d.entriesTotal),
                       "", false});
        const int open = d.entriesTotal - d.entriesGuarded;
        out.push_back({"未守入口 Open entries", std::to_string(open), "", open > 0});
        out.push_back({"返乡人员 Returnees", snapshotCount(d.returnees, data.smallCountThreshold), "", false});
    }
    return out;
}

std::string todayText() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    if (const std::tm* t = std::localtime(&now)) local = *t;
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

std::string defaultTitle(const std::string& workspaceTitle, const std::string& townshipName,
                         const std::string& workspaceName) {
    if (!workspaceTitle.empty()) return workspaceTitle;
    return (townshipName.empty() ? workspaceName : townshipName) + "防控卡口布局图";
}

SnapshotEngine headlessEngine() { return hasHardwareGl() ? SnapshotEngine::Gl : SnapshotEngine::Cpu; }

double snapshotPixelScale(const geo::PageLayout& layout) { return layout.pixelsPerPoint * 72.0 / 96.0; }

SnapshotResult renderSnapshot(const SnapshotData& data, const SnapshotRequest& request) {
    geo::checkOutputFolder(request.out);
    SnapshotResult result;
    // Paper reports carry the checkpoint table beside the map.
    const bool hasTable = request.style == geo::LayoutStyle::Report && !request.page.paper.empty() && !data.checkpoints.empty();
    result.layout = request.layout ? *request.layout : geo::layoutPage(request.page, request.style, hasTable);
    const geo::PageLayout& layout = result.layout;
    result.width = layout.width;
    result.height = layout.height;
    const geo::MapTransform transform = geo::fitExtent(data.extent, layout.mapFrame);
    result.metresPerPixel = transform.metresPerPixel;
    result.scaleDenominator = geo::scaleDenominator(transform.metresPerPixel, layout.dpi);

    StageClock noClock;
    StageClock& clock = request.clock ? *request.clock : noClock;
    clock.mark("layout");
    if (request.engine == SnapshotEngine::Cpu) return renderSnapshotCpu(data, request, std::move(result), transform);
    std::optional<HeadlessContext> gl;
    if (!request.useCurrentContext) gl.emplace();
    clock.mark("gl_context");
    result.glRenderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    GLint maxSide = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSide);
    GLint maxViewport[2] = {0, 0};
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, maxViewport);
    const int tileSide = std::min({request.maxTileSide, static_cast<int>(maxSide), static_cast<int>(maxViewport[0]) / 2,
                                   static_cast<int>(maxViewport[1]) / 2});
    if (tileSide < 64) throw geo::Error("the OpenGL driver cannot draw off-screen images");
    const auto tiles = geo::planTiles(layout.width, layout.height, tileSide, request.stripBudgetBytes, 3);
    result.tiles = static_cast<int>(tiles.size());
    int tileW = 0, tileH = 0;
    for (const auto& t : tiles) tileW = std::max(tileW, t.width), tileH = std::max(tileH, t.height);

    PageContent content{&data, request.title, request.scenarioName, request.date, request.figures, request.sources,
                        request.drawPanels, request.panelText};
    MapRenderer map;
    MapData mapData = data.mapData();
    mapData.finestUnitsPerPixel = transform.metresPerPixel;  // one zoom: only the level of detail it needs
    map.update(mapData);
    if (data.isReturneeLayerShown()) map.setChoropleth(&data.returneeLayer.cells, data.returneeLayer.colors, 1);
    clock.mark("map_upload");
    const bool hasBasemap = drawBasemapUnder(map, data, layout, transform);
    clock.mark("basemap");
    MapDrawOptions drawOptions;
    drawOptions.pixelScale = static_cast<float>(snapshotPixelScale(layout));
    OverlayContext overlay(layout, content, true);
    result.overlay = drawPageOverlay(overlay.drawList(), overlay.fonts(), content, layout, transform);
    result.scaleBar = result.overlay.scaleBar;
    overlay.finish();
    clock.mark("overlay");
    TileTarget target(tileW, tileH, request.samples);
    checkGl("preparing the snapshot");
    clock.mark("framebuffer");

    geo::PngOptions png;
    png.dpi = layout.dpi;
    geo::PngWriter writer(request.out, layout.width, layout.height, png);
    const size_t rowBytes = static_cast<size_t>(layout.width) * 3;
    geo::ByteBuffer strip;  // every byte is read back into before it is used
    const InkCounter ink(layout);
    const Rgba pageColour = overlayPageColour(request.style);
    const std::array<float, 4> paper{pageColour.r / 255.0f, pageColour.g / 255.0f, pageColour.b / 255.0f, 1};
    const geo::Tile pageView{0, 0, nextPowerOfTwo(layout.width), nextPowerOfTwo(layout.height)};
    const bool isPageView = pageView.width <= maxViewport[0] && pageView.height <= maxViewport[1];
    bool hasPaperCorner = false;
    for (size_t i = 0; i < tiles.size();) {
        const int rowY = tiles[i].y, rowH = tiles[i].height;
        strip.resize(rowBytes * static_cast<size_t>(rowH));
        for (; i < tiles.size() && tiles[i].y == rowY; ++i) {
            const geo::Tile& tile = tiles[i];
            // The viewport is a power of two whose bottom rows are the tile (GL's y is up).
            geo::Tile view{tile.x, 0, nextPowerOfTwo(tile.width), nextPowerOfTwo(tile.height)};
            view.y = tile.y - (view.height - tile.height);
            target.bindForDrawing(view.width, view.height);
            glDisable(GL_SCISSOR_TEST);
            glClearColor(paper[0], paper[1], paper[2], 1);
            glClear(GL_COLOR_BUFFER_BIT);
            // The map fills the view; the overlay then paints the page around the map frame.
            // When the driver allows a viewport over the whole page (a power of two), every tile
            // shares one camera and sees the same clip-space geometry, only shifted by whole
            // pixels: tiles then match a single pass exactly. Otherwise the camera is the view's.
            Camera camera;
            camera.unitsPerPixel = transform.metresPerPixel;
            if (isPageView) {
                camera.setViewport(pageView.width, pageView.height);
                camera.centerX = transform.toMetresX(pageView.width / 2.0);
                camera.centerY = transform.toMetresY(pageView.height / 2.0);
                glViewport(-tile.x, tile.height + tile.y - pageView.height, pageView.width, pageView.height);
            } else {
                camera.setViewport(view.width, view.height);
                camera.centerX = transform.toMetresX(view.x + view.width / 2.0);
                camera.centerY = transform.toMetresY(view.y + view.height / 2.0);
            }
            map.draw(camera, drawOptions);
            result.segmentsDrawn += map.lastStats().segmentsDrawn;
            result.drawCalls += map.lastStats().drawCalls;
            glViewport(0, 0, view.width, view.height);
            overlay.renderView(view);
            checkGl("drawing the snapshot");
            if (clock.isOn()) glFinish();  // so that drawing and reading back are timed apart
            clock.mark("draw");
            target.readRgb(tile.width, tile.height, strip.data() + static_cast<size_t>(tile.x) * 3, layout.width);
            clock.mark("read_back");
        }
        if (rowY == 0)  // the top-left corner is page margin or title band: paper colour, or drawing failed
            hasPaperCorner = hasPageColour(strip.data() + static_cast<size_t>(rowH - 1) * rowBytes, request.style);
        // Rows come back bottom-up; count map pixels drawn over the background as we go.
        for (int r = 0; r < rowH; ++r)
            result.mapInkPixels += ink.countRow(strip.data() + static_cast<size_t>(r) * rowBytes, rowY + rowH - 1 - r);
        clock.mark("ink_check");
        writer.writeRows(strip.data() + static_cast<size_t>(rowH - 1) * rowBytes, rowH,
                         -static_cast<std::ptrdiff_t>(rowBytes));
        clock.mark("png_encode");
    }
    finishSnapshot(writer, request, result, ink.hasInk(result.mapInkPixels, hasBasemap) && hasPaperCorner, clock);
    return result;
}

}  // namespace app
