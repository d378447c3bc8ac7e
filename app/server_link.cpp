// ServerLink: a thread that polls LISTEN cordon and the working copy's data_version.
#include "app/server_link.hpp"

#include <chrono>
#include <utility>

#include "geo/server/notify.hpp"
#include "geo/server/township.hpp"
#include "geo/server/township_local.hpp"
#include "geo/workspace/sqlite.hpp"

namespace app {

ServerLink::ServerLink(std::string server, std::string township, std::string path, std::function<void()> wake)
    : server_(std::move(server)), township_(std::move(township)), path_(std::move(path)), wake_(std::move(wake)),
      thread_([this] { run(); }) {}

ServerLink::~ServerLink() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void ServerLink::report(const std::string& message) {
    messages_.post(message);
    wake_();
}

void ServerLink::run() {
    try {
        geo::PgConnection conn(server_);
        geo::ServerListener listener(server_);
        geo::SqliteDb db = geo::sync::openWorkingCopy(path_, true);
        // data_version moves when another connection (the GUI's) commits, not for this one's own.
        geo::Statement version(db.get(), "PRAGMA data_version");
        auto dataVersion = [&] {
            const int64_t v = version.step() ? version.int64(0) : 0;
            version.reset();
            return v;
        };
        int64_t seen = dataVersion();
        while (!stop_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            bool announced = listener.poll(township_);
            int64_t now = dataVersion();
            if (!announced && now == seen) continue;
            seen = now;
            try {
                std::string refused = geo::refreshWorkingCopy(conn, db.get());
                refreshed_ = true;
                if (!refused.empty()) report(refused);
                else wake_();
            } catch (const geo::ServerError& e) {  // the server's answer to this refresh: tell, keep going
                report(e.what());
            }
        }
    } catch (const std::exception& e) {
        report(std::string("the link to the server stopped: ") + e.what() + "; edits from now on are sent when the window closes");
    }
}

}  // namespace app
