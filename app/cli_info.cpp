// `cordon info`: what a source (or a workspace) holds, and what is wrong with it.
#include <cstdio>

#include "app/command.hpp"
#include "geo/encoding.hpp"
#include "geo/json.hpp"
#include "geo/layer_reader.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon info SRC... [--encoding E] [--json]\n"
    "\n"
    "Per layer: geometry type, feature count, fields, CRS, the text encoding used and why,\n"
    "extent (source CRS and WGS84), and problems found (missing geometries, NaN, undeclared\n"
    "encodings). Exit status 2 when a source cannot be read at all.\n";

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--encoding"}, {"--json"});
    if (a.positional().empty()) throw UsageError("missing SRC (cordon info SRC...)");
    std::string encoding = a.value("--encoding");
    if (!encoding.empty()) geo::normalizeEncoding(encoding);
    std::vector<geo::SourceInfo> infos;
    for (const auto& src : a.positional()) infos.push_back(geo::describeSource(src, encoding));
    if (a.flag("--json")) {
        geo::JsonWriter j;
        j.beginArray();
        for (const auto& s : infos) {
            j.beginObject().key("source").value(s.path).key("driver").value(s.driver).key("layers").beginArray();
            for (const auto& l : s.layers) {
                j.beginObject();
                j.key("name").value(l.name).key("geometry_type").value(l.geometryType);
                j.key("feature_count").value(l.featureCount);
                j.key("crs").value(l.crs).key("epsg").value(l.epsg);
                j.key("encoding").value(l.encoding).key("encoding_reason").value(l.encodingReason);
                j.key("fields").beginArray();
                for (const auto& f : l.fields) j.beginObject().key("name").value(f.name).key("type").value(f.type).endObject();
                j.endArray();
                j.key("extent");
                if (l.extent.isEmpty()) j.null();
                else j.beginArray().value(l.extent.minX).value(l.extent.minY).value(l.extent.maxX).value(l.extent.maxY).endArray();
                j.key("extent_wgs84");
                if (l.extentLonLat.isEmpty()) j.null();
                else j.beginArray().value(l.extentLonLat.minX).value(l.extentLonLat.minY).value(l.extentLonLat.maxX).value(l.extentLonLat.maxY).endArray();
                j.key("problems").beginArray();
                for (const auto& p : l.problems) j.value(p);
                j.endArray().endObject();
            }
            j.endArray().endObject();
        }
        j.endArray();
        std::printf("%s\n", j.str().c_str());
        return 0;
    }
    for (const auto& s : infos) {
        std::printf("%s (%s)\n", s.path.c_str(), s.driver.c_str());
        for (const auto& l : s.layers) {
            std::printf("  layer %s: %s, %lld features, CRS %s\n", l.name.c_str(), l.geometryType.c_str(),
                        static_cast<long long>(l.featureCount), l.crs.c_str());
            std::printf("    encoding %s (%s)\n", l.encoding.c_str(), l.encodingReason.c_str());
            if (!l.extent.isEmpty())
                std::printf("    extent %.6f %.6f - %.6f %.6f\n", l.extent.minX, l.extent.minY, l.extent.maxX, l.extent.maxY);
            if (!l.extentLonLat.isEmpty())
                std::printf("    extent WGS84 %.6f %.6f - %.6f %.6f\n", l.extentLonLat.minX, l.extentLonLat.minY,
                            l.extentLonLat.maxX, l.extentLonLat.maxY);
            std::printf("    fields:");
            for (const auto& f : l.fields) std::printf(" %s (%s)", f.name.c_str(), f.type.c_str());
            std::printf("\n");
            for (const auto& p : l.problems) std::printf("    problem: %s\n", p.c_str());
        }
    }
    return 0;
}

const CommandRegistration reg({"info", "describe source layers: types, counts, fields, CRS, encoding, problems", kUsage, run});

}  // namespace
}  // namespace app
