// One encoding per layer: a GBK shapefile without .cpg or language id whose values are partly
// valid UTF-8 byte sequences by chance (支路, 太平路, 医苑路) is read as GBK throughout.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/io/table.hpp"
#include "geo/core/encoding.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/io/road_class.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

// GBK bytes as a county survey's DBF holds them. The first three happen to be valid UTF-8.
const char* const kZhilu = "\xD6\xA7\xC2\xB7";               // 支路 (reads as "֧·" in UTF-8)
const char* const kTaipinglu = "\xCC\xAB\xC6\xBD\xC2\xB7";   // 太平路 ("̫ƽ·")
const char* const kYiyuanlu = "\xD2\xBD\xD4\xB7\xC2\xB7";    // 医苑路 ("ҽԷ·")
const char* const kGuodao = "\xB9\xFA\xB5\xC0";              // 国道 (not UTF-8)
const char* const kXiangdao = "\xCF\xE7\xB5\xC0";            // 乡道 (not UTF-8)
const char* const kNameField = "\xC3\xFB\xB3\xC6";           // 名称 (not UTF-8)
const char* const kClassField = "\xB5\xC8\xBC\xB6";          // 等级 (not UTF-8)

// Roads (or points) with raw GBK attributes, no .cpg and language id 0, as old GIS exports are.
void writeGbkShapefile(const std::string& shp, OGRwkbGeometryType type,
                       const std::vector<std::pair<const char*, const char*>>& rows, const char* nameField = kNameField,
                       const char* classField = kClassField) {
    geo::initGdal();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    REQUIRE(drv);
    GDALDatasetUniquePtr ds(drv->Create(shp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const char* layerOptions[] = {"ENCODING=", nullptr};
    OGRLayer* l = ds->CreateLayer("roads", &wgs84, type, const_cast<char**>(layerOptions));
    REQUIRE(l);
    OGRFieldDefn name(nameField, OFTString), cls(classField, OFTString);
    REQUIRE(l->CreateField(&name) == OGRERR_NONE);
    REQUIRE(l->CreateField(&cls) == OGRERR_NONE);
    double x = 111.0;
    for (const auto& [n, c] : rows) {
        OGRFeature f(l->GetLayerDefn());
        f.SetField(0, n);
        f.SetField(1, c);
        if (type == wkbPoint) {
            OGRPoint p(x, 35.0);
            f.SetGeometry(&p);
        } else {
            OGRLineString line;
            line.addPoint(x, 35.0);
            line.addPoint(x + 0.001, 35.001);
            f.SetGeometry(&line);
        }
        x += 0.002;
        REQUIRE(l->CreateFeature(&f) == OGRERR_NONE);
    }
    ds.reset();
    fs::path p(shp);
    fs::remove(fs::path(p).replace_extension(".cpg"));
    std::fstream dbf(fs::path(p).replace_extension(".dbf"), std::ios::in | std::ios::out | std::ios::binary);
    dbf.seekp(29);
    dbf.put('\0');
}

const std::vector<std::pair<const char*, const char*>> kRoads = {
    {kZhilu, kZhilu}, {kTaipinglu, kZhilu}, {kYiyuanlu, kXiangdao}, {"G344", kGuodao}};

}  // namespace

TEST_CASE("an undeclared GBK layer is decoded as GBK throughout, values that look like UTF-8 included") {
    testing::TempDir tmp;
    const std::string shp = tmp / "roads.shp";
    writeGbkShapefile(shp, wkbLineString, kRoads);
    REQUIRE(geo::isValidUtf8(kZhilu));  // the trap: these bytes pass as UTF-8 on their own
    REQUIRE(geo::isValidUtf8(kTaipinglu));
    REQUIRE(geo::isValidUtf8(kYiyuanlu));

    geo::ReadOptions o;
    geo::ReadReport r;
    geo::Layer l = geo::readLayer(shp, o, r);
    REQUIRE(l.featureCount() == 4);
    int name = l.fieldIndex("名称"), cls = l.fieldIndex("等级");
    REQUIRE(name >= 0);
    REQUIRE(cls >= 0);
    CHECK(l.attr(0, name) == "支路");
    CHECK(l.attr(1, name) == "太平路");
    CHECK(l.attr(2, name) == "医苑路");
    CHECK(l.attr(3, name) == "G344");
    CHECK(l.attr(0, cls) == "支路");
    CHECK(l.attr(3, cls) == "国道");
    // The class comes back with the text: 支路 is a village-level road, not "other".
    CHECK(geo::classifyRoad(l.attr(0, cls)) == geo::RoadClass::Village);
    CHECK(geo::classifyRoad(l.attr(1, cls)) == geo::RoadClass::Village);
    CHECK(geo::classifyRoad(l.attr(2, cls)) == geo::RoadClass::Township);
    // Said once, in the encoding line, not as a per-value warning.
    CHECK(r.encoding == "GB18030");
    CHECK(r.encodingReason.find("GBK") != std::string::npos);
    CHECK(r.encodingReason.find("no .cpg") != std::string::npos);
    for (const auto& w : r.warnings) CHECK(w.find("GBK") == std::string::npos);

    // `info` decides the same way, for field names and sample rows.
    geo::SourceInfo info = geo::describeSource(shp, "", 4);
    REQUIRE(info.layers.size() == 1);
    const geo::LayerInfo& li = info.layers[0];
    CHECK(li.encoding == "GB18030");
    CHECK(li.encodingReason.find("GBK") != std::string::npos);
    REQUIRE(li.fields.size() == 2);
    CHECK(li.fields[0].name == "名称");
    REQUIRE(li.sampleRows.size() == 4);
    CHECK(li.sampleRows[0][0] == "支路");
    CHECK(li.sampleRows[1][0] == "太平路");
    CHECK(li.sampleRows[2][0] == "医苑路");
    for (const auto& p : li.problems) CHECK(p.find("GBK") == std::string::npos);
}

TEST_CASE("an undeclared layer whose every value is UTF-8 stays UTF-8, and an override still wins") {
    testing::TempDir tmp;
    const std::string shp = tmp / "roads.shp";
    writeGbkShapefile(shp, wkbLineString, {{"支路", "村道"}, {"G344", "国道"}}, "名称", "等级");
    geo::ReadOptions o;
    geo::ReadReport r;
    geo::Layer l = geo::readLayer(shp, o, r);
    CHECK(r.encoding == "UTF-8");
    CHECK(l.attr(0, l.fieldIndex("名称")) == "支路");

    const std::string gbk = tmp / "gbk.shp";
    writeGbkShapefile(gbk, wkbLineString, kRoads);
    o.encoding = "UTF-8";
    geo::ReadReport forced;
    geo::Layer raw = geo::readLayer(gbk, o, forced);
    CHECK(forced.encoding == "UTF-8");
    CHECK(forced.encodingReason == "set by --encoding");
}

TEST_CASE("a register read through GDAL from an undeclared GBK DBF gets one encoding too") {
    testing::TempDir tmp;
    const std::string shp = tmp / "register.shp";
    writeGbkShapefile(shp, wkbPoint, kRoads);
    geo::Table t = geo::readTable(shp, {});
    REQUIRE(t.header.size() == 2);
    CHECK(t.header[0] == "名称");
    REQUIRE(t.rowCount() == 4);
    CHECK(t.cell(0, 0) == "支路");
    CHECK(t.cell(1, 0) == "太平路");
    CHECK(t.cell(2, 0) == "医苑路");
    CHECK(t.cell(3, 1) == "国道");
    CHECK(t.encoding == "GB18030");
}

TEST_CASE("a CSV register without a declared encoding is decided for the whole file") {
    // GBK bytes throughout: the village 支路村 alone would pass as UTF-8.
    std::string csv = std::string("village,date\n") + kZhilu + "\xB4\xE5" + ",2020-01-23\n" + kGuodao + ",2020-01-24\n";
    geo::Table t = geo::parseCsv(csv, {}, "r.csv");
    CHECK(t.encoding == "GB18030");
    CHECK(t.cell(0, 0) == "支路村");
    CHECK(t.cell(1, 0) == "国道");
}
