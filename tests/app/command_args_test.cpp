// Command-line arguments: values of several options kept in the order they were given.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/command.hpp"

TEST_CASE("values of several options come back in the order given, whichever the option and its form") {
    const std::vector<std::string> argv = {"ws.gpkg", "georef", "scan.png", "--gcp", "1,2,3,4", "--name", "--gcp",
                                           "--gcp-lonlat=5,6,111.7,35.2", "--gcp", "7,8,9,10", "--order", "1"};
    app::Args a(argv, {"--name", "--gcp", "--gcp-lonlat", "--order"}, {"--json"});
    const auto points = a.valuesInOrder({"--gcp", "--gcp-lonlat"});
    REQUIRE(points.size() == 3);
    CHECK(points[0] == std::pair<std::string, std::string>{"--gcp", "1,2,3,4"});
    CHECK(points[1] == std::pair<std::string, std::string>{"--gcp-lonlat", "5,6,111.7,35.2"});
    CHECK(points[2] == std::pair<std::string, std::string>{"--gcp", "7,8,9,10"});
    // "--gcp" given as the value of --name is a name, not a control point.
    CHECK(a.value("--name") == "--gcp");
    CHECK(a.value("--order") == "1");
    CHECK(a.valuesInOrder({"--json"}).empty());
}
