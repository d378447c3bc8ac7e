// The layer reader's parts, shared by its files: the GDAL source opened and its messages kept
// (gdal_source.cpp), attribute text decoded (layer_text.cpp), geometries taken in and checked
// (layer_geometry.cpp); layer_reader.cpp reads a layer with them. Internal to the reader.
#pragma once
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/core/layer.hpp"
#include "geo/io/layer_reader.hpp"

namespace geo {

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

// Throws geo::Error "<file name>: <why on one line>".
[[noreturn]] void fail(const std::string& path, const std::string& why);

// Opens a vector source read-only, refusing (fail) what GDAL cannot read, with the reason.
GDALDatasetUniquePtr openVector(const std::string& path, GdalMessages& messages);
bool kindMatches(OGRwkbGeometryType t, GeomKind kind);
// The layer named in the options, the only one, or the one holding this kind of geometry.
OGRLayer* chooseLayer(GDALDataset& ds, const std::string& path, const ReadOptions& o);
// "EPSG:n" (epsg set) or the CRS's name; "none" without one.
std::string crsLabel(const OGRSpatialReference* srs, int& epsg);
// What Transformer takes: "EPSG:n", or WKT2 when the CRS has no EPSG code.
std::string srsDefinition(const OGRSpatialReference& srs, int epsg);

// The .shp file behind a shapefile layer (the dataset may be a folder or an archive).
std::string shapefileOf(GDALDataset& ds, OGRLayer& layer);

struct VsiCloser { void operator()(VSILFILE* f) const { VSIFCloseL(f); } };
using VsiFile = std::unique_ptr<VSILFILE, VsiCloser>;

// GDAL returns NULL both for a record of shape type 0 (no geometry) and for one whose parts are
// missing (an empty geometry); the record's type, found through the .shx, tells them apart.
class ShapeRecords {
public:
    explicit ShapeRecords(const std::string& shp);
    bool hasShapeType(GIntBig fid) const;
private:
    VsiFile shp_, shx_;
};

// Decodes attribute text to UTF-8. Plain ASCII passes through untouched in ASCII-based code
// pages, and repeated short values (road classes, district names) are recoded once: a call of
// iconv per value took a fifth of a million-road import. An undeclared layer's text is kept raw
// and counted; decide() then picks one encoding for the whole layer and recodes everything.
struct TextDecoder {
    std::string encoding;  // "" = undeclared until decide()
    std::string warning;   // a declaration that was ignored, for the report
    int64_t notUtf8 = 0;   // undeclared values that are not valid UTF-8
    std::string decode(const char* raw);
    bool isUndecided() const { return encoding.empty(); }
    // Undeclared: one encoding for the whole layer; `reason` gets the decision appended.
    void decide(std::string& reason);

private:
    static constexpr size_t kMemoLength = 64, kMemoEntries = 4096;
    bool asciiCompatible();
    int ascii_ = -1;
    std::unordered_map<std::string, std::string> memo_;
};

// The decoder for a layer's text: the override, the shapefile's declaration, or UTF-8 for the
// other drivers; `reason` says which.
TextDecoder layerDecoder(GDALDataset& ds, OGRLayer& layer, const std::string& override, std::string& reason);

// One feature's geometry into `layer` (curves made linear, polygons repaired when asked); false,
// with the reason counted in `report`, when the feature is left out.
bool appendGeometry(OGRFeature& f, bool corrupt, const ShapeRecords* records, const ReadOptions& o, Layer& layer,
                    std::vector<unsigned char>& wkb, ReadReport& report);
// Refuses coordinates that contradict the CRS: lon/lat values in a projected CRS, or degrees
// out of range.
void checkCoordinates(const Layer& layer, const std::string& path, bool geographic, bool hasCrs, const std::string& sourceCrs);
// Drops whole features that did not project rather than keep NaN vertices; returns how many.
int64_t dropUnprojectable(Layer& layer);

}  // namespace geo
