// The GUI entry point: `cordon [WORKSPACE] [--briefing] [--scenario NAME]`.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace app {

class ServerLink;
// Makes the live link of a workspace pulled from a server, given how to wake the event loop.
using ServerLinkFactory = std::function<std::unique_ptr<ServerLink>(std::function<void()> wake)>;

class CountyView;
// Makes the county view of a server of several townships, likewise (app/county_view.hpp).
using CountyViewFactory = std::function<std::unique_ptr<CountyView>(std::function<void()> wake)>;

// With `makeCounty`, the window shows the county (args name its map's workspace) and never writes.
int runGui(const std::vector<std::string>& args, const ServerLinkFactory& makeLink = {},
           const CountyViewFactory& makeCounty = {});

}  // namespace app
