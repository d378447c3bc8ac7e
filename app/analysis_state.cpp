// Keeps the network and the figures in step with the model and the plan.
#include "app/analysis_state.hpp"

#include "app/app_model.hpp"
#include "app/plan_state.hpp"
#include "geo/error.hpp"

namespace app {

void AnalysisState::update(AppModel& model, const PlanState& plan) {
    if (!model.isOpen() || !model.layer(MapLayer::Roads) || !model.layer(MapLayer::Boundary)) {
        net_.reset();
        return;
    }
    bool networkChanged = model.version() != modelVersion_;
    if (networkChanged) {
        modelVersion_ = model.version();
        try {
            net_ = std::make_unique<geo::CordonNetwork>(*model.layer(MapLayer::Roads), *model.layer(MapLayer::Boundary),
                                                        model.layer(MapLayer::Districts), model.layer(MapLayer::Villages));
            error_.clear();
        } catch (const geo::Error& e) {
            net_.reset();
            error_ = e.what();
            return;
        }
        comparePlanVersion_ = UINT64_MAX;
        hasDistrictEntries_ = false;
        districtEntries_.clear();
        districtGuarded_.clear();
    }
    if (!networkChanged && plan.version() == planVersion_ && plan.scenarioId() == scenarioId_) return;
    planVersion_ = plan.version();
    scenarioId_ = plan.scenarioId();
    returnees_.clear();
    origins_.clear();
    if (model.workspace()) {
        try {
            geo::ReturneeCounts counts = geo::loadReturneeCounts(*model.workspace());
            if (!counts.entries.empty()) {
                double cell = plan.scenario().params.gridSizeM > 0 ? plan.scenario().params.gridSizeM : 500;
                returnees_ = geo::aggregateToGrid(counts, *model.layer(MapLayer::Boundary), cell);
                origins_ = counts.origins;
            }
        } catch (const geo::Error& e) {
            error_ = e.what();
        }
    }
    figures_ = geo::analyze(*net_, plan.scenario(), returnees_, origins_);
}

const geo::Figures* AnalysisState::compareFigures(PlanState& plan, int64_t scenarioId) {
    if (!net_ || !plan.isOpen() || scenarioId == 0) return nullptr;
    if (scenarioId != compareId_ || plan.version() != comparePlanVersion_) {
        try {
            geo::Scenario other = plan.store().loadScenario(scenarioId);
            compare_ = geo::analyze(*net_, other, returnees_, origins_);
            compareScenario_ = std::move(other);
        } catch (const geo::Error& e) {
            error_ = e.what();
            return nullptr;
        }
        compareId_ = scenarioId;
        comparePlanVersion_ = plan.version();
    }
    return &compare_;
}

const std::vector<geo::DistrictEntry>& AnalysisState::districtEntries(const PlanState& plan) {
    if (!net_) {
        districtEntries_.clear();
        districtGuarded_.clear();
        return districtEntries_;
    }
    if (!hasDistrictEntries_) {
        districtEntries_ = geo::findDistrictEntries(*net_);
        hasDistrictEntries_ = true;
        districtPlanVersion_ = UINT64_MAX;
    }
    if (plan.version() != districtPlanVersion_ || plan.scenarioId() != districtScenarioId_) {
        const geo::Scenario& s = plan.scenario();
        districtGuarded_ = geo::guardDistrictEntries(*net_, districtEntries_, geo::placeBarriers(*net_, s.checkpoints),
                                                     s.params.guardDistanceM);
        districtPlanVersion_ = plan.version();
        districtScenarioId_ = plan.scenarioId();
    }
    return districtEntries_;
}

}  // namespace app
