// appendLayer: offsets shifted, attributes matched by field name.
#include "geo/core/layer_append.hpp"

#include <cstdint>

#include "geo/core/error.hpp"

namespace geo {
namespace {

void shiftAppend(std::vector<uint32_t>& into, const std::vector<uint32_t>& from, size_t by) {
    for (size_t i = 1; i < from.size(); ++i) into.push_back(static_cast<uint32_t>(from[i] + by));
}

}  // namespace

void appendLayer(Layer& into, const Layer& from) {
    const size_t before = into.featureCount();
    if (before == 0) {  // the first features decide the kind, even after a layer of fields alone
        into.name = from.name;
        into.kind = from.kind;
        into.epsg = from.epsg;
    } else if (from.featureCount() > 0) {
        if (into.kind != from.kind)
            throw Error("layer " + from.name + ": " + geomKindName(from.kind) + " features cannot join " +
                        geomKindName(into.kind) + " ones");
        if (into.epsg != from.epsg)
            throw Error("layer " + from.name + ": EPSG:" + std::to_string(from.epsg) + " differs from EPSG:" +
                        std::to_string(into.epsg));
    }
    const size_t vertices = into.vertexCount(), rings = into.ringCount(), parts = into.partCount();
    into.xy.insert(into.xy.end(), from.xy.begin(), from.xy.end());
    shiftAppend(into.ringStart, from.ringStart, vertices);
    shiftAppend(into.partStart, from.partStart, rings);
    shiftAppend(into.featureStart, from.featureStart, parts);
    for (const StringColumn& column : from.fields) {
        if (into.fieldIndex(column.name) >= 0) continue;
        StringColumn added;
        added.name = column.name;
        for (size_t f = 0; f < before; ++f) added.push({});
        into.fields.push_back(std::move(added));
    }
    for (StringColumn& column : into.fields) {
        const int at = from.fieldIndex(column.name);
        for (size_t f = 0; f < from.featureCount(); ++f) column.push(from.attr(f, at));
    }
}

}  // namespace geo
