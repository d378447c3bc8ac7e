// A thin statement wrapper over SQLite: errors become geo::Error, statements finalise themselves.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "geo/core/c_handles.hpp"

namespace geo {

void exec(sqlite3* db, const char* sql);  // throws geo::Error with SQLite's message

// An SQL identifier for any text: "name" with every " doubled. Every table and column name that
// goes into SQL text passes through here; values are bound, never spliced.
std::string quoteIdentifier(std::string_view name);

// Opens a database file with Cordon's defences on: triggers and views may call only innocuous
// functions (trusted_schema off) and SQL cannot damage the file on purpose (defensive). Returns
// SQLite's code; `db` holds the handle either way (for its error message).
int openSqlite(const std::string& path, int flags, SqliteDb& db);

class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bindBlob(int index, const void* data, size_t size);
    Statement& bindNull(int index);
    // Binds text without a copy: `text` must outlive the statement's next step/reset.
    Statement& bindStatic(int index, std::string_view text);
    bool step();   // true while a row is available; throws on error
    void run() { while (step()) {} reset(); }
    void reset();
    int64_t int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
    int integer(int column) const { return sqlite3_column_int(stmt_.get(), column); }
    double real(int column) const { return sqlite3_column_double(stmt_.get(), column); }
    std::string text(int column) const;
    const uint8_t* blob(int column, size_t* size) const;
    sqlite3_stmt* get() const { return stmt_.get(); }
private:
    Statement& checkBind(int rc, int index);  // every sqlite3_bind_* result passes here
    sqlite3* db_;
    SqliteStmt stmt_;
};

// Rolls back in its destructor unless committed.
class Transaction {
public:
    explicit Transaction(sqlite3* db, bool immediate = true);
    ~Transaction();
    void commit();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
private:
    sqlite3* db_;
    bool done_ = false;
};

bool tableExists(sqlite3* db, const char* table);
bool hasColumn(sqlite3* db, const char* table, const char* column);  // table: a name Cordon owns

}  // namespace geo
