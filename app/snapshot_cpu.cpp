// Snapshots drawn on the CPU: the page in strips of rows within the strip budget, each strip cut
// into bands that every core draws (map, then the overlay), counted for ink and handed to the
// PNG writer. Used where the GL driver is software, which is slower at this than the cores are.
// The map may have been drawn ahead (MapPrerender) while the scenario was being analysed.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/map_raster.hpp"
#include "app/overlay_raster.hpp"
#include "app/snapshot_data.hpp"
#include "app/snapshot_internal.hpp"
#include "app/stage_clock.hpp"
#include "geo/core/error.hpp"
#include "geo/core/threads.hpp"
#include "geo/render/png_writer.hpp"

namespace app {
namespace {

// Runs draw(band) for bands 0..count-1 on up to `threads` threads; rethrows the first failure.
template <class Draw>
void forEachBand(int count, int threads, Draw draw) {
    std::atomic<int> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&] {
        for (int b = next++; b < count; b = next++) {
            try {
                draw(b);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure) failure = std::current_exception();
                next = count;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::min(threads, count); ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

// Bands of a few dozen rows, several per thread, so that a busy part of the map does not leave
// the other cores idle.
int bandRowsFor(int rows, int threads) { return std::max(16, rows / (threads * 6)); }

RgbBand bandOf(geo::ByteBuffer& strip, int width, int stripY, int rows, int bandRows, int b) {
    const int top = b * bandRows;
    const size_t rowBytes = static_cast<size_t>(width) * 3;
    return {strip.data() + static_cast<size_t>(top) * rowBytes, width, stripY + top, std::min(bandRows, rows - top),
            static_cast<std::ptrdiff_t>(rowBytes)};
}

MapRaster makeMapRaster(const SnapshotData& data, const geo::PageLayout& layout, const geo::MapTransform& transform) {
    MapData mapData = data.mapData();
    mapData.finestUnitsPerPixel = transform.metresPerPixel;  // one zoom: only the level of detail it needs
    const bool hasChoropleth = data.isReturneeLayerShown();
    MapRaster map(mapData, transform, static_cast<float>(snapshotPixelScale(layout)),
                  hasChoropleth ? &data.returneeLayer.cells : nullptr, hasChoropleth ? &data.returneeLayer.colors : nullptr);
    FramePicture basemap = basemapPicture(data, layout, transform, kMaxBasemapSide);
    if (!basemap.image.isEmpty()) map.setBasemap(std::move(basemap.image), layout.mapFrame);
    return map;
}

bool isSamePage(const geo::PageLayout& a, const geo::PageLayout& b) {
    return a.width == b.width && a.height == b.height && a.mapFrame.x == b.mapFrame.x && a.mapFrame.y == b.mapFrame.y &&
           a.mapFrame.w == b.mapFrame.w && a.mapFrame.h == b.mapFrame.h && a.pixelsPerPoint == b.pixelsPerPoint;
}

}  // namespace

MapPrerender::MapPrerender(const SnapshotData& data, const geo::PageLayout& layout) : layout_(layout) {
    thread_ = std::thread([this, &data] {
        try {
            const MapRaster map = makeMapRaster(data, layout_, geo::fitExtent(data.extent, layout_.mapFrame));
            hasBasemap_ = map.hasBasemap();
            image_.resize(static_cast<size_t>(layout_.width) * 3 * static_cast<size_t>(layout_.height));
            const int threads = geo::workerCount(), bandRows = bandRowsFor(layout_.height, threads);
            const int bands = (layout_.height + bandRows - 1) / bandRows;
            std::vector<uint64_t> segmentsOfBand(static_cast<size_t>(bands), 0);
            forEachBand(bands, threads, [&](int b) {
                segmentsOfBand[static_cast<size_t>(b)] =
                    map.drawBand(bandOf(image_, layout_.width, 0, layout_.height, bandRows, b));
            });
            for (uint64_t n : segmentsOfBand) segmentsDrawn_ += n;
        } catch (...) {
            failure_ = std::current_exception();
        }
    });
}

MapPrerender::~MapPrerender() {
    if (thread_.joinable()) thread_.join();
}

geo::ByteBuffer& MapPrerender::wait() {
    if (thread_.joinable()) thread_.join();
    if (failure_) std::rethrow_exception(failure_);
    return image_;
}

SnapshotResult renderSnapshotCpu(const SnapshotData& data, const SnapshotRequest& request, SnapshotResult result,
                                 const geo::MapTransform& transform) {
    StageClock noClock;
    StageClock& clock = request.clock ? *request.clock : noClock;
    const geo::PageLayout& layout = result.layout;
    result.glRenderer = "cpu";

    PageContent content{&data, request.title, request.scenarioName, request.date, request.figures, request.sources,
                        request.drawPanels, request.panelText};
    OverlayContext overlay(layout, content, false);
    result.overlay = drawPageOverlay(overlay.drawList(), overlay.fonts(), content, layout, transform);
    result.scaleBar = result.overlay.scaleBar;
    overlay.finish();
    const RgbaTexture atlas{overlay.atlasRgba(), overlay.atlasWidth(), overlay.atlasHeight()};
    clock.mark("overlay");

    const auto rowBytes = static_cast<size_t>(layout.width) * 3;
    const int threads = geo::workerCount();
    // A map drawn ahead serves when it is of this very page: the whole page is then one strip.
    const bool isDrawnAhead = request.prerendered && isSamePage(request.prerendered->layout(), layout);
    std::optional<MapRaster> map;
    geo::ByteBuffer ownStrip;
    geo::ByteBuffer* strip = &ownStrip;
    int stripRows = layout.height;
    if (isDrawnAhead) {
        strip = &request.prerendered->wait();
        result.segmentsDrawn = request.prerendered->segmentsDrawn();
        clock.mark("map_wait");
    } else {
        map.emplace(makeMapRaster(data, layout, transform));
        stripRows = static_cast<int>(std::clamp<size_t>(request.stripBudgetBytes / rowBytes, 1, static_cast<size_t>(layout.height)));
        ownStrip.resize(rowBytes * static_cast<size_t>(stripRows));  // every byte is drawn before it is read
        clock.mark("map_prepare");
    }

    geo::PngOptions png;
    png.dpi = layout.dpi;
    geo::PngWriter writer(request.out, layout.width, layout.height, png);
    const InkCounter ink(layout);
    bool hasPaperCorner = false;
    for (int stripY = 0; stripY < layout.height; stripY += stripRows) {
        const int rows = std::min(stripRows, layout.height - stripY);
        const int bandRows = bandRowsFor(rows, threads);
        const int bands = (rows + bandRows - 1) / bandRows;
        std::vector<int64_t> inkOfBand(static_cast<size_t>(bands), 0);
        std::vector<uint64_t> segmentsOfBand(static_cast<size_t>(bands), 0);
        forEachBand(bands, threads, [&](int b) {
            const RgbBand band = bandOf(*strip, layout.width, stripY, rows, bandRows, b);
            if (map) segmentsOfBand[static_cast<size_t>(b)] = map->drawBand(band);
            rasteriseDrawData(overlay.drawData(), atlas, band);
            for (int r = 0; r < band.height; ++r)
                inkOfBand[static_cast<size_t>(b)] += ink.countRow(band.pixels + static_cast<size_t>(r) * rowBytes, band.y0 + r);
        });
        for (int b = 0; b < bands; ++b) {
            result.mapInkPixels += inkOfBand[static_cast<size_t>(b)];
            result.segmentsDrawn += segmentsOfBand[static_cast<size_t>(b)];
        }
        if (stripY == 0) hasPaperCorner = hasPageColour(strip->data(), request.style);
        clock.mark("cpu_draw");
        writer.writeRows(strip->data(), rows, static_cast<std::ptrdiff_t>(rowBytes));
        clock.mark("png_encode");
        ++result.tiles;
    }
    const bool hasBasemap = isDrawnAhead ? request.prerendered->hasBasemap() : map->hasBasemap();
    finishSnapshot(writer, request, result, ink.hasInk(result.mapInkPixels, hasBasemap) && hasPaperCorner, clock);
    return result;
}

}  // namespace app
