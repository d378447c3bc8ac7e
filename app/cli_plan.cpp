// Helpers shared by the plan commands.
#include "app/cli_plan.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/command.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/error.hpp"

namespace app {

PlanFile openPlanFile(const std::string& path) {
    PlanFile f;
    f.workspace = std::make_unique<geo::Workspace>(geo::Workspace::open(path));
    if (f.workspace->isReadOnly())
        std::fprintf(stderr, "note: %s is read-only here; it can be viewed but not edited\n", path.c_str());
    f.session = std::make_unique<geo::PlanSession>(*f.workspace);
    return f;
}

int64_t chooseScenario(const geo::PlanSession& session, const std::string& name) {
    if (!name.empty()) return session.requireScenario(name);
    auto all = session.listScenarios();
    if (all.empty())
        throw geo::Error("the workspace has no scenarios yet; create one with `cordon scenario WS create NAME`");
    return all.front().id;
}

void parseLonLat(const std::string& text, double& lon, double& lat) {
    // The registers' parser: full-width comma, degree signs and a swapped pair named as such.
    std::string why;
    if (!geo::parseLonLatText(text, lon, lat, why))
        throw UsageError("--at needs LON,LAT in degrees (e.g. 111.70,35.20), not '" + text + "': " + why);
}

}  // namespace app
