// Inflates the XML parts of a spreadsheet register through GDAL's /vsizip/, counting bytes, rows
// and cell lengths, and stops at the first limit: what GDAL would build in memory, bounded first.
#include "geo/io/register_guard.hpp"

#include <algorithm>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <filesystem>
#include <memory>
#include <vector>

#include "geo/core/error.hpp"

namespace geo {
namespace {

std::string lowerExtension(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

bool endsWith(const std::string& s, const char* suffix) {
    std::string t = suffix;
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// Counts rows and the characters of the longest cell of an XLSX sheet or shared-strings part,
// or of ODS content, as the bytes stream by. Markup is not parsed, only walked.
class XmlPartScanner {
public:
    void feed(const char* p, size_t n) {
        for (size_t i = 0; i < n; ++i) step(static_cast<unsigned char>(p[i]));
    }
    int64_t rows = 0;          // <row> (XLSX) or <table:table-row> (ODS) elements
    int64_t longestCell = 0;   // characters of text in one <c>, <si> or <table:table-cell>
    int64_t longestTag = 0;    // bytes of the longest markup

private:
    void step(unsigned char b) {
        if (inTag_) {
            ++tagBytes_;
            longestTag = std::max(longestTag, tagBytes_);
            if (quote_) {
                if (b == quote_) quote_ = 0;
            } else if (b == '>') {
                endName();
                inTag_ = false;
            } else if (b == '"' || b == '\'') {
                endName();
                quote_ = b;
            } else if (inName_) {
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '/') endName();
                else if (name_.size() < 32) name_ += static_cast<char>(b);
            }
            return;
        }
        if (b == '<') {
            inTag_ = true;
            inName_ = true;
            name_.clear();
            tagBytes_ = 1;
            return;
        }
        // Text: an entity (&amp;) is one character, a UTF-8 sequence is one character.
        if (b == '&') inEntity_ = true;
        if (inEntity_) {
            if (b != ';') return;
            inEntity_ = false;
        } else if ((b & 0xC0) == 0x80) {
            return;
        }
        longestCell = std::max(longestCell, ++cellChars_);
    }
    void endName() {
        if (!inName_) return;
        inName_ = false;
        std::string_view local = name_;
        if (auto colon = local.rfind(':'); colon != std::string_view::npos) local.remove_prefix(colon + 1);
        if (local == "row" || local == "table-row") ++rows;
        if (local == "c" || local == "si" || local == "table-cell") cellChars_ = 0;
    }
    bool inTag_ = false, inName_ = false, inEntity_ = false;
    unsigned char quote_ = 0;
    std::string name_;
    int64_t tagBytes_ = 0;
    int64_t cellChars_ = 0;
};

std::string megabytes(int64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

struct VsiFileCloser {
    void operator()(VSILFILE* f) const { VSIFCloseL(f); }
};

}  // namespace

void checkRegisterSize(const std::string& path, const RegisterLimits& limits) {
    std::string ext = lowerExtension(path);
    if (ext != ".xlsx" && ext != ".xlsm" && ext != ".ods") return;
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    const std::string name = std::filesystem::path(path).filename().string();
    const std::string zip = "/vsizip/{" + path + "}";
    char** listed = VSIReadDirRecursive(zip.c_str());
    if (!listed) return;  // not a zip: GDAL will say what it is
    std::vector<std::string> parts;
    for (char** p = listed; *p; ++p) parts.emplace_back(*p);
    CSLDestroy(listed);
    if (static_cast<int64_t>(parts.size()) > limits.maxParts)
        throw Error(name + ": holds " + std::to_string(parts.size()) + " files inside; not a register (at most " +
                    std::to_string(limits.maxParts) + ")");
    auto refuse = [&](const std::string& why) { throw Error(name + ": " + why + "; refused before reading it"); };
    int64_t total = 0;
    std::vector<char> buffer(size_t{1} << 20);
    for (const std::string& part : parts) {
        if (!endsWith(part, ".xml") && !endsWith(part, ".rels")) continue;  // GDAL reads only the XML
        std::unique_ptr<VSILFILE, VsiFileCloser> f(VSIFOpenL((zip + "/" + part).c_str(), "rb"));
        if (!f) continue;
        XmlPartScanner scan;
        int64_t partBytes = 0;
        while (size_t got = VSIFReadL(buffer.data(), 1, buffer.size(), f.get())) {
            partBytes += static_cast<int64_t>(got);
            total += static_cast<int64_t>(got);
            if (partBytes > limits.maxPartBytes)
                refuse(part + " expands to over " + megabytes(limits.maxPartBytes) + " (split the register or save it as CSV)");
            if (total > limits.maxTotalBytes)
                refuse("expands to over " + megabytes(limits.maxTotalBytes) + " (split the register or save it as CSV)");
            scan.feed(buffer.data(), got);
            if (scan.rows > limits.maxRows)
                refuse(part + " holds over " + std::to_string(limits.maxRows) + " rows, more than Excel allows");
            if (scan.longestCell > limits.maxCellChars)
                refuse("a cell in " + part + " holds over " + std::to_string(limits.maxCellChars) +
                       " characters, more than Excel allows");
            if (scan.longestTag > 65536) refuse(part + " holds a tag of over 64 KB; not a spreadsheet");
        }
    }
}

}  // namespace geo
