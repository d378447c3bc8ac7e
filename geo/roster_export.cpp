// Roster and map exports of one scenario, written atomically (temporary file, then rename).
#include "geo/roster_export.hpp"

#include <cstdio>
#include <filesystem>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <vector>

#include "geo/checkpoint_number.hpp"
#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/layer_reader.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

std::string csvField(const std::string& v) {
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

// Removes the temporary file unless the export completed.
struct PartialFile {
    fs::path path;
    bool done = false;
    ~PartialFile() {
        if (!done) {
            std::error_code ec;
            fs::remove(path, ec);
        }
    }
};

void writeCsv(const std::string& text, const fs::path& tmp, const std::string& shownName) {
    std::FILE* f = std::fopen(tmp.string().c_str(), "wb");
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
        const FieldDef fields[] = {{"id", OFTInteger64}, {"number", OFTInteger}, {"scenario", OFTString}, {"name", OFTString},
                                   {"kind", OFTString},
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
            f.SetField("id", static_cast<GIntBig>(c.id));
            f.SetField("scenario", s.name.c_str());
            // Phones show a KML placemark by its name alone: there it carries the number too.
            const int number = checkpointNumber(s.checkpoints, i);
            f.SetField("number", number);
            f.SetField("name", format == ExportFormat::Kml ? (std::to_string(number) + " " + c.name).c_str() : c.name.c_str());
            f.SetField("kind", checkpointKindName(c.kind));
            f.SetField("staff_per_shift", c.staffPerShift);
            f.SetField("shifts", c.shifts);
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
    out += "id,name,kind,kind_zh,lon,lat,road,class,district,staff_per_shift,shifts,staff_required,hours,leader,phone,notes\r\n";
    for (size_t i = 0; i < s.checkpoints.size(); ++i) {
        const Checkpoint& c = s.checkpoints[i];
        out += std::to_string(c.id) + "," + csvField(c.name) + "," + checkpointKindName(c.kind) + "," +
               checkpointKindNameZh(c.kind) + "," + fixed7(ll[2 * i]) + "," + fixed7(ll[2 * i + 1]) + "," + csvField(c.road) +
               "," + (c.roadFid >= 0 ? roadClassName(c.roadClass) : "") + "," + csvField(c.district) + "," +
               std::to_string(c.staffPerShift) + "," + std::to_string(c.shifts) + "," + std::to_string(c.staffRequired()) +
               "," + csvField(c.hours) + "," + csvField(c.leader) + "," + csvField(c.phone) + "," + csvField(c.notes) + "\r\n";
    }
    return out;
}

void exportRoster(const Scenario& s, int workingEpsg, ExportFormat format, const std::string& outPath) {
    fs::path target(outPath);
    std::string shownName = target.filename().string();
    if (shownName.empty()) throw Error(outPath + ": not a file name");
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error(outPath + ": folder does not exist");
    if (fs::is_directory(target, ec)) throw Error(outPath + ": is a folder");
    // Hidden, beside the target (same file system for the rename), with the right extension for GDAL.
    PartialFile tmp{dir / ("." + target.stem().string() + ".exporting" + target.extension().string())};
    fs::remove(tmp.path, ec);
    if (format == ExportFormat::Csv) writeCsv(rosterCsv(s, workingEpsg), tmp.path, shownName);
    else writeOgr(s, workingEpsg, format, tmp.path, shownName);
    fs::rename(tmp.path, target, ec);
    if (ec) throw Error(outPath + ": cannot be written (" + ec.message() + ")");
    tmp.done = true;
}

}  // namespace geo
