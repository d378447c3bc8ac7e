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
template <class T> bool isDone(const std::future<T>& f) {
    return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}
}  // namespace

AnalysisState::~AnalysisState() {
    // A build still running holds only its own copies of the layers; waiting for it here keeps
    // the thread from outliving the program's other state at exit.
    if (building_.valid()) building_.wait();
    for (auto& f : abandoned_) f.wait();
    if (computing_.valid()) computing_.wait();
    for (auto& f : abandonedDays_) f.wait();
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
    std::erase_if(abandoned_, isDone<std::unique_ptr<geo::CordonNetwork>>);
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
    if (!model.isOpen() || !model.layer(MapLayer::Roads) || !model.hasBoundary()) {  // no township to analyse yet
        if (building_.valid()) abandoned_.push_back(std::move(building_));
        std::erase_if(abandoned_, isDone<std::unique_ptr<geo::CordonNetwork>>);
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
    if (planChanged) {  // an edit shows on the next frame, as before: computed here
        planVersion_ = plan.version();
        scenarioId_ = plan.scenarioId();
        loadCounts(model, plan);
        if (computing_.valid()) abandonedDays_.push_back(std::move(computing_));
        try {
            apply(computeDay(dayInput(model, plan)));
        } catch (const std::exception& e) {
            error_ = e.what();
        }
        return;
    }
    collectDay();
    std::erase_if(abandonedDays_, isDone<DayFigures>);
    if (day_ == figuresDay_ || computing_.valid()) return;  // a newer day starts once this one is in
    // A new day: its figures on a worker, so that play and a 100k-road network keep the frames going.
    computingPlanVersion_ = planVersion_;
    computingScenarioId_ = scenarioId_;
    computing_ = std::async(std::launch::async, [in = dayInput(model, plan)] { return computeDay(in); });
}

void AnalysisState::collectDay() {
    if (!computing_.valid() || !isDone(computing_)) return;
    try {
        DayFigures f = computing_.get();
        if (computingPlanVersion_ == planVersion_ && computingScenarioId_ == scenarioId_) apply(std::move(f));
    } catch (const std::exception& e) {
        error_ = e.what();
        figuresDay_ = day_;  // not tried again until the day or the plan changes
    }
}

// The workspace's returnee counts (read again after every plan change: an import may have added some).
void AnalysisState::loadCounts(AppModel& model, const PlanState& plan) {
    auto counts = std::make_shared<geo::ReturneeCounts>();
    observationDays_ = geo::kDefaultObservationDays;
    if (model.workspace()) {
        try {
            *counts = geo::loadReturneeCounts(*model.workspace());
            observationDays_ = geo::observationDays(*model.workspace());
        } catch (const geo::Error& e) {
            error_ = e.what();
        }
    }
    counts_ = std::move(counts);
    dataDays_ = geo::dataDays(*counts_, plan.scenario());
}

AnalysisState::DayInput AnalysisState::dayInput(const AppModel& model, const PlanState& plan) const {
    return {net_, counts_, model.sharedLayer(MapLayer::Boundary), plan.scenario(), observationDays_, dataDays_, day_};
}

// The figures of the scenario as of the day (or of all of it), the returnees on its grid; reads
// only its input, so it runs on a worker as well as on the frame.
AnalysisState::DayFigures AnalysisState::computeDay(const DayInput& in) {
    DayFigures f;
    f.day = in.day;
    geo::GridReturnees grid = geo::gridReturnees(*in.counts, *in.boundary, in.scenario, in.day);
    f.returnees = std::move(grid.areas);
    f.origins = std::move(grid.origins);
    if (!in.day) {
        f.figures = geo::analyze(*in.net, in.scenario, f.returnees, f.origins);
        return f;
    }
    const geo::Scenario dated = geo::scenarioAsOf(in.scenario, *in.day);
    f.figures = geo::analyze(*in.net, dated, f.returnees, f.origins);
    const geo::DailyCounter daily(*in.counts, in.observationDays);
    f.asOf = geo::asOfFigures(dated, daily, *in.day);
    const int first = in.dataDays.hasDates ? std::min(in.dataDays.first, *in.day) : *in.day;
    for (const geo::DailyReturnees& d : daily.series(first, *in.day)) {
        f.arrivalsPerDay.push_back(static_cast<float>(d.arrivedOnDate));
        f.underPerDay.push_back(static_cast<float>(d.underObservation));
    }
    return f;
}

void AnalysisState::apply(DayFigures&& f) {
    figuresDay_ = f.day;
    figures_ = std::move(f.figures);
    asOf_ = f.asOf;
    arrivalsPerDay_ = std::move(f.arrivalsPerDay);
    underPerDay_ = std::move(f.underPerDay);
    returnees_ = std::move(f.returnees);
    origins_ = std::move(f.origins);
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
