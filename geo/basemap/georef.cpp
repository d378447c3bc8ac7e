// Fitting GCPs with GDAL's polynomial and thin-plate-spline transformers, their residuals, and the
// scan warped through a VRT that carries the GCPs (gdal_translate -gcp, then gdalwarp -order/-tps).
#include "geo/basemap/georef.hpp"

#include <gdal_alg.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

std::string shortNumber(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

size_t pointsNeeded(GeorefMethod method) {
    switch (method) {
    case GeorefMethod::Polynomial2: return 6;
    default: return 3;
    }
}

// The spread of points along their narrowest direction over the widest (0 for points on one line):
// the square root of the ratio of the eigenvalues of their 2x2 covariance.
double flatness(const std::vector<std::pair<double, double>>& xy) {
    double mx = 0, my = 0;
    for (auto [x, y] : xy) { mx += x; my += y; }
    mx /= static_cast<double>(xy.size());
    my /= static_cast<double>(xy.size());
    double sxx = 0, syy = 0, sxy = 0;
    for (auto [x, y] : xy) {
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
        sxy += (x - mx) * (y - my);
    }
    const double half = (sxx + syy) / 2, root = std::sqrt(std::max(0.0, (sxx - syy) * (sxx - syy) / 4 + sxy * sxy));
    const double big = half + root, small = std::max(0.0, half - root);
    return big > 0 ? std::sqrt(small / big) : 0;
}

// One of GDAL's GCP transformers, destroyed with its own function.
class GcpTransformer {
public:
    GcpTransformer(const std::vector<ControlPoint>& points, GeorefMethod method) : method_(method) {
        std::vector<GDAL_GCP> gcps(points.size());
        static char empty[] = "";
        for (size_t i = 0; i < points.size(); ++i)
            gcps[i] = {empty, empty, points[i].pixel, points[i].line, points[i].x, points[i].y, 0};
        CPLErrorReset();
        const int n = static_cast<int>(gcps.size());
        handle_ = method == GeorefMethod::ThinPlateSpline ? GDALCreateTPSTransformer(n, gcps.data(), FALSE)
                                                          : GDALCreateGCPTransformer(n, gcps.data(),
                                                                                     method == GeorefMethod::Polynomial2 ? 2 : 1, FALSE);
        if (!handle_) throw Error("the control points cannot be fitted (" + gdalLastError() + ")");
    }
    ~GcpTransformer() {
        if (method_ == GeorefMethod::ThinPlateSpline) GDALDestroyTPSTransformer(handle_);
        else GDALDestroyGCPTransformer(handle_);
    }
    GcpTransformer(const GcpTransformer&) = delete;
    GcpTransformer& operator=(const GcpTransformer&) = delete;
    // Scan -> map (toScan false) or map -> scan (toScan true), in place; false where it failed.
    bool transform(bool toScan, double& a, double& b) const {
        double z = 0;
        int ok = 0;
        if (method_ == GeorefMethod::ThinPlateSpline) GDALTPSTransform(handle_, toScan, 1, &a, &b, &z, &ok);
        else GDALGCPTransform(handle_, toScan, 1, &a, &b, &z, &ok);
        return ok && std::isfinite(a) && std::isfinite(b);
    }
private:
    GeorefMethod method_;
    void* handle_ = nullptr;
};

// The scan opened, as an 8-bit picture of 1 to 4 bands.
GdalRaster openScan(const std::string& scanFile) {
    const std::string shown = fs::path(scanFile).filename().string();
    std::error_code ec;
    if (!fs::is_regular_file(scanFile, ec)) throw Error(shown + ": no such file");
    GdalRaster scan = openRaster(scanFile, shown);
    const int bands = GDALGetRasterCount(scan.get());
    if (bands < 1 || bands > 4)
        throw Error(shown + ": has " + std::to_string(bands) + " bands; a scan has 1 (grey), 3 (RGB) or 4 (RGBA)");
    for (int b = 1; b <= bands; ++b)
        if (GDALGetRasterDataType(GDALGetRasterBand(scan.get(), b)) != GDT_Byte)
            throw Error(shown + ": is not an 8-bit picture; save the scan as JPEG, PNG or an 8-bit TIFF");
    return scan;
}

}  // namespace

const char* georefMethodName(GeorefMethod method) {
    switch (method) {
    case GeorefMethod::Polynomial1: return "1";
    case GeorefMethod::Polynomial2: return "2";
    case GeorefMethod::ThinPlateSpline: return "tps";
    default: return "auto";
    }
}

GeorefMethod parseGeorefMethod(const std::string& text) {
    for (GeorefMethod m : {GeorefMethod::Auto, GeorefMethod::Polynomial1, GeorefMethod::Polynomial2, GeorefMethod::ThinPlateSpline})
        if (text == georefMethodName(m)) return m;
    throw Error("--order must be 1, 2, tps or auto, not '" + text + "'");
}

GeorefMethod resolveGeorefMethod(GeorefMethod method, size_t pointCount) {
    if (method != GeorefMethod::Auto) return method;
    return pointCount >= 7 ? GeorefMethod::Polynomial2 : GeorefMethod::Polynomial1;
}

void checkControlPoints(const std::vector<ControlPoint>& points, GeorefMethod method) {
    const GeorefMethod used = resolveGeorefMethod(method, points.size());
    if (points.size() < 3)
        throw Error("georeferencing needs at least 3 control points, " + std::to_string(points.size()) + " given");
    if (points.size() < pointsNeeded(used))
        throw Error(std::string("order ") + georefMethodName(used) + " needs at least " + std::to_string(pointsNeeded(used)) +
                    " control points, " + std::to_string(points.size()) + " given");
    for (size_t i = 0; i < points.size(); ++i) {
        const ControlPoint& p = points[i];
        if (!std::isfinite(p.pixel) || !std::isfinite(p.line) || !std::isfinite(p.x) || !std::isfinite(p.y))
            throw Error("control point " + std::to_string(i + 1) + " has a coordinate that is not a number");
        for (size_t j = 0; j < i; ++j) {
            const ControlPoint& q = points[j];
            const std::string pair = "control points " + std::to_string(j + 1) + " and " + std::to_string(i + 1);
            if (std::hypot(p.pixel - q.pixel, p.line - q.line) < 0.5)
                throw Error(pair + " are the same point on the scan (" + shortNumber(p.pixel) + ", " + shortNumber(p.line) + ")");
            if (std::hypot(p.x - q.x, p.y - q.y) < 0.01)
                throw Error(pair + " are the same point on the map (" + shortNumber(p.x) + ", " + shortNumber(p.y) + ")");
        }
    }
    std::vector<std::pair<double, double>> scan, map;
    for (const auto& p : points) {
        scan.emplace_back(p.pixel, p.line);
        map.emplace_back(p.x, p.y);
    }
    constexpr double kFlat = 1e-3;  // narrower than 1/1000 of their length: no second dimension to fit
    if (flatness(scan) < kFlat) throw Error("the control points lie on one line on the scan; spread them over the map sheet");
    if (flatness(map) < kFlat) throw Error("the control points lie on one line on the map; spread them over the map sheet");
}

GeorefFit fitControlPoints(const std::vector<ControlPoint>& points, GeorefMethod method) {
    checkControlPoints(points, method);
    GeorefFit fit;
    fit.method = resolveGeorefMethod(method, points.size());
    const GcpTransformer transformer(points, fit.method);
    double sumPixels = 0, sumMetres = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        const ControlPoint& p = points[i];
        double x = p.pixel, y = p.line, pixel = p.x, line = p.y;
        if (!transformer.transform(false, x, y) || !transformer.transform(true, pixel, line))
            throw Error("the control points cannot be fitted (point " + std::to_string(i + 1) + " does not transform)");
        ControlResidual r{std::hypot(pixel - p.pixel, line - p.line), std::hypot(x - p.x, y - p.y)};
        sumPixels += r.pixels * r.pixels;
        sumMetres += r.metres * r.metres;
        fit.residuals.push_back(r);
    }
    fit.rmsPixels = std::sqrt(sumPixels / static_cast<double>(points.size()));
    fit.rmsMetres = std::sqrt(sumMetres / static_cast<double>(points.size()));
    return fit;
}

ControlPoint controlPointFromLonLat(double pixel, double line, double lon, double lat, int workingEpsg) {
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
        throw Error("longitude/latitude " + shortNumber(lon) + ", " + shortNumber(lat) + " is out of range");
    ControlPoint p{pixel, line, lon, lat};
    Transformer("EPSG:4326", workingCrsArgument(workingEpsg)).transformPoint(p.x, p.y);
    if (!std::isfinite(p.x) || !std::isfinite(p.y))
        throw Error("longitude/latitude " + shortNumber(lon) + ", " + shortNumber(lat) + " cannot be put in the workspace's CRS");
    return p;
}

WarpedScan warpScan(const std::string& scanFile, const std::vector<ControlPoint>& points, GeorefMethod method,
                    int workingEpsg, const std::string& filesStem) {
    const std::string shown = fs::path(scanFile).filename().string();
    const GeorefMethod used = resolveGeorefMethod(method, points.size());
    checkControlPoints(points, used);
    WarpedScan out;
    out.scan = openScan(scanFile);
    GDALDatasetH scan = out.scan.get();
    const int bands = GDALGetRasterCount(scan);
    GDALRasterBandH last = GDALGetRasterBand(scan, bands);
    const bool isPalette = bands == 1 && GDALGetRasterColorTable(last);
    const bool hasAlpha = isPalette || GDALGetRasterColorInterpretation(last) == GCI_AlphaBand;

    // The scan with its GCPs in the working CRS (any georeferencing it had is replaced).
    std::vector<std::string> translate = {"-of", "VRT", "-a_srs", workingCrsArgument(workingEpsg)};
    if (isPalette) translate.insert(translate.end(), {"-expand", "rgba"});
    for (const auto& p : points)
        translate.insert(translate.end(), {"-gcp", gdalNumber(p.pixel), gdalNumber(p.line), gdalNumber(p.x), gdalNumber(p.y)});
    const std::string gcpPath = filesStem.empty() ? "" : filesStem + ".gcps.vrt";
    out.withGcps = translateRaster(scan, translate, gcpPath, shown);
    if (!gcpPath.empty()) {
        out.withGcps.reset();  // written on close; read back so that the warped VRT names the file
        out.withGcps = openRaster(gcpPath, shown);
    }
    std::vector<std::string> warp = {"-of", "VRT", "-t_srs", workingCrsArgument(workingEpsg), "-r", "bilinear"};
    if (!hasAlpha) warp.push_back("-dstalpha");
    if (used == GeorefMethod::ThinPlateSpline) warp.push_back("-tps");
    else warp.insert(warp.end(), {"-order", used == GeorefMethod::Polynomial2 ? "2" : "1"});
    if (!filesStem.empty()) out.warpedPath = filesStem + ".warped.vrt";
    out.warped = warpRaster(out.withGcps.get(), warp, shown, out.warpedPath);
    return out;
}

ScanPreview readScanPreview(const std::string& scanFile, int maxSide) {
    GdalRaster scan = expandPalette(openScan(scanFile));
    ScanPreview out;
    out.width = GDALGetRasterXSize(scan.get());
    out.height = GDALGetRasterYSize(scan.get());
    const double shrink = std::min(1.0, static_cast<double>(maxSide) / std::max(out.width, out.height));
    const int w = std::max(1, static_cast<int>(out.width * shrink)), h = std::max(1, static_cast<int>(out.height * shrink));
    const int bands = GDALGetRasterCount(scan.get());
    const size_t count = static_cast<size_t>(w) * static_cast<size_t>(h);
    std::vector<uint8_t> band(count);
    out.image.width = w;
    out.image.height = h;
    out.image.pixels.assign(count * 4, 255);
    for (int b = 1; b <= bands; ++b) {
        CPLErrorReset();
        if (GDALRasterIO(GDALGetRasterBand(scan.get(), b), GF_Read, 0, 0, out.width, out.height, band.data(), w, h, GDT_Byte,
                         0, 0) != CE_None)
            throw Error(fs::path(scanFile).filename().string() + ": is damaged (" + gdalLastError() + ")");
        // grey, grey+alpha, RGB or RGBA
        const bool isAlpha = (bands == 2 && b == 2) || b == 4;
        for (size_t i = 0; i < count; ++i) {
            uint8_t* px = &out.image.pixels[i * 4];
            if (isAlpha) px[3] = band[i];
            else if (bands < 3) px[0] = px[1] = px[2] = band[i];
            else px[b - 1] = band[i];
        }
    }
    return out;
}

}  // namespace geo
