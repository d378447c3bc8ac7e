// The demo township: boundary, 5 districts, 20 villages, a road network of every class that
// crosses the boundary 30-45 times, and 829 returnees (21 from Wuhan). The shape is made in
// demo_township.cpp; this file writes the sources and imports them into the demo workspace.
#include "geo/io/demo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <vector>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/io/demo_township.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/returnees/returnees.hpp"
#include "geo/workspace/workspace.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

constexpr double kCentreLon = 111.70;
constexpr double kCentreLat = 35.20;
constexpr int kWorkingEpsg = 4546;

using demo::P;
using demo::Road;
using demo::Township;
using demo::Village;
using demo::addBenchmarkLanes;
using demo::makeTownship;
using demo::placeVillages;
using demo::townshipRoads;

const char* kDistrictNames[] = {"王茅片区", "东垣片区", "北沟片区", "西垣片区", "南坡片区"};

void writeShapefile(const fs::path& path, OGRwkbGeometryType type, const std::vector<std::string>& fieldNames,
                    const std::function<size_t()>& count,
                    const std::function<void(size_t, OGRFeature&, OGRSpatialReference&)>& fill) {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    GDALDatasetUniquePtr ds(drv->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw Error(path.string() + ": cannot create");
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // A fixed header date keeps the files byte-identical for the same seed.
    const char* options[] = {"ENCODING=CP936", "DBF_DATE_LAST_UPDATE=2020-01-23", nullptr};
    OGRLayer* layer = ds->CreateLayer(path.stem().string().c_str(), &wgs84, type, const_cast<char**>(options));
    if (!layer) throw Error(path.string() + ": cannot create layer");
    for (const auto& name : fieldNames) {
        OGRFieldDefn fd(name.c_str(), OFTString);
        fd.SetWidth(40);
        layer->CreateField(&fd);
    }
    size_t n = count();
    for (size_t i = 0; i < n; ++i) {
        OGRFeature f(layer->GetLayerDefn());
        fill(i, f, wgs84);
        if (layer->CreateFeature(&f) != OGRERR_NONE) throw Error(path.string() + ": write failed");
    }
}

// The four source shapefiles (WGS 84, GBK text): boundary, districts, villages, roads.
void writeSources(const fs::path& out, const Township& town, const std::vector<Village>& villages,
                  const std::vector<Road>& roads, const Transformer& toLonLat,
                  const std::function<void(double, const std::string&)>& progress) {
    const P centre = town.centre;
    const auto& ring = town.boundary;
    auto lonLat = [&](P p) { toLonLat.transformPoint(p.x, p.y); return p; };
    auto ringGeometry = [&](const std::vector<P>& pts) {
        auto* lr = new OGRLinearRing();
        for (const P& p : pts) { P q = lonLat(p); lr->addPoint(q.x, q.y); }
        lr->closeRings();
        return lr;
    };
    writeShapefile(out / "boundary.shp", wkbPolygon, {"名称"}, [] { return size_t{1}; },
                   [&](size_t, OGRFeature& f, OGRSpatialReference&) {
                       OGRPolygon poly;
                       poly.addRingDirectly(ringGeometry(ring));
                       f.SetField(0, "王茅镇");
                       f.SetGeometry(&poly);
                   });
    writeShapefile(out / "districts.shp", wkbPolygon, {"名称", "编号"}, [] { return size_t{5}; },
                   [&](size_t k, OGRFeature& f, OGRSpatialReference&) {
                       std::vector<P> pts{centre};
                       size_t a = town.wedgeVertex[k], b = k + 1 < 5 ? town.wedgeVertex[k + 1] : ring.size();
                       for (size_t i = a; i <= b; ++i) pts.push_back(ring[i % ring.size()]);
                       OGRPolygon poly;
                       poly.addRingDirectly(ringGeometry(pts));
                       f.SetField(0, kDistrictNames[k]);
                       f.SetField(1, std::to_string(k + 1).c_str());
                       f.SetGeometry(&poly);
                   });
    writeShapefile(out / "villages.shp", wkbPoint, {"名称", "片区"}, [&] { return villages.size(); },
                   [&](size_t i, OGRFeature& f, OGRSpatialReference&) {
                       P q = lonLat(villages[i].pos);
                       OGRPoint pt(q.x, q.y);
                       f.SetField(0, villages[i].name.c_str());
                       f.SetField(1, kDistrictNames[villages[i].district]);
                       f.SetGeometry(&pt);
                   });
    {
        // Roads: project all vertices at once.
        std::vector<double> xy;
        for (const auto& r : roads)
            for (const P& p : r.points) { xy.push_back(p.x); xy.push_back(p.y); }
        toLonLat.transform(xy.data(), xy.size() / 2);
        size_t cursor = 0;
        writeShapefile(out / "roads.shp", wkbLineString, {"名称", "道路等级", "编号"}, [&] { return roads.size(); },
                       [&](size_t i, OGRFeature& f, OGRSpatialReference&) {
                           OGRLineString ls;
                           ls.setNumPoints(static_cast<int>(roads[i].points.size()), FALSE);
                           for (size_t k = 0; k < roads[i].points.size(); ++k, ++cursor)
                               ls.setPoint(static_cast<int>(k), xy[2 * cursor], xy[2 * cursor + 1]);
                           f.SetField(0, roads[i].name.c_str());
                           f.SetField(1, roads[i].cls.c_str());
                           f.SetField(2, roads[i].code.c_str());
                           f.SetGeometry(&ls);
                           if ((i & 0xffff) == 0) progress(0.1 + 0.4 * static_cast<double>(i) / static_cast<double>(roads.size()), "writing roads.shp");
                       });
    }
}

// Returnees: 829 records, 21 from Wuhan; no real person behind any row.
void writeReturnees(const fs::path& out, DemoRandom& rnd, const std::vector<Village>& villages,
                    const Transformer& toLonLat, const DemoOptions& o, DemoSummary& summary) {
    auto lonLat = [&](P p) { toLonLat.transformPoint(p.x, p.y); return p; };
    std::ofstream csv(out / "returnees.csv", std::ios::binary);
    csv << "序号,姓名,联系电话,村,经度,纬度,返乡日期,来源地,状态\n";
    const int records = 829, wuhan = 21;
    std::vector<int> origin(records);
    for (int i = 0; i < records; ++i) origin[static_cast<size_t>(i)] = i < wuhan ? 0 : i < 21 + 96 ? 1 : i < 21 + 96 + 310 ? 2 : 3;
    for (int i = records - 1; i > 0; --i) std::swap(origin[static_cast<size_t>(i)], origin[static_cast<size_t>(rnd.below(i + 1))]);
    const char* origins[] = {"武汉", "湖北其他", "省外", "省内"};
    for (int i = 0; i < records; ++i) {
        // Weighted to the larger villages, jittered about 150 m around the village centre.
        size_t v = static_cast<size_t>(rnd.below(3) == 0 ? 0 : rnd.below(20));
        P p{villages[v].pos.x + rnd.uniform(-150, 150), villages[v].pos.y + rnd.uniform(-150, 150)};
        P q = lonLat(p);
        int day = 10 + std::min(18, static_cast<int>(rnd.uniform() * rnd.uniform() * 19 + rnd.below(8)));
        int o2 = origin[static_cast<size_t>(i)];
        char line[256];
        std::snprintf(line, sizeof line, "%d,居民%04d,1390000%04d,%s,%.6f,%.6f,2020-01-%02d,%s,%s\n", i + 1, i + 1, i + 1,
                      villages[v].name.c_str(), q.x, q.y, day, origins[o2], o2 <= 1 ? "居家隔离" : "正常");
        csv << line;
    }
    if (!csv) throw Error(o.outDir + ": cannot write returnees.csv");
    summary.returnees = records;
    summary.returneesFromWuhan = wuhan;
}

// The workspace from the sources, with fixed timestamps, then the returnees as counts.
ImportReport importDemo(const fs::path& out, const DemoOptions& o, int64_t returnees) {
    ImportRequest req;
    req.workspacePath = (out / "demo.gpkg").string();
    req.replace = true;
    req.boundary = LayerSource{(out / "boundary.shp").string(), "", ""};
    req.districts = LayerSource{(out / "districts.shp").string(), "", ""};
    req.villages = LayerSource{(out / "villages.shp").string(), "", ""};
    req.roads = LayerSource{(out / "roads.shp").string(), "", ""};
    req.roadClassField = "道路等级";
    req.progress = [&](double f, const std::string& stage) {
        return !o.progress || o.progress(0.5 + 0.5 * f, stage);
    };
    // GeoPackage timestamps fixed too, so that the same seed gives the same workspace.
    std::string savedDate = CPLGetConfigOption("OGR_CURRENT_DATE", "");
    CPLSetConfigOption("OGR_CURRENT_DATE", "2020-01-23T00:00:00Z");
    ImportReport rep;
    try {
        rep = importWorkspace(req);
    } catch (...) {
        CPLSetConfigOption("OGR_CURRENT_DATE", savedDate.empty() ? nullptr : savedDate.c_str());
        throw;
    }
    CPLSetConfigOption("OGR_CURRENT_DATE", savedDate.empty() ? nullptr : savedDate.c_str());
    {
        // The returnees, as counts only; a fixed import time keeps the bytes repeatable.
        Workspace ws = Workspace::open(req.workspacePath);
        ReturneeImportOptions ro;
        ro.path = (out / "returnees.csv").string();
        ro.importedAt = "2020-01-23T00:00:00Z";
        ReturneeImportReport rr = importReturnees(ws, ro);
        if (!rr.committed || rr.rowsImported != returnees)
            throw Error("demo: returnees.csv did not import (" + std::to_string(rr.badRowCount) + " bad rows)");
    }
    return rep;
}

}  // namespace

DemoSummary generateDemo(const DemoOptions& o) {
    initGdal();
    fs::path out(o.outDir);
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec || !fs::is_directory(out)) throw Error(o.outDir + ": cannot create folder (" + ec.message() + ")");
    auto progress = [&](double f, const std::string& stage) {
        if (o.progress && !o.progress(f, stage)) throw Error("cancelled");
    };

    DemoRandom rnd(o.seed);
    Transformer toLonLat("EPSG:" + std::to_string(kWorkingEpsg), "EPSG:4326");
    Transformer toMetric("EPSG:4326", "EPSG:" + std::to_string(kWorkingEpsg));
    P centre{kCentreLon, kCentreLat};
    toMetric.transformPoint(centre.x, centre.y);
    Township town = makeTownship(rnd, centre);
    std::vector<Village> villages = placeVillages(rnd, town);
    DemoSummary summary;
    std::vector<Road> roads = townshipRoads(rnd, town, villages, summary.boundaryCrossings);
    summary.roadSegments = static_cast<int64_t>(addBenchmarkLanes(rnd, town, o.roads, roads));
    summary.roadFeatures = static_cast<int64_t>(roads.size());
    progress(0.1, "writing shapefiles");
    writeSources(out, town, villages, roads, toLonLat, progress);
    writeReturnees(out, rnd, villages, toLonLat, o, summary);
    progress(0.5, "importing");

    ImportReport rep = importDemo(out, o, summary.returnees);
    summary.workspace = (out / "demo.gpkg").string();
    summary.villages = static_cast<int>(villages.size());
    summary.districts = 5;
    summary.areaKm2 = rep.boundaryAreaKm2;
    return summary;
}

}  // namespace geo
