// Command-line commands: each cli_*.cpp registers one; main() dispatches by name.
#pragma once
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <utility>
#include <string>
#include <vector>

namespace app {

// Bad usage: exit status 2 with the message.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // Parses `argv` (after the command name); throws UsageError on an unknown option or a missing value.
    Args(const std::vector<std::string>& argv, std::initializer_list<const char*> valueOptions,
         std::initializer_list<const char*> flagOptions);
    bool has(const std::string& option) const { return values_.count(option) > 0; }
    std::string value(const std::string& option, const std::string& fallback = "") const;
    std::vector<std::string> values(const std::string& option) const;  // repeated options
    // Each value of any of `options` with its option, in the order given on the command line.
    std::vector<std::pair<std::string, std::string>> valuesInOrder(std::initializer_list<const char*> options) const;
    int64_t integer(const std::string& option, int64_t fallback) const;
    double number(const std::string& option, double fallback) const;
    bool flag(const std::string& option) const { return has(option); }
    const std::vector<std::string>& positional() const { return positional_; }
    std::string requirePositional(size_t index, const char* what) const;
private:
    std::multimap<std::string, std::string> values_;
    std::vector<std::pair<std::string, std::string>> given_;  // every option and value, in order
    std::vector<std::string> positional_;
};

struct Command {
    const char* name;
    const char* summary;
    const char* usage;  // full --help text
    int (*run)(const std::vector<std::string>& argv);
};

std::vector<Command>& commands();
struct CommandRegistration {
    explicit CommandRegistration(Command c) { commands().push_back(c); }
};

bool wantsHelp(const std::vector<std::string>& argv);
int printHelp(const Command& c);

// Progress on stderr, only when it is a terminal.
class ProgressLine {
public:
    bool operator()(double fraction, const std::string& stage);
    ~ProgressLine();
private:
    int lastPercent_ = -1;
    bool shown_ = false;
};

}  // namespace app
