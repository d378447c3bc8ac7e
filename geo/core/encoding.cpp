// Encoding detection for shapefiles and recoding through GDAL's CPLRecode (iconv).
#include "geo/core/encoding.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogrsf_frmts.h>
#include <unordered_map>

#include "geo/core/error.hpp"

namespace geo {

size_t invalidUtf8Offset(std::string_view s) {
    size_t i = 0, n = s.size();
    while (i < n) {
        // Runs of ASCII, eight bytes at a time: registers of a million rows are mostly digits.
        while (i + 8 <= n) {
            uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i == n) break;
        auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > n) return i;
        if (len == 2 && c < 0xC2) return i;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return i;
        // Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. GBK text often
        // passes the loose byte-pattern test above, so these decide whether it is read as GBK.
        auto c1 = static_cast<unsigned char>(s[i + (len > 1 ? 1 : 0)]);
        if (len == 3 && ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0))) return i;
        if (len == 4 && ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90))) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string toValidUtf8(std::string_view text) {
    std::string out;
    while (true) {
        const size_t bad = invalidUtf8Offset(text);
        out.append(text.substr(0, bad));
        if (bad == std::string_view::npos) return out;
        out += "\xEF\xBF\xBD";
        text.remove_prefix(bad + 1);
    }
}

void requireUtf8(std::string_view text, const std::string& what) {
    const size_t bad = invalidUtf8Offset(text);
    if (bad == std::string_view::npos) return;
    throw Error(what + " is not valid UTF-8 (byte " + std::to_string(bad + 1) + ", after '" + std::string(text.substr(0, bad)) +
                "'); give it as UTF-8 text");
}

std::string normalizeEncoding(const std::string& name) {
    std::string up;
    for (char c : name) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    up.erase(std::remove(up.begin(), up.end(), '_'), up.end());
    if (up == "UTF-8" || up == "UTF8") return "UTF-8";
    if (up == "GBK" || up == "CP936" || up == "936" || up == "GB2312" || up == "EUC-CN") return "CP936";
    if (up == "GB18030") return "GB18030";
    if (up == "BIG5" || up == "CP950") return "CP950";
    if (up == "LATIN1" || up == "ISO-8859-1" || up == "ISO8859-1" || up == "88591") return "ISO-8859-1";
    if (up.rfind("CP", 0) == 0 && up.size() > 2 &&
        std::all_of(up.begin() + 2, up.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return up;
    if (up.rfind("ISO-8859-", 0) == 0 || up == "SHIFT-JIS" || up == "EUC-KR" || up == "UTF-16") return up;
    throw Error("unknown encoding '" + name + "' (use UTF-8, GBK, CP936, GB18030, CP950, ISO-8859-1 or CPnnnn)");
}

std::string recodeToUtf8(std::string_view text, const std::string& encoding) {
    if (encoding.empty() || encoding == "UTF-8") return std::string(text);
    std::string in(text);
    char* out = CPLRecode(in.c_str(), encoding.c_str(), CPL_ENC_UTF8);
    std::string result = out ? out : "";
    CPLFree(out);
    return result;
}

std::string decoderFor(const std::string& encoding) {
    return encoding == "CP936" ? "GB18030" : encoding;
}

void recodeColumnsToUtf8(std::vector<StringColumn>& columns, const std::string& encoding) {
    if (encoding.empty() || encoding == "UTF-8") return;
    const std::string from = decoderFor(encoding);
    std::unordered_map<std::string, std::string> memo;
    auto recode = [&](std::string_view v) -> std::string {
        if (std::all_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return std::string(v);
        auto it = memo.find(std::string(v));
        if (it != memo.end()) return it->second;
        std::string out = recodeToUtf8(v, from);
        if (memo.size() < 4096 && v.size() <= 64) memo.emplace(std::string(v), out);
        return out;
    };
    for (StringColumn& c : columns) {
        StringColumn out;
        out.name = recode(c.name);
        out.chars.reserve(c.chars.size() + c.chars.size() / 2);
        out.offsets.reserve(c.offsets.size());
        for (size_t i = 0; i < c.size(); ++i) out.push(recode(c.at(i)));
        c = std::move(out);
    }
}

UndeclaredDecision decideUndeclared(int64_t valuesNotUtf8, const std::string& why) {
    if (valuesNotUtf8 == 0) return {"UTF-8", why + "; every value is valid UTF-8"};
    return {"GB18030", why + "; " + std::to_string(valuesNotUtf8) + (valuesNotUtf8 == 1 ? " value is" : " values are") +
                           " not UTF-8, so all text is read as GBK (GB18030)"};
}

std::string encodingForLanguageId(int ldid) {
    switch (ldid) {
    case 0: return "";
    case 1: return "CP437";
    case 2: return "CP850";
    case 3: return "CP1252";
    case 0x13: case 0x7B: return "CP932";
    case 0x4D: case 0x7A: return "CP936";
    case 0x4E: case 0x79: return "CP949";
    case 0x4F: case 0x78: return "CP950";
    case 0x50: case 0x7C: return "CP874";
    case 0x57: return "ISO-8859-1";
    case 0x58: return "CP1252";
    case 0x64: return "CP852";
    case 0x65: return "CP866";
    case 0x7D: return "CP1255";
    case 0x7E: return "CP1256";
    case 0xC8: return "CP1250";
    case 0xC9: return "CP1251";
    case 0xCA: return "CP1254";
    case 0xCB: return "CP1253";
    default: return "";
    }
}

// GDAL's own ENCODING_FROM_CPG / ENCODING_FROM_LDID are not used: its names differ from
// Cordon's (iconv's) in places, and the raw values make the clearer reason.
DeclaredEncoding declaredShapefileEncoding(OGRLayer& layer) {
    const char* cpgValue = layer.GetMetadataItem("CPG_VALUE", "SHAPEFILE");
    std::string text = cpgValue ? cpgValue : "";
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text = text.substr(3);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
    if (!text.empty()) {
        std::string candidate = text;
        // ESRI writes code pages as bare numbers ("936") or as "ANSI 936".
        if (candidate.rfind("ANSI ", 0) == 0) candidate = "CP" + candidate.substr(5);
        if (!candidate.empty() && std::all_of(candidate.begin(), candidate.end(), ::isdigit)) candidate = "CP" + candidate;
        try {
            return {normalizeEncoding(candidate), "from .cpg (" + text + ")"};
        } catch (const Error&) {
            // fall through to the language id
        }
    }
    if (const char* ldidValue = layer.GetMetadataItem("LDID_VALUE", "SHAPEFILE")) {
        int ldid = std::atoi(ldidValue);
        std::string enc = encodingForLanguageId(ldid);
        if (!enc.empty()) return {enc, "from DBF language id " + std::to_string(ldid)};
    }
    return {};
}

}  // namespace geo
