// The GUI's plan session: every verb commits through the store, then reloads what is shown.
#include "app/plan_state.hpp"

#include <algorithm>
#include <map>

#include "app/i18n.hpp"
#include "geo/checkpoint_repair.hpp"
#include "geo/error.hpp"

namespace app {

void PlanState::attach(geo::Workspace* workspace, uint64_t layersVersion) {
    if (workspace == workspace_ && layersVersion == layersVersion_) return;
    bool sameWorkspace = workspace == workspace_ && store_;
    workspace_ = workspace;
    layersVersion_ = layersVersion;
    if (sameWorkspace) {  // only the layers changed
        roads_ = workspace->hasLayer("roads") ? geo::RoadSnapper::fromWorkspace(*workspace) : geo::RoadSnapper();
        districts_ = geo::DistrictLocator::fromWorkspace(*workspace);
        township_ = geo::TownshipOutline::fromWorkspace(*workspace);
        return;
    }
    store_.reset();
    history_.reset();
    scenario_ = {};
    scenarios_.clear();
    selection.clear();
    if (!workspace) return;
    auto store = geo::openSqliteScenarioStore(*workspace);
    roads_ = workspace->hasLayer("roads") ? geo::RoadSnapper::fromWorkspace(*workspace) : geo::RoadSnapper();
    districts_ = geo::DistrictLocator::fromWorkspace(*workspace);
    township_ = geo::TownshipOutline::fromWorkspace(*workspace);
    store_ = std::move(store);
    history_ = std::make_unique<geo::PlanHistory>(*store_);
    externalCounter_ = store_->externalChangeCounter();
    if (!preferredScenario.empty())
        if (auto id = store_->findScenario(preferredScenario)) scenario_.id = *id;
    reload();
}

void PlanState::reloadIfChangedElsewhere() {
    if (!store_) return;
    int64_t counter = store_->externalChangeCounter();
    if (counter == externalCounter_) return;
    externalCounter_ = counter;
    reload();
}

void PlanState::reload() {
    if (!store_) return;
    scenarios_ = store_->listScenarios();
    int64_t id = scenario_.id;
    bool exists = false;
    for (const auto& s : scenarios_) exists |= s.id == id;
    if (!exists) id = scenarios_.empty() ? 0 : scenarios_.front().id;
    scenario_ = id ? store_->loadScenario(id) : geo::Scenario{};
    if (id && workspace_) {
        auto damaged = geo::damagedCheckpoints(*workspace_, id);
        std::string text = damaged.empty() ? std::string()
                                           : geo::describeDamaged(damaged) + "; skipped. `cordon checkpoint WS --scenario " +
                                                 scenario_.name + " repair` puts them back on their roads.";
        if (text != damagedNoticeShown) damagedNotice = damagedNoticeShown = text;
    }
    std::set<int64_t> kept;
    for (const auto& c : scenario_.checkpoints)
        if (selection.count(c.id)) kept.insert(c.id);
    selection.swap(kept);
    ++version_;
}

void PlanState::switchTo(int64_t scenarioId) {
    scenario_.id = scenarioId;
    selection.clear();
    reload();
}

StaffingFigures PlanState::staffing() const {
    StaffingFigures f;
    f.available = scenario_.params.staffAvailable;
    std::map<std::string, int> required;
    for (const auto& n : districts_.names()) required[n] = 0;
    for (const auto& c : scenario_.checkpoints) {
        f.required += c.staffRequired();
        required[c.district] += c.staffRequired();
    }
    for (const auto& [name, r] : required) {
        auto it = scenario_.params.staffByDistrict.find(name);
        f.districts.push_back({name, r, it == scenario_.params.staffByDistrict.end() ? -1 : it->second});
    }
    return f;
}

int64_t PlanState::addAt(double x, double y, bool off, bool beyond) {
    if (!scenario_.id) throw geo::Error(planText("还没有方案：请先新建一个方案", "no scenario yet: create one first"));
    geo::Checkpoint c = geo::newCheckpointAt(x, y, {roads_, districts_, township_}, placeOptions(off, beyond), scenario_.params);
    int next = 1;
    for (const auto& other : scenario_.checkpoints) next = std::max(next, other.number + 1);
    c.name = (c.road.empty() ? std::string("卡口") : c.road + "卡口") + " " + std::to_string(next);
    int64_t id = history_->addCheckpoint(scenario_.id, c);
    lastPlaced = c.roadFid >= 0 ? (c.road.empty() ? std::string("-") : c.road) + " (" + roadClassLabel(static_cast<size_t>(c.roadClass)) + ")"
                                : std::string(planText("路外", "off-road"));
    selection = {id};
    reload();
    return id;
}

void PlanState::moveTo(int64_t id, double x, double y, bool off, bool beyond) {
    auto c = store_->checkpoint(scenario_.id, id);
    if (!c) throw geo::Error("the checkpoint no longer exists");
    geo::placeByHand(*c, x, y, {roads_, districts_, township_}, placeOptions(off, beyond));
    history_->updateCheckpoint(scenario_.id, *c, "move checkpoint");
    reload();
}

geo::PlaceOptions PlanState::placeOptions(bool off, bool beyond) const {
    geo::PlaceOptions o;
    o.toleranceM = toleranceM;
    o.offRoad = off;
    o.outside = beyond;
    o.guardDistanceM = scenario_.params.guardDistanceM;
    return o;
}

void PlanState::update(const geo::Checkpoint& c, const char* label) {
    history_->updateCheckpoint(scenario_.id, c, label);
    reload();
}

void PlanState::updateMany(const std::vector<geo::Checkpoint>& edited, const char* label) {
    if (edited.empty()) return;
    history_->updateCheckpoints(scenario_.id, edited, label);
    reload();
}

void PlanState::deleteSelected() {
    if (selection.empty()) return;
    history_->deleteCheckpoints(scenario_.id, std::vector<int64_t>(selection.begin(), selection.end()));
    selection.clear();
    reload();
}

void PlanState::undo() {
    if (!history_ || !scenario_.id) return;
    try {
        history_->undo(scenario_.id);
    } catch (...) {
        reload();
        throw;
    }
    reload();
}

void PlanState::redo() {
    if (!history_ || !scenario_.id) return;
    try {
        history_->redo(scenario_.id);
    } catch (...) {
        reload();
        throw;
    }
    reload();
}

const char* planText(const char* zh, const char* en) { return language() == Language::Chinese ? zh : en; }

void collectPlanTexts(const PlanState& plan, std::vector<std::string_view>& out) {
    for (const auto& s : plan.scenarios()) out.push_back(s.name);
    out.push_back(plan.scenario().notes);
    for (const auto& c : plan.scenario().checkpoints) {
        out.push_back(c.name);
        out.push_back(c.road);
        out.push_back(c.district);
        out.push_back(c.leader);
    }
    for (const auto& d : plan.districts().names()) out.push_back(d);
    out.push_back(plan.lastPlaced);
    // Every fixed string of the plan windows (Chinese glyphs come only from shown texts).
    static const char* const kFixed[] = {
        "方案", "新建", "复制", "重命名", "删除", "确认删除", "备注", "参数", "可用人员", "默认班次", "守卫距离", "网格大小",
        "小数阈值", "卡口", "名称", "类型", "片区", "道路", "等级", "每班人数", "班次", "所需人员", "合计", "缺口", "富余",
        "添加卡口", "选择", "路外", "容差", "米", "撤销", "重做", "只读", "不能编辑", "镇入口", "村口", "道路卡口",
        "健康检测站", "封路", "人员配置", "需要", "可用", "切换", "还没有方案：请先新建一个方案", "点击道路添加卡口",
        "已放在", "取消", "名称已存在", "工具", "未分片区", "值班负责人", "电话", "时段", "删除所选", "复制为",
        "新名称", "该方案及其所有卡口将被删除。", "人", "应用到所选", "容差内没有道路", "镇外", "无人员"};
    for (const char* s : kFixed) out.push_back(s);
}

}  // namespace app
