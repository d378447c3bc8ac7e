// Opening a GDAL vector source: drivers registered once, archives reached through /vsi paths,
// GDAL's messages kept, failures said in words a planner can act on, the layer chosen, its CRS
// named, and the shapefile records that tell an empty geometry from none.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "geo/core/error.hpp"
#include "geo/io/layer_reader_internal.hpp"
#include "geo/io/register_guard.hpp"

namespace geo {

void initGdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetConfigOption("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", "YES");
    });
}

std::string gdalPath(const std::string& path) {
    auto endsWith = [&](const char* suffix) {
        std::string s = suffix;
        if (path.size() < s.size()) return false;
        for (size_t i = 0; i < s.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(path[path.size() - s.size() + i])) != s[i]) return false;
        return true;
    };
    if (path.rfind("/vsi", 0) == 0) return path;
    if (endsWith(".zip")) return "/vsizip/" + path;
    if (endsWith(".tar.gz") || endsWith(".tgz") || endsWith(".tar")) return "/vsitar/" + path;
    return path;
}

namespace {

std::string fileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

// One line whatever GDAL said: reasons end up on a single stderr line or in one notice.
std::string oneLine(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// Why GDAL could not open a file, in words a planner can act on.
std::string openFailureReason(const std::string& path, const GdalMessages& messages) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::string ext = lowerExtension(path);
    if (path.rfind("/vsi", 0) != 0) {
        if (fs::is_directory(path, ec)) return "folder holds no layers GDAL can read";
        if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) return "file is empty";
        if (ext == ".shp") {
            fs::path p(path);
            bool hasShx = fs::exists(fs::path(p).replace_extension(".shx"), ec) ||
                          fs::exists(fs::path(p).replace_extension(".SHX"), ec);
            if (!hasShx) return "the .shx index file is missing (copy the .shp, .shx and .dbf together)";
        }
        {
            std::ifstream in(path, std::ios::binary);
            char header[16] = {};
            in.read(header, 16);
            if (in.gcount() == 16 && std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16))
                return "an SQLite/GeoPackage file that is damaged or holds no layers GDAL can read";
        }
        if (ext == ".json" || ext == ".geojson") {
            std::ifstream in(path, std::ios::binary);
            char c = 0;
            while (in.get(c) && std::isspace(static_cast<unsigned char>(c))) {}
            if (c == '[') return "a JSON array, not GeoJSON (expected a FeatureCollection object)";
        }
    }
    for (const auto& m : messages.lines)
        if (m.find("Corrupt") != std::string::npos || m.find("corrupt") != std::string::npos) return m;
    if (ext == ".shp" || ext == ".dbf" || ext == ".shx") return "not a readable shapefile (damaged or not a shapefile)";
    return "not a vector format GDAL can read";
}

}  // namespace

[[noreturn]] void fail(const std::string& path, const std::string& why) {
    throw Error(fileName(path) + ": " + oneLine(why));
}

GDALDatasetUniquePtr openVector(const std::string& path, GdalMessages& messages) {
    initGdal();
    if (path.rfind("/vsi", 0) != 0) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) fail(path, "no such file");
        if (std::filesystem::is_directory(path, ec) && std::filesystem::is_empty(path, ec)) fail(path, "empty folder");
    }
    checkRegisterSize(path);  // a spreadsheet opened as a layer (`cordon info`) is inflated by GDAL just the same
    // ENCODING="" stops the shapefile driver recoding: Cordon decides the encoding itself.
    const char* openOptions[] = {"ENCODING=", nullptr};
    std::string gp = gdalPath(path);
    GDALDatasetUniquePtr ds(GDALDataset::Open(gp.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, openOptions));
    if (!ds) {
        // Drivers that do not know the option refuse nothing; retry plainly to be sure.
        ds.reset(GDALDataset::Open(gp.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    }
    if (!ds) fail(path, openFailureReason(path, messages));
    if (ds->GetLayerCount() == 0) fail(path, "no layers");
    return ds;
}

bool kindMatches(OGRwkbGeometryType t, GeomKind kind) {
    switch (wkbFlatten(t)) {
    case wkbPoint: case wkbMultiPoint: return kind == GeomKind::Point;
    case wkbLineString: case wkbMultiLineString: case wkbCircularString: case wkbCompoundCurve:
    case wkbMultiCurve: return kind == GeomKind::Line;
    case wkbPolygon: case wkbMultiPolygon: case wkbCurvePolygon: case wkbMultiSurface:
    case wkbTriangle: case wkbTIN: case wkbPolyhedralSurface: return kind == GeomKind::Polygon;
    default: return false;
    }
}

OGRLayer* chooseLayer(GDALDataset& ds, const std::string& path, const ReadOptions& o) {
    if (!o.layerName.empty()) {
        OGRLayer* l = ds.GetLayerByName(o.layerName.c_str());
        if (!l) {
            std::string names;
            for (auto* each : ds.GetLayers()) names += std::string(names.empty() ? "" : ", ") + each->GetName();
            fail(path, "no layer '" + o.layerName + "' (layers: " + names + ")");
        }
        return l;
    }
    if (ds.GetLayerCount() == 1) return ds.GetLayer(0);
    // OSM files: the layer that holds this kind of geometry.
    const char* osmName = o.kind == GeomKind::Point ? "points" : o.kind == GeomKind::Line ? "lines" : "multipolygons";
    if (OGRLayer* l = ds.GetLayerByName(osmName); l && std::string(ds.GetDriverName()) == "OSM") return l;
    for (auto* l : ds.GetLayers())
        if (kindMatches(l->GetGeomType(), o.kind)) return l;
    fail(path, std::string("no ") + geomKindName(o.kind) + " layer among " + std::to_string(ds.GetLayerCount()) +
                   " layers; name one with the layer option");
}

std::string crsLabel(const OGRSpatialReference* srs, int& epsg) {
    epsg = 0;
    if (!srs) return "none";
    OGRSpatialReference copy(*srs);
    if (copy.GetAuthorityName(nullptr) == nullptr) copy.AutoIdentifyEPSG();
    const char* auth = copy.GetAuthorityName(nullptr);
    const char* code = copy.GetAuthorityCode(nullptr);
    if (auth && code && std::string(auth) == "EPSG") {
        epsg = std::atoi(code);
        return "EPSG:" + std::string(code);
    }
    const char* name = srs->GetName();
    return name ? name : "unnamed CRS";
}

std::string srsDefinition(const OGRSpatialReference& srs, int epsg) {
    if (epsg > 0) return "EPSG:" + std::to_string(epsg);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string def = wkt ? wkt : "";
    CPLFree(wkt);
    return def;
}

std::string shapefileOf(GDALDataset& ds, OGRLayer& layer) {
    std::string shp = ds.GetDescription();
    std::error_code ec;
    return CPLFormFilename(std::filesystem::is_directory(shp, ec) ? shp.c_str() : CPLGetPath(shp.c_str()), layer.GetName(),
                           "shp");
}

ShapeRecords::ShapeRecords(const std::string& shp) {
    if (shp.size() < 4) return;
    std::string stem = shp.substr(0, shp.size() - 4);
    shp_.reset(VSIFOpenL(shp.c_str(), "rb"));
    for (const char* ext : {".shx", ".SHX"})
        if (!shx_) shx_.reset(VSIFOpenL((stem + ext).c_str(), "rb"));
}

bool ShapeRecords::hasShapeType(GIntBig fid) const {
    if (!shp_ || !shx_ || fid < 0) return false;
    unsigned char entry[8];
    if (VSIFSeekL(shx_.get(), 100 + 8 * static_cast<vsi_l_offset>(fid), SEEK_SET) != 0 ||
        VSIFReadL(entry, 1, 8, shx_.get()) != 8)
        return false;
    // Offsets and lengths are big-endian 16-bit word counts.
    uint64_t offsetWords = (uint64_t{entry[0]} << 24) | (uint64_t{entry[1]} << 16) | (uint64_t{entry[2]} << 8) | entry[3];
    unsigned char type[4];
    if (VSIFSeekL(shp_.get(), offsetWords * 2 + 8, SEEK_SET) != 0 || VSIFReadL(type, 1, 4, shp_.get()) != 4) return false;
    return type[0] != 0 || type[1] != 0 || type[2] != 0 || type[3] != 0;
}

}  // namespace geo
