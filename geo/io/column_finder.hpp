// Finding a table's columns by the names planners and clerks give them: the one matcher the
// returnee registers and the village lists share.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace geo {

// "ＬＯＮ" -> "lon": full-width folded to half-width, ASCII lower-cased.
std::string lowerHalf(std::string_view s);

// Column choice: an explicit name must exist (and must not look personal); otherwise the first
// candidate present, exactly, then (for `bySubstring`, Chinese candidates only) as part of a
// column name. A combined 经纬度 column is never taken as one axis by its part 纬度.
class ColumnFinder {
public:
    using KeyFn = std::string (*)(std::string_view);       // how a header name is compared
    using PersonalFn = bool (*)(std::string_view);          // columns never read; nullptr: none
    ColumnFinder(const std::vector<std::string>& header, std::string source, KeyFn key = lowerHalf,
                 PersonalFn personal = nullptr);
    // -1 when no candidate is present; throws geo::Error naming `source` (or `flag`) when the
    // explicit name is missing or personal.
    int find(const std::string& explicitName, const char* flag, std::initializer_list<const char*> candidates,
             bool bySubstring) const;

private:
    bool isPersonal(size_t column) const { return isPersonal_ && isPersonal_(header_[column]); }
    const std::vector<std::string>& header_;
    std::string source_;
    KeyFn key_;
    PersonalFn isPersonal_;
    std::vector<std::string> keys_;
};

}  // namespace geo
