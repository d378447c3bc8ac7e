// GDAL reading. Geometries go through WKB into flat arrays; text is recoded here, not by the
// shapefile driver, so an override always wins and the report can say why. The parts: the source
// opened (gdal_source.cpp), text decoded (layer_text.cpp), geometries taken in (layer_geometry.cpp).
#include "geo/io/layer_reader.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader_internal.hpp"

namespace geo {

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
                fail(path, "import cancelled");
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
    if (o.progress && !o.progress(1.0)) fail(path, "import cancelled");
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
