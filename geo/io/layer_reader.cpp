// GDAL reading. Geometries go through WKB into flat arrays; text is recoded here, not by the
// shapefile driver, so an override always wins and the report can say why.
#include "geo/io/layer_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cpl_error.h>
#include <filesystem>
#include <fstream>
#include <gdal_priv.h>
#include <memory>
#include <mutex>
#include <ogrsf_frmts.h>
#include <unordered_map>

#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/io/register_guard.hpp"
#include "geo/io/wkb.hpp"

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

// Collects GDAL's messages while a source is read, instead of printing them.
struct GdalMessages {
    std::vector<std::string> lines;  // the first 20
    int64_t corruptions = 0;         // every message about a corrupt record, beyond the first 20 too
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
        auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
        if (!self || level < CE_Warning) return;
        std::string_view text(msg ? msg : "");
        if (text.find("orrupt") != std::string_view::npos) ++self->corruptions;
        if (self->lines.size() < 20) self->lines.emplace_back(text);
    }
};

class MessageScope {
public:
    explicit MessageScope(GdalMessages& m) { CPLPushErrorHandlerEx(&GdalMessages::handler, &m); }
    ~MessageScope() { CPLPopErrorHandler(); }
    MessageScope(const MessageScope&) = delete;
    MessageScope& operator=(const MessageScope&) = delete;
};

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

[[noreturn]] void fail(const std::string& path, const std::string& why) {
    throw Error(fileName(path) + ": " + oneLine(why));
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

// Decodes attribute text to UTF-8. Plain ASCII passes through untouched in ASCII-based code
// pages, and repeated short values (road classes, district names) are recoded once: a call of
// iconv per value took a fifth of a million-road import. An undeclared layer's text is kept raw
// and counted; decide() then picks one encoding for the whole layer and recodes everything.
struct TextDecoder {
    std::string encoding;  // "" = undeclared until decide()
    std::string warning;   // a declaration that was ignored, for the report
    int64_t notUtf8 = 0;   // undeclared values that are not valid UTF-8
    std::string decode(const char* raw) {
        std::string_view v(raw ? raw : "");
        if (asciiCompatible() && std::all_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
            return std::string(v);
        if (encoding.empty()) {
            if (!isValidUtf8(v)) ++notUtf8;
            return std::string(v);
        }
        if (encoding == "UTF-8") return std::string(v);
        const std::string from = decoderFor(encoding);
        if (v.size() > kMemoLength) return recodeToUtf8(v, from);
        auto it = memo_.find(std::string(v));
        if (it != memo_.end()) return it->second;
        std::string out = recodeToUtf8(v, from);
        if (memo_.size() < kMemoEntries) memo_.emplace(std::string(v), out);
        return out;
    }
    bool isUndecided() const { return encoding.empty(); }
    // Undeclared: one encoding for the whole layer; `reason` gets the decision appended.
    void decide(std::string& reason) {
        if (!encoding.empty()) return;
        UndeclaredDecision d = decideUndeclared(notUtf8, reason);
        encoding = d.encoding;
        reason = d.reason;
    }

private:
    static constexpr size_t kMemoLength = 64, kMemoEntries = 4096;
    bool asciiCompatible() {
        if (ascii_ < 0) {
            // UTF-16 and the EBCDIC code pages do not keep ASCII bytes as they are.
            static const char* const kNot[] = {"UTF-16", "CP037", "CP273", "CP500", "CP875", "CP1026", "CP1140", "CP1141",
                                               "CP1142", "CP1143", "CP1144", "CP1145", "CP1146", "CP1147", "CP1148", "CP1149"};
            ascii_ = std::none_of(std::begin(kNot), std::end(kNot), [&](const char* e) { return encoding == e; }) ? 1 : 0;
        }
        return ascii_ == 1;
    }
    int ascii_ = -1;
    std::unordered_map<std::string, std::string> memo_;
};

// The .shp file behind a shapefile layer (the dataset may be a folder or an archive).
std::string shapefileOf(GDALDataset& ds, OGRLayer& layer) {
    std::string shp = ds.GetDescription();
    std::error_code ec;
    return CPLFormFilename(std::filesystem::is_directory(shp, ec) ? shp.c_str() : CPLGetPath(shp.c_str()), layer.GetName(),
                           "shp");
}

struct VsiCloser { void operator()(VSILFILE* f) const { VSIFCloseL(f); } };
using VsiFile = std::unique_ptr<VSILFILE, VsiCloser>;

// GDAL returns NULL both for a record of shape type 0 (no geometry) and for one whose parts are
// missing (an empty geometry); the record's type, found through the .shx, tells them apart.
class ShapeRecords {
public:
    explicit ShapeRecords(const std::string& shp) {
        if (shp.size() < 4) return;
        std::string stem = shp.substr(0, shp.size() - 4);
        shp_.reset(VSIFOpenL(shp.c_str(), "rb"));
        for (const char* ext : {".shx", ".SHX"})
            if (!shx_) shx_.reset(VSIFOpenL((stem + ext).c_str(), "rb"));
    }
    bool hasShapeType(GIntBig fid) const {
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
private:
    VsiFile shp_, shx_;
};

TextDecoder layerDecoder(GDALDataset& ds, OGRLayer& layer, const std::string& override,
                       std::string& reason) {
    TextDecoder d;
    if (!override.empty()) {
        d.encoding = normalizeEncoding(override);
        reason = "set by --encoding";
        return d;
    }
    std::string driver = ds.GetDriverName();
    if (driver == "ESRI Shapefile") {
        DeclaredEncoding declared = declaredShapefileEncoding(layer);
        // A DBF holds single- and double-byte text, never UTF-16/32: such a declaration is wrong.
        if (declared.encoding.rfind("UTF-16", 0) == 0 || declared.encoding.rfind("UTF-32", 0) == 0) {
            reason = declared.encoding + " " + declared.reason + " ignored (a DBF cannot hold it): UTF-8 where valid, otherwise GBK (CP936)";
            d.warning = "text encoding " + reason;
            return d;
        }
        if (!declared.encoding.empty()) {
            d.encoding = declared.encoding;
            reason = declared.reason;
            return d;
        }
        reason = "no .cpg or DBF language id";
        return d;
    }
    d.encoding = "UTF-8";
    reason = driver + " text is UTF-8";
    return d;
}

// One feature's geometry into `layer` (curves made linear, polygons repaired when asked); false,
// with the reason counted in `report`, when the feature is left out.
bool appendGeometry(OGRFeature& f, bool corrupt, const ShapeRecords* records, const ReadOptions& o, Layer& layer,
                    std::vector<unsigned char>& wkb, ReadReport& report) {
    OGRGeometry* g = f.GetGeometryRef();
    if (!g) {
        if (corrupt) ++report.malformedGeometries;
        else if (records && records->hasShapeType(f.GetFID())) ++report.emptyGeometries;
        else ++report.nullGeometries;
        return false;
    }
    if (g->IsEmpty()) { ++report.emptyGeometries; return false; }
    if (!kindMatches(g->getGeometryType(), o.kind) && wkbFlatten(g->getGeometryType()) != wkbGeometryCollection) {
        ++report.wrongTypeGeometries;
        return false;
    }
    std::unique_ptr<OGRGeometry> owned;
    if (g->hasCurveGeometry()) {
        owned.reset(g->getLinearGeometry());
        g = owned.get();
        if (!g) { ++report.malformedGeometries; return false; }
    }
    bool repaired = false;
    if (o.kind == GeomKind::Polygon && o.repair && !g->IsValid()) {
        std::unique_ptr<OGRGeometry> fixed(g->MakeValid());
        if (fixed && !fixed->IsEmpty()) {
            owned = std::move(fixed);
            g = owned.get();
            repaired = true;
        } else {
            report.warnings.push_back("feature " + std::to_string(f.GetFID()) + ": invalid polygon could not be repaired");
        }
    }
    size_t size = static_cast<size_t>(g->WkbSize());
    wkb.resize(size);
    if (g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) { ++report.malformedGeometries; return false; }
    WkbResult added = appendWkbFeature(layer, wkb.data(), size);
    if (repaired && added != WkbResult::Added) {
        // Repair collapsed it to lines or points: a polygon without area.
        ++report.emptyGeometries;
        if (report.warnings.size() < 10)
            report.warnings.push_back("feature " + std::to_string(f.GetFID()) + ": polygon has no area");
        return false;
    }
    if (repaired) ++report.repairedPolygons;
    switch (added) {
    case WkbResult::Added: break;
    case WkbResult::Empty: ++report.emptyGeometries; return false;
    case WkbResult::WrongType: ++report.wrongTypeGeometries; return false;
    case WkbResult::Malformed: ++report.malformedGeometries; return false;
    }
    return true;
}

// Refuses coordinates that contradict the CRS: lon/lat values in a projected CRS, or degrees
// out of range.
void checkCoordinates(const Layer& layer, const std::string& path, bool geographic, bool hasCrs, const std::string& sourceCrs) {
    Bbox raw = layer.bbox();
    if (!raw.isEmpty()) {
        auto extent = [&] {
            char text[160];
            std::snprintf(text, sizeof text, "(%.6g, %.6g) - (%.6g, %.6g)", raw.minX, raw.minY, raw.maxX, raw.maxY);
            return std::string(text);
        };
        std::string crsName = hasCrs ? "the CRS is " + sourceCrs : "there is no .prj to say what they are";
        if (std::fabs(raw.minX) > 1e8 || std::fabs(raw.maxX) > 1e8 || std::fabs(raw.minY) > 1e8 || std::fabs(raw.maxY) > 1e8)
            fail(path, "coordinates " + extent() + " are far outside any sane range");
        if (geographic && (raw.minX < -180.5 || raw.maxX > 360.5 || raw.minY < -90.5 || raw.maxY > 90.5))
            fail(path, "coordinates " + extent() + " are not longitude/latitude, but " + crsName +
                           (hasCrs ? "; check the .prj" : ""));
        if (!geographic && raw.minX >= -180 && raw.maxX <= 180 && raw.minY >= -90 && raw.maxY <= 90 &&
            raw.width() < 10 && raw.height() < 10)
            fail(path, "coordinates " + extent() + " look like longitude/latitude but the CRS " + sourceCrs +
                           " is projected; check the .prj");
    }
}

// Drops whole features that did not project rather than keep NaN vertices; returns how many.
int64_t dropUnprojectable(Layer& layer) {
    if (std::all_of(layer.xy.begin(), layer.xy.end(), [](double c) { return std::isfinite(c); })) return 0;
    int64_t unprojectable = 0;
    Layer kept;
    kept.kind = layer.kind;
    kept.name = layer.name;
    kept.epsg = layer.epsg;
    for (auto& f : layer.fields) kept.fields.push_back(StringColumn{f.name, {}, {0}});
    for (size_t fi = 0; fi < layer.featureCount(); ++fi) {
        Bbox b = layer.featureBbox(fi);
        if (!std::isfinite(b.minX) || !std::isfinite(b.maxX) || !std::isfinite(b.minY) || !std::isfinite(b.maxY)) {
            ++unprojectable;
            continue;
        }
        bool bad = false;
        size_t r0 = layer.partStart[layer.featureStart[fi]], r1 = layer.partStart[layer.featureStart[fi + 1]];
        for (size_t v = layer.ringStart[r0]; v < layer.ringStart[r1]; ++v)
            if (!std::isfinite(layer.xy[2 * v]) || !std::isfinite(layer.xy[2 * v + 1])) bad = true;
        if (bad) { ++unprojectable; continue; }
        for (size_t p = layer.featureStart[fi]; p < layer.featureStart[fi + 1]; ++p) {
            for (size_t r = layer.partStart[p]; r < layer.partStart[p + 1]; ++r) {
                for (size_t v = layer.ringStart[r]; v < layer.ringStart[r + 1]; ++v)
                    kept.addVertex(layer.xy[2 * v], layer.xy[2 * v + 1]);
                kept.endRing();
            }
            kept.endPart();
        }
        kept.endFeature();
        for (size_t c = 0; c < layer.fields.size(); ++c) kept.fields[c].push(layer.fields[c].at(fi));
    }
    layer = std::move(kept);
    return unprojectable;
}

}  // namespace

Layer readLayer(const std::string& path, const ReadOptions& o, ReadReport& report) {
    GdalMessages messages;
    MessageScope scope(messages);
    GDALDatasetUniquePtr ds = openVector(path, messages);
    OGRLayer* src = chooseLayer(*ds, path, o);
    report.source = path;
    report.layerName = src->GetName();
    report.driver = ds->GetDriverName();
    report.geometryType = OGRGeometryTypeToName(src->GetGeomType());
    TextDecoder decoder = layerDecoder(*ds, *src, o.encoding, report.encodingReason);
    if (!decoder.warning.empty()) report.warnings.push_back(decoder.warning);

    if (!o.where.empty()) {
        messages.lines.clear();
        if (src->SetAttributeFilter(o.where.c_str()) != OGRERR_NONE)
            fail(path, "bad filter '" + o.where + "'" + (messages.lines.empty() ? "" : ": " + messages.lines.back()));
    }

    const OGRSpatialReference* srs = src->GetSpatialRef();
    report.sourceCrs = crsLabel(srs, report.sourceEpsg);
    std::string fromDef;
    bool geographic = true;
    if (srs) {
        fromDef = srsDefinition(*srs, report.sourceEpsg);
        geographic = srs->IsGeographic();
    } else {
        fromDef = "EPSG:4326";
        report.warnings.push_back("no CRS: coordinates assumed to be WGS84 longitude/latitude");
    }
    if (o.coords != WebCoords::None && !geographic) checkWebCoords(o.coords, false, report.sourceCrs, path);

    Layer layer;
    layer.kind = o.kind;
    layer.name = report.layerName;
    OGRFeatureDefn* defn = src->GetLayerDefn();
    int nFields = defn->GetFieldCount();
    for (int i = 0; i < nFields; ++i) {
        StringColumn col;
        col.name = decoder.decode(defn->GetFieldDefn(i)->GetNameRef());
        layer.fields.push_back(std::move(col));
    }
    GIntBig total = src->GetFeatureCount(FALSE);
    // A damaged header can claim billions of records: reserve no more than a large real layer needs.
    constexpr GIntBig kReserveCap = 1 << 20;
    if (total > 0) layer.reserve(static_cast<size_t>(std::min(total, kReserveCap)), static_cast<size_t>(std::min(total, kReserveCap)) * 4);
    std::unique_ptr<ShapeRecords> records;
    if (report.driver == "ESRI Shapefile") records = std::make_unique<ShapeRecords>(shapefileOf(*ds, *src));

    std::vector<unsigned char> wkb;
    src->ResetReading();
    int64_t n = 0;
    for (;;) {
        messages.lines.clear();
        int64_t corruptBefore = messages.corruptions;
        OGRFeatureUniquePtr f(src->GetNextFeature());
        if (!f) {
            // A corrupt record ends some drivers' reading with an error; say so instead of stopping silently.
            if (!messages.lines.empty() && report.featuresRead < src->GetFeatureCount(FALSE)) {
                report.warnings.push_back("reading stopped early: " + messages.lines.back());
            }
            break;
        }
        if (!messages.lines.empty()) {
            if (report.warnings.size() < 10) report.warnings.push_back(messages.lines.back());
        }
        ++report.featuresRead;
        if (o.progress && (++n & 0x3fff) == 0 && total > 0) {
            if (!o.progress(0.9 * static_cast<double>(report.featuresRead) / static_cast<double>(total)))
                throw Error(fileName(path) + ": import cancelled");
        }
        if (!appendGeometry(*f, messages.corruptions > corruptBefore, records.get(), o, layer, wkb, report)) continue;
        for (int i = 0; i < nFields; ++i) {
            const char* raw = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
            layer.fields[static_cast<size_t>(i)].push(decoder.decode(raw));
        }
    }
    report.textRecodedGuess = decoder.notUtf8;
    if (decoder.isUndecided()) {
        decoder.decide(report.encodingReason);
        recodeColumnsToUtf8(layer.fields, decoder.encoding);
    }
    report.encoding = decoder.encoding;

    checkCoordinates(layer, path, geographic, srs != nullptr, report.sourceCrs);

    // Reprojection: through WGS84 when web-map offsets must be removed first.
    std::string toDef = o.targetEpsg > 0 ? "EPSG:" + std::to_string(o.targetEpsg) : "EPSG:4326";
    if (o.coords != WebCoords::None) {
        Transformer(fromDef, "EPSG:4326").transform(layer.xy.data(), layer.vertexCount());
        toWgs84(o.coords, layer.xy.data(), layer.vertexCount());
        Transformer("EPSG:4326", toDef).transform(layer.xy.data(), layer.vertexCount());
    } else {
        Transformer(fromDef, toDef).transform(layer.xy.data(), layer.vertexCount());
    }
    layer.epsg = o.targetEpsg > 0 ? o.targetEpsg : 4326;
    report.unprojectable += dropUnprojectable(layer);
    report.featuresKept = static_cast<int64_t>(layer.featureCount());
    if (o.progress && !o.progress(1.0)) throw Error(fileName(path) + ": import cancelled");
    return layer;
}

SourceInfo describeSource(const std::string& path, const std::string& encodingOverride, int sampleRows) {
    GdalMessages messages;
    MessageScope scope(messages);
    GDALDatasetUniquePtr ds = openVector(path, messages);
    SourceInfo info;
    info.path = path;
    info.driver = ds->GetDriverName();
    for (auto* l : ds->GetLayers()) {
        LayerInfo li;
        li.name = l->GetName();
        li.geometryType = OGRGeometryTypeToName(l->GetGeomType());
        messages.lines.clear();
        li.featureCount = l->GetFeatureCount(TRUE);
        TextDecoder decoder = layerDecoder(*ds, *l, encodingOverride, li.encodingReason);
        OGRFeatureDefn* defn = l->GetLayerDefn();
        // Names and sample rows stay raw until the whole layer has been seen (an undeclared
        // layer's encoding is decided by all its values).
        std::vector<StringColumn> rawText(1);
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            OGRFieldDefn* fd = defn->GetFieldDefn(i);
            li.fields.push_back({"", OGRFieldDefn::GetFieldTypeName(fd->GetType())});
            rawText[0].push(decoder.decode(fd->GetNameRef()));
        }
        const OGRSpatialReference* srs = l->GetSpatialRef();
        li.crs = crsLabel(srs, li.epsg);
        if (!srs) li.problems.push_back("no CRS: will be read as WGS84 longitude/latitude");
        OGREnvelope env;
        if (l->GetExtent(&env, TRUE) == OGRERR_NONE) {
            if (!std::isfinite(env.MinX) || !std::isfinite(env.MaxX) || !std::isfinite(env.MinY) || !std::isfinite(env.MaxY)) {
                li.problems.push_back("extent is not finite (NaN coordinates)");
            } else {
                li.extent.add(env.MinX, env.MinY);
                li.extent.add(env.MaxX, env.MaxY);
                try {
                    std::string def = srs ? srsDefinition(*srs, li.epsg) : "EPSG:4326";
                    Transformer t(def, "EPSG:4326");
                    double corners[8] = {env.MinX, env.MinY, env.MaxX, env.MinY, env.MinX, env.MaxY, env.MaxX, env.MaxY};
                    t.transform(corners, 4);
                    for (int c = 0; c < 4; ++c)
                        if (std::isfinite(corners[2 * c])) li.extentLonLat.add(corners[2 * c], corners[2 * c + 1]);
                } catch (const Error& e) {
                    li.problems.push_back(e.what());
                }
            }
        }
        // Scan geometries (and a few rows) for problems.
        int64_t nulls = 0, empties = 0, corrupt = 0, rows = 0;
        std::unique_ptr<ShapeRecords> records;
        if (info.driver == "ESRI Shapefile") records = std::make_unique<ShapeRecords>(shapefileOf(*ds, *l));
        l->ResetReading();
        for (;;) {
            int64_t corruptBefore = messages.corruptions;
            OGRFeatureUniquePtr f(l->GetNextFeature());
            if (!f) break;
            ++rows;
            OGRGeometry* g = f->GetGeometryRef();
            if (!g) {
                if (messages.corruptions > corruptBefore) ++corrupt;
                else if (records && records->hasShapeType(f->GetFID())) ++empties;
                else ++nulls;
            } else if (g->IsEmpty()) {
                ++empties;
            }
            bool sample = static_cast<int>(rawText.size()) <= sampleRows;
            if (sample) rawText.emplace_back();
            if (sample || decoder.isUndecided())
                for (int i = 0; i < defn->GetFieldCount(); ++i) {
                    if (!sample && defn->GetFieldDefn(i)->GetType() != OFTString) continue;
                    std::string v = decoder.decode(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
                    if (sample) rawText.back().push(v);
                }
        }
        if (decoder.isUndecided()) {
            decoder.decide(li.encodingReason);
            recodeColumnsToUtf8(rawText, decoder.encoding);
        }
        li.encoding = decoder.encoding;
        for (size_t i = 0; i < li.fields.size(); ++i) li.fields[i].name = std::string(rawText[0].at(i));
        for (size_t r = 1; r < rawText.size(); ++r) {
            std::vector<std::string> row;
            for (size_t i = 0; i < rawText[r].size(); ++i) row.emplace_back(rawText[r].at(i));
            li.sampleRows.push_back(std::move(row));
        }
        if (nulls) li.problems.push_back(std::to_string(nulls) + " features without geometry");
        if (empties) li.problems.push_back(std::to_string(empties) + " empty geometries");
        if (corrupt) li.problems.push_back(std::to_string(corrupt) + " corrupt records");
        if (li.featureCount >= 0 && rows < li.featureCount)
            li.problems.push_back("only " + std::to_string(rows) + " of " + std::to_string(li.featureCount) + " features readable");
        for (const auto& m : messages.lines)
            if (li.problems.size() < 12) li.problems.push_back(m);
        info.layers.push_back(std::move(li));
    }
    return info;
}

}  // namespace geo
