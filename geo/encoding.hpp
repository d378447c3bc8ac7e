// Text encodings of attribute data: UTF-8 checks, recoding, what a shapefile declares.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "geo/layer.hpp"

namespace geo {

bool isValidUtf8(std::string_view text);
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
// What a shapefile's .cpg or DBF header declares; `shpPath` may be a /vsizip/ path.
DeclaredEncoding declaredShapefileEncoding(const std::string& shpPath);
std::string encodingForLanguageId(int ldid);  // "" when unknown or none

}  // namespace geo
