// CSV parsing on raw bytes (the structural characters never occur inside GBK/GB18030 sequences),
// and GDAL tables for everything else.
#include "geo/io/table.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cpl_conv.h>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/io/register_guard.hpp"
#include "geo/io/table_builder.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

std::string lowerExtension(const std::string& path) {
    std::string e = fs::path(path).extension().string();
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// One field of the record being read: a view into the input, or into the unescaping scratch.
struct FieldRef {
    bool inScratch;
    size_t offset, size;
};

class CsvScanner {
public:
    CsvScanner(std::string_view text, char delimiter, const std::string& source)
        : s_(text), delim_(delimiter), source_(source) {
        for (char c : {delimiter, '\n', '\r'}) stops_[static_cast<unsigned char>(c)] = true;
    }

    // Reads the next record; false at the end. `startLine` is the line the record starts on.
    bool next(std::vector<std::string_view>& fields, int64_t& startLine) {
        if (pos_ >= s_.size()) return false;
        refs_.clear();
        scratch_.clear();
        startLine = line_;
        while (true) {
            readField();
            if (pos_ >= s_.size()) break;
            char c = s_[pos_];
            if (c == delim_) { ++pos_; if (pos_ >= s_.size()) { refs_.push_back({false, pos_, 0}); break; } continue; }
            endLine();
            break;
        }
        fields.clear();
        for (const FieldRef& r : refs_)
            fields.push_back(r.inScratch ? std::string_view(scratch_).substr(r.offset, r.size) : s_.substr(r.offset, r.size));
        return true;
    }

private:
    void endLine() {  // at \r or \n: consume CRLF, CR or LF
        if (s_[pos_] == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }
    void readField() {
        size_t start = pos_;
        if (pos_ < s_.size() && s_[pos_] == '"') {
            int64_t openedOn = line_;
            ++pos_;
            size_t contentStart = pos_;
            bool escaped = false;
            size_t scratchStart = scratch_.size();
            while (true) {
                if (pos_ >= s_.size())
                    throw Error(source_ + ": line " + std::to_string(openedOn) + ": a quoted field is never closed");
                char c = s_[pos_];
                if (c == '"') {
                    if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
                        if (!escaped) { scratch_.append(s_.substr(contentStart, pos_ - contentStart)); escaped = true; }
                        scratch_ += '"';
                        pos_ += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n' || (c == '\r' && !(pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n'))) ++line_;
                if (escaped) scratch_ += c;
                ++pos_;
            }
            size_t contentEnd = pos_;
            ++pos_;  // closing quote
            // Anything between the closing quote and the delimiter is kept as written.
            size_t tail = pos_;
            while (pos_ < s_.size() && s_[pos_] != delim_ && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
            std::string_view rest = trim(s_.substr(tail, pos_ - tail));
            if (!escaped && rest.empty()) {
                refs_.push_back({false, contentStart, contentEnd - contentStart});
                return;
            }
            if (!escaped) scratch_.append(s_.substr(contentStart, contentEnd - contentStart));
            scratch_.append(rest);
            refs_.push_back({true, scratchStart, scratch_.size() - scratchStart});
            return;
        }
        const size_t n = s_.size();
        while (pos_ < n && !stops_[static_cast<unsigned char>(s_[pos_])]) ++pos_;
        refs_.push_back({false, start, pos_ - start});
    }

    std::string_view s_;
    char delim_;
    const std::string& source_;
    size_t pos_ = 0;
    int64_t line_ = 1;
    std::vector<FieldRef> refs_;
    std::string scratch_;
    bool stops_[256] = {};  // characters that end an unquoted field
};

// The line (from 1) that holds byte `offset`: CRLF and LF count once, a lone CR counts too.
int64_t lineOf(std::string_view text, size_t offset) {
    int64_t line = 1;
    for (size_t i = 0; i < offset; ++i)
        if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) ++line;
    return line;
}

// UTF-8 text with a line of something else pasted in: the lines before the first invalid byte hold
// several multi-byte characters. (A GBK line seldom passes as UTF-8, four characters in a row never.)
bool isUtf8WithForeignLine(std::string_view text) {
    size_t bad = invalidUtf8Offset(text);
    std::string_view before = text.substr(0, text.find_last_of("\r\n", bad) + 1);
    auto leads = std::count_if(before.begin(), before.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0xC0; });
    return leads >= 4;
}

char guessDelimiter(std::string_view text) {
    std::string_view first = text.substr(0, text.find_first_of("\r\n"));
    size_t commas = static_cast<size_t>(std::count(first.begin(), first.end(), ','));
    size_t tabs = static_cast<size_t>(std::count(first.begin(), first.end(), '\t'));
    size_t semis = static_cast<size_t>(std::count(first.begin(), first.end(), ';'));
    if (tabs > commas && tabs >= semis) return '\t';
    if (semis > commas) return ';';
    return ',';
}

void prepareColumns(Table& t, const TableOptions& o) {
    t.isLoaded = o.select ? o.select(t.header) : std::vector<bool>(t.header.size(), true);
    t.isLoaded.resize(t.header.size(), false);
    t.columns.assign(t.header.size(), StringColumn{});
    for (size_t i = 0; i < t.header.size(); ++i) t.columns[i].name = t.header[i];
}

std::string identifyCrs(const OGRSpatialReference* srs) {
    if (!srs) return "";
    OGRSpatialReference copy(*srs);
    copy.AutoIdentifyEPSG();
    const char* auth = copy.GetAuthorityName(nullptr);
    const char* code = copy.GetAuthorityCode(nullptr);
    if (auth && code && std::string(auth) == "EPSG") return std::string("EPSG:") + code;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, options);
    std::string def = wkt ? wkt : "";
    CPLFree(wkt);
    return def;
}

// Sheet rows as cells (all read as text), through the same layout rules as a CSV.
Table readSpreadsheetRows(OGRLayer& layer, Table& t, const TableOptions& o) {
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    TableBuilder rows(t, o);
    std::vector<std::string> text;
    std::vector<std::string_view> cells;
    int64_t index = 0;
    for (auto& f : layer) {
        ++index;
        text.clear();
        for (int i = 0; i < defn->GetFieldCount(); ++i) text.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        cells.assign(text.begin(), text.end());
        rows.add(f->GetFID() > 0 ? f->GetFID() : index, cells);
    }
    rows.finish();
    if (!rows.hasHeader()) throw Error(t.source + ": empty sheet (no header row)");
    return std::move(t);
}

Table readGdalTable(const std::string& path, const TableOptions& o) {
    initGdal();
    std::string name = fs::path(path).filename().string();
    checkRegisterSize(path);
    // Spreadsheets: every row comes as data, and the header is found among them as in a CSV.
    CPLConfigOptionSetter xlsx("OGR_XLSX_HEADERS", "DISABLE", true);
    CPLConfigOptionSetter xls("OGR_XLS_HEADERS", "DISABLE", true);
    CPLConfigOptionSetter ods("OGR_ODS_HEADERS", "DISABLE", true);
    CPLConfigOptionSetter types("OGR_XLSX_FIELD_TYPES", "STRING", true);
    CPLConfigOptionSetter odsTypes("OGR_ODS_FIELD_TYPES", "STRING", true);
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    std::string enc = o.encoding.empty() ? "" : normalizeEncoding(o.encoding);
    std::string encOption = "ENCODING=" + enc;
    const char* openOptions[] = {enc.empty() ? nullptr : encOption.c_str(), nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(gdalPath(path).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                              enc.empty() ? nullptr : openOptions, nullptr));
    if (!ds) {
        std::error_code ec;
        if (!fs::exists(path, ec)) throw Error(name + ": no such file");
        throw Error(name + ": not a table or layer GDAL can read");
    }
    OGRLayer* layer = o.layerName.empty() ? ds->GetLayer(0) : ds->GetLayerByName(o.layerName.c_str());
    if (!layer) throw Error(name + (o.layerName.empty() ? ": holds no table" : ": no sheet or layer '" + o.layerName + "'"));
    Table t;
    t.source = name;
    t.format = ds->GetDriverName();
    bool spreadsheet = t.format == "XLSX" || t.format == "XLS" || t.format == "ODS";
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    // Text GDAL leaves undecoded (a DBF without .cpg or language id) gets one encoding for the
    // whole table, decided from every value before the header is read; spreadsheets are UTF-8.
    std::string decoder = "UTF-8";  // an --encoding goes to GDAL as the ENCODING open option
    if (enc.empty()) {
        int64_t notUtf8 = 0;
        for (int i = 0; i < defn->GetFieldCount(); ++i) notUtf8 += isValidUtf8(defn->GetFieldDefn(i)->GetNameRef()) ? 0 : 1;
        if (!spreadsheet) {
            for (auto& f : *layer)
                for (int i = 0; i < defn->GetFieldCount(); ++i)
                    if (f->IsFieldSetAndNotNull(i) && !isValidUtf8(f->GetFieldAsString(i))) ++notUtf8;
            layer->ResetReading();
        }
        UndeclaredDecision d = spreadsheet ? UndeclaredDecision{"UTF-8", t.format + " text is Unicode"}
                                           : decideUndeclared(notUtf8, t.format + " text without a declared encoding");
        t.encoding = d.encoding;
        t.encodingReason = d.reason;
        decoder = d.encoding;
    } else {
        t.encoding = enc;
        t.encodingReason = "set by --encoding";
    }
    if (spreadsheet) return readSpreadsheetRows(*layer, t, o);
    auto decode = [&](std::string_view v) { return decoder == "UTF-8" ? std::string(v) : recodeToUtf8(v, decoder); };
    for (int i = 0; i < defn->GetFieldCount(); ++i) t.header.push_back(decode(defn->GetFieldDefn(i)->GetNameRef()));
    prepareColumns(t, o);
    bool hasGeometry = layer->GetGeomType() != wkbNone;
    if (hasGeometry) t.geometryCrs = identifyCrs(layer->GetSpatialRef());
    if (hasGeometry && t.geometryCrs.empty()) t.geometryCrs = "EPSG:4326";
    int64_t index = 0;
    for (auto& f : *layer) {
        ++index;
        t.line.push_back(index);
        for (size_t i = 0; i < t.header.size(); ++i) {
            if (!t.isLoaded[i]) continue;
            int fi = static_cast<int>(i);
            t.columns[i].push(f->IsFieldSetAndNotNull(fi) ? f->GetFieldAsString(fi) : "");
        }
        if (hasGeometry) {
            const OGRGeometry* g = f->GetGeometryRef();
            if (g && !g->IsEmpty() && wkbFlatten(g->getGeometryType()) == wkbPoint) {
                const OGRPoint* p = g->toPoint();
                t.xy.push_back(p->getX());
                t.xy.push_back(p->getY());
            } else {
                t.xy.push_back(std::nan(""));
                t.xy.push_back(std::nan(""));
            }
        }
    }
    // Values are kept as read and decoded once the table is complete (repeats recoded once).
    if (decoder != "UTF-8") {
        std::vector<std::string> names = t.header;
        recodeColumnsToUtf8(t.columns, decoder);
        for (size_t i = 0; i < names.size(); ++i) t.columns[i].name = names[i];
    }
    return t;
}

}  // namespace

Table parseCsv(std::string_view bytes, const TableOptions& o, const std::string& sourceName) {
    Table t;
    t.source = sourceName;
    t.format = "CSV";
    std::string recoded;
    std::string_view text = bytes;
    bool hasBom = text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0;
    if (text.size() >= 2 && (std::memcmp(text.data(), "\xFF\xFE", 2) == 0 || std::memcmp(text.data(), "\xFE\xFF", 2) == 0))
        throw Error(sourceName + ": UTF-16 text; save it as CSV UTF-8 or GBK");
    std::string forced = o.encoding.empty() ? "" : normalizeEncoding(o.encoding);
    if (hasBom) text.remove_prefix(3);
    if (!forced.empty()) {
        t.encoding = forced;
        t.encodingReason = "set by --encoding";
    } else if (hasBom) {
        t.encoding = "UTF-8";
        t.encodingReason = "UTF-8 byte-order mark";
    } else if (isValidUtf8(text)) {
        t.encoding = "UTF-8";
        t.encodingReason = "valid UTF-8";
    } else if (isUtf8WithForeignLine(text)) {
        t.encoding = "UTF-8";
    } else {
        // GB18030 is a superset of GBK/CP936, so it reads either.
        t.encoding = "GB18030";
        t.encodingReason = "not valid UTF-8: read as GB18030 (GBK)";
    }
    if (size_t bad = t.encoding == "UTF-8" ? invalidUtf8Offset(text) : std::string_view::npos; bad != std::string_view::npos)
        throw Error(sourceName + ": line " + std::to_string(lineOf(text, bad)) + " is not UTF-8, though " +
                    (!forced.empty() ? "--encoding says the file is" : hasBom ? "the file starts with a UTF-8 mark" : "the lines before it are") +
                    "; save it again as UTF-8, or give --encoding GBK if it is all GBK");
    if (t.encoding != "UTF-8") {
        recoded = recodeToUtf8(text, t.encoding);
        text = recoded;
    }

    CsvScanner scan(text, guessDelimiter(text), sourceName);
    std::vector<std::string_view> fields;
    int64_t line = 0;
    TableBuilder rows(t, o);
    while (scan.next(fields, line)) rows.add(line, fields);
    rows.finish();
    bool haveHeader = rows.hasHeader();
    if (!haveHeader) throw Error(sourceName + ": empty file (no header line)");
    return t;
}

Table readTable(const std::string& path, const TableOptions& o) {
    std::string ext = lowerExtension(path);
    std::string name = fs::path(path).filename().string();
    if (ext == ".csv" || ext == ".tsv" || ext == ".txt") {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::error_code ec;
            throw Error(name + (fs::exists(path, ec) ? ": cannot be read" : ": no such file"));
        }
        in.seekg(0, std::ios::end);
        auto size = static_cast<size_t>(std::max<std::streamoff>(0, in.tellg()));
        in.seekg(0, std::ios::beg);
        // Not zero-filled first: the file can be large.
        std::unique_ptr<char[]> buffer(new char[size + 1]);
        if (size > 0 && !in.read(buffer.get(), static_cast<std::streamsize>(size))) throw Error(name + ": read failed");
        std::string_view bytes(buffer.get(), size);
        return parseCsv(bytes, o, name);
    }
    return readGdalTable(path, o);
}

}  // namespace geo
