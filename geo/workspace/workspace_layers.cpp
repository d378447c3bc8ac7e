// Reading a workspace's layers: the list of layers it holds, and one layer's features and
// attributes straight from SQLite, with the rows a damaged geometry left out.
#include <string>
#include <vector>

#include "geo/workspace/boundary.hpp"
#include "geo/core/error.hpp"
#include "geo/io/wkb.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "geo/workspace/workspace_internal.hpp"

namespace geo {

std::vector<LayerRecord> Workspace::layers() const {
    std::vector<LayerRecord> out;
    Statement s(db_.get(), "SELECT name, role, epsg, source, encoding, encoding_reason, features FROM cordon_layers ORDER BY rowid");
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.int64(6)});
    return out;
}

bool Workspace::hasLayer(const std::string& name) const {
    Statement s(db_.get(), "SELECT 1 FROM gpkg_contents WHERE table_name = ? AND data_type = 'features'");
    s.bind(1, name);
    return s.step();
}

namespace {
// Workspace::readLayer without the file's name in its errors.
Layer readWorkspaceLayer(const Workspace& ws, const std::string& name, std::vector<int64_t>& unreadable) {
    sqlite3* db = ws.db();
    if (!ws.hasLayer(name)) {
        if (name == "boundary") throw noBoundaryError(ws);  // every command that needs one says the same
        throw Error(fileName(ws.path()) + ": no layer '" + name + "'");
    }
    Layer layer;
    layer.name = name;
    layer.epsg = ws.workingEpsg();
    {
        Statement t(db, "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?");
        t.bind(1, name);
        std::string type = t.step() ? t.text(0) : "";
        layer.kind = type.find("POINT") != std::string::npos ? GeomKind::Point
                     : type.find("POLYGON") != std::string::npos ? GeomKind::Polygon
                                                                 : GeomKind::Line;
    }
    std::vector<std::string> columns;
    {
        Statement info(db, ("PRAGMA table_info(" + quoteIdentifier(name) + ")").c_str());
        while (info.step()) {
            std::string c = info.text(1);
            if (c != "fid" && c != "geom") columns.push_back(c);
        }
    }
    std::string sql = "SELECT geom";
    for (const auto& c : columns) {
        sql += ", " + quoteIdentifier(c);
        layer.fields.push_back(StringColumn{c, {}, {0}});
    }
    sql += ", fid FROM " + quoteIdentifier(name) + " ORDER BY fid";
    {
        Statement count(db, ("SELECT count(*) FROM " + quoteIdentifier(name)).c_str());
        if (count.step()) layer.reserve(static_cast<size_t>(count.int64(0)), static_cast<size_t>(count.int64(0)) * 4);
    }
    Statement s(db, sql.c_str());
    while (s.step()) {
        size_t size = 0;
        const uint8_t* blob = s.blob(0, &size);
        size_t wkbSize = 0;
        const uint8_t* wkb = blob ? gpkgBlobWkb(blob, size, &wkbSize) : nullptr;
        if (!wkb || appendWkbFeature(layer, wkb, wkbSize) != WkbResult::Added) {
            unreadable.push_back(s.int64(static_cast<int>(columns.size() + 1)));
            continue;
        }
        for (size_t c = 0; c < columns.size(); ++c) {
            const unsigned char* t = sqlite3_column_text(s.get(), static_cast<int>(c + 1));
            int n = sqlite3_column_bytes(s.get(), static_cast<int>(c + 1));
            layer.fields[c].push(t ? std::string_view(reinterpret_cast<const char*>(t), static_cast<size_t>(n)) : std::string_view());
        }
    }
    return layer;
}
}  // namespace

Layer Workspace::readLayer(const std::string& name) const {
    try {
        std::vector<int64_t> unreadable;
        Layer layer = readWorkspaceLayer(*this, name, unreadable);
        unreadable_[name] = std::move(unreadable);
        return layer;
    } catch (const Error& e) {
        std::string what = e.what();
        if (what.rfind(fileName(path_) + ":", 0) == 0) throw;
        throw Error(fileName(path_) + ": " + what);
    }
}

std::vector<int64_t> Workspace::unreadableRows(const std::string& name) const {
    auto it = unreadable_.find(name);
    return it == unreadable_.end() ? std::vector<int64_t>{} : it->second;
}

Error noBoundaryError(const Workspace& ws) {
    return Error(fileName(ws.path()) + ": the township has no boundary yet; draw it in the map window (Edit layers) "
                 "or import one with `cordon import --replace`");
}

Layer readBoundary(const Workspace& ws) {
    Layer boundary = ws.readLayer("boundary");
    if (boundary.featureCount() == 0) throw noBoundaryError(ws);
    return boundary;
}

std::vector<std::string> damageWarnings(const Workspace& ws) {
    std::vector<std::string> out;
    for (const char* name : {"boundary", "districts", "roads", "villages"}) {
        std::vector<int64_t> rows = ws.unreadableRows(name);
        if (rows.empty()) continue;
        std::string fids;
        for (size_t i = 0; i < rows.size() && i < 5; ++i) fids += (i ? ", " : "") + std::to_string(rows[i]);
        if (rows.size() > 5) fids += ", ...";
        out.push_back(std::string(name) + ": " + std::to_string(rows.size()) + (rows.size() == 1 ? " row" : " rows") +
                      " with a damaged geometry left out (fid " + fids + "), and with " + (rows.size() == 1 ? "it" : "them") +
                      " any entry it made; import the layer again to restore it");
    }
    return out;
}

}  // namespace geo
