// The GUI's county view (`cordon PG:...` without --township on a server of several townships):
// every township's layers on one map, its plan and entries, the figures per township and in
// total, kept live: a township announced on the server (LISTEN/NOTIFY) is pulled and analysed
// again on a thread of its own, that township only. It never writes to the server.
#pragma once
#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/county.hpp"
#include "app/message_queue.hpp"

namespace app {

struct CountyEntry {
    double x = 0, y = 0;
    bool isGuarded = false;
};

// One township as the view draws it, in the county's working CRS.
struct CountyTownship {
    std::string name;
    geo::Figures figures;
    geo::Bbox extent;  // of its boundary, else of its layers
    std::vector<geo::Checkpoint> checkpoints;
    geo::StaffingTotals staffing;
    std::vector<CountyEntry> entries;
};

struct CountyCrossing {
    std::string from, to, road;
    double x = 0, y = 0;
};

struct CountySnapshot {
    int epsg = 0;  // the county's working CRS: the first township's
    std::vector<CountyTownship> townships;
    geo::Figures total;
    std::vector<CountyCrossing> between;
    std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers;  // every township's, joined
    uint64_t version = 0;
};

// Every township's map layers joined, in the CRS `epsg` (each transformed there when its own differs).
std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> countyLayers(const std::vector<TownshipAnalysis>& townships,
                                                                          int epsg);
// The crossings at their places in the CRS `epsg`.
std::vector<CountyCrossing> countyCrossings(const std::vector<Crossing>& crossings, int epsg);
// The analysed townships' figures and marks in the CRS `epsg`, with the layers and crossings given.
CountySnapshot buildCountySnapshot(const std::vector<TownshipAnalysis>& townships, std::vector<CountyCrossing> between,
                                   std::array<std::shared_ptr<const geo::Layer>, kMapLayerCount> layers, int epsg);

class CountyView {
public:
    // `townships` as analyzeTownships gave them (with layers); `wake` wakes the GUI's loop (any
    // thread). `leftOut`: the townships that could not be analysed ("NAME: why"), told as notices;
    // each joins the view once a change to it is announced and it can be analysed.
    CountyView(std::string server, CountyOptions options, std::vector<TownshipAnalysis> townships,
               const std::vector<Crossing>& crossings, std::function<void()> wake,
               const std::vector<std::string>& leftOut = {});
    ~CountyView();
    CountyView(const CountyView&) = delete;
    CountyView& operator=(const CountyView&) = delete;

    // Main thread: takes the newest snapshot; true when it is another than the one shown.
    bool take();
    const CountySnapshot& snapshot() const { return *shown_; }
    // A township that could not be analysed or refreshed, or a lost connection, for a notice: the
    // oldest not yet taken.
    std::optional<std::string> takeMessage() { return messages_.take(); }

    const std::string& server() const { return server_; }

    // The figures window's state (main thread).
    int selected = -1;  // the township row last clicked (take() follows it when rows move)
    struct RowRect { float x = 0, y = 0, w = 0, h = 0; };
    std::vector<RowRect> rows;  // where each township's row was drawn (the layout log)
    RowRect openButton;         // the button opening the selected township for planning

private:
    void run();
    void report(const std::string& message);
    std::string server_;
    CountyOptions options_;
    std::vector<TownshipAnalysis> townships_;  // the thread's, after construction
    std::function<void()> wake_;
    std::shared_ptr<const CountySnapshot> shown_;   // the main thread's
    std::shared_ptr<const CountySnapshot> latest_;  // the live thread's, after construction
    std::mutex lock_;
    std::shared_ptr<const CountySnapshot> pending_;
    MessageQueue messages_;
    std::atomic<bool> stop_{false};
    std::thread thread_;  // last: started when the rest is ready
};

}  // namespace app
