// Coordinates as registers and planners write them: degree signs, minutes and seconds, 东经/北纬
// and E/N, full-width digits and commas; a latitude-first pair recognised and named.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "geo/core/text_values.hpp"

namespace geo {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool dropPrefix(std::string_view& s, std::string_view p) {
    if (s.substr(0, p.size()) != p) return false;
    s.remove_prefix(p.size());
    return true;
}
bool dropSuffix(std::string_view& s, std::string_view p) {
    if (s.size() < p.size() || s.substr(s.size() - p.size()) != p) return false;
    s.remove_suffix(p.size());
    return true;
}

// Hemisphere words and letters at either end: the axis they name and the sign they give.
void takeHemisphere(std::string_view& s, char& axis, double& sign) {
    struct Mark { const char* text; char axis; double sign; };
    static const Mark kMarks[] = {{"东经", 'x', 1}, {"西经", 'x', -1}, {"北纬", 'y', 1}, {"南纬", 'y', -1},
                                  {"E", 'x', 1},    {"W", 'x', -1},    {"N", 'y', 1},    {"S", 'y', -1},
                                  {"e", 'x', 1},    {"w", 'x', -1},    {"n", 'y', 1},    {"s", 'y', -1}};
    for (const Mark& m : kMarks)
        if (dropPrefix(s, m.text) || dropSuffix(s, m.text)) {
            axis = m.axis;
            sign = m.sign;
            s = trim(s);
            return;
        }
}

}  // namespace

std::string toHalfWidth(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xEF && i + 2 < s.size()) {
            // U+FF01..U+FF5E: EF BC 81..EF BC BF, EF BD 80..EF BD 9E
            auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
            unsigned cp = ((c & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out += static_cast<char>(cp - 0xFF01 + 0x21);
                i += 3;
                continue;
            }
        } else if (c == 0xE3 && i + 2 < s.size() && s[i + 1] == '\x80') {
            if (s[i + 2] == '\x80') { out += ' '; i += 3; continue; }   // U+3000 ideographic space
            if (s[i + 2] == '\x82') { out += '.'; i += 3; continue; }   // U+3002 ideographic full stop
        }
        out += static_cast<char>(c);
        ++i;
    }
    return std::string(trim(out));
}

bool parseNumber(std::string_view text, double& value) {
    std::string half;
    std::string_view s = trim(text);
    if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        half = toHalfWidth(s);
        s = half;
    }
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size() && std::isfinite(value);
}

bool parseDegrees(std::string_view text, double& value, char& axis) {
    std::string half = toHalfWidth(text);
    std::string_view s = half;
    axis = 0;
    double sign = 1;
    takeHemisphere(s, axis, sign);
    if (!s.empty() && s.front() == '-') { sign = -sign; s.remove_prefix(1); }
    else if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    // Degrees, then optional minutes and seconds, each closed by its sign.
    static const std::string_view kUnits[3][4] = {{"\u00B0", "度", "", ""}, {"\u2032", "'", "分", ""}, {"\u2033", "\"", "秒", "''"}};
    double parts[3] = {0, 0, 0};
    for (int k = 0; k < 3 && !s.empty(); ++k) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parts[k]);
        if (ec != std::errc() || !std::isfinite(parts[k]) || parts[k] < 0) return false;
        s.remove_prefix(static_cast<size_t>(end - s.data()));
        s = trim(s);
        bool closed = s.empty() && k == 0;
        for (std::string_view u : kUnits[k])
            if (!u.empty() && !closed && dropPrefix(s, u)) closed = true;
        if (!closed) return false;
        s = trim(s);
        if (k > 0 && parts[k] >= 60) return false;
    }
    if (!s.empty()) return false;
    value = sign * (parts[0] + parts[1] / 60 + parts[2] / 3600);
    return true;
}

std::string lonLatProblem(double lon, double lat) {
    char text[96];
    if (std::fabs(lat) > 90 && std::fabs(lon) <= 90 && std::fabs(lat) <= 180) {
        std::snprintf(text, sizeof text, "longitude and latitude swapped (%.6g is the longitude, %.6g the latitude)", lat, lon);
        return text;
    }
    if (std::fabs(lon) > 180 || std::fabs(lat) > 90) return "longitude/latitude out of range";
    return "";
}

bool parseLonLatText(std::string_view text, double& lon, double& lat, std::string& why) {
    std::string half = toHalfWidth(text);  // the full-width comma becomes ','
    std::string_view s = half;
    size_t cut = s.find_first_of(",;");
    if (cut == std::string_view::npos) cut = s.find(' ');
    char axisA = 0, axisB = 0;
    double a = 0, b = 0;
    if (cut == std::string_view::npos || !parseDegrees(s.substr(0, cut), a, axisA) || !parseDegrees(s.substr(cut + 1), b, axisB)) {
        why = "not LON,LAT in degrees";
        return false;
    }
    if (axisA == 'y' || axisB == 'x') std::swap(a, b);  // hemispheres written: their order wins
    lon = a;
    lat = b;
    why = axisA || axisB ? (std::fabs(lon) > 180 || std::fabs(lat) > 90 ? "longitude/latitude out of range" : "")
                         : lonLatProblem(lon, lat);
    return why.empty();
}

}  // namespace geo
