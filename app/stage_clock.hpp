// Wall-clock time per stage of a command, for `--timings`: each mark closes the stage that ran
// since the previous mark; a stage marked again (one per tile) adds up. Costs a clock read per
// mark when on, nothing when off.
#pragma once
#include <chrono>
#include <cstdio>
#include <string_view>
#include <utility>
#include <vector>

namespace app {

class StageClock {
public:
    explicit StageClock(bool isOn = false) : isOn_(isOn), last_(std::chrono::steady_clock::now()) {}
    bool isOn() const { return isOn_; }
    // Ends the stage that began at the previous mark (or construction) under this name.
    void mark(const char* stage) {
        if (!isOn_) return;
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - last_).count();
        last_ = now;
        for (auto& [name, total] : stages_)
            if (std::string_view(name) == stage) {
                total += seconds;
                return;
            }
        stages_.emplace_back(stage, seconds);
    }
    const std::vector<std::pair<const char*, double>>& stages() const { return stages_; }
    // "stage_s\tNAME\tSECONDS" lines, then "stage_s\ttotal\tSECONDS".
    void print(std::FILE* out) const {
        double total = 0;
        for (const auto& [name, seconds] : stages_) {
            std::fprintf(out, "stage_s\t%s\t%.4f\n", name, seconds);
            total += seconds;
        }
        std::fprintf(out, "stage_s\ttotal\t%.4f\n", total);
    }

private:
    bool isOn_;
    std::chrono::steady_clock::time_point last_;
    std::vector<std::pair<const char*, double>> stages_;
};

}  // namespace app
