// Finding and restoring checkpoints whose geometry was removed outside Cordon.
#include "geo/plan/checkpoint_repair.hpp"

#include <cmath>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/io/wkb.hpp"
#include "geo/workspace/workspace.hpp"

namespace geo {
namespace {

bool readable(const uint8_t* blob, size_t size, GeomKind kind, Layer& into) {
    size_t wkbSize = 0;
    const uint8_t* wkb = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr;
    into.kind = kind;
    return wkb && appendWkbFeature(into, wkb, wkbSize) == WkbResult::Added;
}

// The point half way along the first part of road `fid`; false when there is no such road.
bool roadMiddle(const Workspace& ws, int64_t fid, double& x, double& y) {
    if (fid < 0 || !ws.hasLayer("roads")) return false;
    Statement s(ws.db(), "SELECT geom FROM roads WHERE fid = ?");
    s.bind(1, fid);
    if (!s.step()) return false;
    size_t size = 0;
    const uint8_t* blob = s.blob(0, &size);
    Layer road;
    if (!readable(blob, size, GeomKind::Line, road)) return false;
    const size_t first = road.ringStart[0], last = road.ringStart[1];
    double total = 0;
    for (size_t v = first + 1; v < last; ++v)
        total += std::hypot(road.xy[2 * v] - road.xy[2 * v - 2], road.xy[2 * v + 1] - road.xy[2 * v - 1]);
    double left = total / 2;
    x = road.xy[2 * first];
    y = road.xy[2 * first + 1];
    for (size_t v = first + 1; v < last; ++v) {
        double dx = road.xy[2 * v] - road.xy[2 * v - 2], dy = road.xy[2 * v + 1] - road.xy[2 * v - 1];
        double len = std::hypot(dx, dy);
        if (len >= left && len > 0) {
            x = road.xy[2 * v - 2] + dx * left / len;
            y = road.xy[2 * v - 1] + dy * left / len;
            return true;
        }
        left -= len;
        x = road.xy[2 * v];
        y = road.xy[2 * v + 1];
    }
    return true;
}

}  // namespace

std::vector<DamagedCheckpoint> damagedCheckpoints(const Workspace& ws, int64_t scenarioId) {
    std::vector<DamagedCheckpoint> out;
    if (!tableExists(ws.db(), "checkpoints")) return out;
    Statement s(ws.db(), "SELECT fid, geom, name, road_fid, road FROM checkpoints WHERE scenario_id = ? ORDER BY fid");
    s.bind(1, scenarioId);
    while (s.step()) {
        size_t size = 0;
        const uint8_t* blob = s.blob(1, &size);
        Layer point;
        if (readable(blob, size, GeomKind::Point, point)) continue;
        out.push_back({s.int64(0), s.text(2), s.int64(3), s.text(4), false});
    }
    return out;
}

std::vector<DamagedCheckpoint> repairCheckpoints(Workspace& ws, int64_t scenarioId) {
    std::vector<DamagedCheckpoint> damaged = damagedCheckpoints(ws, scenarioId);
    if (damaged.empty()) return damaged;
    if (ws.isReadOnly()) throw Error("the workspace is read-only; the checkpoints cannot be repaired");
    Transaction tx(ws.db());
    Statement set(ws.db(), "UPDATE checkpoints SET geom = ? WHERE fid = ? AND scenario_id = ?");
    for (auto& d : damaged) {
        double x = 0, y = 0;
        if (!roadMiddle(ws, d.roadFid, x, y)) continue;
        std::string blob = gpkgPointBlob(x, y, ws.workingEpsg());
        set.bindBlob(1, blob.data(), blob.size()).bind(2, d.id).bind(3, scenarioId).run();
        d.restored = true;
    }
    tx.commit();
    return damaged;
}

std::string describeDamaged(const std::vector<DamagedCheckpoint>& damaged) {
    std::string out;
    for (const auto& d : damaged)
        out += (out.empty() ? "" : ", ") + std::string("checkpoint ") + std::to_string(d.id) + (d.name.empty() ? "" : " (" + d.name + ")");
    return out + (damaged.size() == 1 ? " has" : " have") + " no position (its geometry was removed)";
}

}  // namespace geo
