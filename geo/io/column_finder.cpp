// Finding a table's columns by header names: exact names first, then Chinese names inside longer ones.
#include "geo/io/column_finder.hpp"

#include <cctype>

#include "geo/core/error.hpp"
#include "geo/core/text_values.hpp"

namespace geo {

std::string lowerHalf(std::string_view s) {
    std::string h = toHalfWidth(s);
    for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return h;
}

ColumnFinder::ColumnFinder(const std::vector<std::string>& header, std::string source, KeyFn key, PersonalFn personal)
    : header_(header), source_(std::move(source)), key_(key), isPersonal_(personal) {
    for (const auto& n : header_) keys_.push_back(key_(n));
}

int ColumnFinder::find(const std::string& explicitName, const char* flag, std::initializer_list<const char*> candidates,
                       bool bySubstring) const {
    if (!explicitName.empty()) {
        std::string want = key_(explicitName);
        for (size_t i = 0; i < header_.size(); ++i) {
            if (keys_[i] != want) continue;
            if (isPersonal(i))
                throw Error(std::string(flag) + ": column '" + header_[i] + "' looks personal; Cordon never reads it");
            return static_cast<int>(i);
        }
        std::string names;
        for (const auto& n : header_) names += (names.empty() ? "" : ", ") + n;
        throw Error(source_ + ": no column '" + explicitName + "' for " + flag + " (columns: " + names + ")");
    }
    for (const char* c : candidates)
        for (size_t i = 0; i < header_.size(); ++i)
            if (keys_[i] == c && !isPersonal(i)) return static_cast<int>(i);
    if (bySubstring)
        for (const char* c : candidates)
            for (size_t i = 0; i < header_.size(); ++i)
                if (static_cast<unsigned char>(c[0]) >= 0x80 && keys_[i].find(c) != std::string::npos &&
                    keys_[i].find("经纬度") == std::string::npos && !isPersonal(i))
                    return static_cast<int>(i);
    return -1;
}

}  // namespace geo
