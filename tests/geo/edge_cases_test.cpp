// Sources nobody here made (GDAL's own edge-case shapefiles) and damaged workspaces: every one is
// read with a correct account of what was skipped, or refused with one line naming the file.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "geo/core/encoding.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/workspace/workspace.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path edgeCases() {
    fs::path real = testing::realData();
    return real.empty() ? fs::path() : real / "gdal-edge-cases";
}

bool isSource(const fs::path& p) {
    std::string name = p.filename().string();
    auto endsWith = [&](const std::string& s) { return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0; };
    return endsWith(".shp") || endsWith(".dbf") || endsWith(".zip") || endsWith(".tar") || endsWith(".tar.gz") || endsWith(".vrt");
}

std::vector<fs::path> edgeCaseSources() {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(edgeCases()))
        if (e.is_regular_file() && isSource(e.path())) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// A refusal is one line that names the file.
void checkRefusal(const geo::Error& e, const fs::path& source) {
    std::string what = e.what();
    CHECK_MESSAGE(what.find('\n') == std::string::npos, what);
    CHECK_MESSAGE(what.find(source.filename().string()) != std::string::npos, what);
}

geo::ReadReport readAs(const fs::path& source, geo::GeomKind kind, geo::Layer* out = nullptr) {
    geo::ReadOptions o;
    o.kind = kind;
    geo::ReadReport r;
    geo::Layer l = geo::readLayer(source.string(), o, r);
    if (out) *out = std::move(l);
    return r;
}

std::string fileBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("every GDAL edge-case source is described or refused with one line naming it") {
    REQUIRE_FALSE(edgeCases().empty());
    for (const fs::path& source : edgeCaseSources()) {
        CAPTURE(source);
        try {
            geo::SourceInfo info = geo::describeSource(source.string(), "", 3);
            CHECK(!info.layers.empty());
            for (const auto& l : info.layers) {
                for (const auto& row : l.sampleRows) CHECK(row.size() == l.fields.size());
                for (const auto& p : l.problems) CHECK(p.find('\n') == std::string::npos);
            }
        } catch (const geo::Error& e) {
            checkRefusal(e, source);
        }
        for (geo::GeomKind kind : {geo::GeomKind::Point, geo::GeomKind::Line, geo::GeomKind::Polygon}) {
            try {
                geo::Layer layer;
                geo::ReadReport r = readAs(source, kind, &layer);
                // Every feature read is either kept or counted under one reason.
                CHECK(r.featuresKept + r.skipped() == r.featuresRead);
                CHECK(static_cast<int64_t>(layer.featureCount()) == r.featuresKept);
                for (double v : layer.xy) REQUIRE(std::isfinite(v));
                for (const auto& f : layer.fields) CHECK(f.size() == layer.featureCount());
            } catch (const geo::Error& e) {
                checkRefusal(e, source);
            }
        }
    }
}

TEST_CASE("corrupt, empty and NaN shapefile records are counted as what they are") {
    REQUIRE_FALSE(edgeCases().empty());
    const fs::path shp = edgeCases() / "shp";
    struct Case { const char* file; geo::GeomKind kind; };
    // GDAL answers "Corrupted .shp file" and a NULL geometry for these.
    for (Case c : {Case{"buggypoint.shp", geo::GeomKind::Point}, Case{"buggymultipoint.shp", geo::GeomKind::Point},
                   Case{"buggymultiline.shp", geo::GeomKind::Line}, Case{"buggymultipoly.shp", geo::GeomKind::Polygon},
                   Case{"buggymultipoly2.shp", geo::GeomKind::Polygon}}) {
        CAPTURE(c.file);
        geo::ReadReport r = readAs(shp / c.file, c.kind);
        CHECK(r.featuresRead == 1);
        CHECK(r.malformedGeometries == 1);
        CHECK(r.nullGeometries == 0);
        geo::SourceInfo info = geo::describeSource((shp / c.file).string(), "");
        const auto& problems = info.layers.at(0).problems;
        CHECK(std::any_of(problems.begin(), problems.end(), [](const std::string& p) { return p == "1 corrupt records"; }));
    }
    // Records with a shape type but no parts or points: empty, not missing.
    for (Case c : {Case{"emptymultipoint.shp", geo::GeomKind::Point}, Case{"emptymultiline.shp", geo::GeomKind::Line},
                   Case{"emptymultipoly.shp", geo::GeomKind::Polygon}}) {
        CAPTURE(c.file);
        geo::ReadReport r = readAs(shp / c.file, c.kind);
        CHECK(r.featuresRead == 1);
        CHECK(r.emptyGeometries == 1);
        CHECK(r.nullGeometries + r.malformedGeometries == 0);
    }
    // One real point and one NaN point: the NaN one is skipped and counted, the other kept.
    {
        geo::Layer l;
        geo::ReadReport r = readAs(shp / "pointnan.shp", geo::GeomKind::Point, &l);
        CHECK(r.featuresRead == 2);
        CHECK(r.featuresKept == 1);
        CHECK(r.emptyGeometries == 1);
        REQUIRE(l.vertexCount() == 1);
        CHECK(l.xy[0] == doctest::Approx(7.447819));
        CHECK(l.xy[1] == doctest::Approx(46.94782));
    }
    // A .dbf without its .shp: rows of attributes only, every one counted as without geometry.
    {
        geo::ReadReport r = readAs(shp / "facility_surface_dd.dbf", geo::GeomKind::Point);
        CHECK(r.featuresRead == 159);
        CHECK(r.nullGeometries == 159);
    }
    // Header type disagreeing with its records: only the records of the asked kind are kept.
    {
        geo::ReadReport lines = readAs(shp / "mixed_shape_type_non_conformant.shp", geo::GeomKind::Line);
        geo::ReadReport polys = readAs(shp / "mixed_shape_type_non_conformant.shp", geo::GeomKind::Polygon);
        CHECK(lines.featuresRead == polys.featuresRead);
        CHECK(lines.featuresKept > 0);
        CHECK(polys.featuresKept > 0);
        CHECK(lines.wrongTypeGeometries > 0);
    }
}

TEST_CASE("text in odd encodings is decoded by what the file declares") {
    REQUIRE_FALSE(edgeCases().empty());
    const fs::path shp = edgeCases() / "shp";
    // GBK declared only by DBF language id 77: the field and its value are both 中国.
    geo::SourceInfo chinese = geo::describeSource((shp / "chinese.dbf").string(), "", 1);
    REQUIRE(chinese.layers.size() == 1);
    const geo::LayerInfo& l = chinese.layers[0];
    CHECK(l.encoding == "CP936");
    CHECK(l.encodingReason.find("77") != std::string::npos);
    REQUIRE(l.fields.size() == 1);
    CHECK(l.fields[0].name == "中国");
    REQUIRE(l.sampleRows.size() == 1);
    CHECK(l.sampleRows[0][0] == "中国");
    // Latin-1 by language id 87: the field name carries an e acute.
    geo::SourceInfo departs = geo::describeSource((shp / "departs.shp").string(), "");
    CHECK(departs.layers.at(0).encoding == "ISO-8859-1");
    bool accented = false;
    for (const auto& f : departs.layers[0].fields) accented |= f.name == "NOMDéPART";
    CHECK(accented);
    // A .cpg saying UTF-8.
    geo::SourceInfo path = geo::describeSource((edgeCases() / "utilities" / "path.shp").string(), "");
    CHECK(path.layers.at(0).encoding == "UTF-8");
    CHECK(path.layers[0].encodingReason.find(".cpg") != std::string::npos);
}

TEST_CASE("zipped and tarred shapefiles read like the plain one") {
    REQUIRE_FALSE(edgeCases().empty());
    const fs::path shp = edgeCases() / "shp";
    geo::Layer plain;
    geo::ReadReport p = readAs(shp / "testshp" / "poly.shp", geo::GeomKind::Polygon, &plain);
    REQUIRE(p.featuresKept > 0);
    for (const char* archive : {"poly.zip", "poly.tar", "poly.tar.gz"}) {
        CAPTURE(archive);
        geo::Layer l;
        geo::ReadReport r = readAs(shp / archive, geo::GeomKind::Polygon, &l);
        CHECK(r.featuresKept == p.featuresKept);
        CHECK(l.vertexCount() == plain.vertexCount());
    }
}

TEST_CASE("missing companion files and impossible coordinates are refused with the reason") {
    REQUIRE_FALSE(edgeCases().empty());
    const fs::path shp = edgeCases() / "shp";
    CHECK_THROWS_WITH_AS(readAs(edgeCases() / "derived_missing_shx" / "can_caps_noshx.shp", geo::GeomKind::Point),
                         doctest::Contains(".shx index file is missing"), geo::Error);
    // A .shp without .dbf still reads: geometry without attributes.
    geo::ReadReport noDbf = readAs(shp / "test3356.shp", geo::GeomKind::Polygon);
    CHECK(noDbf.featuresKept > 0);
    CHECK_THROWS_WITH_AS(readAs(shp / "bigoffset.shp", geo::GeomKind::Polygon), doctest::Contains("far outside any sane range"),
                         geo::Error);
    CHECK_THROWS_WITH_AS(readAs(shp / "testpoly.shp", geo::GeomKind::Polygon), doctest::Contains("not longitude/latitude"),
                         geo::Error);
    geo::ReadReport none = readAs(shp / "extentnan.shp", geo::GeomKind::Polygon);
    CHECK(none.featuresRead == 0);
}

TEST_CASE("importing each edge-case source as roads either succeeds with its report or leaves nothing") {
    REQUIRE_FALSE(edgeCases().empty());
    testing::TempDir tmp;
    const std::string demoBoundary = (testing::demoDir() / "boundary.shp").string();
    for (const fs::path& source : edgeCaseSources()) {
        CAPTURE(source);
        geo::ImportRequest req;
        req.workspacePath = tmp / "ws.gpkg";
        req.replace = true;
        req.boundary = geo::LayerSource{demoBoundary, "", ""};
        req.roads = geo::LayerSource{source.string(), "", ""};
        fs::remove(tmp.path() / "ws.gpkg");
        try {
            geo::ImportReport report = geo::importWorkspace(req);
            auto ws = geo::Workspace::open(tmp / "ws.gpkg", geo::Workspace::Mode::ReadOnly);
            geo::Layer roads = ws.readLayer("roads");
            int64_t kept = -1;
            for (const auto& [role, r] : report.layers)
                if (role == "roads") kept = r.featuresKept;
            CHECK(static_cast<int64_t>(roads.featureCount()) == kept);
        } catch (const geo::Error& e) {
            checkRefusal(e, source);
            CHECK_FALSE(fs::exists(tmp.path() / "ws.gpkg"));
        }
        // Nothing else is ever left beside the workspace.
        for (const auto& e : fs::directory_iterator(tmp.path()))
            CHECK((e.path().filename() == "ws.gpkg" || e.path().filename() == "road.geojson"));
    }
}

// A road along the diagonal of the source's extent (in lon/lat), so the roads reach the boundary
// being tested (roads that reach no boundary are refused); the demo roads when it has no extent.
std::string roadAcross(const fs::path& source, const std::string& out) {
    geo::Bbox b;
    try {
        geo::ReadOptions o;
        o.kind = geo::GeomKind::Polygon;
        o.targetEpsg = 4326;
        geo::ReadReport r;
        b = geo::readLayer(source.string(), o, r).bbox();
    } catch (const geo::Error&) {
    }
    if (b.isEmpty()) return (testing::demoDir() / "roads.shp").string();
    char json[400];
    std::snprintf(json, sizeof json,
                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"across"},)"
                  R"("geometry":{"type":"LineString","coordinates":[[%.9f,%.9f],[%.9f,%.9f]]}}]})",
                  b.minX, b.minY, b.maxX, b.maxY);
    std::ofstream(out) << json;
    return out;
}

TEST_CASE("polygon edge-case sources used as the boundary import or are refused cleanly") {
    REQUIRE_FALSE(edgeCases().empty());
    testing::TempDir tmp;
    int imported = 0;
    for (const fs::path& source : edgeCaseSources()) {
        CAPTURE(source);
        geo::ImportRequest req;
        req.workspacePath = tmp / "ws.gpkg";
        req.replace = true;
        req.boundary = geo::LayerSource{source.string(), "", ""};
        req.roads = geo::LayerSource{roadAcross(source, tmp / "road.geojson"), "", ""};
        try {
            geo::ImportReport report = geo::importWorkspace(req);
            CHECK(report.boundaryAreaKm2 > 0);
            auto ws = geo::Workspace::open(tmp / "ws.gpkg", geo::Workspace::Mode::ReadOnly);
            CHECK(ws.readLayer("boundary").featureCount() == 1);
            ++imported;
        } catch (const geo::Error& e) {
            checkRefusal(e, source);
            // Read as a boundary, then refused because the demo roads lie elsewhere: as far as
            // a boundary can go with these roads.
            if (std::string(e.what()).find("km from the boundary") != std::string::npos) ++imported;
        }
        for (const auto& e : fs::directory_iterator(tmp.path()))
            CHECK((e.path().filename() == "ws.gpkg" || e.path().filename() == "road.geojson"));
    }
    CHECK(imported > 0);  // poly.zip, Stacks and others are real polygons
}

TEST_CASE("damaged and foreign workspaces are refused and left byte for byte as they were") {
    testing::TempDir tmp;
    const std::string demo = fileBytes(testing::demoDir() / "demo.gpkg");
    REQUIRE(demo.size() > 8192);
    auto write = [&](const std::string& name, const std::string& bytes) {
        std::ofstream(tmp.path() / name, std::ios::binary) << bytes;
        return tmp.path() / name;
    };
    std::vector<fs::path> files;
    files.push_back(write("truncated.gpkg", demo.substr(0, demo.size() / 2)));
    files.push_back(write("header-only.gpkg", demo.substr(0, 100)));
    files.push_back(write("cut-in-header.gpkg", demo.substr(0, 40)));
    {
        std::mt19937 rng(7);
        std::string noise(demo.size(), '\0');
        for (char& c : noise) c = static_cast<char>(rng() & 0xff);
        files.push_back(write("random.gpkg", noise));
        // Random bytes after a valid SQLite header.
        std::string scrambled = demo.substr(0, 100) + noise.substr(100);
        files.push_back(write("scrambled.gpkg", scrambled));
    }
    files.push_back(write("empty.gpkg", ""));
    {
        // A GeoPackage that GDAL wrote, but not a Cordon workspace.
        sqlite3* db = nullptr;
        fs::copy_file(testing::demoDir() / "demo.gpkg", tmp.path() / "plain.gpkg");
        sqlite3_open((tmp / "plain.gpkg").c_str(), &db);
        geo::exec(db, "DROP TABLE cordon_meta");
        sqlite3_close(db);
        files.push_back(tmp.path() / "plain.gpkg");
    }
    {
        sqlite3* db = nullptr;
        sqlite3_open((tmp / "other.sqlite").c_str(), &db);
        geo::exec(db, "CREATE TABLE accounts(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO accounts(name) VALUES ('a')");
        sqlite3_close(db);
        files.push_back(tmp.path() / "other.sqlite");
    }
    {
        fs::copy_file(testing::demoDir() / "demo.gpkg", tmp.path() / "newer.gpkg");
        sqlite3* db = nullptr;
        sqlite3_open((tmp / "newer.gpkg").c_str(), &db);
        geo::exec(db, ("UPDATE cordon_meta SET value = '" + std::to_string(geo::kSchemaVersion + 1) +
                       "' WHERE key = 'schema_version'").c_str());
        sqlite3_close(db);
        files.push_back(tmp.path() / "newer.gpkg");
    }
    for (const fs::path& f : files) {
        CAPTURE(f);
        const std::string before = fileBytes(f);
        for (auto mode : {geo::Workspace::Mode::ReadWrite, geo::Workspace::Mode::ReadOnly}) {
            try {
                auto ws = geo::Workspace::open(f.string(), mode);
                // Opening may succeed only if the damage is beyond what open looks at; reading must then refuse.
                for (const auto& rec : ws.layers()) ws.readLayer(rec.name);
                FAIL("a damaged or foreign workspace opened and read without complaint");
            } catch (const geo::Error& e) {
                checkRefusal(e, f);
            }
        }
        CHECK(fileBytes(f) == before);
        // No journal or WAL left behind either.
        for (const char* suffix : {"-journal", "-wal", "-shm"}) CHECK_FALSE(fs::exists(f.string() + suffix));
    }
    CHECK_THROWS_WITH_AS(geo::Workspace::open((tmp.path() / "truncated.gpkg").string()), doctest::Contains("cut short"),
                         geo::Error);
    CHECK_THROWS_WITH_AS(geo::Workspace::open((tmp.path() / "plain.gpkg").string()),
                         doctest::Contains("not a Cordon workspace"), geo::Error);
    CHECK_THROWS_WITH_AS(geo::Workspace::open((tmp.path() / "other.sqlite").string()), doctest::Contains("another program"),
                         geo::Error);
    CHECK_THROWS_WITH_AS(geo::Workspace::open((tmp.path() / "newer.gpkg").string()), doctest::Contains("newer Cordon"),
                         geo::Error);
}

TEST_CASE("only strict UTF-8 counts as UTF-8, so other bytes fall to the declared or guessed encoding") {
    CHECK(geo::isValidUtf8("中国 Vaduz"));
    CHECK(geo::isValidUtf8("\xF0\x9F\x98\x80"));            // U+1F600
    CHECK_FALSE(geo::isValidUtf8("\xED\xA0\x80"));          // a surrogate
    CHECK_FALSE(geo::isValidUtf8("\xE0\x80\xAF"));          // overlong '/'
    CHECK_FALSE(geo::isValidUtf8("\xF0\x80\x80\xAF"));      // overlong '/'
    CHECK_FALSE(geo::isValidUtf8("\xF4\x90\x80\x80"));      // above U+10FFFF
    CHECK_FALSE(geo::isValidUtf8("\xF5\x80\x80\x80"));
    CHECK_FALSE(geo::isValidUtf8("\xD6\xD0"));              // 中 in GBK
}
