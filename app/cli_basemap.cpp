// `cordon basemap`: add, list, remove, order and set the look of the basemaps drawn under the plan;
// georeference a scanned paper map from control points.
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>

#include "app/command.hpp"
#include "geo/basemap/basemap.hpp"
#include "geo/basemap/basemap_source.hpp"
#include "geo/basemap/georef.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon basemap WS add FILE [--name N] [--embed|--link] [--crs EPSG:n]\n"
    "       cordon basemap WS list [--json]\n"
    "       cordon basemap WS remove NAME\n"
    "       cordon basemap WS order NAME... (bottom to top)\n"
    "       cordon basemap WS set NAME [--opacity 0..1] [--brightness -1..1]\n"
    "       cordon basemap WS georef SCAN --gcp PX,PY,X,Y... [--gcp-lonlat PX,PY,LON,LAT...]\n"
    "                                [--order auto|1|2|tps] [--name N] [--embed|--link] [--json]\n"
    "       cordon basemap WS gcps NAME [--json]\n"
    "\n"
    "Basemaps are imagery, topographic sheets or scanned maps drawn under every vector layer in the\n"
    "map window, the briefing and `cordon render`. FILE is any raster GDAL reads: GeoTIFF (Cloud\n"
    "Optimized GeoTIFF with overviews too), MBTiles, GeoPackage tiles, JPEG or PNG with a world file,\n"
    "8-bit grey, palette, RGB or RGBA, in any CRS (reprojected to the workspace's CRS by GDAL's warper).\n"
    "--crs gives the CRS of a file that has none (a scan with only a world file).\n"
    "--embed stores the picture inside WS as a GeoPackage tile pyramid (WS stays one file);\n"
    "--link keeps FILE's absolute path (FILE must stay there; a missing file is named when WS is\n"
    "drawn). Without either, files up to 256 MiB are embedded and larger ones linked.\n"
    "A new basemap lies on top of the others; order lists names bottom to top (the others stay above).\n"
    "set changes the opacity (0 hides it) and brightness (-1 black .. 0 as is .. 1 white; 0.3 washes\n"
    "imagery out so roads read). list --json prints [{id, name, kind, source, source_crs, extent,\n"
    "order, opacity, brightness, missing}]. Exit status 2 on bad input; WS is then unchanged.\n"
    "\n"
    "georef adds a scanned paper map (any picture GDAL reads, JPEG, PNG or TIFF, without coordinates)\n"
    "from ground control points: --gcp PX,PY,X,Y ties the scan's pixel column PX and row PY (from its\n"
    "top-left corner) to X,Y in the workspace's CRS (metres); --gcp-lonlat PX,PY,LON,LAT to a longitude\n"
    "and latitude. At least 3 points, not on one line. --order 1 fits an affine (3 points or more), 2 a\n"
    "second-order polynomial (6 or more), tps a thin-plate spline through every point; auto (the\n"
    "default) takes 1 below 7 points and 2 from 7. Each point's residual is printed in scan pixels and\n"
    "in metres, then the RMS. The scan is warped through GDAL and embedded (--link keeps NAME.gcps.vrt\n"
    "and NAME.warped.vrt beside the scan, which must stay there). The GCPs are kept in WS: georef\n"
    "again with the same --name replaces the scan's basemap, keeping its place and look. gcps lists\n"
    "them with their residuals (--json: {name, scan, order, order_used, gcps: [{pixel, line, x, y,\n"
    "residual_px, residual_m}], rms_px, rms_m}; georef --json adds kind, replaced and extent).\n";

geo::Workspace openForWriting(const std::string& path) {
    geo::Workspace ws = geo::Workspace::open(path);
    if (ws.isReadOnly()) throw geo::Error(path + ": read-only here; basemaps cannot be changed");
    return ws;
}

int list(const std::string& path, bool json) {
    geo::Workspace ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    const auto basemaps = geo::listBasemaps(ws.db());
    const std::string wsName = std::filesystem::path(path).filename().string();
    if (json) {
        geo::JsonWriter j;
        j.beginArray();
        for (const auto& b : basemaps) {
            j.beginObject().key("id").value(b.id).key("name").value(b.name).key("kind").value(geo::basemapKindName(b.kind));
            j.key("source").value(b.source).key("source_crs").value(b.sourceCrs);
            j.key("extent").beginArray().value(b.extent.minX, 2).value(b.extent.minY, 2).value(b.extent.maxX, 2)
                .value(b.extent.maxY, 2).endArray();
            j.key("order").value(b.order).key("opacity").value(b.opacity, 3).key("brightness").value(b.brightness, 3);
            j.key("missing").value(!geo::missingBasemapMessage(b, wsName).empty()).endObject();
        }
        j.endArray();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    if (basemaps.empty()) std::printf("no basemaps yet (cordon basemap %s add FILE)\n", path.c_str());
    for (const auto& b : basemaps) {
        const std::string missing = geo::missingBasemapMessage(b, wsName);
        std::printf("%d\t%s\t%s\t%s\t%s\topacity %.2f\tbrightness %+.2f%s\n", b.order, b.name.c_str(),
                    geo::basemapKindName(b.kind), b.kind == geo::BasemapKind::Embed ? b.origin.c_str() : b.source.c_str(),
                    b.sourceCrs.c_str(), b.opacity, b.brightness, missing.empty() ? "" : "\tMISSING");
    }
    for (const auto& b : basemaps)
        if (std::string m = geo::missingBasemapMessage(b, wsName); !m.empty()) std::fprintf(stderr, "warning: %s\n", m.c_str());
    return 0;
}

int add(const std::string& ws, const Args& a) {
    const auto& p = a.positional();
    geo::BasemapRequest request;
    request.workspacePath = ws;
    request.file = a.requirePositional(2, "the raster file (cordon basemap WS add FILE)");
    if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
    if (a.flag("--embed") && a.flag("--link")) throw UsageError("give --embed or --link, not both");
    if (a.flag("--embed")) request.kind = geo::BasemapKind::Embed;
    if (a.flag("--link")) request.kind = geo::BasemapKind::Link;
    request.name = a.value("--name");
    request.crs = a.value("--crs");
    const geo::Basemap b = geo::addBasemap(request);
    std::printf("added basemap '%s' (%s, %s, extent %.0f %.0f %.0f %.0f in EPSG:%s)\n", b.name.c_str(),
                b.kind == geo::BasemapKind::Embed ? "embedded" : "linked", b.sourceCrs.c_str(), b.extent.minX,
                b.extent.minY, b.extent.maxX, b.extent.maxY,
                geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly).meta("working_epsg").c_str());
    return 0;
}

// "PX,PY,X,Y" as four numbers.
std::array<double, 4> parseGcp(const std::string& option, const std::string& text) {
    std::array<double, 4> v{};
    size_t start = 0;
    for (size_t i = 0; i < 4; ++i) {
        const size_t comma = text.find(',', start);
        if ((i < 3) != (comma != std::string::npos)) break;
        const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        char* end = nullptr;
        v[i] = std::strtod(part.c_str(), &end);
        if (part.empty() || end != part.c_str() + part.size() || !std::isfinite(v[i])) break;
        if (i == 3) return v;
        start = comma + 1;
    }
    throw UsageError(option + " takes four numbers PX,PY," + (option == "--gcp" ? "X,Y" : "LON,LAT") + ", not '" + text + "'");
}

void printControlPoints(const std::string& name, const std::string& scan, geo::GeorefMethod method,
                        const std::vector<geo::ControlPoint>& points, const geo::GeorefFit& fit, bool json,
                        const std::function<void(geo::JsonWriter&)>& more) {
    if (json) {
        geo::JsonWriter j;
        j.beginObject().key("name").value(name).key("scan").value(scan).key("order").value(geo::georefMethodName(method));
        j.key("order_used").value(geo::georefMethodName(fit.method));
        j.key("gcps").beginArray();
        for (size_t i = 0; i < points.size(); ++i) {
            const auto& p = points[i];
            j.beginObject().key("pixel").value(p.pixel, 3).key("line").value(p.line, 3).key("x").value(p.x, 3).key("y").value(p.y, 3);
            j.key("residual_px").value(fit.residuals[i].pixels, 3).key("residual_m").value(fit.residuals[i].metres, 3).endObject();
        }
        j.endArray().key("rms_px").value(fit.rmsPixels, 3).key("rms_m").value(fit.rmsMetres, 3);
        more(j);
        j.endObject();
        std::printf("%s\n", j.str().c_str());
        return;
    }
    std::printf("#\tpixel\tline\tx\ty\tresidual px\tresidual m\n");
    for (size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i];
        std::printf("%zu\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", i + 1, p.pixel, p.line, p.x, p.y, fit.residuals[i].pixels,
                    fit.residuals[i].metres);
    }
    std::printf("RMS %.2f px, %.2f m (order %s)\n", fit.rmsPixels, fit.rmsMetres, geo::georefMethodName(fit.method));
}

int georef(const std::string& ws, const Args& a) {
    const auto& p = a.positional();
    geo::GeorefRequest request;
    request.workspacePath = ws;
    request.scanFile = a.requirePositional(2, "the scanned map (cordon basemap WS georef SCAN --gcp PX,PY,X,Y ...)");
    if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
    if (a.flag("--embed") && a.flag("--link")) throw UsageError("give --embed or --link, not both");
    if (a.flag("--embed")) request.kind = geo::BasemapKind::Embed;
    if (a.flag("--link")) request.kind = geo::BasemapKind::Link;
    request.name = a.value("--name");
    request.method = geo::parseGeorefMethod(a.value("--order", "auto"));
    const auto points = a.valuesInOrder({"--gcp", "--gcp-lonlat"});
    if (points.empty()) throw UsageError("georef needs control points: --gcp PX,PY,X,Y (at least 3)");
    int workingEpsg = 0;
    {
        const geo::Workspace w = geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly);
        workingEpsg = w.workingEpsg();
    }
    for (const auto& [option, text] : points) {  // numbered in the order given, whichever the option
        const auto v = parseGcp(option, text);
        request.points.push_back(option == "--gcp" ? geo::ControlPoint{v[0], v[1], v[2], v[3]}
                                                   : geo::controlPointFromLonLat(v[0], v[1], v[2], v[3], workingEpsg));
    }
    const geo::GeorefResult r = geo::georeferenceScan(request);
    const geo::Basemap& b = r.basemap;
    const char* kind = b.kind == geo::BasemapKind::Embed ? "embedded" : "linked";
    printControlPoints(b.name, request.scanFile, request.method, request.points, r.fit, a.flag("--json"), [&](geo::JsonWriter& j) {
        j.key("kind").value(geo::basemapKindName(b.kind)).key("replaced").value(r.replaced);
        j.key("extent").beginArray().value(b.extent.minX, 2).value(b.extent.minY, 2).value(b.extent.maxX, 2)
            .value(b.extent.maxY, 2).endArray();
    });
    if (!a.flag("--json"))
        std::printf("%s basemap '%s' from %zu control points (%s, extent %.0f %.0f %.0f %.0f in EPSG:%d)\n",
                    r.replaced ? "replaced" : "added", b.name.c_str(), request.points.size(), kind, b.extent.minX,
                    b.extent.minY, b.extent.maxX, b.extent.maxY, workingEpsg);
    return 0;
}

int listControlPoints(const std::string& ws, const std::string& name, bool json) {
    geo::Workspace w = geo::Workspace::open(ws, geo::Workspace::Mode::ReadOnly);
    const geo::Basemap b = geo::findBasemap(w.db(), name);
    const auto stored = geo::basemapControlPoints(w.db(), b.id);
    if (!stored) throw geo::Error("basemap '" + b.name + "' was not georeferenced from a scan; it has no control points");
    const geo::GeorefFit fit = geo::fitControlPoints(stored->points, stored->method);
    printControlPoints(b.name, stored->scanFile, stored->method, stored->points, fit, json, [](geo::JsonWriter&) {});
    return 0;
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--name", "--crs", "--opacity", "--brightness", "--gcp", "--gcp-lonlat", "--order"},
           {"--json", "--embed", "--link"});
    const auto& p = a.positional();
    const std::string ws = a.requirePositional(0, "workspace (cordon basemap WS add|list|remove|order|set)");
    const std::string verb =
        a.requirePositional(1, "what to do: add FILE, list, remove NAME, order NAME..., set NAME, georef SCAN, gcps NAME");
    if (verb == "add") return add(ws, a);
    if (verb == "list") {
        if (p.size() > 2) throw UsageError("unexpected argument '" + p[2] + "'");
        return list(ws, a.flag("--json"));
    }
    if (verb == "remove") {
        const std::string name = a.requirePositional(2, "the basemap's name");
        if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
        geo::Workspace w = openForWriting(ws);
        const geo::Basemap b = geo::findBasemap(w.db(), name);
        geo::removeBasemap(w.db(), b);
        std::printf("removed basemap '%s'\n", b.name.c_str());
        return 0;
    }
    if (verb == "order") {
        if (p.size() < 3) throw UsageError("order needs the basemaps' names, bottom to top");
        geo::Workspace w = openForWriting(ws);
        geo::orderBasemaps(w.db(), std::vector<std::string>(p.begin() + 2, p.end()));
        for (const auto& b : geo::listBasemaps(w.db())) std::printf("%d\t%s\n", b.order, b.name.c_str());
        return 0;
    }
    if (verb == "set") {
        const std::string name = a.requirePositional(2, "the basemap's name");
        if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
        if (!a.has("--opacity") && !a.has("--brightness")) throw UsageError("set needs --opacity or --brightness");
        std::optional<double> opacity, brightness;
        if (a.has("--opacity")) opacity = a.number("--opacity", 1);
        if (a.has("--brightness")) brightness = a.number("--brightness", 0);
        geo::Workspace w = openForWriting(ws);
        const geo::Basemap b = geo::findBasemap(w.db(), name);
        geo::setBasemapLook(w.db(), b, opacity, brightness);
        std::printf("basemap '%s': opacity %.2f, brightness %+.2f\n", b.name.c_str(), opacity.value_or(b.opacity),
                    brightness.value_or(b.brightness));
        return 0;
    }
    if (verb == "georef") return georef(ws, a);
    if (verb == "gcps") {
        const std::string name = a.requirePositional(2, "the basemap's name");
        if (p.size() > 3) throw UsageError("unexpected argument '" + p[3] + "'");
        return listControlPoints(ws, name, a.flag("--json"));
    }
    throw UsageError("unknown basemap action '" + verb + "' (add, list, remove, order, set, georef, gcps)");
}

const CommandRegistration reg({"basemap", "add, list, remove, order or set the basemaps drawn under the plan", kUsage, run});

}  // namespace
}  // namespace app
