// The analysis as the GUI sees it: the road network of the open workspace (rebuilt on a worker
// thread when its layers change, so a county-sized network never freezes the window) and the
// figures of the current scenario (recomputed after every plan edit), as of the chosen day when
// there is one (the checkpoints active then, the returnees arrived by then; a new day's figures
// are computed on a worker too, so play does not stall the frames).
#pragma once
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/figures.hpp"
#include "geo/analysis/district_entries.hpp"
#include "geo/returnees/as_of.hpp"
#include "geo/returnees/returnees.hpp"

namespace app {

class AppModel;
class PlanState;

class AnalysisState {
public:
    // Cheap when neither the model nor the plan changed since the last call.
    void update(AppModel& model, const PlanState& plan);
    void reloadReturnees() { planVersion_ = comparePlanVersion_ = UINT64_MAX; }  // after a returnee import
    bool isReady() const { return net_ != nullptr; }
    // The network is being built, or the figures of a newly chosen day computed (both on workers).
    bool isBuilding() const { return building_.valid() || computing_.valid(); }
    uint64_t buildsTaken() const { return buildsTaken_; }   // changes when a new network (or error) arrives
    const geo::CordonNetwork& network() const { return *net_; }
    const geo::Figures& figures() const { return figures_; }
    // The day the figures are as of (app/date_state.hpp chooses it); none: every checkpoint and returnee.
    void setDay(std::optional<int> day) { day_ = day; }
    const std::optional<int>& day() const { return figuresDay_; }  // what figures() and asOf() are for
    const geo::AsOfFigures& asOf() const { return asOf_; }       // valid while day() has a value
    const std::vector<float>& arrivalsPerDay() const { return arrivalsPerDay_; }  // data's first day .. day()
    const std::vector<float>& underObservationPerDay() const { return underPerDay_; }
    const geo::DataDays& dataDays() const { return dataDays_; }  // of the counts and the current scenario
    const std::vector<geo::AreaCount>& returnees() const { return returnees_; }
    // Figures of another scenario of the store, for the comparison columns (cached).
    const geo::Figures* compareFigures(PlanState& plan, int64_t scenarioId);
    // The scenario last loaded by compareFigures.
    const geo::Scenario& compareScenario() const { return compareScenario_; }
    // District-boundary entries and their guarding by the current scenario (found on first use).
    const std::vector<geo::DistrictEntry>& districtEntries(const PlanState& plan);
    const std::vector<uint8_t>& districtGuarded() const { return districtGuarded_; }
    const std::string& error() const { return error_; }

    int64_t compareWith = 0;  // scenario id in the comparison column; 0 for none
    std::string compareName;  // chosen by name once the plan is open (--compare NAME), then cleared
    bool showDistrictEntries = false;

    AnalysisState() = default;
    AnalysisState(const AnalysisState&) = delete;
    AnalysisState& operator=(const AnalysisState&) = delete;
    ~AnalysisState();

private:
    void startBuild(const AppModel& model, double entryGapM);
    bool collectBuild();  // true when a finished build was taken (or failed)

    std::shared_ptr<const geo::CordonNetwork> net_;  // shared with a day's computation on a worker
    uint64_t buildsTaken_ = 0;
    std::future<std::unique_ptr<geo::CordonNetwork>> building_;
    std::vector<std::future<std::unique_ptr<geo::CordonNetwork>>> abandoned_;  // outdated builds, dropped once done
    uint64_t modelVersion_ = UINT64_MAX, planVersion_ = UINT64_MAX;
    double entryGapM_ = -1;  // the entry gap the network was built with
    int64_t scenarioId_ = -1;
    geo::Figures figures_;
    // What depends on the day: computed on the frame for a plan change, on a worker for a new day.
    struct DayFigures {
        std::optional<int> day;
        geo::Figures figures;
        geo::AsOfFigures asOf;
        std::vector<float> arrivalsPerDay, underPerDay;
        std::vector<geo::AreaCount> returnees;
        std::vector<std::string> origins;
    };
    struct DayInput {
        std::shared_ptr<const geo::CordonNetwork> net;
        std::shared_ptr<const geo::ReturneeCounts> counts;
        std::shared_ptr<const geo::Layer> boundary;
        geo::Scenario scenario;
        int observationDays = geo::kDefaultObservationDays;
        geo::DataDays dataDays;
        std::optional<int> day;
    };
    static DayFigures computeDay(const DayInput& in);
    DayInput dayInput(const AppModel& model, const PlanState& plan) const;
    void apply(DayFigures&& f);
    void loadCounts(AppModel& model, const PlanState& plan);
    void collectDay();  // takes a finished day's figures when the plan is still the one they were for

    std::vector<geo::AreaCount> returnees_;
    std::vector<std::string> origins_;
    std::shared_ptr<const geo::ReturneeCounts> counts_ = std::make_shared<const geo::ReturneeCounts>();
    int observationDays_ = geo::kDefaultObservationDays;
    std::future<DayFigures> computing_;             // a new day's figures
    std::vector<std::future<DayFigures>> abandonedDays_;  // outdated, dropped once done
    uint64_t computingPlanVersion_ = UINT64_MAX;
    int64_t computingScenarioId_ = -1;
    geo::DataDays dataDays_;
    std::optional<int> day_, figuresDay_;
    geo::AsOfFigures asOf_;
    std::vector<float> arrivalsPerDay_, underPerDay_;
    geo::Figures compare_;
    geo::Scenario compareScenario_;
    std::vector<geo::DistrictEntry> districtEntries_;
    std::vector<uint8_t> districtGuarded_;
    bool hasDistrictEntries_ = false;
    uint64_t districtPlanVersion_ = UINT64_MAX;
    int64_t districtScenarioId_ = -1;
    int64_t compareId_ = 0;
    uint64_t comparePlanVersion_ = UINT64_MAX;
    std::string error_;
};

struct SuggestState {
    int mode = 0;            // 0 seal, 1 budget
    bool isWeighted = false;
    bool byStaff = false;    // budget by staff rather than by count
    int checkpoints = 10;
    int staff = 60;
    bool keepExisting = false;
    char name[128] = {};
    std::string result;      // what the last suggestion did
};

}  // namespace app
