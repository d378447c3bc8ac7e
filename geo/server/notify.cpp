// LISTEN cordon: PQconsumeInput + PQnotifies on a connection nobody else uses.
#include "geo/server/notify.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <libpq-fe.h>
#include <thread>

namespace geo {

ServerListener::ServerListener(const std::string& connInfo) : conn_(connInfo) {
    conn_.exec("LISTEN cordon");
    if (PQsetnonblocking(conn_.get(), 1) != 0) throw Error("server: cannot listen without blocking");
}

bool ServerListener::poll(const std::string& township) {
    if (!PQconsumeInput(conn_.get())) throw Error(std::string("server connection lost: ") + PQerrorMessage(conn_.get()));
    bool seen = false;
    while (PGnotify* n = PQnotifies(conn_.get())) {
        if (township.empty() || (n->extra && township == n->extra)) seen = true;
        PQfreemem(n);
    }
    return seen;
}

bool ServerListener::pollTownships(std::vector<std::string>& names) {
    if (!PQconsumeInput(conn_.get())) throw Error(std::string("server connection lost: ") + PQerrorMessage(conn_.get()));
    bool seen = false;
    while (PGnotify* n = PQnotifies(conn_.get())) {
        const std::string name = n->extra ? n->extra : "";
        PQfreemem(n);
        seen = true;
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return seen;
}

bool ServerListener::wait(const std::string& township, double seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (poll(township)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return poll(township);
}

}  // namespace geo
