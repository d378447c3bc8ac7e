// Roster and map exports of one scenario, written atomically (geo::StagedFile, then rename).
#include "geo/plan/roster_export.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <vector>

#include "geo/plan/checkpoint_number.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/io/output_file.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

bool isPlainNumber(const std::string& v) {
    char* end = nullptr;
    std::strtod(v.c_str(), &end);
    return !v.empty() && end == v.c_str() + v.size() && v.find_first_of("xXnNiI") == std::string::npos;
}

// A text cell, quoted where needed. Spreadsheets run a cell starting with = + - @ (or a tab or
// CR before one) as a formula: such a cell gets a leading ' (OWASP's CSV-injection advice),
// unless it is a plain number such as -5, which a spreadsheet reads as a number anyway.
std::string csvField(const std::string& text) {
    std::string v = text;
    if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos && !isPlainNumber(v))
        v.insert(0, 1, '\'');
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string fixed7(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.7f", v);
    return buf;
}

std::vector<double> lonLats(const Scenario& s, int workingEpsg) {
    std::vector<double> xy;
    for (const auto& c : s.checkpoints) {
        xy.push_back(c.x);
        xy.push_back(c.y);
    }
    if (!xy.empty()) Transformer("EPSG:" + std::to_string(workingEpsg), "EPSG:4326").transform(xy.data(), xy.size() / 2);
    return xy;
}

void writeCsv(const std::string& text, StagedFile& tmp, const std::string& shownName) {
    std::FILE* f = tmp.create();
    if (!f) throw Error(shownName + ": cannot be written (no permission or read-only folder)");
    size_t written = std::fwrite(text.data(), 1, text.size(), f);
    bool ok = written == text.size() && std::fflush(f) == 0;
    ok = std::fclose(f) == 0 && ok;
    if (!ok) throw Error(shownName + ": write failed (disk full?)");
}

// GDAL's last error, short enough for one line: a full disk says so plainly.
std::string gdalReason() {
    std::string m = CPLGetLastErrorMsg();
    if (m.find("full") != std::string::npos || m.find("No space") != std::string::npos) return "disk full";
    if (m.size() > 160) m = m.substr(0, 160) + "...";
    return m.empty() ? std::string("unknown reason") : m;
}

void writeOgr(const Scenario& s, int workingEpsg, ExportFormat format, const fs::path& tmp, const std::string& shownName) {
    initGdal();
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);  // the reason goes into the message instead
    CPLErrorReset();
    const char* driverName = format == ExportFormat::GeoJson ? "GeoJSON" : format == ExportFormat::Kml ? "KML" : "GPKG";
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driverName);
    if (!drv) throw Error(std::string("GDAL has no ") + driverName + " driver");
    std::vector<double> ll = lonLats(s, workingEpsg);
    {
        GDALDatasetUniquePtr ds(drv->Create(tmp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw Error(shownName + ": cannot be written (" + gdalReason() + ")");
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRLayer* layer = ds->CreateLayer("checkpoints", &wgs84, wkbPoint, nullptr);
        if (!layer) throw Error(shownName + ": cannot create the layer (" + gdalReason() + ")");
        struct FieldDef { const char* name; OGRFieldType type; };
        const FieldDef fields[] = {{"number", OFTInteger}, {"scenario", OFTString}, {"name", OFTString}, {"kind", OFTString},
                                   {"staff_per_shift", OFTInteger}, {"shifts", OFTInteger}, {"staff_required", OFTInteger},
                                   {"hours", OFTString}, {"district", OFTString}, {"road", OFTString}, {"class", OFTString},
                                   {"notes", OFTString}};
        for (const auto& fd : fields) {
            OGRFieldDefn d(fd.name, fd.type);
            if (layer->CreateField(&d) != OGRERR_NONE) throw Error(shownName + ": cannot create field " + fd.name);
        }
        bool transaction = ds->StartTransaction() == OGRERR_NONE;
        for (size_t i = 0; i < s.checkpoints.size(); ++i) {
            const Checkpoint& c = s.checkpoints[i];
            OGRFeature f(layer->GetLayerDefn());
            f.SetField("scenario", s.name.c_str());
            // Phones show a KML placemark by its name alone: there it carries the number too.
            const int number = checkpointNumber(s.checkpoints, i);
            f.SetField("number", number);
            f.SetField("name", format == ExportFormat::Kml ? (std::to_string(number) + " " + c.name).c_str() : c.name.c_str());
            f.SetField("kind", checkpointKindName(c.kind));
            f.SetField("staff_per_shift", c.isClosure() ? 0 : c.staffPerShift);  // a closure has no staff
            f.SetField("shifts", c.isClosure() ? 0 : c.shifts);
            f.SetField("staff_required", c.staffRequired());
            f.SetField("hours", c.hours.c_str());
            f.SetField("district", c.district.c_str());
            f.SetField("road", c.road.c_str());
            f.SetField("class", c.roadFid >= 0 ? roadClassName(c.roadClass) : "");
            f.SetField("notes", c.notes.c_str());
            f.SetGeometryDirectly(new OGRPoint(ll[2 * i], ll[2 * i + 1]));
            if (layer->CreateFeature(&f) != OGRERR_NONE) throw Error(shownName + ": write failed (" + gdalReason() + ")");
        }
        if (transaction && ds->CommitTransaction() != OGRERR_NONE)
            throw Error(shownName + ": write failed (" + gdalReason() + ")");
        CPLErrorReset();
        ds->FlushCache();
    }
    if (CPLGetLastErrorType() == CE_Failure) throw Error(shownName + ": write failed (" + gdalReason() + ")");
    // Read it back: a full disk can leave a file GDAL reported no error on.
    const char* drivers[] = {driverName, nullptr};
    GDALDatasetUniquePtr check(GDALDataset::Open(tmp.string().c_str(), GDAL_OF_VECTOR, drivers));
    OGRLayer* l = check ? check->GetLayer(0) : nullptr;
    if (!l || l->GetFeatureCount() != static_cast<GIntBig>(s.checkpoints.size()))
        throw Error(shownName + ": write failed (the file is incomplete; disk full?)");
}

}  // namespace

ExportFormat parseExportFormat(const std::string& text) {
    if (text == "csv") return ExportFormat::Csv;
    if (text == "geojson" || text == "json") return ExportFormat::GeoJson;
    if (text == "kml") return ExportFormat::Kml;
    if (text == "gpkg") return ExportFormat::Gpkg;
    throw Error("unknown export format '" + text + "' (csv, geojson, kml or gpkg)");
}

std::string rosterCsv(const Scenario& s, int workingEpsg) {
    std::vector<double> ll = lonLats(s, workingEpsg);
    std::string out = "\xEF\xBB\xBF";
    // The columns are a contract. `id` holds the checkpoint's number in its scenario (1..n, #3 in
    // Cordon), what field teams call it by; the internal row id stays internal.
    out += "id,name,kind,kind_zh,lon,lat,road,class,district,staff_per_shift,shifts,staff_required,hours,leader,phone,notes\r\n";
    for (size_t i = 0; i < s.checkpoints.size(); ++i) {
        const Checkpoint& c = s.checkpoints[i];
        out += std::to_string(c.number) + "," + csvField(c.name) + "," + checkpointKindName(c.kind) + "," +
               checkpointKindNameZh(c.kind) + "," + fixed7(ll[2 * i]) + "," + fixed7(ll[2 * i + 1]) + "," + csvField(c.road) +
               "," + (c.roadFid >= 0 ? roadClassName(c.roadClass) : "") + "," + csvField(c.district) + "," +
               std::to_string(c.isClosure() ? 0 : c.staffPerShift) + "," + std::to_string(c.isClosure() ? 0 : c.shifts) + "," +
               std::to_string(c.staffRequired()) +
               "," + csvField(c.hours) + "," + csvField(c.leader) + "," + csvField(c.phone) + "," + csvField(c.notes) + "\r\n";
    }
    return out;
}

void exportRoster(const Scenario& original, int workingEpsg, ExportFormat format, const std::string& outPath) {
    // A workspace written before names were checked may hold text that is not UTF-8: every format is.
    Scenario s = original;
    s.name = toValidUtf8(s.name);
    s.notes = toValidUtf8(s.notes);
    for (auto& c : s.checkpoints)
        for (std::string* text : {&c.name, &c.road, &c.district, &c.hours, &c.leader, &c.phone, &c.notes}) *text = toValidUtf8(*text);
    fs::path target(outPath);
    std::string shownName = target.filename().string();
    if (shownName.empty()) throw Error(outPath + ": not a file name");
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error(outPath + ": folder does not exist");
    if (fs::is_directory(target, ec)) throw Error(outPath + ": is a folder");
    StagedFile tmp(target, "export");
    if (format == ExportFormat::Csv) writeCsv(rosterCsv(s, workingEpsg), tmp, shownName);
    else writeOgr(s, workingEpsg, format, tmp.path(), shownName);
    tmp.commit();
}

}  // namespace geo
