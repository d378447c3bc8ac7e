// Argument parsing and the command table.
#include "app/command.hpp"

#include <cstdio>
#include <cstdlib>

#include "app/platform.hpp"

namespace app {

Args::Args(const std::vector<std::string>& argv, std::initializer_list<const char*> valueOptions,
           std::initializer_list<const char*> flagOptions) {
    auto isIn = [](const std::string& s, std::initializer_list<const char*> list) {
        for (const char* o : list)
            if (s == o) return true;
        return false;
    };
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
            std::string name = a, value;
            bool inlineValue = false;
            if (auto eq = a.find('='); eq != std::string::npos) {
                name = a.substr(0, eq);
                value = a.substr(eq + 1);
                inlineValue = true;
            }
            if (isIn(name, valueOptions)) {
                if (!inlineValue) {
                    if (i + 1 >= argv.size()) throw UsageError(name + " needs a value");
                    value = argv[++i];
                }
                // An empty value is a script's unset variable, not a choice: `--scenario ""` once
                // meant "the first scenario". Only free text may be cleared with "".
                if (value.empty() && !isIn(name, {"--notes", "--phone", "--leader", "--title", "--boundary-where",
                                                  "--districts-where", "--roads-where", "--villages-where"}))
                    throw UsageError(name + " needs a value, not \"\"");
                values_.emplace(name, value);
                given_.emplace_back(name, value);
            } else if (isIn(name, flagOptions)) {
                if (inlineValue) throw UsageError(name + " takes no value");
                values_.emplace(name, "");
            } else {
                throw UsageError("unknown option " + name);
            }
        } else {
            positional_.push_back(a);
        }
    }
}

std::string Args::value(const std::string& option, const std::string& fallback) const {
    auto it = values_.find(option);
    return it == values_.end() ? fallback : it->second;
}

std::vector<std::string> Args::values(const std::string& option) const {
    std::vector<std::string> out;
    auto [a, b] = values_.equal_range(option);
    for (auto it = a; it != b; ++it) out.push_back(it->second);
    return out;
}

std::vector<std::pair<std::string, std::string>> Args::valuesInOrder(std::initializer_list<const char*> options) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, value] : given_)
        for (const char* o : options)
            if (name == o) out.emplace_back(name, value);
    return out;
}

int64_t Args::integer(const std::string& option, int64_t fallback) const {
    if (!has(option)) return fallback;
    std::string v = value(option);
    char* end = nullptr;
    errno = 0;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || errno != 0) throw UsageError(option + " needs a whole number, not '" + v + "'");
    return n;
}

double Args::number(const std::string& option, double fallback) const {
    if (!has(option)) return fallback;
    std::string v = value(option);
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0') throw UsageError(option + " needs a number, not '" + v + "'");
    return d;
}

std::string Args::requirePositional(size_t index, const char* what) const {
    if (index >= positional_.size()) throw UsageError(std::string("missing ") + what);
    return positional_[index];
}

std::vector<Command>& commands() {
    static std::vector<Command> all;
    return all;
}

bool wantsHelp(const std::vector<std::string>& argv) {
    for (const auto& a : argv)
        if (a == "--help" || a == "-h") return true;
    return false;
}

int printHelp(const Command& c) {
    std::fputs(c.usage, stdout);
    return 0;
}

bool ProgressLine::operator()(double fraction, const std::string& stage) {
    if (!stderrIsTerminal()) return true;
    int percent = static_cast<int>(fraction * 100.0);
    if (percent == lastPercent_) return true;
    lastPercent_ = percent;
    std::fprintf(stderr, "\r%3d%%  %-40s", percent, stage.c_str());
    std::fflush(stderr);
    shown_ = true;
    return true;
}

ProgressLine::~ProgressLine() {
    if (shown_) std::fprintf(stderr, "\r%60s\r", "");
}

}  // namespace app
