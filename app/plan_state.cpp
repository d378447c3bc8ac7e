// The GUI's plan state: every edit is a geo::PlanSession verb, then a reload of what is shown.
#include "app/plan_state.hpp"

#include "app/i18n.hpp"
#include "geo/plan/checkpoint_repair.hpp"
#include "geo/core/error.hpp"

namespace app {

void PlanState::attach(geo::Workspace* workspace, uint64_t layersVersion) {
    if (workspace == workspace_ && layersVersion == layersVersion_) return;
    bool sameWorkspace = workspace == workspace_ && session_;
    workspace_ = workspace;
    layersVersion_ = layersVersion;
    if (sameWorkspace) {  // only the layers changed
        session_->reloadLayers();
        session_->roads();  // read now, so a damaged layer fails here and not mid-frame
        return;
    }
    session_.reset();
    scenario_ = {};
    scenarios_.clear();
    selection.clear();
    if (!workspace) return;
    auto session = std::make_unique<geo::PlanSession>(*workspace);
    session->roads();
    session_ = std::move(session);
    externalCounter_ = session_->externalChangeCounter();
    if (!preferredScenario.empty())
        if (auto id = session_->findScenario(preferredScenario)) scenario_.id = *id;
    reload();
}

void PlanState::reloadIfChangedElsewhere() {
    if (!session_) return;
    int64_t counter = session_->externalChangeCounter();
    if (counter == externalCounter_) return;
    externalCounter_ = counter;
    reload();
}

void PlanState::reload() {
    if (!session_) return;
    scenarios_ = session_->listScenarios();
    int64_t id = scenario_.id;
    bool exists = false;
    for (const auto& s : scenarios_) exists |= s.id == id;
    if (!exists) id = scenarios_.empty() ? 0 : scenarios_.front().id;
    scenario_ = id ? session_->loadScenario(id) : geo::Scenario{};
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

const geo::RoadSnapper& PlanState::roads() const {
    static const geo::RoadSnapper none;
    return session_ ? session_->roads() : none;
}

const geo::DistrictLocator& PlanState::districts() const {
    static const geo::DistrictLocator none;
    return session_ ? session_->districts() : none;
}

geo::StaffingTotals PlanState::staffing() const {
    return session_ ? session_->staffing(scenario_) : geo::staffingTotals(scenario_.checkpoints, scenario_.params, {});
}

template <class Verb>
void PlanState::thenReload(Verb&& verb) {
    try {
        verb(*session_);
    } catch (...) {
        reload();
        throw;
    }
    reload();
}

int64_t PlanState::addAt(double x, double y, bool off, bool beyond) {
    if (!scenario_.id) throw geo::Error(tr("还没有方案：请先新建一个方案", "no scenario yet: create one first"));
    geo::Checkpoint c;
    thenReload([&](geo::PlanSession& s) { c = s.addCheckpointAt(scenario_.id, x, y, placeOptions(off, beyond)); });
    lastPlaced = c.roadFid >= 0 ? (c.road.empty() ? std::string("-") : c.road) + " (" + roadClassLabel(static_cast<size_t>(c.roadClass)) + ")"
                                : std::string(tr("路外", "off-road"));
    selection = {c.id};
    return c.id;
}

void PlanState::moveTo(int64_t id, double x, double y, bool off, bool beyond) {
    thenReload([&](geo::PlanSession& s) { s.moveCheckpoint(scenario_.id, id, x, y, placeOptions(off, beyond)); });
}

geo::PlaceOptions PlanState::placeOptions(bool off, bool beyond) const {
    geo::PlaceOptions o;
    o.toleranceM = toleranceM;
    o.offRoad = off;
    o.outside = beyond;
    return o;
}

void PlanState::update(const geo::Checkpoint& c, const char* label) {
    thenReload([&](geo::PlanSession& s) { s.setCheckpoint(scenario_.id, c, label); });
}

void PlanState::updateMany(const std::vector<geo::Checkpoint>& edited, const char* label) {
    if (edited.empty()) return;
    thenReload([&](geo::PlanSession& s) { s.setCheckpoints(scenario_.id, edited, label); });
}

void PlanState::deleteSelected() {
    if (selection.empty()) return;
    std::vector<int64_t> ids(selection.begin(), selection.end());
    selection.clear();
    thenReload([&](geo::PlanSession& s) { s.deleteCheckpoints(scenario_.id, ids); });
}

void PlanState::undo() {
    if (!session_ || !scenario_.id) return;
    thenReload([&](geo::PlanSession& s) { s.undo(scenario_.id); });
}

void PlanState::redo() {
    if (!session_ || !scenario_.id) return;
    thenReload([&](geo::PlanSession& s) { s.redo(scenario_.id); });
}

void PlanState::createScenario(const std::string& name) {
    switchTo(session_->createScenario(name, geo::ScenarioParams{}));
}

void PlanState::copyScenario(const std::string& to) { switchTo(session_->copyScenario(scenario_.name, to)); }

void PlanState::renameScenario(const std::string& to) {
    thenReload([&](geo::PlanSession& s) { s.renameScenario(scenario_.name, to); });
}

void PlanState::deleteScenario() {
    thenReload([&](geo::PlanSession& s) { s.deleteScenario(scenario_.name); });
}

void PlanState::setNotes(const std::string& notes) {
    thenReload([&](geo::PlanSession& s) { s.setNotes(scenario_.id, notes); });
}

void PlanState::setParams(const geo::ScenarioParams& params) {
    thenReload([&](geo::PlanSession& s) { s.setParams(scenario_.id, params); });
}

void PlanState::createSuggestedScenario(const std::string& name, const std::string& notes,
                                        const std::vector<geo::Checkpoint>& checkpoints) {
    switchTo(session_->createSuggestedScenario(name, scenario_.params, notes, checkpoints));
}

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
