// Shared by the app tests of the analysis: waiting for the network the GUI builds on a worker.
#pragma once
#include <chrono>
#include <thread>

#include "app/analysis_state.hpp"
#include "app/app_model.hpp"
#include "app/plan_state.hpp"

namespace testing {

// Calls update() as the frame loop does until the network is in, or gives up after a minute.
inline bool waitReady(app::AnalysisState& an, app::AppModel& model, const app::PlanState& plan) {
    for (int i = 0; i < 6000; ++i) {
        an.update(model, plan);
        if (!an.isBuilding()) return an.isReady();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace testing
