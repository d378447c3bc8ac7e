// Lines found where areas were asked for: the one path the import and a layer replacement share.
#include "geo/io/lines_as_areas.hpp"

#include <filesystem>

#include "geo/core/error.hpp"
#include "geo/workspace/workspace_write.hpp"

namespace geo {

Layer areasFromLines(const Layer& lines, const std::string& sourcePath, double snapM, const std::string& whyNotAreas,
                     PolygonizeReport& report, Layer* outline) {
    const bool mayBeRoads = !whyNotAreas.empty();
    if (mayBeRoads && roadClassField(lines, "", sourcePath) >= 0) throw Error(whyNotAreas);
    Layer areas;
    try {
        areas = polygonizeLines(lines, snapM, report, outline);
    } catch (const Error& e) {
        throw Error(std::filesystem::path(sourcePath).filename().string() + ": " + e.what());
    }
    if (mayBeRoads && report.danglingEnds * 2 > report.lines)
        throw Error(whyNotAreas + "; its lines leave " + std::to_string(report.danglingEnds) + " ends dangling, as roads do " +
                    "(give it as --boundary-lines to polygonise it anyway)");
    return areas;
}

}  // namespace geo
