// Messages a worker thread leaves for the GUI (an edit the server refused, a township that could
// not be refreshed), taken in the order they came; the GUI shows each as a notice.
#pragma once
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace app {

class MessageQueue {
public:
    static constexpr size_t kMax = 16;  // beyond, new ones are dropped until some are taken

    void post(std::string message) {
        std::lock_guard<std::mutex> hold(lock_);
        if (messages_.size() < kMax) messages_.push_back(std::move(message));
    }
    std::optional<std::string> take() {
        std::lock_guard<std::mutex> hold(lock_);
        if (messages_.empty()) return std::nullopt;
        std::string first = std::move(messages_.front());
        messages_.pop_front();
        return first;
    }

private:
    std::mutex lock_;
    std::deque<std::string> messages_;
};

}  // namespace app
