// CSV as it comes from the field: encodings, quoting, line ends, full-width digits, dates.
#include <doctest/doctest.h>

#include <fstream>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/io/table.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "test_support.hpp"

namespace {

std::string utf8Sample() {
    return "序号,村,经度,返乡日期,备注\n"
           "1,王茅村,111.70,2020-01-23,\"来自武汉, 居家隔离\"\n"
           "2,东垣村,111.71,2020/1/24,\"两行\n备注\"\n"
           "\n"
           "3,西垣村,１１１．７２,20200125,\"他说\"\"好\"\"\"\n";
}

void checkSample(const geo::Table& t) {
    REQUIRE(t.header.size() == 5);
    CHECK(t.header[1] == "村");
    REQUIRE(t.rowCount() == 3);
    CHECK(t.cell(0, 1) == "王茅村");
    CHECK(t.cell(0, 4) == "来自武汉, 居家隔离");
    CHECK(t.cell(1, 4) == "两行\n备注");
    CHECK(t.cell(2, 4) == "他说\"好\"");
    // Lines: the header is line 1; the record after the two-line field and a blank line is line 6.
    CHECK(t.line[0] == 2);
    CHECK(t.line[1] == 3);
    CHECK(t.line[2] == 6);
    double lon = 0;
    CHECK(geo::parseNumber(t.cell(2, 2), lon));
    CHECK(lon == doctest::Approx(111.72));
}

}  // namespace

TEST_CASE("CSV in UTF-8 with quoted commas, quotes, newlines and blank lines") {
    checkSample(geo::parseCsv(utf8Sample(), {}, "a.csv"));
}

TEST_CASE("CSV with a byte-order mark and CRLF line ends reads the same") {
    std::string crlf;
    for (char c : utf8Sample()) {
        if (c == '\n') crlf += "\r\n";
        else crlf += c;
    }
    geo::Table t = geo::parseCsv("\xEF\xBB\xBF" + crlf, {}, "b.csv");
    CHECK(t.encodingReason.find("byte-order") != std::string::npos);
    REQUIRE(t.rowCount() == 3);
    CHECK(t.header[0] == "序号");
    CHECK(t.cell(1, 4) == "两行\r\n备注");
    CHECK(t.line[2] == 6);
}

TEST_CASE("CSV in GBK is detected, and --encoding overrides detection") {
    geo::initGdal();
    char* raw = CPLRecode(utf8Sample().c_str(), CPL_ENC_UTF8, "CP936");
    std::string gbk = raw;
    CPLFree(raw);
    REQUIRE_FALSE(geo::isValidUtf8(gbk));
    geo::Table detected = geo::parseCsv(gbk, {}, "gbk.csv");
    CHECK(detected.encoding == "GB18030");
    checkSample(detected);
    geo::TableOptions o;
    o.encoding = "GBK";
    geo::Table forced = geo::parseCsv(gbk, o, "gbk.csv");
    CHECK(forced.encoding == "CP936");
    checkSample(forced);
}

TEST_CASE("column selection loads only the chosen columns") {
    geo::TableOptions o;
    o.select = [](const std::vector<std::string>& h) {
        std::vector<bool> keep(h.size(), false);
        keep[1] = true;
        return keep;
    };
    geo::Table t = geo::parseCsv(utf8Sample(), o, "a.csv");
    CHECK(t.isLoaded[1]);
    CHECK_FALSE(t.isLoaded[4]);
    CHECK(t.columns[4].chars.empty());
    CHECK(t.columns[1].size() == 3);
}

TEST_CASE("an unclosed quote is reported with the line it opened on") {
    std::string bad = "a,b\n1,2\n3,\"never closed\n4,5\n";
    try {
        geo::parseCsv(bad, {}, "bad.csv");
        FAIL("no error");
    } catch (const geo::Error& e) {
        CHECK(std::string(e.what()).find("bad.csv: line 3") != std::string::npos);
    }
}

TEST_CASE("short rows read as empty cells; tab-separated files work") {
    geo::Table t = geo::parseCsv("a\tb\tc\n1\t2\n", {}, "t.tsv");
    REQUIRE(t.rowCount() == 1);
    CHECK(t.cell(0, 1) == "2");
    CHECK(t.cell(0, 2).empty());
}

TEST_CASE("numbers with full-width digits and punctuation") {
    double v = 0;
    CHECK(geo::parseNumber("３５．２１", v));
    CHECK(v == doctest::Approx(35.21));
    CHECK(geo::parseNumber(" +111.5 ", v));
    CHECK(v == doctest::Approx(111.5));
    CHECK(geo::parseNumber("－３", v));
    CHECK(v == doctest::Approx(-3));
    CHECK_FALSE(geo::parseNumber("", v));
    CHECK_FALSE(geo::parseNumber("111.5度", v));
    CHECK_FALSE(geo::parseNumber("abc", v));
}

TEST_CASE("dates in every form the field writes") {
    int expected = geo::daysFromCivil(2020, 1, 23);
    CHECK(geo::formatDay(expected) == "2020-01-23");
    for (const char* text : {"2020-01-23", "2020/1/23", "2020.01.23", "20200123", "2020年1月23日", "２０２０－０１－２３",
                             "2020-01-23 08:30", "2020/01/23T00:00:00", "43853"}) {
        int day = 0;
        CAPTURE(text);
        CHECK(geo::parseDate(text, 0, day));
        CHECK(day == expected);
    }
    int day = 0;
    CHECK_FALSE(geo::parseDate("1月23日", 0, day));
    CHECK(geo::parseDate("1月23日", 2020, day));
    CHECK(day == expected);
    CHECK(geo::parseDate("１月２３日", 2020, day));
    CHECK(day == expected);
    CHECK_FALSE(geo::parseDate("2020-02-30", 0, day));
    CHECK_FALSE(geo::parseDate("2019-02-29", 0, day));
    CHECK(geo::parseDate("2020-02-29", 0, day));
    CHECK_FALSE(geo::parseDate("yesterday", 0, day));
    CHECK_FALSE(geo::parseDate("2020-01-23x", 0, day));
    int iso = 0;
    CHECK(geo::parseIsoDay("2020-02-29", iso));
    CHECK(geo::formatDay(iso) == "2020-02-29");
}

TEST_CASE("day numbers count calendar days: leap years, century rules, spreadsheet serials") {
    CHECK(geo::daysFromCivil(1970, 1, 1) == 0);
    CHECK(geo::daysFromCivil(2000, 3, 1) - geo::daysFromCivil(2000, 2, 28) == 2);  // 2000 is a leap year
    CHECK(geo::daysFromCivil(2100, 3, 1) - geo::daysFromCivil(2100, 2, 28) == 1);  // 2100 is not
    CHECK(geo::daysFromCivil(1900, 3, 1) - geo::daysFromCivil(1900, 2, 28) == 1);
    int day = 0;
    CHECK_FALSE(geo::parseDate("2100-02-29", 0, day));
    CHECK_FALSE(geo::parseDate("2020-04-31", 0, day));
    CHECK(geo::parseDate("36526", 0, day));  // spreadsheets' serial for 2000-01-01
    CHECK(geo::formatDay(day) == "2000-01-01");
    CHECK(geo::parseDate("44927", 0, day));
    CHECK(geo::formatDay(day) == "2023-01-01");
    // Every day from 1900 to 2200 reads back as itself, one after another with no gap.
    const int first = geo::daysFromCivil(1900, 1, 1), last = geo::daysFromCivil(2200, 12, 31);
    CHECK(last - first + 1 == 301 * 365 + 73);  // 73 leap days: 1904..2196 less 2100
    bool everyDay = true;
    for (int d = first; d <= last; ++d) {
        int back = 0;
        if (!geo::parseIsoDay(geo::formatDay(d), back) || back != d) everyDay = false;
    }
    CHECK(everyDay);
}

TEST_CASE("spreadsheets and point layers read through GDAL") {
    geo::initGdal();
    testing::TempDir dir;
    std::string path = dir / "sheet.xlsx";
    {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("XLSX");
        if (!drv) return;  // GDAL built without the XLSX driver
        GDALDatasetUniquePtr ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        REQUIRE(ds);
        OGRLayer* l = ds->CreateLayer("返乡", nullptr, wkbNone, nullptr);
        for (const char* f : {"村", "返乡日期", "来源地"}) {
            OGRFieldDefn fd(f, OFTString);
            REQUIRE(l->CreateField(&fd) == OGRERR_NONE);
        }
        const char* rows[][3] = {{"王茅村", "2020-01-23", "武汉"}, {"东垣", "2020/1/24", "省外"}};
        for (auto& row : rows) {
            OGRFeature f(l->GetLayerDefn());
            for (int i = 0; i < 3; ++i) f.SetField(i, row[i]);
            REQUIRE(l->CreateFeature(&f) == OGRERR_NONE);
        }
    }
    geo::Table t = geo::readTable(path, {});
    CHECK(t.format == "XLSX");
    REQUIRE(t.header.size() == 3);
    CHECK(t.header[0] == "村");
    REQUIRE(t.rowCount() == 2);
    CHECK(t.cell(1, 0) == "东垣");
    CHECK(t.line[1] == 3);  // sheet row, after the header row
    CHECK_FALSE(t.hasGeometry());

    std::string geojson = dir / "points.geojson";
    std::ofstream(geojson) << R"({"type":"FeatureCollection","features":[)"
                              R"({"type":"Feature","properties":{"日期":"2020-01-23"},"geometry":{"type":"Point","coordinates":[111.7,35.2]}}]})";
    geo::Table p = geo::readTable(geojson, {});
    REQUIRE(p.hasGeometry());
    REQUIRE(p.rowCount() == 1);
    CHECK(p.xy[0] == doctest::Approx(111.7));
    CHECK(p.xy[1] == doctest::Approx(35.2));
}
