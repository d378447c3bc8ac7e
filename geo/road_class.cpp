// Road class normalisation. Order of checks matters: "高速" before "国道" ("国道高速" is an expressway).
#include "geo/road_class.hpp"

#include <cctype>
#include <string>

namespace geo {

const char* roadClassName(RoadClass c) {
    static constexpr const char* names[] = {"expressway", "national", "provincial", "county",
                                            "township", "village", "track", "other"};
    return names[static_cast<size_t>(c)];
}

const char* roadClassNameZh(RoadClass c) {
    static constexpr const char* names[] = {"高速公路", "国道", "省道", "县道", "乡道", "村道", "机耕路", "其他"};
    return names[static_cast<size_t>(c)];
}

RoadClass roadClassFromName(std::string_view name) {
    for (size_t i = 0; i < kRoadClassCount; ++i)
        if (name == roadClassName(static_cast<RoadClass>(i))) return static_cast<RoadClass>(i);
    return RoadClass::Other;
}

namespace {
bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

std::string lowerTrim(std::string_view v) {
    std::string s;
    for (char c : v) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

// "G241", "S328", "X512", "G5": a route letter then digits (then anything).
bool routeNumber(const std::string& s, char& letter, int& digits) {
    if (s.size() < 2 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
    size_t i = 1;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    digits = static_cast<int>(i - 1);
    if (digits == 0) return false;
    letter = s[0];
    return true;
}
}  // namespace

RoadClass classifyRoad(std::string_view value) {
    std::string v = lowerTrim(value);
    if (v.empty()) return RoadClass::Other;
    // Chinese administrative and urban classes.
    if (contains(v, "高速") || contains(v, "快速路")) return RoadClass::Expressway;
    if (contains(v, "国道")) return RoadClass::National;
    if (contains(v, "省道") || contains(v, "主干")) return RoadClass::Provincial;
    if (contains(v, "县道") || contains(v, "次干")) return RoadClass::County;
    if (contains(v, "乡道") || contains(v, "镇道")) return RoadClass::Township;
    if (contains(v, "村道") || contains(v, "支路") || contains(v, "街巷")) return RoadClass::Village;
    if (contains(v, "机耕") || contains(v, "小路") || contains(v, "便道") || contains(v, "田间")) return RoadClass::Track;
    // OSM highway values and the English class names.
    static constexpr std::pair<const char*, RoadClass> words[] = {
        {"expressway", RoadClass::Expressway}, {"motorway", RoadClass::Expressway},
        {"highway", RoadClass::Expressway}, {"freeway", RoadClass::Expressway},
        {"village_road", RoadClass::Village}, {"township_road", RoadClass::Township},
        {"county_road", RoadClass::County}, {"provincial_road", RoadClass::Provincial},
        {"national_road", RoadClass::National},
        {"motorway_link", RoadClass::Expressway}, {"national", RoadClass::National},
        {"trunk", RoadClass::National}, {"trunk_link", RoadClass::National},
        {"provincial", RoadClass::Provincial}, {"primary", RoadClass::Provincial},
        {"primary_link", RoadClass::Provincial}, {"county", RoadClass::County},
        {"secondary", RoadClass::County}, {"secondary_link", RoadClass::County},
        {"township", RoadClass::Township}, {"tertiary", RoadClass::Township},
        {"tertiary_link", RoadClass::Township}, {"village", RoadClass::Village},
        {"unclassified", RoadClass::Village}, {"residential", RoadClass::Village},
        {"living_street", RoadClass::Village}, {"service", RoadClass::Village},
        {"road", RoadClass::Village}, {"track", RoadClass::Track}, {"path", RoadClass::Track},
        {"footway", RoadClass::Track}, {"cycleway", RoadClass::Track}, {"bridleway", RoadClass::Track},
        {"steps", RoadClass::Track}, {"pedestrian", RoadClass::Track}, {"other", RoadClass::Other},
    };
    for (const auto& [word, cls] : words)
        if (v == word) return cls;
    // Route numbers: G + 3 digits national, G + 1-2 or 4 digits expressway; S likewise; X, Y, C.
    char letter;
    int digits;
    if (routeNumber(v, letter, digits)) {
        switch (letter) {
        case 'g': return digits == 3 ? RoadClass::National : RoadClass::Expressway;
        case 's': return digits == 3 ? RoadClass::Provincial : RoadClass::Expressway;
        case 'x': return RoadClass::County;
        case 'y': return RoadClass::Township;
        case 'c': return RoadClass::Village;
        default: break;
        }
    }
    return RoadClass::Other;
}

}  // namespace geo
