// What the plan commands (scenario, checkpoint, export, rota) share: opening the workspace's plan
// session (every change goes through its verbs, as in the GUI), choosing the scenario, reading LON,LAT.
#pragma once
#include <memory>
#include <string>

#include "geo/plan/plan_session.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {

struct PlanFile {
    std::unique_ptr<geo::Workspace> workspace;
    std::unique_ptr<geo::PlanSession> session;
};

// Opens WS; prints a notice on stderr when it could only be opened read-only.
PlanFile openPlanFile(const std::string& path);
// The named scenario, or the first one when name is ""; a clear geo::Error when there is none.
int64_t chooseScenario(const geo::PlanSession& session, const std::string& name);
// "111.7,35.2" -> lon, lat in degrees; UsageError otherwise.
void parseLonLat(const std::string& text, double& lon, double& lat);

}  // namespace app
