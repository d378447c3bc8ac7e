// A thin libpq wrapper: a connection, results that free themselves, errors as geo::Error.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/error.hpp"

struct pg_conn;
struct pg_result;

namespace geo {

// True for a workspace argument naming a server: PG:"host=... dbname=..." as GDAL writes it.
bool isServerPath(std::string_view path);
// The libpq connection string inside PG:... (the quotes GDAL allows stripped).
std::string serverConnInfo(std::string_view path);

// A server error; sqlState is PostgreSQL's five-character code ("42501" insufficient privilege).
class ServerError : public Error {
public:
    ServerError(const std::string& message, std::string state) : Error(message), sqlState(std::move(state)) {}
    std::string sqlState;
};

struct PgResultDeleter { void operator()(pg_result* r) const; };
using PgResultHandle = std::unique_ptr<pg_result, PgResultDeleter>;

class PgResult {
public:
    explicit PgResult(PgResultHandle r) : r_(std::move(r)) {}
    int rows() const;
    std::string text(int row, int col) const;  // "" for NULL
    int64_t int64(int row, int col) const;
    double real(int row, int col) const;
    std::string bytes(int row, int col) const;  // a bytea column, decoded
    int64_t affected() const;                   // rows an UPDATE/DELETE touched
private:
    PgResultHandle r_;
};

// A parameter: text, or NULL (std::nullopt); binary marks raw bytes (bytea).
struct PgParam {
    std::optional<std::string> value;
    bool isBinary = false;
    PgParam() = default;
    PgParam(std::nullopt_t) {}
    PgParam(std::string v) : value(std::move(v)) {}
    PgParam(std::optional<std::string> v) : value(std::move(v)) {}
    PgParam(const char* v) : value(std::string(v)) {}
    PgParam(int64_t v) : value(std::to_string(v)) {}
    PgParam(int v) : value(std::to_string(v)) {}
    static PgParam binary(std::string bytes) { PgParam p(std::move(bytes)); p.isBinary = true; return p; }
};

class PgConnection {
public:
    // Connects with a libpq connection string (or PG:...); geo::Error with the server's reason.
    explicit PgConnection(const std::string& connInfo);
    ~PgConnection();
    PgConnection(PgConnection&& o) noexcept;
    PgConnection& operator=(PgConnection&&) = delete;
    PgConnection(const PgConnection&) = delete;

    void exec(const std::string& sql);  // one or more statements, no parameters
    PgResult query(const std::string& sql, const std::vector<PgParam>& params = {});
    std::string user() const;
    bool isOpen() const;  // false once the server is lost
    pg_conn* get() const { return conn_; }
private:
    pg_conn* conn_ = nullptr;
};

// BEGIN now, ROLLBACK in the destructor unless committed.
class PgTransaction {
public:
    explicit PgTransaction(PgConnection& c);
    ~PgTransaction();
    void commit();
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
private:
    PgConnection& c_;
    bool done_ = false;
};

}  // namespace geo
