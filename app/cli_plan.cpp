// Helpers shared by the plan commands.
#include "app/cli_plan.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/command.hpp"
#include "geo/error.hpp"

namespace app {

PlanFile openPlanFile(const std::string& path) {
    PlanFile f;
    f.workspace = std::make_unique<geo::Workspace>(geo::Workspace::open(path));
    if (f.workspace->isReadOnly())
        std::fprintf(stderr, "note: %s is read-only here; it can be viewed but not edited\n", path.c_str());
    f.store = geo::openSqliteScenarioStore(*f.workspace);
    return f;
}

int64_t chooseScenario(const geo::ScenarioStore& store, const std::string& name) {
    if (!name.empty()) return store.requireScenario(name);
    auto all = store.listScenarios();
    if (all.empty())
        throw geo::Error("the workspace has no scenarios yet; create one with `cordon scenario WS create NAME`");
    return all.front().id;
}

void parseLonLat(const std::string& text, double& lon, double& lat) {
    auto comma = text.find(',');
    char* end = nullptr;
    bool ok = comma != std::string::npos;
    if (ok) {
        std::string a = text.substr(0, comma), b = text.substr(comma + 1);
        lon = std::strtod(a.c_str(), &end);
        ok = !a.empty() && *end == '\0';
        lat = std::strtod(b.c_str(), &end);
        ok = ok && !b.empty() && *end == '\0';
    }
    if (!ok || !std::isfinite(lon) || !std::isfinite(lat) || std::fabs(lon) > 180 || std::fabs(lat) > 90)
        throw UsageError("--at needs LON,LAT in degrees (e.g. 111.70,35.20), not '" + text + "'");
}

}  // namespace app
