// A working copy written from a server's template: staged beside the file and renamed over it
// only when complete, so a failed or interrupted pull or sync leaves the old workspace in place.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "geo/core/error.hpp"
#include "geo/server/township_local.hpp"
#include "geo/workspace/sqlite.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void setLabel(sqlite3* db, const std::string& text) {
    geo::exec(db, "CREATE TABLE IF NOT EXISTS t(label TEXT); DELETE FROM t");
    geo::Statement(db, "INSERT INTO t VALUES (?)").bind(1, text).run();
}

// A small SQLite database with one row saying which file it is.
std::string databaseBytes(const testing::TempDir& tmp, const std::string& which) {
    const std::string path = tmp / (which + ".db");
    {
        geo::SqliteDb db;
        REQUIRE(geo::openSqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, db) == SQLITE_OK);
        setLabel(db.get(), which);
    }
    return fileBytes(path);
}

std::string label(const std::string& path) {
    geo::SqliteDb db = geo::sync::openWorkingCopy(path, false);
    geo::Statement s(db.get(), "SELECT label FROM t");
    return s.step() ? s.text(0) : "";
}

// What is in the folder besides `keep`.
std::vector<std::string> othersIn(const fs::path& dir, const std::string& keep) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename() != keep && e.path().extension() != ".db") out.push_back(e.path().filename().string());
    return out;
}

}  // namespace

TEST_CASE("a working copy written anew replaces the file only once it is complete") {
    testing::TempDir tmp;
    const std::string path = tmp / "town.gpkg";
    const std::string empty = databaseBytes(tmp, "template");
    geo::sync::writeWorkingCopy(path, "pull", empty, [](sqlite3* db) { setLabel(db, "first pull"); });
    CHECK(label(path) == "first pull");
    CHECK(othersIn(tmp.path(), "town.gpkg").empty());

    SUBCASE("a fill that fails leaves the old file as it was, and nothing beside it") {
        const std::string before = fileBytes(path);
        CHECK_THROWS_WITH_AS(geo::sync::writeWorkingCopy(path, "sync", empty,
                                                         [](sqlite3* db) {
                                                             setLabel(db, "half");
                                                             throw geo::Error("the server went away");
                                                         }),
                             "the server went away", geo::Error);
        CHECK(fileBytes(path) == before);
        CHECK(label(path) == "first pull");
        CHECK(othersIn(tmp.path(), "town.gpkg").empty());
    }
    SUBCASE("the fill writes the new file, not the one in place, which it can still read") {
        geo::sync::writeWorkingCopy(path, "sync", empty, [&](sqlite3* db) {
            CHECK(label(path) == "first pull");
            setLabel(db, "second pull");
            CHECK(label(path) == "first pull");
        });
        CHECK(label(path) == "second pull");
    }
    SUBCASE("a journal left by the file replaced is not taken for the new file's") {
        std::ofstream(path + "-journal", std::ios::binary) << "stale";
        geo::sync::writeWorkingCopy(path, "sync", empty, [](sqlite3* db) { setLabel(db, "after a crash"); });
        CHECK_FALSE(fs::exists(path + "-journal"));
        CHECK(label(path) == "after a crash");
    }
    SUBCASE("a second writer of the same file is refused while the first runs") {
        geo::sync::writeWorkingCopy(path, "pull", empty, [&](sqlite3* db) {
            setLabel(db, "outer");
            CHECK_THROWS_WITH_AS(geo::sync::writeWorkingCopy(path, "sync", empty, [](sqlite3*) {}),
                                 doctest::Contains("is running and writing this file"), geo::Error);
        });
        CHECK(label(path) == "outer");
    }
}
