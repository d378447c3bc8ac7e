// `--at LON,LAT` as planners type it: full-width comma, degree signs, and a swapped pair named.
#include <doctest/doctest.h>

#include <string>

#include "app/cli_plan.hpp"
#include "app/command.hpp"

TEST_CASE("--at accepts a full-width comma and degree signs, and says when latitude comes first") {
    double lon = 0, lat = 0;
    app::parseLonLat("111.70，35.20", lon, lat);
    CHECK(lon == doctest::Approx(111.70));
    CHECK(lat == doctest::Approx(35.20));
    app::parseLonLat("111.70°,35.20°", lon, lat);
    CHECK(lat == doctest::Approx(35.20));
    app::parseLonLat("111°42′,35°12′", lon, lat);
    CHECK(lon == doctest::Approx(111.70));
    std::string message;
    try {
        app::parseLonLat("35.20,111.70", lon, lat);
    } catch (const app::UsageError& e) {
        message = e.what();
    }
    CHECK(message.find("swapped") != std::string::npos);
    CHECK_THROWS_AS(app::parseLonLat("111.70", lon, lat), app::UsageError);
}
