// Small hand-made layers for the analysis tests: lines with class/name/tags, squares, points.
#pragma once
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "geo/core/layer.hpp"

namespace testing {

struct TestRoad {
    TestRoad(std::vector<std::pair<double, double>> p, std::string c = "village", std::string n = "", std::string t = "")
        : points(std::move(p)), cls(std::move(c)), name(std::move(n)), tags(std::move(t)) {}
    std::vector<std::pair<double, double>> points;
    std::string cls;
    std::string name;
    std::string tags;  // OSM other_tags, e.g. "bridge"=>"yes"
};

inline geo::Layer roadLayer(const std::vector<TestRoad>& roads) {
    geo::Layer l;
    l.kind = geo::GeomKind::Line;
    l.fields = {geo::StringColumn{"class", {}, {0}}, geo::StringColumn{"name", {}, {0}},
                geo::StringColumn{"other_tags", {}, {0}}};
    for (const auto& r : roads) {
        for (auto [x, y] : r.points) l.addVertex(x, y);
        l.endRing();
        l.endPart();
        l.endFeature();
        l.fields[0].push(r.cls);
        l.fields[1].push(r.name);
        l.fields[2].push(r.tags);
    }
    return l;
}

// Axis-aligned rectangles as polygon features, each with a name.
inline geo::Layer boxLayer(const std::vector<std::pair<std::string, std::vector<double>>>& boxes) {
    geo::Layer l;
    l.kind = geo::GeomKind::Polygon;
    l.fields = {geo::StringColumn{"name", {}, {0}}};
    for (const auto& [name, b] : boxes) {
        double x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3];
        for (auto [x, y] : std::initializer_list<std::pair<double, double>>{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}})
            l.addVertex(x, y);
        l.endRing();
        l.endPart();
        l.endFeature();
        l.fields[0].push(name);
    }
    return l;
}

inline geo::Layer pointLayer(const std::vector<std::pair<double, double>>& points) {
    geo::Layer l;
    l.kind = geo::GeomKind::Point;
    l.fields = {geo::StringColumn{"name", {}, {0}}};
    for (auto [x, y] : points) {
        l.addVertex(x, y);
        l.endRing();
        l.endPart();
        l.endFeature();
        l.fields[0].push("v");
    }
    return l;
}

}  // namespace testing
