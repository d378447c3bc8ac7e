// The demo township's shape, shared by its files: the outline and its district wedges, villages
// and roads in the working CRS's metres (demo_township.cpp makes them; demo.cpp writes them out).
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/io/demo.hpp"

namespace geo::demo {

struct P { double x, y; };

struct Township {
    P centre;
    std::vector<P> boundary;            // open ring, counter-clockwise
    std::vector<size_t> wedgeVertex;    // boundary vertex index at each district's start angle
    std::vector<double> wedgeAngle;
    double scale = 1;                   // metres per unit radius
    double phase1 = 0, phase2 = 0;
    double radiusAt(double theta) const {
        return scale * (1.0 + 0.13 * std::sin(3 * theta + phase1) + 0.07 * std::sin(5 * theta + phase2));
    }
    P at(double theta, double fraction) const {
        double r = radiusAt(theta) * fraction;
        return {centre.x + r * std::cos(theta), centre.y + r * std::sin(theta)};
    }
};

struct Road {
    std::vector<P> points;
    std::string cls;    // 道路等级
    std::string name;   // 名称
    std::string code;   // 编号
};

struct Village {
    P pos;
    std::string name;
    int district;
};

Township makeTownship(DemoRandom& rnd, P centre);
// Villages: the seat at the centre, the rest spread over the districts.
std::vector<Village> placeVillages(DemoRandom& rnd, const Township& town);
// Roads of every class, crossing the boundary 30-45 times (`total`, counted as they are made).
std::vector<Road> townshipRoads(DemoRandom& rnd, const Township& town, const std::vector<Village>& villages, int& total);
// Benchmark-sized networks: a warped grid of lanes around and across the township, meeting
// at shared junctions as real streets and field tracks do (few crossings without a junction),
// added in a shuffled order until the network has exactly `wanted` segments, or none when
// `wanted` is 0 (the last lane is cut to fit). Returns the segments of all roads.
size_t addBenchmarkLanes(DemoRandom& rnd, const Township& town, int64_t wantedSegments, std::vector<Road>& roads);

}  // namespace geo::demo
