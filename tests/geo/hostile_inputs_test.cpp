// Hostile and careless inputs: spreadsheet bombs are refused before GDAL inflates them, text
// that is not UTF-8 never reaches the workspace or the JSON, and each refusal says what is wrong.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <gdal_priv.h>
#include <iterator>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include "geo/io/table.hpp"
#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/core/json.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/io/register_guard.hpp"
#include "geo/plan/roster_export.hpp"
#include "geo/plan/scenario_store.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path hostile(const char* name) { return fs::path(CORDON_TEST_DATA) / "hostile" / name; }

std::string refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const geo::Error& e) {
        return e.what();
    }
    return "(accepted)";
}

std::string fileBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
}

std::string importRefusal(const testing::TempDir& tmp, const std::string& roads, const std::string& villages = "") {
    geo::ImportRequest req;
    req.workspacePath = tmp / "ws.gpkg";
    req.boundary = geo::LayerSource{(testing::demoDir() / "boundary.shp").string(), "", ""};
    req.roads = geo::LayerSource{roads, "", ""};
    if (!villages.empty()) req.villages = geo::LayerSource{villages, "", ""};
    return refusal([&] { geo::importWorkspace(req); });
}

}  // namespace

TEST_CASE("a clerk's spreadsheet register passes the size guard and reads as before") {
    geo::Table t = geo::readTable(hostile("register.xlsx").string(), {});
    // Without a header score the title row is the header; the 合计 row is skipped with a note.
    REQUIRE(t.rowCount() == 3);
    CHECK(t.cell(0, 0) == "村");
    CHECK(t.cell(1, 0) == "王茅村三组");
    CHECK(t.cell(2, 0) == "东垣村一组");
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0] == "line 5: total (合计) row skipped");
}

TEST_CASE("a register whose one cell inflates to 16 MB is refused before GDAL reads it") {
    // The reported case: 3 MB on disk, one shared string of 3 GB; this one is 18 KB on disk.
    std::string why = refusal([] { geo::readTable(hostile("cell-bomb.xlsx").string(), {}); });
    CHECK_MESSAGE(why.find("cell-bomb.xlsx: a cell in xl/sharedStrings.xml holds over 32767 characters") == 0, why);
}

TEST_CASE("a spreadsheet bomb described as a layer (cordon info) is refused the same way") {
    std::string why = refusal([] { geo::describeSource(hostile("cell-bomb.xlsx").string(), "", 2); });
    CHECK_MESSAGE(why.find("cell-bomb.xlsx: a cell in xl/sharedStrings.xml holds over 32767 characters") == 0, why);
}

TEST_CASE("a sheet of more rows than Excel allows is refused before GDAL reads it") {
    std::string why = refusal([] { geo::readTable(hostile("many-rows.xlsx").string(), {}); });
    CHECK_MESSAGE(why.find("many-rows.xlsx: xl/worksheets/sheet1.xml holds over 1048576 rows") == 0, why);
}

TEST_CASE("the size guard counts what the zip inflates to, not what its directory claims") {
    testing::TempDir tmp;
    // The directory says the 16 MB shared strings are 1000 bytes; GDAL would read all 16 MB.
    std::string bytes = fileBytes(hostile("cell-bomb.xlsx"));
    const std::string part = "xl/sharedStrings.xml";
    int patched = 0;
    for (size_t at = bytes.find(part); at != std::string::npos; at = bytes.find(part, at + 1)) {
        const uint32_t claimed = 1000;
        if (at >= 30 && bytes.compare(at - 30, 4, "PK\x03\x04") == 0) std::memcpy(&bytes[at - 30 + 22], &claimed, 4), ++patched;
        if (at >= 46 && bytes.compare(at - 46, 4, "PK\x01\x02") == 0) std::memcpy(&bytes[at - 46 + 24], &claimed, 4), ++patched;
    }
    REQUIRE(patched == 2);
    const fs::path lying = tmp.path() / "lying.xlsx";
    writeFile(lying, bytes);
    geo::RegisterLimits limits;
    limits.maxCellChars = int64_t{1} << 40;  // only the size limit
    limits.maxPartBytes = int64_t{1} << 20;
    std::string why = refusal([&] { geo::checkRegisterSize(lying.string(), limits); });
    CHECK_MESSAGE(why.find("lying.xlsx: xl/sharedStrings.xml expands to over 1 MB") == 0, why);
    CHECK_NOTHROW(geo::checkRegisterSize(hostile("register.xlsx").string(), limits));
}

TEST_CASE("text with UTF-16 surrogates or overlong forms is not taken as UTF-8") {
    // The CSV detector once accepted what the strict validator refuses, and stored the bytes as they were.
    std::string csv = "village,date\n\xED\xA0\x81\xE0\x81\x81,2020-01-23\n";
    geo::Table t = geo::parseCsv(csv, {}, "surrogates.csv");
    CHECK(t.encoding != "UTF-8");
    for (size_t r = 0; r < t.rowCount(); ++r) CHECK(geo::isValidUtf8(t.cell(r, 0)));
    // Under a header of real UTF-8 text, such a line is named.
    std::string why = refusal([&] { geo::parseCsv("村,返乡日期\n" + csv.substr(csv.find('\n') + 1), {}, "surrogates.csv"); });
    CHECK_MESSAGE(why.find("surrogates.csv: line 2 is not UTF-8") == 0, why);
}

TEST_CASE("a UTF-8 register with one line pasted from a GBK file names that line") {
    std::string csv = "序号,村,返乡日期,来源地\n1,王茅村三组,2020-01-23,武汉\n2,\xB6\xAB\xD4\xAB\xB4\xE5,2020-01-24,\xCE\xE4\xBA\xBA\n";
    std::string why = refusal([&] { geo::parseCsv(csv, {}, "returnees.csv"); });
    CHECK_MESSAGE(why.find("returnees.csv: line 3 is not UTF-8") == 0, why);
    // So is a GBK line in a file that --encoding or a byte-order mark says is UTF-8.
    geo::TableOptions utf8;
    utf8.encoding = "UTF-8";
    why = refusal([&] { geo::parseCsv(csv, utf8, "returnees.csv"); });
    CHECK_MESSAGE(why.find("returnees.csv: line 3 is not UTF-8, though --encoding says the file is") == 0, why);
    why = refusal([&] { geo::parseCsv("\xEF\xBB\xBF" + csv, {}, "returnees.csv"); });
    CHECK_MESSAGE(why.find("returnees.csv: line 3 is not UTF-8, though the file starts with a UTF-8 mark") == 0, why);
    // All GBK is still read as GBK.
    geo::Table gbk = geo::parseCsv("\xB4\xE5,\xC8\xD5\xC6\xDA\n\xB6\xAB\xD4\xAB\xB4\xE5,1\n", {}, "gbk.csv");
    CHECK(gbk.cell(0, 0) == "东垣村");
}

TEST_CASE("JSON output is valid UTF-8 whatever bytes a string holds") {
    geo::JsonWriter j;
    j.beginObject().key("name").value(std::string("bad\xff\xfe") + "方案").endObject();
    CHECK(geo::isValidUtf8(j.str()));
    CHECK(j.str() == "{\"name\":\"bad\xEF\xBF\xBD\xEF\xBF\xBD方案\"}");
}

TEST_CASE("names that are not UTF-8 are refused before they are stored") {
    testing::TempDir tmp;
    std::string path = testing::demoWorkspaceCopy(tmp);
    auto ws = geo::Workspace::open(path);
    auto store = geo::openSqliteScenarioStore(ws);
    std::string why = refusal([&] { store->createScenario("bad\xff", geo::ScenarioParams{}); });
    CHECK_MESSAGE(why == "scenario name is not valid UTF-8 (byte 4, after 'bad'); give it as UTF-8 text", why);
    CHECK(store->listScenarios().empty());
    int64_t id = store->createScenario("方案一", geo::ScenarioParams{});
    CHECK(refusal([&] { store->renameScenario("方案一", "\xC0\xAF"); }).find("scenario name is not valid UTF-8") == 0);
    geo::Checkpoint c = testing::checkpointAt(0, 0);
    c.leader = "\xCD\xF5";  // 王 in GBK
    CHECK(refusal([&] { store->addCheckpoint(id, c); }).find("checkpoint text is not valid UTF-8") == 0);
    CHECK(store->checkpoints(id).empty());
}

TEST_CASE("a village layer with one point at 1e308 is refused for its coordinates, not its geometry type") {
    testing::TempDir tmp;
    writeFile(tmp.path() / "villages.geojson",
              R"({"type":"FeatureCollection","features":[)"
              R"({"type":"Feature","properties":{"名称":"王茅村"},"geometry":{"type":"Point","coordinates":[111.70,35.20]}},)"
              R"({"type":"Feature","properties":{"名称":"东垣村"},"geometry":{"type":"Point","coordinates":[1e308,35.2]}}]})");
    std::string why = importRefusal(tmp, (testing::demoDir() / "roads.shp").string(), tmp / "villages.geojson");
    CHECK_MESSAGE(why.find("villages.geojson: coordinates") == 0, why);
    CHECK_MESSAGE(why.find("far outside any sane range") != std::string::npos, why);
}

TEST_CASE("roads that all lie outside the township boundary are refused with the distance") {
    testing::TempDir tmp;
    // The demo boundary ends at 111.7725E; this county road runs 2.5-7 km east of it.
    writeFile(tmp.path() / "roads.geojson",
              R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X513县道","class":"county"},)"
              R"("geometry":{"type":"LineString","coordinates":[[111.80,35.20],[111.85,35.22]]}}]})");
    std::string why = importRefusal(tmp, tmp / "roads.geojson");
    CHECK_MESSAGE(why.find("roads.geojson: no road reaches the township boundary of boundary.shp (the nearest is about ") == 0, why);
    CHECK_MESSAGE(why.find(" km outside it)") != std::string::npos, why);
    CHECK_FALSE(fs::exists(tmp.path() / "ws.gpkg"));
}

TEST_CASE("a .cpg that says UTF-16 over GBK text is ignored with a warning, and the names read right") {
    testing::TempDir tmp;
    geo::initGdal();
    {
        GDALDatasetUniquePtr src(GDALDataset::Open((testing::demoDir() / "roads.shp").string().c_str(), GDAL_OF_VECTOR));
        GDALDriver* shp = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
        GDALDatasetUniquePtr out(shp->Create((tmp / "roads.shp").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        const char* options[] = {"ENCODING=CP936", nullptr};
        REQUIRE(out->CopyLayer(src->GetLayer(0), "roads", const_cast<char**>(options)) != nullptr);
    }
    writeFile(tmp.path() / "roads.cpg", "UTF-16");
    geo::ReadOptions o;
    o.kind = geo::GeomKind::Line;
    geo::ReadReport expectedReport, report;
    geo::Layer expected = geo::readLayer((testing::demoDir() / "roads.shp").string(), o, expectedReport);
    geo::Layer roads = geo::readLayer(tmp / "roads.shp", o, report);
    REQUIRE(report.warnings.size() >= 1);
    CHECK_MESSAGE(report.warnings.front().find("UTF-16 from .cpg (UTF-16) ignored") != std::string::npos, report.warnings.front());
    REQUIRE(roads.featureCount() == expected.featureCount());
    int name = expected.fieldIndex("名称");
    REQUIRE(name >= 0);
    CHECK(geo::isValidUtf8(expected.attr(0, name)));
    for (size_t f = 0; f < roads.featureCount(); ++f) CHECK(roads.attr(f, name) == expected.attr(f, name));
}

TEST_CASE("exports are valid UTF-8 even from a workspace that holds text that is not") {
    // What a workspace written before names were checked (or edited by hand) can hold.
    testing::TempDir tmp;
    geo::Scenario s;
    s.name = "方案\xFF";
    geo::Checkpoint c = testing::checkpointAt(500000, 3900000);
    c.name = "bad\xFFname";
    c.notes = "\xC0\xAF";
    s.checkpoints.push_back(c);
    for (auto [format, file] : {std::pair{geo::ExportFormat::GeoJson, "roster.geojson"}, std::pair{geo::ExportFormat::Csv, "roster.csv"},
                                std::pair{geo::ExportFormat::Kml, "roster.kml"}}) {
        CAPTURE(file);
        geo::exportRoster(s, 4546, format, tmp / file);
        std::string bytes = fileBytes(tmp.path() / file);
        CHECK(geo::isValidUtf8(bytes));
        CHECK(bytes.find("bad\xEF\xBF\xBDname") != std::string::npos);
    }
}

TEST_CASE("a road whose geometry is damaged in the workspace is left out with a warning naming it") {
    testing::TempDir tmp;
    std::string path = testing::demoWorkspaceCopy(tmp);
    size_t before = 0;
    {
        auto ws = geo::Workspace::open(path);
        before = ws.readLayer("roads").featureCount();
        CHECK(geo::damageWarnings(ws).empty());
        // What a crashed editor or a bad copy leaves: a blob cut after its GeoPackage header.
        char* error = nullptr;
        // (GDAL's R-tree triggers call spatial SQL functions a plain SQLite lacks: the tool that did this had none.)
        const char* sql =
            "DROP TRIGGER rtree_roads_geom_update1; DROP TRIGGER rtree_roads_geom_update2; DROP TRIGGER rtree_roads_geom_update3;"
            "DROP TRIGGER rtree_roads_geom_update4; UPDATE roads SET geom = substr(geom, 1, 12) WHERE fid = 3";
        REQUIRE_MESSAGE(sqlite3_exec(ws.db(), sql, nullptr, nullptr, &error) == SQLITE_OK, (error ? error : ""));
    }
    auto ws = geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
    CHECK(ws.readLayer("roads").featureCount() == before - 1);
    CHECK(ws.unreadableRows("roads") == std::vector<int64_t>{3});
    std::vector<std::string> warnings = geo::damageWarnings(ws);
    REQUIRE(warnings.size() == 1);
    CHECK_MESSAGE(warnings[0].find("roads: 1 row with a damaged geometry left out (fid 3)") == 0, warnings[0]);
}
