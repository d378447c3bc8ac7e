// Wall and processor time since a start, for the benchmarks: the machine may be shared, so both are printed.
#pragma once
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace bench {

struct Stopwatch {
    std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
    std::clock_t cpu = std::clock();
    std::string str() const {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%7.1f ms (cpu %7.1f ms)",
                      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count(),
                      1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
        return buf;
    }
};

}  // namespace bench
