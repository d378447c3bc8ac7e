// Text encodings of attribute data: UTF-8 checks, recoding, what a shapefile declares.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/layer.hpp"

class OGRLayer;

namespace geo {

// Offset of the first byte that does not start a strict UTF-8 sequence (no overlong forms, no
// surrogates, nothing above U+10FFFF); npos when the whole text is valid.
size_t invalidUtf8Offset(std::string_view text);
inline bool isValidUtf8(std::string_view text) { return invalidUtf8Offset(text) == std::string_view::npos; }
// The text with every byte that is not UTF-8 replaced by U+FFFD: for output that must be UTF-8
// whatever an old or hand-edited workspace holds.
std::string toValidUtf8(std::string_view text);
// Text a user gives that will be stored: throws geo::Error ("scenario name is not valid UTF-8
// (byte 4, after 'bad')") naming `what` and the valid part, never echoing the invalid bytes.
void requireUtf8(std::string_view text, const std::string& what);
// Canonical name for a user's --encoding value ("gbk" -> "CP936"); throws geo::Error when unknown.
std::string normalizeEncoding(const std::string& name);
// Recodes to UTF-8; `encoding` must be normalised. Invalid bytes become U+FFFD.
std::string recodeToUtf8(std::string_view text, const std::string& encoding);
// The decoder for a normalised encoding: GB18030 for GBK/CP936 (a superset that reads both).
std::string decoderFor(const std::string& encoding);
// Recodes every value and name of `columns` in place (ASCII values untouched, repeats recoded once):
// an undeclared layer's text is kept raw while it is read, then decoded once its encoding is known.
void recodeColumnsToUtf8(std::vector<StringColumn>& columns, const std::string& encoding);

// The one encoding of an undeclared layer or file: GBK (read as GB18030) as soon as one value
// is not UTF-8, UTF-8 otherwise; `reason` says which and why, once.
struct UndeclaredDecision {
    std::string encoding;
    std::string reason;
};
UndeclaredDecision decideUndeclared(int64_t valuesNotUtf8, const std::string& why);

struct DeclaredEncoding {
    std::string encoding;  // normalised, "" when nothing is declared
    std::string reason;    // "from .cpg", "from DBF language id 77", ...
};
// What a shapefile layer's .cpg or DBF header declares, as GDAL's shapefile driver reports them
// in the layer's SHAPEFILE metadata (CPG_VALUE, LDID_VALUE), mapped by Cordon's own rules.
DeclaredEncoding declaredShapefileEncoding(OGRLayer& layer);
std::string encodingForLanguageId(int ldid);  // "" when unknown or none

}  // namespace geo
