// libpq calls turned into geo::Error at the call.
#include "geo/server/pg.hpp"

#include <cstdlib>
#include <libpq-fe.h>

namespace geo {

bool isServerPath(std::string_view path) { return path.size() > 3 && path.substr(0, 3) == "PG:"; }

std::string serverConnInfo(std::string_view path) {
    std::string_view s = isServerPath(path) ? path.substr(3) : path;
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return std::string(s);
}

void PgResultDeleter::operator()(pg_result* r) const { PQclear(r); }

int PgResult::rows() const { return PQntuples(r_.get()); }
std::string PgResult::text(int row, int col) const {
    return std::string(PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col)));
}
int64_t PgResult::int64(int row, int col) const { return std::strtoll(PQgetvalue(r_.get(), row, col), nullptr, 10); }
double PgResult::real(int row, int col) const { return std::strtod(PQgetvalue(r_.get(), row, col), nullptr); }
std::string PgResult::bytes(int row, int col) const {
    size_t n = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_.get(), row, col)), &n);
    if (!raw) throw Error("server: out of memory decoding a blob");
    std::string out(reinterpret_cast<const char*>(raw), n);
    PQfreemem(raw);
    return out;
}
int64_t PgResult::affected() const { return std::strtoll(PQcmdTuples(r_.get()), nullptr, 10); }

namespace {

std::string firstLine(const char* message) {
    std::string s = message ? message : "";
    if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
    if (s.rfind("ERROR:  ", 0) == 0) s = s.substr(8);
    return s;
}

PgResult checked(PGconn* conn, PGresult* r) {
    PgResultHandle owned(r);
    ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(std::move(owned));
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    throw ServerError("server: " + firstLine(r ? PQresultErrorMessage(r) : PQerrorMessage(conn)), state ? state : "");
}

}  // namespace

PgConnection::PgConnection(const std::string& connInfo) {
    conn_ = PQconnectdb(serverConnInfo(connInfo).c_str());
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
        std::string why = conn_ ? firstLine(PQerrorMessage(conn_)) : "out of memory";
        if (conn_) PQfinish(conn_);
        conn_ = nullptr;
        throw Error("cannot connect to the server: " + why);
    }
    // Quiet NOTICEs (CREATE ... IF NOT EXISTS) instead of libpq printing them on stderr.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    exec("SET client_min_messages = warning; SET application_name = 'cordon'");
}

PgConnection::~PgConnection() {
    if (conn_) PQfinish(conn_);
}

PgConnection::PgConnection(PgConnection&& o) noexcept : conn_(o.conn_) { o.conn_ = nullptr; }

void PgConnection::exec(const std::string& sql) { checked(conn_, PQexec(conn_, sql.c_str())); }

PgResult PgConnection::query(const std::string& sql, const std::vector<PgParam>& params) {
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        values[i] = params[i].value ? params[i].value->c_str() : nullptr;
        lengths[i] = params[i].value ? static_cast<int>(params[i].value->size()) : 0;
        formats[i] = params[i].isBinary ? 1 : 0;
    }
    return checked(conn_, PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                       lengths.data(), formats.data(), 0));
}

std::string PgConnection::user() const { return PQuser(conn_); }
bool PgConnection::isOpen() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

PgTransaction::PgTransaction(PgConnection& c) : c_(c) { c_.exec("BEGIN"); }
PgTransaction::~PgTransaction() {
    if (!done_) PQclear(PQexec(c_.get(), "ROLLBACK"));  // never throws
}
void PgTransaction::commit() {
    c_.exec("COMMIT");
    done_ = true;
}

}  // namespace geo
