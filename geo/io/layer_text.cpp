// A layer's attribute text into UTF-8: the encoding chosen (override, the shapefile's .cpg or
// language id, or decided from all of an undeclared layer's values) and values recoded once each.
#include <algorithm>
#include <iterator>

#include "geo/core/encoding.hpp"
#include "geo/io/layer_reader_internal.hpp"

namespace geo {

std::string TextDecoder::decode(const char* raw) {
    std::string_view v(raw ? raw : "");
    if (asciiCompatible() && std::all_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return std::string(v);
    if (encoding.empty()) {
        if (!isValidUtf8(v)) ++notUtf8;
        return std::string(v);
    }
    if (encoding == "UTF-8") return std::string(v);
    const std::string from = decoderFor(encoding);
    if (v.size() > kMemoLength) return recodeToUtf8(v, from);
    auto it = memo_.find(std::string(v));
    if (it != memo_.end()) return it->second;
    std::string out = recodeToUtf8(v, from);
    if (memo_.size() < kMemoEntries) memo_.emplace(std::string(v), out);
    return out;
}

void TextDecoder::decide(std::string& reason) {
    if (!encoding.empty()) return;
    UndeclaredDecision d = decideUndeclared(notUtf8, reason);
    encoding = d.encoding;
    reason = d.reason;
}

bool TextDecoder::asciiCompatible() {
    if (ascii_ < 0) {
        // UTF-16 and the EBCDIC code pages do not keep ASCII bytes as they are.
        static const char* const kNot[] = {"UTF-16", "CP037", "CP273", "CP500", "CP875", "CP1026", "CP1140", "CP1141",
                                           "CP1142", "CP1143", "CP1144", "CP1145", "CP1146", "CP1147", "CP1148", "CP1149"};
        ascii_ = std::none_of(std::begin(kNot), std::end(kNot), [&](const char* e) { return encoding == e; }) ? 1 : 0;
    }
    return ascii_ == 1;
}

TextDecoder layerDecoder(GDALDataset& ds, OGRLayer& layer, const std::string& override,
                       std::string& reason) {
    TextDecoder d;
    if (!override.empty()) {
        d.encoding = normalizeEncoding(override);
        reason = "set by --encoding";
        return d;
    }
    std::string driver = ds.GetDriverName();
    if (driver == "ESRI Shapefile") {
        DeclaredEncoding declared = declaredShapefileEncoding(layer);
        // A DBF holds single- and double-byte text, never UTF-16/32: such a declaration is wrong.
        if (declared.encoding.rfind("UTF-16", 0) == 0 || declared.encoding.rfind("UTF-32", 0) == 0) {
            reason = declared.encoding + " " + declared.reason + " ignored (a DBF cannot hold it): UTF-8 where valid, otherwise GBK (CP936)";
            d.warning = "text encoding " + reason;
            return d;
        }
        if (!declared.encoding.empty()) {
            d.encoding = declared.encoding;
            reason = declared.reason;
            return d;
        }
        reason = "no .cpg or DBF language id";
        return d;
    }
    d.encoding = "UTF-8";
    reason = driver + " text is UTF-8";
    return d;
}

}  // namespace geo
