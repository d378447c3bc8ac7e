// Other planners' edits as they commit: LISTEN on channel 'cordon', polled without blocking.
#pragma once
#include <string>
#include <vector>

#include "geo/server/pg.hpp"

namespace geo {

class ServerListener {
public:
    explicit ServerListener(const std::string& connInfo);  // geo::Error when it cannot connect
    // Reads what has arrived, without waiting; true when `township` (or any, when empty) was
    // announced since the last call. Cheap when nothing arrived: no allocation, no round trip.
    bool poll(const std::string& township);
    // Reads what has arrived, without waiting, adding each township announced since the last call
    // to `names` once (the county view); true when any was. Allocates only when one arrived.
    bool pollTownships(std::vector<std::string>& names);
    // Waits up to `seconds` for an announcement of `township` (tests, tools).
    bool wait(const std::string& township, double seconds);
private:
    PgConnection conn_;
};

}  // namespace geo
