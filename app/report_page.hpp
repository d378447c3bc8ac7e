// The daily report's A4 page (PNG): the snapshot renderer with the report's own layout and panels.
#pragma once
#include <filesystem>

#include "geo/returnees/daily_report.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

// Renders headless and writes `out` atomically (300 dpi, pHYs); geo::Error when it cannot.
void writeReportPage(geo::Workspace& ws, const geo::Scenario& scenario, const geo::DailyReport& report,
                     const std::filesystem::path& out);

}  // namespace app
