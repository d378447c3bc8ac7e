// RAII owners for the C handles Cordon uses: PROJ, SQLite (GEOS's are in geo/core/geos_handles.hpp).
#pragma once
#include <memory>
#include <proj.h>
#include <sqlite3.h>

namespace geo {

struct ProjDeleter { void operator()(PJ* p) const { proj_destroy(p); } };
struct ProjContextDeleter { void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); } };
struct SqliteCloser { void operator()(sqlite3* db) const { sqlite3_close_v2(db); } };  // never throws
struct StmtFinalizer { void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); } };

using ProjHandle = std::unique_ptr<PJ, ProjDeleter>;
using ProjContext = std::unique_ptr<PJ_CONTEXT, ProjContextDeleter>;
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

}  // namespace geo
