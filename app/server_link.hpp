// The GUI's live link to the server: its edits go up as they are saved, others' come down
// within a second (LISTEN/NOTIFY), on a thread of its own.
#pragma once
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "app/message_queue.hpp"

namespace app {

class ServerLink {
public:
    // `path` is the working copy the GUI has open; `wake` wakes the GUI's event loop (any thread).
    ServerLink(std::string server, std::string township, std::string path, std::function<void()> wake);
    ~ServerLink();
    ServerLink(const ServerLink&) = delete;
    ServerLink& operator=(const ServerLink&) = delete;
    // A refused edit or a lost connection, for a notice: the oldest not yet taken.
    std::optional<std::string> takeMessage() { return messages_.take(); }
    // True once after the working copy was refreshed from the server.
    bool takeRefreshed() { return refreshed_.exchange(false); }
private:
    void run();
    void report(const std::string& message);
    std::string server_, township_, path_;
    std::function<void()> wake_;
    std::atomic<bool> stop_{false}, refreshed_{false};
    MessageQueue messages_;
    std::thread thread_;  // last: started when the rest is ready
};

}  // namespace app
