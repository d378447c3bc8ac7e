// Recognising a GeoPackage's own triggers, so that any other trigger or view can be refused.
#include "geo/workspace/schema_guard.hpp"

#include <algorithm>
#include <cctype>

#include "geo/core/error.hpp"
#include "geo/workspace/sqlite.hpp"

namespace geo {
namespace {

struct Token {
    std::string text;   // lower case; a quoted name without its quotes
    bool isKeyword;     // an unquoted word (a quoted one is always a name)
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80); }

// SQLite's lexical rules, enough to find statement keywords and the names after them.
std::vector<Token> tokenize(const std::string& sql) {
    std::vector<Token> out;
    size_t i = 0, n = sql.size();
    while (i < n) {
        char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
        if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
            while (i < n && sql[i] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
            size_t end = sql.find("*/", i + 2);
            i = end == std::string::npos ? n : end + 2;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            char close = c == '[' ? ']' : c;
            std::string text;
            ++i;
            while (i < n) {
                if (sql[i] == close) {
                    if (close != ']' && i + 1 < n && sql[i + 1] == close) { text += close; i += 2; continue; }
                    ++i;
                    break;
                }
                text += sql[i++];
            }
            if (c == '\'') out.push_back({"'", false});  // a string literal: never a name
            else out.push_back({lower(text), false});
            continue;
        }
        if (isWordChar(c)) {
            size_t start = i;
            while (i < n && isWordChar(sql[i])) ++i;
            out.push_back({lower(std::string_view(sql).substr(start, i - start)), true});
            continue;
        }
        out.push_back({std::string(1, c), false});
        ++i;
    }
    return out;
}

bool isKeyword(const std::vector<Token>& t, size_t i, const char* word) {
    return i < t.size() && t[i].isKeyword && t[i].text == word;
}

// The table name starting at t[i] (schema.table gives table).
std::string tableAt(const std::vector<Token>& t, size_t i) {
    if (i >= t.size()) return "?";
    if (i + 2 < t.size() && t[i + 1].text == "." && !t[i + 1].isKeyword) return t[i + 2].text;
    return t[i].text;
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The only tables a GeoPackage trigger of this name on this table may write; nullopt-like
// false when the name is not one a GeoPackage uses.
bool allowedWrites(const std::string& name, const std::string& table, std::vector<std::string>& allowed) {
    if (startsWith(name, "rtree_" + table + "_")) {
        for (const char* op : {"_insert", "_update1", "_update2", "_update3", "_update4", "_update5", "_update6",
                               "_update7", "_delete"})
            if (endsWith(name, op)) {
                allowed = {name.substr(0, name.size() - std::char_traits<char>::length(op))};
                return allowed.front().size() > 7 + table.size();  // a geometry column name is left
            }
        return false;
    }
    if (name == "trigger_insert_feature_count_" + table || name == "trigger_delete_feature_count_" + table) {
        allowed = {"gpkg_ogr_contents"};
        return true;
    }
    // A tile pyramid's own checks (zoom level, column and row within the matrix): RAISE only.
    for (const char* check : {"_zoom_insert", "_zoom_update", "_tile_column_insert", "_tile_column_update",
                              "_tile_row_insert", "_tile_row_update"})
        if (name == table + check) {
            allowed.clear();
            return true;
        }
    if (table == "gpkg_tile_matrix" || table == "gpkg_metadata_reference") {
        allowed = {table};  // the specification's checks: RAISE, or the timestamp of the row itself
        return startsWith(name, table + "_");
    }
    return false;
}

}  // namespace

std::vector<std::string> tablesWrittenBy(const std::string& sql) {
    std::vector<Token> t = tokenize(sql);
    size_t i = 0;
    while (i < t.size() && !isKeyword(t, i, "begin")) ++i;  // the body; the header names no written table
    std::vector<std::string> out;
    for (; i < t.size(); ++i) {
        if (!t[i].isKeyword) continue;
        size_t at = 0;
        if (t[i].text == "insert" || t[i].text == "replace") {
            size_t k = i + 1;
            if (isKeyword(t, k, "or")) k += 2;
            if (isKeyword(t, k, "into")) at = k + 1;
        } else if (t[i].text == "update") {
            size_t k = i + 1;
            if (isKeyword(t, k, "or")) k += 2;
            at = k;
        } else if (t[i].text == "delete" && isKeyword(t, i + 1, "from")) {
            at = i + 2;
        }
        if (at) out.push_back(tableAt(t, at));
    }
    return out;
}

std::vector<SchemaObject> foreignSchemaObjects(sqlite3* db) {
    std::vector<SchemaObject> out;
    Statement s(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE type IN ('trigger', 'view')"
                    " ORDER BY type, name");
    while (s.step()) {
        SchemaObject o{s.text(0), s.text(1), s.text(2)};
        std::vector<std::string> allowed;
        bool ours = o.type == "trigger" && allowedWrites(lower(o.name), lower(o.table), allowed);
        if (ours)
            for (const auto& written : tablesWrittenBy(s.text(3)))
                if (std::find(allowed.begin(), allowed.end(), written) == allowed.end()) ours = false;
        if (!ours) out.push_back(std::move(o));
    }
    return out;
}

std::string describeSchemaObjects(const std::vector<SchemaObject>& objects) {
    std::string out;
    size_t shown = 0;
    for (const auto& o : objects) {
        if (++shown > 3) return out + " and " + std::to_string(objects.size() - 3) + " more";
        out += (out.empty() ? "" : ", ") + o.type + " " + o.name + (o.type == "trigger" ? " on " + o.table : "");
    }
    return out;
}

void dropSchemaObjects(sqlite3* db, const std::vector<SchemaObject>& objects) {
    Transaction tx(db);
    for (const auto& o : objects)
        exec(db, ((o.type == "view" ? "DROP VIEW IF EXISTS " : "DROP TRIGGER IF EXISTS ") + quoteIdentifier(o.name)).c_str());
    tx.commit();
}

}  // namespace geo
