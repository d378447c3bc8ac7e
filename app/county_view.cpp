// CountyView: the county's snapshot for the map and figures, refreshed per announced township.
#include "app/county_view.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/core/layer_append.hpp"
#include "geo/server/notify.hpp"
#include "geo/server/township.hpp"

namespace app {
namespace {

// The layer in CRS `epsg`: itself when already there, else a transformed copy.
std::shared_ptr<const geo::Layer> inCrs(const std::shared_ptr<const geo::Layer>& layer, const geo::Transformer* to, int epsg) {
    if (!layer || !to) return layer;
    auto copy = std::make_shared<geo::Layer>(*layer);
    to->transform(copy->xy.data(), copy->vertexCount());
    copy->epsg = epsg;
    return copy;
}

// Areas as points at the middle of each one's extent, with their attributes: townships whose
// villages are points and townships whose villages are areas then join in one layer.
std::shared_ptr<const geo::Layer> asPoints(const geo::Layer& areas) {
    auto points = std::make_shared<geo::Layer>();
    points->name = areas.name;
    points->kind = geo::GeomKind::Point;
    points->epsg = areas.epsg;
    points->fields = areas.fields;
    for (size_t f = 0; f < areas.featureCount(); ++f) {
        const geo::Bbox b = areas.featureBbox(f);
        points->addVertex(0.5 * (b.minX + b.maxX), 0.5 * (b.minY + b.maxY));
        points->endRing();
        points->endPart();
        points->endFeature();
    }
    return points;
}

}  // namespace

std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> countyLayers(const std::vector<TownshipAnalysis>& townships,
                                                                          int epsg) {
    std::array<std::shared_ptr<geo::Layer>, kMapLayerCount> joined;
    for (auto& l : joined) l = std::make_shared<geo::Layer>();
    for (const TownshipAnalysis& t : townships) {
        std::unique_ptr<geo::Transformer> to;
        if (t.epsg != epsg) to = std::make_unique<geo::Transformer>("EPSG:" + std::to_string(t.epsg), "EPSG:" + std::to_string(epsg));
        for (size_t i = 0; i < kMapLayerCount; ++i) {
            std::shared_ptr<const geo::Layer> layer = inCrs(t.layers[i], to.get(), epsg);
            if (!layer || layer->featureCount() == 0) continue;
            // Villages kept as points in one township and as areas in another (import keeps what
            // the source has): the county shows them all as points.
            const bool isMixed = joined[i]->featureCount() > 0 && joined[i]->kind != layer->kind;
            if (isMixed && layer->kind == geo::GeomKind::Polygon && joined[i]->kind == geo::GeomKind::Point) layer = asPoints(*layer);
            else if (isMixed && layer->kind == geo::GeomKind::Point && joined[i]->kind == geo::GeomKind::Polygon)
                joined[i] = std::make_shared<geo::Layer>(*asPoints(*joined[i]));
            geo::appendLayer(*joined[i], *layer);
        }
    }
    std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> out;
    for (size_t i = 0; i < kMapLayerCount; ++i)
        if (joined[i]->featureCount() > 0) out[i] = std::move(joined[i]);
    return out;
}

std::vector<CountyCrossing> countyCrossings(const std::vector<Crossing>& crossings, int epsg) {
    std::vector<CountyCrossing> out;
    if (crossings.empty()) return out;
    const geo::Transformer fromLonLat("EPSG:4326", "EPSG:" + std::to_string(epsg));
    for (const Crossing& c : crossings) {
        CountyCrossing b{c.from, c.to, c.road, c.lon, c.lat};
        fromLonLat.transformPoint(b.x, b.y);
        out.push_back(std::move(b));
    }
    return out;
}

CountySnapshot buildCountySnapshot(const std::vector<TownshipAnalysis>& townships, std::vector<CountyCrossing> between,
                                   std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers, int epsg) {
    CountySnapshot s;
    s.epsg = epsg;
    for (const TownshipAnalysis& t : townships) {
        std::unique_ptr<geo::Transformer> to;
        if (t.epsg != epsg) to = std::make_unique<geo::Transformer>("EPSG:" + std::to_string(t.epsg), "EPSG:" + std::to_string(epsg));
        const auto place = [&](double& x, double& y) { if (to) to->transformPoint(x, y); };
        CountyTownship c;
        c.name = t.name;
        c.figures = t.figures;
        // Its extent: of its boundary, else of its other layers.
        for (size_t i = 0; i < kMapLayerCount && c.extent.isEmpty(); ++i)
            if (t.layers[i]) c.extent = inCrs(t.layers[i], to.get(), epsg)->bbox();
        c.checkpoints = t.scenario.checkpoints;
        for (auto& p : c.checkpoints) place(p.x, p.y);
        c.staffing = geo::staffingTotals(t.scenario.checkpoints, t.scenario.params, {});
        const auto& entries = t.net->entries();
        for (size_t i = 0; i < entries.size(); ++i) {
            CountyEntry e{entries[i].x, entries[i].y, i < t.figures.entryGuarded.size() && t.figures.entryGuarded[i]};
            place(e.x, e.y);
            c.entries.push_back(e);
        }
        s.townships.push_back(std::move(c));
    }
    s.total = countyTotal(townships);
    s.between = std::move(between);
    s.layers = std::move(layers);
    return s;
}

// Whether two analyses of a township have the same map layers (then the joined layers and the
// crossings between townships stand).
bool sameLayers(const TownshipAnalysis& a, const TownshipAnalysis& b) {
    for (size_t i = 0; i < kMapLayerCount; ++i) {
        const auto& x = a.layers[i];
        const auto& y = b.layers[i];
        if (x != y && (!x || !y || !(*x == *y))) return false;
    }
    return a.epsg == b.epsg;
}

CountyView::CountyView(std::string server, CountyOptions options, std::vector<TownshipAnalysis> townships,
                       const std::vector<Crossing>& crossings, std::function<void()> wake,
                       const std::vector<std::string>& leftOut)
    : server_(std::move(server)), options_(std::move(options)), townships_(std::move(townships)), wake_(std::move(wake)) {
    // Each left-out township in a notice of its own, or all in one when there are many.
    std::string all;
    for (const std::string& why : leftOut) {
        const std::string line = why + "; left out of the county until it changes";
        if (leftOut.size() <= 3) messages_.post(line);
        else all += (all.empty() ? "" : "\n") + line;
    }
    if (!all.empty()) messages_.post(all);
    const int epsg = townships_.empty() ? 4326 : townships_.front().epsg;
    auto first = std::make_shared<CountySnapshot>(
        buildCountySnapshot(townships_, countyCrossings(crossings, epsg), countyLayers(townships_, epsg), epsg));
    first->version = 1;
    pending_ = latest_ = first;
    shown_ = std::move(first);
    thread_ = std::thread([this] { run(); });
}

CountyView::~CountyView() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

bool CountyView::take() {
    std::shared_ptr<const CountySnapshot> next;
    {
        std::lock_guard<std::mutex> hold(lock_);
        if (!pending_) return false;
        next = std::exchange(pending_, nullptr);
    }
    // The chosen township stays chosen by name: rows move when one leaves or is renamed.
    const auto& before = shown_->townships;
    const bool hadChoice = selected >= 0 && static_cast<size_t>(selected) < before.size();
    int chosen = -1;
    for (size_t i = 0; hadChoice && i < next->townships.size(); ++i)
        if (next->townships[i].name == before[static_cast<size_t>(selected)].name) chosen = static_cast<int>(i);
    selected = chosen;
    shown_ = std::move(next);
    return true;
}

void CountyView::report(const std::string& message) {
    messages_.post(message);
    wake_();
}

void CountyView::run() {
    try {
        const int epsg = latest_->epsg;
        uint64_t version = latest_->version;
        geo::PgConnection conn(server_);
        geo::ServerListener listener(server_);
        std::vector<std::string> announced;  // announced and not yet refreshed
        auto retryAt = std::chrono::steady_clock::time_point{};
        bool isFailing = false;
        while (!stop_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            const bool isNew = listener.pollTownships(announced);
            if (announced.empty() || (!isNew && std::chrono::steady_clock::now() < retryAt)) continue;
            bool haveLayersChanged = false;
            // A township gone from the server (deleted, or renamed: its new name is announced)
            // leaves the view, so the totals never count it twice or count what is gone.
            std::vector<geo::Township> onServer;
            try {
                onServer = geo::listTownships(conn);
            } catch (const geo::Error& e) {  // told once; the announced townships are tried again
                if (!isFailing) report(e.what());
                isFailing = true;
                retryAt = std::chrono::steady_clock::now() + std::chrono::seconds(2);
                continue;
            }
            isFailing = false;
            auto isOnServer = [&](const std::string& name) {
                return std::any_of(onServer.begin(), onServer.end(), [&](const geo::Township& t) { return t.name == name; });
            };
            for (auto it = townships_.begin(); it != townships_.end();) {
                if (isOnServer(it->name)) {
                    ++it;
                    continue;
                }
                report(it->name + ": no longer on the server (deleted, or renamed); the county goes on without it");
                it = townships_.erase(it);
                haveLayersChanged = true;
            }
            for (const std::string& name : announced) {
                if (!isOnServer(name)) continue;  // gone again, or the announcement of a deletion
                auto at = std::find_if(townships_.begin(), townships_.end(), [&](const auto& t) { return t.name == name; });
                try {
                    TownshipAnalysis fresh = analyzeTownship(conn, name, options_);
                    if (at == townships_.end()) {  // a township new on the server
                        townships_.push_back(std::move(fresh));
                        haveLayersChanged = true;
                    } else {
                        haveLayersChanged = haveLayersChanged || !sameLayers(*at, fresh);
                        *at = std::move(fresh);
                    }
                } catch (const geo::Error& e) {  // this township only: the others stay live
                    report(e.what());  // names the township
                }
            }
            announced.clear();
            // A plan edit (the usual one) keeps the map's layers and the crossings as they were. A
            // failure here is told and the view stays live: the next announcement tries again.
            std::shared_ptr<CountySnapshot> next;
            try {
                next = std::make_shared<CountySnapshot>(buildCountySnapshot(
                    townships_, haveLayersChanged ? countyCrossings(crossingsBetween(conn), epsg) : latest_->between,
                    haveLayersChanged ? countyLayers(townships_, epsg) : latest_->layers, epsg));
            } catch (const geo::Error& e) {
                report(e.what());
                continue;
            }
            next->version = ++version;
            latest_ = next;
            {
                std::lock_guard<std::mutex> hold(lock_);
                pending_ = std::move(next);
            }
            wake_();
        }
    } catch (const std::exception& e) {
        report(std::string("the link to the server stopped: ") + e.what() + "; the county shows what it had");
    }
}

}  // namespace app
