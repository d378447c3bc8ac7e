// PROJ wrappers and the published GCJ-02/BD-09 offset formulas.
#include "geo/core/crs.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <numbers>

#include "geo/core/error.hpp"

namespace geo {

bool isInChina(double lon, double lat) {
    return lon >= 73.0 && lon <= 135.5 && lat >= 17.0 && lat <= 54.0;
}

int chooseWorkingEpsg(double lon, double lat) {
    if (isInChina(lon, lat)) {
        int cm = static_cast<int>(std::lround(lon / 3.0)) * 3;
        if (cm < 75) cm = 75;
        if (cm > 135) cm = 135;
        return 4534 + (cm - 75) / 3;
    }
    int zone = static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1;
    if (zone < 1) zone = 1;
    if (zone > 60) zone = 60;
    return (lat >= 0 ? 32600 : 32700) + zone;
}

std::string epsgName(int epsg) {
    if (epsg >= 4534 && epsg <= 4554)
        return "CGCS2000 / 3-degree Gauss-Kruger CM " + std::to_string(75 + 3 * (epsg - 4534)) + "E";
    if (epsg > 32600 && epsg <= 32660) return "WGS 84 / UTM zone " + std::to_string(epsg - 32600) + "N";
    if (epsg > 32700 && epsg <= 32760) return "WGS 84 / UTM zone " + std::to_string(epsg - 32700) + "S";
    if (epsg == 4326) return "WGS 84";
    return "";
}

int parseEpsg(const std::string& text) {
    std::string t = text;
    if (t.size() > 5 && (t.compare(0, 5, "EPSG:") == 0 || t.compare(0, 5, "epsg:") == 0)) t = t.substr(5);
    if (t.empty() || t.size() > 6) return 0;
    for (char c : t)
        if (c < '0' || c > '9') return 0;
    return std::stoi(t);
}

bool isKnownEpsg(int epsg) {
    if (epsg <= 0) return false;
    ProjContext ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    ProjHandle crs(proj_create(ctx.get(), ("EPSG:" + std::to_string(epsg)).c_str()));
    return crs != nullptr;
}

Transformer::Transformer(const std::string& from, const std::string& to) : ctx_(proj_context_create()) {
    proj_log_level(ctx_.get(), PJ_LOG_NONE);
    identity_ = from == to;
    if (identity_) return;
    ProjHandle raw(proj_create_crs_to_crs(ctx_.get(), from.c_str(), to.c_str(), nullptr));
    if (!raw) throw Error("cannot transform from " + from.substr(0, 60) + " to " + to);
    pj_.reset(proj_normalize_for_visualization(ctx_.get(), raw.get()));
    if (!pj_) throw Error("cannot normalise axis order for " + to);
}

void Transformer::transform(double* xy, size_t count) const {
    if (identity_ || count == 0) return;
    proj_trans_generic(pj_.get(), PJ_FWD, xy, 2 * sizeof(double), count, xy + 1, 2 * sizeof(double), count,
                       nullptr, 0, 0, nullptr, 0, 0);
    for (size_t i = 0; i < 2 * count; ++i)
        if (xy[i] == HUGE_VAL) xy[i] = std::numeric_limits<double>::quiet_NaN();
}

WebCoords parseWebCoords(const std::string& text) {
    if (text.empty() || text == "wgs84" || text == "WGS84") return WebCoords::None;
    if (text == "gcj02" || text == "GCJ02" || text == "gcj-02") return WebCoords::Gcj02;
    if (text == "bd09" || text == "BD09" || text == "bd-09") return WebCoords::Bd09;
    throw Error("--coords must be gcj02 or bd09, not '" + text + "'");
}

const char* webCoordsName(WebCoords c) {
    return c == WebCoords::Gcj02 ? "gcj02" : c == WebCoords::Bd09 ? "bd09" : "wgs84";
}

void checkWebCoords(WebCoords coords, bool isGeographic, const std::string& sourceCrs, const std::string& path) {
    if (coords == WebCoords::None || isGeographic) return;
    throw Error(std::filesystem::path(path).filename().string() + ": --coords " + webCoordsName(coords) +
                " does not apply: the layer is in a projected CRS (" + sourceCrs +
                "), never web-map coordinates; give the --coords of each layer (--roads-coords, ...) only for those digitised on a web map");
}

namespace {
constexpr double kPi = std::numbers::pi;
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyEe = 0.00669342162296594323;
constexpr double kBdPi = kPi * 3000.0 / 180.0;

double offsetLat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}
double offsetLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}
}  // namespace

void wgs84ToGcj02(double& lon, double& lat) {
    if (!isInChina(lon, lat)) return;  // the offset applies inside China only
    double dLat = offsetLat(lon - 105.0, lat - 35.0);
    double dLon = offsetLon(lon - 105.0, lat - 35.0);
    double radLat = lat / 180.0 * kPi;
    double magic = std::sin(radLat);
    magic = 1 - kKrasovskyEe * magic * magic;
    double sqrtMagic = std::sqrt(magic);
    dLat = (dLat * 180.0) / ((kKrasovskyA * (1 - kKrasovskyEe)) / (magic * sqrtMagic) * kPi);
    dLon = (dLon * 180.0) / (kKrasovskyA / sqrtMagic * std::cos(radLat) * kPi);
    lat += dLat;
    lon += dLon;
}

void gcj02ToWgs84(double& lon, double& lat) {
    double wLon = lon, wLat = lat;
    for (int i = 0; i < 30; ++i) {
        double gLon = wLon, gLat = wLat;
        wgs84ToGcj02(gLon, gLat);
        double eLon = gLon - lon, eLat = gLat - lat;
        wLon -= eLon;
        wLat -= eLat;
        if (std::fabs(eLon) < 1e-9 && std::fabs(eLat) < 1e-9) break;
    }
    lon = wLon;
    lat = wLat;
}

void bd09ToGcj02(double& lon, double& lat) {
    // The closed-form inverse is good to about a metre; refine it against the forward formula.
    double x = lon - 0.0065, y = lat - 0.006;
    double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdPi);
    double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdPi);
    double gLon = z * std::cos(theta), gLat = z * std::sin(theta);
    for (int i = 0; i < 10; ++i) {
        double bLon = gLon, bLat = gLat;
        gcj02ToBd09(bLon, bLat);
        gLon -= bLon - lon;
        gLat -= bLat - lat;
        if (std::fabs(bLon - lon) < 1e-10 && std::fabs(bLat - lat) < 1e-10) break;
    }
    lon = gLon;
    lat = gLat;
}

void gcj02ToBd09(double& lon, double& lat) {
    double z = std::sqrt(lon * lon + lat * lat) + 0.00002 * std::sin(lat * kBdPi);
    double theta = std::atan2(lat, lon) + 0.000003 * std::cos(lon * kBdPi);
    lon = z * std::cos(theta) + 0.0065;
    lat = z * std::sin(theta) + 0.006;
}

void toWgs84(WebCoords from, double* lonLat, size_t count) {
    if (from == WebCoords::None) return;
    for (size_t i = 0; i < count; ++i) {
        double& lon = lonLat[2 * i];
        double& lat = lonLat[2 * i + 1];
        if (!std::isfinite(lon) || !std::isfinite(lat)) continue;
        if (from == WebCoords::Bd09) bd09ToGcj02(lon, lat);
        gcj02ToWgs84(lon, lat);
    }
}

}  // namespace geo
