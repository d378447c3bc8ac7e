// `cordon import`: source layers -> a new workspace.
#include <cstdio>

#include "app/command.hpp"
#include "geo/core/error.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/json.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon import WS.gpkg --boundary SRC|--no-boundary [--boundary-layer L] [--boundary-where SQL]\n"
    "         [--districts SRC [--districts-layer L] [--districts-where SQL]]\n"
    "         [--boundary-lines SRC [--boundary-lines-layer L] [--boundary-lines-where SQL]]\n"
    "         [--snap-lines M] [--district-labels SRC [--district-labels-layer L]]\n"
    "         --roads SRC [--roads-layer L] [--roads-where SQL] [--road-class-field F]\n"
    "         [--villages SRC [--villages-layer L] [--villages-where SQL]] [--name-field F]\n"
    "         [--encoding E] [--coords gcj02|bd09] [--boundary-coords C] [--districts-coords C]\n"
    "         [--roads-coords C] [--villages-coords C] [--crs EPSG:N] [--replace [--drop-plans]] [--json]\n"
    "\n"
    "Reads the layers with GDAL (Shapefile, zipped Shapefile, GeoPackage, GeoJSON, KML, OSM PBF, ...),\n"
    "reprojects them into a local metric CRS (CGCS2000 Gauss-Kruger in China, UTM elsewhere;\n"
    "--crs overrides) and writes one GeoPackage workspace with layers boundary, districts, roads\n"
    "and villages. Every --*-where is an OGR attribute filter, as ogr2ogr -where.\n"
    "--encoding overrides the text encoding (CP936/GBK, GB18030, UTF-8, ...).\n"
    "--boundary-lines takes a layer of lines that enclose areas (instead of --boundary, or beside it\n"
    "for the districts): line ends within --snap-lines metres (default 1) of another line are joined,\n"
    "the lines noded and polygonised (GEOS); each area becomes a district and their union the\n"
    "boundary. A --boundary or --districts layer that holds lines is polygonised the same way. The\n"
    "districts are named from --district-labels points inside them, else from a 片区/乡镇/行政村 field\n"
    "the villages inside share, else 片区1..n (north to south, west to east).\n"
    "--villages may be a village list (CSV, XLSX, XLS, ODS) with 经度/纬度 (lon/lat, x/y, 东经/北纬, E/N)\n"
    "columns: decimal or 113°25'30\" degrees, GBK or UTF-8, title rows and 合计 rows skipped; rows\n"
    "without usable coordinates are skipped and listed by row.\n"
    "--boundary-coords, --districts-coords, --roads-coords and --villages-coords (gcj02, bd09 or\n"
    "wgs84) say that one layer was digitised on a Chinese web map (GCJ-02, BD-09) and convert it to\n"
    "WGS84 first; --coords says it of every layer not given its own. A layer in a projected CRS\n"
    "never holds web-map coordinates: asking for them there is refused.\n"
    "Layers that lie far apart (no road, district or village within 10 km of the boundary) are\n"
    "refused with the distance.\n"
    "--replace overwrites an existing workspace and keeps its scenarios: each checkpoint is\n"
    "re-snapped to the new roads within 150 m; those that moved more than 10 m, and those left\n"
    "with no road in reach (kept where they were, off-road, marked in their notes), are listed.\n"
    "--drop-plans replaces it without its scenarios. Returnee counts are kept too while the working\n"
    "CRS stays the same (otherwise the output says they must be imported again).\n"
    "--no-boundary (instead of --boundary) imports a township that has no boundary file: the working\n"
    "CRS is chosen from the roads, and the boundary is drawn by hand in the map window (Edit layers).\n"
    "Nothing is written unless the whole import succeeds. Exit status 2 on bad input.\n";

std::optional<geo::LayerSource> source(const Args& a, const std::string& role) {
    if (!a.has("--" + role)) {
        if (a.has("--" + role + "-layer") || a.has("--" + role + "-where") || a.has("--" + role + "-coords"))
            throw UsageError("--" + role + "-layer/--" + role + "-where/--" + role + "-coords need --" + role);
        return std::nullopt;
    }
    // A layer's own --ROLE-coords, else --coords for all.
    std::string coords = a.has("--" + role + "-coords") ? a.value("--" + role + "-coords") : a.value("--coords");
    return geo::LayerSource{a.value("--" + role), a.value("--" + role + "-layer"), a.value("--" + role + "-where"),
                            geo::parseWebCoords(coords)};
}

int run(const std::vector<std::string>& argv) {
    Args a(argv,
           {"--boundary", "--boundary-layer", "--boundary-where", "--boundary-lines", "--boundary-lines-layer",
            "--boundary-lines-where", "--boundary-lines-coords", "--snap-lines", "--district-labels", "--district-labels-layer",
            "--district-labels-where", "--district-labels-coords", "--districts", "--districts-layer",
            "--districts-where", "--roads", "--roads-layer", "--roads-where", "--road-class-field", "--villages",
            "--villages-layer", "--villages-where", "--name-field", "--encoding", "--coords", "--crs", "--boundary-coords",
            "--districts-coords", "--roads-coords", "--villages-coords"},
           {"--replace", "--drop-plans", "--json", "--no-boundary"});
    geo::ImportRequest req;
    req.workspacePath = a.requirePositional(0, "workspace path (cordon import WS.gpkg --boundary SRC --roads SRC)");
    if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
    req.boundary = source(a, "boundary");
    req.districts = source(a, "districts");
    req.roads = source(a, "roads");
    req.villages = source(a, "villages");
    req.noBoundary = a.flag("--no-boundary");
    req.boundaryLines = source(a, "boundary-lines");
    req.districtLabels = source(a, "district-labels");
    if ((req.boundary || req.boundaryLines) && req.noBoundary)
        throw UsageError("--no-boundary excludes --boundary and --boundary-lines");
    if (!req.boundary && !req.boundaryLines && !req.noBoundary)
        throw UsageError("--boundary SRC (or --boundary-lines SRC, or --no-boundary) is required");
    req.snapLinesM = a.number("--snap-lines", geo::kDefaultSnapLinesM);
    if (!(req.snapLinesM >= 0) || req.snapLinesM > 10'000)
        throw UsageError("--snap-lines must be metres between 0 and 10000, not '" + a.value("--snap-lines") + "'");
    if (!req.roads) throw UsageError("--roads SRC is required");
    req.roadClassField = a.value("--road-class-field");
    req.nameField = a.value("--name-field");
    req.encoding = a.value("--encoding");
    if (!req.encoding.empty()) geo::normalizeEncoding(req.encoding);
    if (a.has("--crs")) {
        req.crsEpsg = geo::parseEpsg(a.value("--crs"));
        if (req.crsEpsg == 0) throw UsageError("--crs must be EPSG:N, not '" + a.value("--crs") + "'");
    }
    req.replace = a.flag("--replace");
    req.dropPlans = a.flag("--drop-plans");
    if (req.dropPlans && !req.replace) throw UsageError("--drop-plans goes with --replace");
    ProgressLine progress;
    req.progress = [&](double f, const std::string& stage) { return progress(f, stage); };
    geo::ImportReport report = geo::importWorkspace(req);
    if (a.flag("--json")) {
        std::printf("%s\n", geo::importReportJson(report).c_str());
        return 0;
    }
    std::printf("workspace %s\n", req.workspacePath.c_str());
    std::printf("working CRS EPSG:%d %s (%s)\n", report.workingEpsg, geo::epsgName(report.workingEpsg).c_str(),
                report.workingCrsReason.c_str());
    for (const auto& [role, r] : report.layers) {
        std::printf("%-9s %s [%s] %lld of %lld features", role.c_str(), r.source.c_str(), r.layerName.c_str(),
                    static_cast<long long>(r.featuresKept), static_cast<long long>(r.featuresRead));
        if (r.skipped() > 0)
            std::printf(" (skipped: %lld no geometry, %lld empty, %lld wrong type, %lld malformed, %lld not projectable)",
                        static_cast<long long>(r.nullGeometries), static_cast<long long>(r.emptyGeometries),
                        static_cast<long long>(r.wrongTypeGeometries), static_cast<long long>(r.malformedGeometries),
                        static_cast<long long>(r.unprojectable));
        if (r.repairedPolygons) std::printf(", %lld polygons repaired", static_cast<long long>(r.repairedPolygons));
        std::printf("; CRS %s; text %s, %s\n", r.sourceCrs.c_str(), r.encoding.c_str(), r.encodingReason.c_str());
        for (const auto& w : r.warnings) std::printf("          warning: %s\n", w.c_str());
    }
    if (!report.polygonizedInto.empty()) {
        std::printf("lines     %s\n", geo::polygonizeSummary(report.polygonized, report.snapLinesM, report.polygonizedInto).c_str());
        if (!report.districtNaming.empty()) std::printf("districts %s\n", report.districtNaming.c_str());
    }
    if (req.noBoundary)
        std::printf("boundary  none yet: draw it in the map window (Edit layers)\n");
    else
        std::printf("boundary  %lld feature(s) dissolved into one outline, %.2f km2\n",
                    static_cast<long long>(report.boundaryFeatures), report.boundaryAreaKm2);
    std::printf("road classes from field '%s':\n", report.classField.empty() ? "(none)" : report.classField.c_str());
    for (size_t c = 0; c < geo::kRoadClassCount; ++c)
        if (report.classCounts[c] > 0)
            std::printf("  %-11s %lld\n", geo::roadClassName(static_cast<geo::RoadClass>(c)),
                        static_cast<long long>(report.classCounts[c]));
    std::printf("mapping:\n");
    size_t shown = 0;
    for (const auto& m : report.classMapping) {
        if (++shown > 40) { std::printf("  ... %zu more values\n", report.classMapping.size() - 40); break; }
        std::printf("  %-20s -> %-11s %lld\n", m.sourceValue.empty() ? "(empty)" : m.sourceValue.c_str(),
                    geo::roadClassName(m.roadClass), static_cast<long long>(m.count));
    }
    for (const auto& line : geo::planCarryLines(report.plans)) std::printf("%s\n", line.c_str());
    return 0;
}

const CommandRegistration reg({"import", "import boundary, district, road and village layers into a workspace", kUsage, run});

}  // namespace
}  // namespace app
