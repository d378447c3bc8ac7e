// Choropleth classes: every method puts each value in one class, in order; the ramp darkens.
#include <doctest/doctest.h>

#include "geo/returnees/classify.hpp"

TEST_CASE("natural breaks find the gaps between clusters") {
    std::vector<double> v{1, 2, 3, 10, 11, 12, 30, 31, 32, 0, 0};
    auto b = geo::classBreaks(v, geo::ClassMethod::NaturalBreaks, 3);
    REQUIRE(b.size() == 3);
    CHECK(b[0] == 3);
    CHECK(b[1] == 12);
    CHECK(b[2] == 32);
    CHECK(geo::classOf(0, b) == -1);
    CHECK(geo::classOf(2, b) == 0);
    CHECK(geo::classOf(11, b) == 1);
    CHECK(geo::classOf(32, b) == 2);
}

TEST_CASE("quantiles put about as many areas in each class") {
    std::vector<double> v;
    for (int i = 1; i <= 100; ++i) v.push_back(i);
    auto b = geo::classBreaks(v, geo::ClassMethod::Quantiles, 4);
    REQUIRE(b.size() == 4);
    std::vector<int> n(4, 0);
    for (double x : v) ++n[static_cast<size_t>(geo::classOf(x, b))];
    for (int c : n) CHECK(c == 25);
}

TEST_CASE("equal intervals and manual limits") {
    std::vector<double> v{1, 5, 9, 13, 17, 21};
    auto eq = geo::classBreaks(v, geo::ClassMethod::EqualInterval, 5);
    REQUIRE(eq.size() == 5);
    CHECK(eq[0] == doctest::Approx(5));
    CHECK(eq[4] == 21);
    auto man = geo::classBreaks(v, geo::ClassMethod::Manual, 0, {10, 4, 100});
    REQUIRE(man.size() == 3);  // 100 is past the largest value: the last class ends at 21
    CHECK(man[0] == 4);
    CHECK(man[1] == 10);
    CHECK(man[2] == 21);
    CHECK(geo::classRangeLabel(man, 0, 1) == "1–4");
    CHECK(geo::classRangeLabel(man, 1, 1) == "5–10");
    CHECK(geo::classRangeLabel(man, 2, 1) == "11–21");
}

TEST_CASE("fewer distinct values give fewer classes; no values give none") {
    CHECK(geo::classBreaks({0, 0}, geo::ClassMethod::Quantiles, 5).empty());
    auto b = geo::classBreaks({3, 3, 3, 7}, geo::ClassMethod::NaturalBreaks, 5);
    CHECK(b.size() == 2);
}

TEST_CASE("the ramp goes from light to dark") {
    auto luminance = [](uint32_t c) {
        return 0.2126 * (c & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * ((c >> 16) & 0xff);
    };
    for (int n = 2; n <= geo::kMaxClasses; ++n)
        for (int k = 1; k < n; ++k) CHECK(luminance(geo::rampColor(k, n)) < luminance(geo::rampColor(k - 1, n)));
}

TEST_CASE("grid areas become one square polygon each") {
    geo::AreaCount a;
    a.bounds.add(0, 0);
    a.bounds.add(500, 500);
    geo::Layer l = geo::gridAreaPolygons({a, a}, 4546);
    CHECK(l.featureCount() == 2);
    CHECK(geo::featureArea(l, 0) == doctest::Approx(250000));
    CHECK(geo::featureContains(l, 1, 250, 250));
}
