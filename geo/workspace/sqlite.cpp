// SQLite statement wrapper.
#include "geo/workspace/sqlite.hpp"

#include "geo/core/error.hpp"

namespace geo {

namespace {
[[noreturn]] void throwSqlite(sqlite3* db, const std::string& what) {
    int code = sqlite3_extended_errcode(db);
    std::string msg = sqlite3_errmsg(db);
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        throw Error("workspace is busy (another Cordon is writing it); try again");
    if ((code & 0xff) == SQLITE_FULL) throw Error("disk full: " + msg);
    if ((code & 0xff) == SQLITE_READONLY) throw Error("workspace is read-only");
    if ((code & 0xff) == SQLITE_AUTH)
        throw Error("refused: a trigger or view stored in the workspace, not made by Cordon or GDAL, would have run (" + msg + ")");
    if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB) throw Error("workspace is damaged: " + msg);
    throw Error(what + ": " + msg);
}
}  // namespace

void exec(sqlite3* db, const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        sqlite3_free(err);
        throwSqlite(db, "SQL failed");
    }
}

std::string quoteIdentifier(std::string_view name) {
    std::string q = "\"";
    for (char c : name) {
        q += c;
        if (c == '"') q += '"';
    }
    return q + "\"";
}

int openSqlite(const std::string& path, int flags, SqliteDb& db) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    db.reset(raw);
    if (rc == SQLITE_OK) {
        sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
        sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    }
    return rc;
}

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) throwSqlite(db, "SQL prepare failed");
    stmt_.reset(s);
}

// A bind fails on an index the SQL has no parameter for (a bug) or on text/blob too big for
// SQLite (SQLITE_TOOBIG); either way the row must not be written with a stale or null value.
Statement& Statement::checkBind(int rc, int index) {
    if (rc == SQLITE_OK) return *this;
    throw Error("SQL bind of parameter " + std::to_string(index) + " failed: " + sqlite3_errstr(rc));
}

Statement& Statement::bind(int index, int64_t value) {
    return checkBind(sqlite3_bind_int64(stmt_.get(), index, value), index);
}
Statement& Statement::bind(int index, double value) {
    return checkBind(sqlite3_bind_double(stmt_.get(), index, value), index);
}
Statement& Statement::bind(int index, std::string_view text) {
    return checkBind(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
}
Statement& Statement::bindStatic(int index, std::string_view text) {
    return checkBind(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8), index);
}
Statement& Statement::bindBlob(int index, const void* data, size_t size) {
    return checkBind(sqlite3_bind_blob64(stmt_.get(), index, data, size, SQLITE_TRANSIENT), index);
}
Statement& Statement::bindNull(int index) {
    return checkBind(sqlite3_bind_null(stmt_.get(), index), index);
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_.get());
    throwSqlite(db_, "SQL step failed");
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::text(int column) const {
    const unsigned char* t = sqlite3_column_text(stmt_.get(), column);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)))
             : std::string();
}

const uint8_t* Statement::blob(int column, size_t* size) const {
    const void* b = sqlite3_column_blob(stmt_.get(), column);
    *size = static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column));
    return static_cast<const uint8_t*>(b);
}

Transaction::Transaction(sqlite3* db, bool immediate) : db_(db) {
    exec(db, immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    exec(db_, "COMMIT");
    done_ = true;
}

bool hasColumn(sqlite3* db, const char* table, const char* column) {
    Statement info(db, (std::string("PRAGMA table_info(") + table + ")").c_str());
    while (info.step())
        if (info.text(1) == column) return true;
    return false;
}

bool tableExists(sqlite3* db, const char* table) {
    Statement s(db, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
    s.bind(1, std::string_view(table));
    return s.step();
}

}  // namespace geo
