// Checkpoints added and removed between two scenarios, matched by kind within a tolerance.
#include <doctest/doctest.h>

#include "geo/plan/plan_compare.hpp"
#include "test_support.hpp"

using testing::checkpointAt;

TEST_CASE("compareScenarios: matched by position within the tolerance and by kind") {
    geo::Scenario current, other;
    current.checkpoints = {checkpointAt(0, 0), checkpointAt(100, 0), checkpointAt(200, 0, geo::CheckpointKind::RoadClosure),
                           checkpointAt(500, 500)};
    other.checkpoints = {checkpointAt(3, 4), checkpointAt(100, 20), checkpointAt(200, 0), checkpointAt(501, 500),
                         checkpointAt(900, 900)};
    geo::PlanDifference d = geo::compareScenarios(current, other, 10);
    // (0,0)~(3,4) at 5 m and (500,500)~(501,500) match; (100,0) is 20 m from its nearest; the
    // closure at (200,0) is not the checkpoint standing there.
    CHECK(d.common == std::vector<std::pair<size_t, size_t>>{{0, 0}, {3, 3}});
    CHECK(d.added == std::vector<size_t>{1, 2});
    CHECK(d.removed == std::vector<size_t>{1, 2, 4});
}

TEST_CASE("compareScenarios: each checkpoint matches at most one, closest first") {
    geo::Scenario current, other;
    current.checkpoints = {checkpointAt(0, 0), checkpointAt(6, 0)};
    other.checkpoints = {checkpointAt(5, 0)};
    geo::PlanDifference d = geo::compareScenarios(current, other, 10);
    CHECK(d.common == std::vector<std::pair<size_t, size_t>>{{1, 0}});
    CHECK(d.added == std::vector<size_t>{0});
    CHECK(d.removed.empty());
    geo::PlanDifference same = geo::compareScenarios(current, current, 1);
    CHECK(same.added.empty());
    CHECK(same.removed.empty());
    CHECK(same.common.size() == 2);
}
