// The GUI entry point: `cordon [WORKSPACE] [--briefing] [--scenario NAME]`.
#pragma once
#include <string>
#include <vector>

namespace app {

int runGui(const std::vector<std::string>& args);

}  // namespace app
