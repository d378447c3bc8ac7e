// `cordon info`: what a source (or a workspace) holds, and what is wrong with it.
#include <cstdio>

#include "app/command.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/workspace/workspace.hpp"

namespace app {
namespace {

constexpr const char* kUsage =
    "usage: cordon info SRC... [--encoding E] [--json] [--drop-foreign-triggers]\n"
    "\n"
    "Per layer: geometry type, feature count, fields, CRS, the text encoding used and why,\n"
    "extent (source CRS and WGS84), and problems found (missing geometries, NaN, undeclared\n"
    "encodings). Exit status 2 when a source cannot be read at all.\n"
    "For a Cordon workspace, also the triggers and views stored in it that neither Cordon nor GDAL\n"
    "made (they would run on every edit, so Cordon refuses to edit the file while they are there);\n"
    "--drop-foreign-triggers removes them.\n";

// A Cordon workspace (an SQLite file with cordon_meta), as opposed to any other source.
bool isWorkspace(const std::string& path) {
    try {
        geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
        return true;
    } catch (const geo::Error&) {
        return false;
    }
}

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"--encoding"}, {"--json", "--drop-foreign-triggers"});
    if (a.positional().empty()) throw UsageError("missing SRC (cordon info SRC...)");
    std::string encoding = a.value("--encoding");
    if (!encoding.empty()) geo::normalizeEncoding(encoding);
    std::vector<geo::SourceInfo> infos;
    std::vector<std::vector<geo::SchemaObject>> foreign;
    for (const auto& src : a.positional()) {
        if (a.flag("--drop-foreign-triggers") && isWorkspace(src)) {
            auto dropped = geo::Workspace::dropForeignObjects(src);
            std::fprintf(stderr, "%s: dropped %zu trigger(s)/view(s)%s%s\n", src.c_str(), dropped.size(),
                         dropped.empty() ? "" : ": ", geo::describeSchemaObjects(dropped).c_str());
        }
        infos.push_back(geo::describeSource(src, encoding));
        foreign.push_back(isWorkspace(src) ? geo::Workspace::open(src, geo::Workspace::Mode::ReadOnly).foreignObjects()
                                           : std::vector<geo::SchemaObject>{});
    }
    if (a.flag("--json")) {
        geo::JsonWriter j;
        j.beginArray();
        for (size_t k = 0; k < infos.size(); ++k) {
            const geo::SourceInfo& s = infos[k];
            j.beginObject().key("source").value(s.path).key("driver").value(s.driver);
            j.key("foreign_triggers").beginArray();
            for (const auto& o : foreign[k])
                j.beginObject().key("type").value(o.type).key("name").value(o.name).key("table").value(o.table).endObject();
            j.endArray();
            j.key("layers").beginArray();
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
    for (size_t k = 0; k < infos.size(); ++k) {
        const geo::SourceInfo& s = infos[k];
        std::printf("%s (%s)\n", s.path.c_str(), s.driver.c_str());
        for (const auto& o : foreign[k])
            std::printf("  problem: %s %s%s was not made by Cordon or GDAL%s (remove it with --drop-foreign-triggers)\n",
                        o.type.c_str(), o.name.c_str(), o.type == "trigger" ? (" on " + o.table).c_str() : "",
                        o.type == "trigger" ? " and would run on every edit" : "");
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
