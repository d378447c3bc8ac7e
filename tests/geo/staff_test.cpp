// Staff rosters: CSV in UTF-8 and GBK, XLSX, stored and re-imported without losing ids.
#include <doctest/doctest.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fstream>

#include "geo/core/error.hpp"
#include "geo/io/layer_reader.hpp"
#include "geo/workspace/sqlite.hpp"
#include "geo/rota/staff.hpp"
#include "geo/core/dates.hpp"
#include "test_support.hpp"

namespace {

geo::SqliteDb memoryDb() {
    geo::SqliteDb db;
    REQUIRE(geo::openSqlite(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, db) == SQLITE_OK);
    return db;
}

int day(const char* iso) {
    int d = 0;
    REQUIRE(geo::parseIsoDay(iso, d));
    return d;
}

}  // namespace

TEST_CASE("a GBK staff roster with a title row reads every field") {
    geo::StaffImport in = geo::readStaffFile(std::string(CORDON_TEST_DATA) + "/staff/staff_gbk.csv", 2020);
    REQUIRE(in.people.size() == 3);
    const geo::Person& zhang = in.people[0];
    CHECK(zhang.name == "张伟");
    CHECK(zhang.unit == "第一工作组");
    CHECK(zhang.role == "干部");
    CHECK(zhang.isLeader);
    CHECK_FALSE(zhang.isMedical);
    CHECK(zhang.district == "东片");
    CHECK(zhang.phone == "13800000001");
    CHECK(zhang.unavailableDays == std::vector<int>{day("2020-01-26")});
    CHECK(in.people[1].isMedical);
    CHECK_FALSE(in.people[1].isLeader);
    CHECK_FALSE(in.people[2].isLeader);
    CHECK(in.people[2].unavailableDays == std::vector<int>{day("2020-01-27"), day("2020-01-28")});
}

TEST_CASE("a UTF-8 roster in English, and an XLSX one, read the same way") {
    testing::TempDir dir;
    const std::string csv = dir / "staff.csv";
    std::ofstream(csv) << "name,unit,role,leader,district,phone,unavailable\n"
                          "Ann,Group 1,nurse,no,North,555,\"2020-02-01, 2020-02-03\"\n"
                          "Bob,Group 2,police,yes,South,,\n";
    geo::StaffImport in = geo::readStaffFile(csv, 2020);
    REQUIRE(in.people.size() == 2);
    CHECK(in.people[0].isMedical);
    CHECK(in.people[0].unavailableDays.size() == 2);
    CHECK(in.people[1].isLeader);

    geo::initGdal();
    const std::string xlsx = dir / "staff.xlsx";
    {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("XLSX");
        if (!drv) return;
        GDALDatasetUniquePtr ds(drv->Create(xlsx.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        REQUIRE(ds);
        OGRLayer* l = ds->CreateLayer("值班", nullptr, wkbNone, nullptr);
        for (const char* f : {"姓名", "单位", "身份", "片区"}) {
            OGRFieldDefn fd(f, OFTString);
            REQUIRE(l->CreateField(&fd) == OGRERR_NONE);
        }
        OGRFeature f(l->GetLayerDefn());
        for (int i = 0; i < 4; ++i) f.SetField(i, std::array<const char*, 4>{"赵敏", "卫生院", "医生", "南片"}[static_cast<size_t>(i)]);
        REQUIRE(l->CreateFeature(&f) == OGRERR_NONE);
    }
    geo::StaffImport x = geo::readStaffFile(xlsx, 2020);
    REQUIRE(x.people.size() == 1);
    CHECK(x.people[0].name == "赵敏");
    CHECK(x.people[0].isMedical);
    CHECK(x.people[0].district == "南片");
}

TEST_CASE("a roster without a name column, or with a bad date, is refused naming the file") {
    testing::TempDir dir;
    const std::string a = dir / "a.csv", b = dir / "b.csv";
    std::ofstream(a) << "unit,role\nx,y\n";
    std::ofstream(b) << "name,unavailable\nAnn,soon\n";
    CHECK_THROWS_WITH_AS(geo::readStaffFile(a, 2020), doctest::Contains("a.csv: no name column"), geo::Error);
    CHECK_THROWS_WITH_AS(geo::readStaffFile(b, 2020), doctest::Contains("'soon' is not a date"), geo::Error);
}

TEST_CASE("re-importing keeps ids, updates fields; remove deletes people and their locks") {
    geo::SqliteDb db = memoryDb();
    geo::Person a{0, "张伟", "一组", "干部", true, false, "东片", "1", {}};
    geo::Person b{0, "李娜", "一组", "医务", false, true, "东片", "2", {}};
    CHECK(geo::saveStaff(db.get(), {a, b}) == 2);
    auto stored = geo::loadStaff(db.get());
    REQUIRE(stored.size() == 2);
    a.district = "西片";
    CHECK(geo::saveStaff(db.get(), {a}) == 0);
    auto again = geo::loadStaff(db.get());
    REQUIRE(again.size() == 2);
    CHECK(again[0].id == stored[0].id);
    CHECK(again[0].district == "西片");
    geo::exec(db.get(), "INSERT INTO cordon_rota_locks VALUES(1, 1, 3, '2020-01-25', 1)");
    CHECK_THROWS_AS(geo::removeStaff(db.get(), {"nobody"}), geo::Error);
    CHECK(geo::loadStaff(db.get()).size() == 2);
    CHECK(geo::removeStaff(db.get(), {"张伟"}) == 1);
    CHECK(geo::loadStaff(db.get()).size() == 1);
    geo::Statement n(db.get(), "SELECT count(*) FROM cordon_rota_locks");
    REQUIRE(n.step());
    CHECK(n.integer(0) == 0);
}
