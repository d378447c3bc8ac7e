// The cordon_basemaps table: listing, removing, ordering and the look of each basemap.
#include "geo/basemap/basemap.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <vector>

#include <cpl_minixml.h>
#include <cpl_string.h>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"

namespace geo {

const char* basemapKindName(BasemapKind kind) { return kind == BasemapKind::Embed ? "embed" : "link"; }

void ensureBasemapTable(sqlite3* db) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS cordon_basemaps("
         "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL CHECK(kind IN ('embed', 'link')),"
         "  source TEXT NOT NULL, source_crs TEXT NOT NULL DEFAULT '', crs_override TEXT NOT NULL DEFAULT '',"
         "  origin TEXT NOT NULL DEFAULT '', min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL,"
         "  max_y REAL NOT NULL, draw_order INTEGER NOT NULL, opacity REAL NOT NULL DEFAULT 1,"
         "  brightness REAL NOT NULL DEFAULT 0)");
}

std::vector<Basemap> listBasemaps(sqlite3* db) {
    std::vector<Basemap> out;
    if (!tableExists(db, "cordon_basemaps")) return out;
    Statement s(db,
                "SELECT id, name, kind, source, source_crs, crs_override, origin, min_x, min_y, max_x, max_y,"
                " draw_order, opacity, brightness FROM cordon_basemaps ORDER BY draw_order, id");
    while (s.step()) {
        Basemap b;
        b.id = s.int64(0);
        b.name = s.text(1);
        b.kind = s.text(2) == "embed" ? BasemapKind::Embed : BasemapKind::Link;
        b.source = s.text(3);
        b.sourceCrs = s.text(4);
        b.crsOverride = s.text(5);
        b.origin = s.text(6);
        b.extent.add(s.real(7), s.real(8));
        b.extent.add(s.real(9), s.real(10));
        b.order = s.integer(11);
        b.opacity = s.real(12);
        b.brightness = s.real(13);
        out.push_back(std::move(b));
    }
    return out;
}

Basemap findBasemap(sqlite3* db, const std::string& nameOrId) {
    const auto all = listBasemaps(db);
    for (const auto& b : all)
        if (b.name == nameOrId) return b;
    for (const auto& b : all)
        if (std::to_string(b.id) == nameOrId) return b;
    std::string names;
    for (const auto& b : all) names += (names.empty() ? "" : ", ") + b.name;
    throw Error("no basemap '" + nameOrId + "'" + (names.empty() ? " (the workspace has none)" : " (there are: " + names + ")"));
}

void removeBasemap(sqlite3* db, const Basemap& basemap) {
    Transaction tx(db);
    removeBasemapRows(db, basemap);
    tx.commit();
}

void removeBasemapRows(sqlite3* db, const Basemap& basemap) {
    if (basemap.kind == BasemapKind::Embed) {
        for (const char* table : {"gpkg_tile_matrix", "gpkg_tile_matrix_set", "gpkg_extensions", "gpkg_metadata_reference"})
            if (tableExists(db, table)) {
                Statement s(db, ("DELETE FROM " + quoteIdentifier(table) + " WHERE lower(table_name) = lower(?)").c_str());
                s.bind(1, basemap.source).run();
            }
        Statement contents(db, "DELETE FROM gpkg_contents WHERE lower(table_name) = lower(?)");
        contents.bind(1, basemap.source).run();
        exec(db, ("DROP TABLE IF EXISTS " + quoteIdentifier(basemap.source)).c_str());
    }
    Statement row(db, "DELETE FROM cordon_basemaps WHERE id = ?");
    row.bind(1, basemap.id).run();
    for (const char* table : {"cordon_basemap_scans", "cordon_basemap_gcps"})  // a scan's GCPs (schema 6)
        if (tableExists(db, table)) {
            Statement s(db, ("DELETE FROM " + quoteIdentifier(table) + " WHERE basemap_id = ?").c_str());
            s.bind(1, basemap.id).run();
        }
}

void orderBasemaps(sqlite3* db, const std::vector<std::string>& namesBottomToTop) {
    std::vector<Basemap> all = listBasemaps(db);
    std::vector<int64_t> ids;
    for (const auto& name : namesBottomToTop) {
        const Basemap b = findBasemap(db, name);
        if (std::find(ids.begin(), ids.end(), b.id) != ids.end()) throw Error("basemap '" + name + "' is named twice");
        ids.push_back(b.id);
    }
    for (const auto& b : all)
        if (std::find(ids.begin(), ids.end(), b.id) == ids.end()) ids.push_back(b.id);
    Transaction tx(db);
    Statement s(db, "UPDATE cordon_basemaps SET draw_order = ? WHERE id = ?");
    for (size_t i = 0; i < ids.size(); ++i) {
        s.bind(1, static_cast<int64_t>(i + 1)).bind(2, ids[i]).run();
    }
    tx.commit();
}

void setBasemapLook(sqlite3* db, const Basemap& basemap, std::optional<double> opacity, std::optional<double> brightness) {
    if (opacity && !(*opacity >= 0 && *opacity <= 1)) throw Error("opacity must be between 0 and 1");
    if (brightness && !(*brightness >= -1 && *brightness <= 1)) throw Error("brightness must be between -1 and 1");
    Statement s(db, "UPDATE cordon_basemaps SET opacity = ?, brightness = ? WHERE id = ?");
    s.bind(1, opacity.value_or(basemap.opacity)).bind(2, brightness.value_or(basemap.brightness)).bind(3, basemap.id).run();
}

namespace {

// The first file a VRT reads that is not there ("" when all are), following VRTs it reads in turn
// (a georeferenced scan: warped.vrt -> gcps.vrt -> the scan itself). `depth` stops a loop.
// A driver prefix (GPKG:, NETCDF:, HDF5:) or a URL, not a file's path; a drive letter (C:) is a path.
bool isConnectionString(std::string_view text) {
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon < 2) return false;
    for (size_t i = 0; i < colon; ++i)
        if (!std::isalnum(static_cast<unsigned char>(text[i])) && text[i] != '_') return false;
    return true;
}

std::string missingVrtSource(const std::filesystem::path& vrt, int depth = 0) {
    if (depth > 8) return "";
    CPLXMLTreeCloser tree(CPLParseXMLFile(vrt.string().c_str()));
    if (!tree) return "";  // not XML we can read: GDAL's own message says more
    std::vector<const CPLXMLNode*> stack;
    for (const CPLXMLNode* c = tree.get(); c; c = c->psNext) stack.push_back(c);  // the root and its siblings
    while (!stack.empty()) {
        const CPLXMLNode* n = stack.back();
        stack.pop_back();
        if (n->eType != CXT_Element) continue;
        for (const CPLXMLNode* c = n->psChild; c; c = c->psNext) stack.push_back(c);
        if (!EQUAL(n->pszValue, "SourceFilename") && !EQUAL(n->pszValue, "SourceDataset")) continue;
        const char* text = CPLGetXMLValue(n, nullptr, "");
        if (!*text || std::string_view(text).rfind("/vsi", 0) == 0) continue;  // GDAL's virtual files: not ours to check
        if (isConnectionString(text)) continue;  // GPKG:..., NETCDF:..., http://...: GDAL says what is wrong with them
        std::filesystem::path source(text);
        if (EQUAL(CPLGetXMLValue(n, "relativeToVRT", "0"), "1")) source = vrt.parent_path() / source;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(source, ec)) return source.lexically_normal().string();
        if (source.extension() == ".vrt")
            if (std::string deeper = missingVrtSource(source, depth + 1); !deeper.empty()) return deeper;
    }
    return "";
}

}  // namespace

std::string missingBasemapMessage(const Basemap& basemap, const std::string& workspaceName) {
    if (basemap.kind != BasemapKind::Link) return "";
    std::error_code ec;
    const std::string tableFile = gpkgTableFile(basemap.source);
    const std::string remove = "remove the basemap (cordon basemap " + workspaceName + " remove " + basemap.name + ")";
    if (!std::filesystem::is_regular_file(tableFile.empty() ? basemap.source : tableFile, ec))
        return "basemap '" + basemap.name + "': the linked file " + basemap.source + " is gone; put it back or " + remove;
    // A georeferenced scan, or any VRT, links the files it reads too.
    if (tableFile.empty() && std::filesystem::path(basemap.source).extension() == ".vrt")
        if (std::string source = missingVrtSource(basemap.source); !source.empty())
            return "basemap '" + basemap.name + "': the file " + source + " it reads (linked through " +
                   std::filesystem::path(basemap.source).filename().string() + ") is gone; put it back, add it again, or " +
                   remove;
    return "";
}

std::string gpkgTableFile(const std::string& name) {
    if (name.rfind("GPKG:", 0) != 0) return {};
    const size_t colon = name.rfind(':');
    return colon > 5 ? name.substr(5, colon - 5) : std::string{};
}

std::string basemapDatasetName(const Basemap& basemap, const std::string& workspacePath) {
    if (basemap.kind == BasemapKind::Link) return basemap.source;
    return "GPKG:" + workspacePath + ":" + basemap.source;
}

}  // namespace geo
