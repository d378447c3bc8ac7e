// Road class normalisation. Order of checks matters: "高速" before "国道" ("国道高速" is an expressway).
#include "geo/io/road_class.hpp"

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
    if (contains(v, "快速路")) return RoadClass::National;  // urban: at-grade exits, so ordinary entries
    if (contains(v, "高速")) return RoadClass::Expressway;
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
        case 'g': return digits == 3 ? RoadClass::National : isExpresswayRouteCode(v) ? RoadClass::Expressway : RoadClass::National;
        case 's': return digits == 3 ? RoadClass::Provincial : isExpresswayRouteCode(v) ? RoadClass::Expressway : RoadClass::Provincial;
        case 'x': return RoadClass::County;
        case 'y': return RoadClass::Township;
        case 'c': return RoadClass::Village;
        default: break;
        }
    }
    return RoadClass::Other;
}

bool isExpresswayRouteCode(std::string_view code) {
    std::string v = lowerTrim(code);
    char letter;
    int digits;
    if (!routeNumber(v, letter, digits) || (letter != 'g' && letter != 's')) return false;
    if (digits != 1 && digits != 2 && digits != 4) return false;
    // "G5", "G5 京昆高速", "G3001": the digits end the code or a letter-free remainder follows.
    size_t end = 1 + static_cast<size_t>(digits);
    return end == v.size() || !std::isalnum(static_cast<unsigned char>(v[end]));
}

RoadClass refineRoadClass(RoadClass c, std::string_view name, std::string_view refs) {
    if (c == RoadClass::Expressway) return c;
    if (c != RoadClass::National && c != RoadClass::Provincial && c != RoadClass::Other) return c;
    auto endsWith = [](std::string_view s, std::string_view tail) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
    };
    if (endsWith(name, "高速公路") || endsWith(name, "高速")) return RoadClass::Expressway;
    for (std::string_view rest : {refs, name}) {
        while (!rest.empty()) {
            size_t cut = rest.find(';');
            if (isExpresswayRouteCode(rest.substr(0, cut))) return RoadClass::Expressway;
            if (cut == std::string_view::npos) break;
            rest.remove_prefix(cut + 1);
        }
    }
    return c;
}

bool isExpresswayLink(std::string_view classValue, std::string_view name) {
    return contains(classValue, "_link") || contains(classValue, "匝道") || contains(name, "匝道");
}

}  // namespace geo
