// Rota solving time: the real case (120 staff, 37 posts, 3 shifts, 14 days) and a county-sized one
// (2,000 staff, 600 posts, 3 shifts, 14 days). Prints figures; not a test.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "geo/rota/rota.hpp"

namespace {

geo::RotaProblem township(int staff, int posts, int districts, int staffPerShift, uint32_t seed) {
    std::mt19937 rng(seed);
    geo::RotaProblem pb;
    pb.firstDay = 18286;  // 2020-01-25
    pb.days = 14;
    for (int i = 0; i < posts; ++i)
        pb.posts.push_back({i + 1, "卡口" + std::to_string(i + 1), "片区" + std::to_string(i % districts), staffPerShift, 3,
                            i % 4 == 0});
    for (int i = 0; i < staff; ++i) {
        geo::RotaPerson p{i + 1, "P" + std::to_string(i), "片区" + std::to_string(rng() % static_cast<unsigned>(districts)),
                          i % 4 == 0, i % 8 == 1, {}};
        if (rng() % 5 == 0) p.unavailableDays.push_back(pb.firstDay + static_cast<int>(rng() % 14));
        pb.people.push_back(p);
    }
    return pb;
}

void run(const char* what, geo::RotaProblem pb, double limitSeconds) {
    pb.rules.timeLimitSeconds = limitSeconds;
    const auto t0 = std::chrono::steady_clock::now();
    geo::Rota rota = geo::solveRota(pb);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    int missing = 0;
    for (const auto& f : rota.shortfall) missing += f.missing;
    std::printf("%-44s %7.2f s  %s  assignments %6zu  short %5d seats  objective %.0f  gap %.4f\n", what, s,
                rota.isWholePeriod ? "whole period" : "day by day  ", rota.assignments.size(), missing, rota.objective,
                rota.gap);
}

}  // namespace

int main(int argc, char** argv) {
    const double limit = argc > 1 ? std::atof(argv[1]) : 60;
    std::printf("time limit %.0f s per solve (split over the days when decomposed)\n", limit);
    run("120 staff x 37 posts x 3 shifts x 14 days", township(120, 37, 5, 1, 2020), limit);
    run("2000 staff x 600 posts x 3 shifts x 14 days", township(2000, 600, 40, 1, 2020), limit);
    return 0;
}
