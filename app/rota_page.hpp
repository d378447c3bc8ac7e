// A post's printable rota (A4 portrait PNG at 300 dpi, to hang at the checkpoint): the snapshot
// renderer with the rota page's layout, the days x shifts grid and a small map with the post ringed.
#pragma once
#include <filesystem>
#include <vector>

#include "geo/plan/plan.hpp"
#include "geo/rota/rota.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

// Writes DIR/post-<number>.png for every staffed post of the problem (atomically each); returns
// the files written. geo::Error when the folder is missing or a page cannot be drawn.
std::vector<std::filesystem::path> writeRotaPages(geo::Workspace& ws, const geo::Scenario& scenario,
                                                  const geo::RotaProblem& problem, const geo::Rota& rota,
                                                  const std::filesystem::path& dir);

}  // namespace app
