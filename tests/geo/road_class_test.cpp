// Road class normalisation from Chinese classes, route numbers and OSM values.
#include <doctest/doctest.h>

#include "geo/io/road_class.hpp"

using geo::RoadClass;

TEST_CASE("Chinese administrative and urban classes map to one list") {
    CHECK(geo::classifyRoad("国道") == RoadClass::National);
    CHECK(geo::classifyRoad("省道") == RoadClass::Provincial);
    CHECK(geo::classifyRoad("县道") == RoadClass::County);
    CHECK(geo::classifyRoad("乡道") == RoadClass::Township);
    CHECK(geo::classifyRoad("村道") == RoadClass::Village);
    CHECK(geo::classifyRoad("高速公路") == RoadClass::Expressway);
    CHECK(geo::classifyRoad("快速路") == RoadClass::National);  // urban: at-grade exits, not an expressway
    CHECK(geo::classifyRoad("主干路") == RoadClass::Provincial);
    CHECK(geo::classifyRoad("次干路") == RoadClass::County);
    CHECK(geo::classifyRoad("支路") == RoadClass::Village);
    CHECK(geo::classifyRoad("机耕路") == RoadClass::Track);
}

TEST_CASE("route numbers give the class") {
    CHECK(geo::classifyRoad("G241") == RoadClass::National);
    CHECK(geo::classifyRoad("G5") == RoadClass::Expressway);
    CHECK(geo::classifyRoad("G5512") == RoadClass::Expressway);
    CHECK(geo::classifyRoad("S328") == RoadClass::Provincial);
    CHECK(geo::classifyRoad("X512") == RoadClass::County);
    CHECK(geo::classifyRoad("Y101") == RoadClass::Township);
    CHECK(geo::classifyRoad("C205") == RoadClass::Village);
}

TEST_CASE("OSM highway values map by importance") {
    CHECK(geo::classifyRoad("motorway") == RoadClass::Expressway);
    CHECK(geo::classifyRoad("trunk") == RoadClass::National);
    CHECK(geo::classifyRoad("primary") == RoadClass::Provincial);
    CHECK(geo::classifyRoad("secondary") == RoadClass::County);
    CHECK(geo::classifyRoad("tertiary") == RoadClass::Township);
    CHECK(geo::classifyRoad("residential") == RoadClass::Village);
    CHECK(geo::classifyRoad("track") == RoadClass::Track);
    CHECK(geo::classifyRoad("highway") == RoadClass::Expressway);
    CHECK(geo::classifyRoad("village_road") == RoadClass::Village);
    CHECK(geo::classifyRoad("") == RoadClass::Other);
    CHECK(geo::classifyRoad("proposed") == RoadClass::Other);
}

TEST_CASE("class names round-trip") {
    for (size_t c = 0; c < geo::kRoadClassCount; ++c) {
        auto cls = static_cast<RoadClass>(c);
        CHECK(geo::roadClassFromName(geo::roadClassName(cls)) == cls);
    }
}
