// Keeps the network and the figures in step with the model and the plan.
#include "app/analysis_state.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <new>
#include <optional>

#include "app/app_model.hpp"
#include "app/plan_state.hpp"
#include "geo/core/error.hpp"
#include "geo/analysis/figures.hpp"

namespace app {

namespace {
bool isDone(const std::future<std::unique_ptr<geo::CordonNetwork>>& f) {
    return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}
}  // namespace

AnalysisState::~AnalysisState() {
    // A build still running holds only its own copies of the layers; waiting for it here keeps
    // the thread from outliving the program's other state at exit.
    if (building_.valid()) building_.wait();
    for (auto& f : abandoned_) f.wait();
}

void AnalysisState::startBuild(const AppModel& model, double entryGapM) {
    if (building_.valid()) abandoned_.push_back(std::move(building_));
    // The worker keeps the layers alive even if the model replaces them meanwhile.
    auto roads = model.sharedLayer(MapLayer::Roads), boundary = model.sharedLayer(MapLayer::Boundary);
    auto districts = model.sharedLayer(MapLayer::Districts), villages = model.sharedLayer(MapLayer::Villages);
    std::string path = model.path().string();
    geo::NetworkOptions options;
    options.entryGapM = entryGapM;  // the scenario's: entries depend on it
    building_ = std::async(std::launch::async, [roads, boundary, districts, villages, path, options] {
        // The road graph cached in the workspace, read through the worker's own read-only
        // connection (checked against these very lines before use; built when absent or stale).
        std::optional<geo::Workspace> cache;
        try {
            cache.emplace(geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly));
        } catch (const geo::Error&) {
        }
        return std::make_unique<geo::CordonNetwork>(*roads, *boundary, districts.get(), villages.get(), options,
                                                    cache ? &*cache : nullptr);
    });
}

bool AnalysisState::collectBuild() {
    std::erase_if(abandoned_, isDone);
    if (!building_.valid() || !isDone(building_)) return false;
    ++buildsTaken_;
    try {
        net_ = building_.get();
        error_.clear();
    } catch (const std::bad_alloc&) {
        net_.reset();
        error_ = "not enough memory to analyse this road network";
    } catch (const std::exception& e) {
        net_.reset();
        error_ = e.what();
    }
    return true;
}

void AnalysisState::update(AppModel& model, const PlanState& plan) {
    if (!model.isOpen() || !model.layer(MapLayer::Roads) || !model.layer(MapLayer::Boundary)) {
        if (building_.valid()) abandoned_.push_back(std::move(building_));
        std::erase_if(abandoned_, isDone);
        net_.reset();
        modelVersion_ = UINT64_MAX;
        return;
    }
    if (model.version() != modelVersion_ || plan.scenario().params.entryGapM != entryGapM_) {
        modelVersion_ = model.version();
        entryGapM_ = plan.scenario().params.entryGapM;
        net_.reset();
        startBuild(model, entryGapM_);
    }
    bool networkChanged = collectBuild();
    if (!net_) return;
    if (networkChanged) {
        comparePlanVersion_ = UINT64_MAX;
        hasDistrictEntries_ = false;
        districtEntries_.clear();
        districtGuarded_.clear();
    }
    const bool planChanged = networkChanged || plan.version() != planVersion_ || plan.scenarioId() != scenarioId_;
    if (!planChanged && day_ == figuresDay_) return;
    if (planChanged) {
        planVersion_ = plan.version();
        scenarioId_ = plan.scenarioId();
        loadCounts(model, plan);
    }
    computeFigures(model, plan);
}

// The workspace's returnee counts (read again after every plan change: an import may have added some).
void AnalysisState::loadCounts(AppModel& model, const PlanState& plan) {
    daily_.reset();
    counts_ = {};
    if (model.workspace()) {
        try {
            counts_ = geo::loadReturneeCounts(*model.workspace());
            daily_ = std::make_unique<geo::DailyCounter>(counts_, geo::observationDays(*model.workspace()));
        } catch (const geo::Error& e) {
            error_ = e.what();
        }
    }
    dataDays_ = geo::dataDays(counts_, plan.scenario());
}

// The figures of the scenario as of the chosen day (or of all of it), the returnees on its grid.
void AnalysisState::computeFigures(AppModel& model, const PlanState& plan) {
    figuresDay_ = day_;
    geo::GridReturnees grid = geo::gridReturnees(counts_, *model.layer(MapLayer::Boundary), plan.scenario(), day_);
    returnees_ = std::move(grid.areas);
    origins_ = std::move(grid.origins);
    arrivalsPerDay_.clear();
    underPerDay_.clear();
    if (!day_) {
        figures_ = geo::analyze(*net_, plan.scenario(), returnees_, origins_);
        return;
    }
    const geo::Scenario dated = geo::scenarioAsOf(plan.scenario(), *day_);
    figures_ = geo::analyze(*net_, dated, returnees_, origins_);
    const geo::DailyCounter empty(counts_, geo::kDefaultObservationDays);
    const geo::DailyCounter& daily = daily_ ? *daily_ : empty;
    asOf_ = geo::asOfFigures(dated, daily, *day_);
    const int first = dataDays_.hasDates ? std::min(dataDays_.first, *day_) : *day_;
    for (const geo::DailyReturnees& d : daily.series(first, *day_)) {
        arrivalsPerDay_.push_back(static_cast<float>(d.arrivedOnDate));
        underPerDay_.push_back(static_cast<float>(d.underObservation));
    }
}

const geo::Figures* AnalysisState::compareFigures(PlanState& plan, int64_t scenarioId) {
    if (!net_ || !plan.isOpen() || scenarioId == 0) return nullptr;
    if (scenarioId != compareId_ || plan.version() != comparePlanVersion_) {
        try {
            geo::Scenario other = plan.session().loadScenario(scenarioId);
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
