// How many threads work in parallel: one per core the system reports, at least one.
#pragma once
#include <algorithm>
#include <thread>

namespace geo {

inline int workerCount() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace geo
