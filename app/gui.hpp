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

int runGui(const std::vector<std::string>& args, const ServerLinkFactory& makeLink = {});

}  // namespace app
