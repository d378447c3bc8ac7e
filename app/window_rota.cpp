// The rota window (排班): posts x days for the current scenario, the names of each shift (or a
// count, names on hover), a person's week on hover, hand edits checked against the rules as they
// are made (each one a manual lock the next solve keeps), the solve on a worker thread, and the
// shortfall ringed on the map at the posts concerned.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/i18n.hpp"
#include "app/plan_state.hpp"
#include "app/snapshot.hpp"
#include "app/windows.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/plan/checkpoint_number.hpp"
#include "geo/rota/rota_check.hpp"
#include "geo/rota/rota_problem.hpp"
#include "geo/rota/rota_sheet.hpp"
#include "geo/rota/rota_store.hpp"

namespace app {
namespace {

constexpr ImU32 kShortColour = IM_COL32(215, 40, 40, 255);
constexpr size_t kNamesInCell = 2;  // more on one shift: a count, the names on hover

// The grid's index, names and map labels from view.problem and view.rota.
void rebuild(RotaView& v) {
    const auto& pb = v.problem;
    v.shownNames.clear();
    for (const auto& p : pb.people) v.shownNames.push_back(p.isLeader ? p.name + geo::kLeaderMark : p.name);
    v.cells.assign(pb.posts.size(), std::vector<std::vector<std::vector<int>>>(static_cast<size_t>(std::max(pb.days, 0))));
    for (size_t i = 0; i < pb.posts.size(); ++i)
        for (auto& day : v.cells[i]) day.assign(static_cast<size_t>(std::max(pb.posts[i].shifts, 1)), {});
    std::map<int, size_t> postIndex;
    for (size_t i = 0; i < pb.posts.size(); ++i) postIndex[pb.posts[i].number] = i;
    std::map<int64_t, int> personIndex;
    for (size_t i = 0; i < pb.people.size(); ++i) personIndex[pb.people[i].id] = static_cast<int>(i);
    for (const auto& a : v.rota.assignments) {
        auto po = postIndex.find(a.post);
        auto pe = personIndex.find(a.person);
        const int d = a.day - pb.firstDay;
        if (po == postIndex.end() || pe == personIndex.end() || d < 0 || d >= pb.days) continue;
        auto& day = v.cells[po->second][static_cast<size_t>(d)];
        if (a.shift >= 1 && a.shift <= static_cast<int>(day.size())) day[static_cast<size_t>(a.shift - 1)].push_back(pe->second);
    }
    for (auto& post : v.cells)  // leaders first, then by name, as on the printed pages
        for (auto& day : post)
            for (auto& names : day)
                std::sort(names.begin(), names.end(), [&](int a, int b) {
                    const auto& x = pb.people[static_cast<size_t>(a)];
                    const auto& y = pb.people[static_cast<size_t>(b)];
                    return std::make_pair(!x.isLeader, x.name) < std::make_pair(!y.isLeader, y.name);
                });
    v.shortfallByPost = geo::shortfallByPost(v.rota);
    v.shortLabels.clear();
    for (const auto& [post, missing] : v.shortfallByPost) {
        char buf[64];
        std::snprintf(buf, sizeof buf, tr("缺 %d 人", "%d short"), missing);
        v.shortLabels.push_back(buf);
    }
    ++v.version;
}

// The shortfall per post kept in the workspace, so that `cordon render` and the pages ring them too.
void storeShortfall(GuiContext& gui) {
    RotaView& v = gui.ui.rota;
    if (gui.ui.plan.isReadOnly() || !gui.model.workspace()) return;
    try {
        geo::saveRotaShortfall(gui.model.workspace()->db(), v.scenarioId, v.shortfallByPost);
    } catch (const geo::Error& e) {
        gui.ui.notices.push_back({tr("排班", "Rota"), e.what()});
    }
}

void setMessage(RotaView& v, bool isError, std::string text) {
    v.message = std::move(text);
    v.messageIsError = isError;
    ++v.version;  // new glyphs, perhaps
}

void startSolve(GuiContext& gui) {
    RotaView& v = gui.ui.rota;
    v.solveRequested = false;
    geo::Workspace* ws = gui.model.workspace();
    const PlanState& plan = gui.ui.plan;
    int firstDay = 0;
    if (!ws || !plan.isOpen() || !plan.scenarioId()) return setMessage(v, true, tr("还没有方案", "No scenario yet"));
    if (!geo::parseIsoDay(v.from, firstDay))
        return setMessage(v, true, tr("开始日期应为 YYYY-MM-DD", "The first day must be YYYY-MM-DD"));
    if (v.days < 1 || v.days > 366) return setMessage(v, true, tr("天数应在 1 到 366 之间", "Days must be 1 to 366"));
    try {
        const std::vector<geo::Person> staff = geo::loadStaff(ws->db());
        if (staff.empty()) return setMessage(v, true, tr("还没有人员：请先导入人员名单 (cordon staff WS import)",
                                                               "No staff yet: import them (cordon staff WS import)"));
        geo::RotaRules rules = v.rules;
        rules.timeLimitSeconds = 30;
        auto job = std::make_unique<RotaJob>();
        job->problem = geo::buildRotaProblem(ws->db(), plan.scenario(), staff, firstDay, v.days, rules);
        RotaJob* j = job.get();
        j->worker = std::thread([j] {
            try {
                j->rota = geo::solveRota(j->problem);
            } catch (const std::exception& e) {
                j->error = e.what();
            }
            j->done.store(true);
        });
        v.job = std::move(job);
        v.scenarioId = plan.scenarioId();
        setMessage(v, false, tr("正在排班…", "Solving…"));
    } catch (const geo::Error& e) {
        setMessage(v, true, e.what());
    }
}

void finishSolve(GuiContext& gui) {
    RotaView& v = gui.ui.rota;
    if (!v.job || !v.job->done.load()) return;
    v.job->worker.join();
    if (!v.job->error.empty()) {
        gui.ui.notices.push_back({tr("排班失败", "Rota failed"), v.job->error});
        setMessage(v, true, v.job->error);
    } else {
        v.problem = std::move(v.job->problem);
        v.rota = std::move(v.job->rota);
        v.hasRota = true;
        v.editPost = 0;
        v.settleFrames = 3;
        rebuild(v);
        storeShortfall(gui);
        int missing = 0;
        for (const auto& s : v.rota.shortfall) missing += s.missing;
        char buf[160];
        std::snprintf(buf, sizeof buf, tr("已排班：%zu 人次，缺 %d 人次", "Solved: %zu assignments, %d missing"),
                      v.rota.assignments.size(), missing);
        setMessage(v, false, buf);
    }
    v.job.reset();
}

// The breaks an edit causes, as one message: the hard ones refuse it, the rest warn.
std::string describeAll(const geo::RotaProblem& pb, const std::vector<geo::RotaBreak>& breaks, bool warnings) {
    std::string s;
    for (const auto& b : breaks)
        if (b.isWarning() == warnings) s += (s.empty() ? "" : "; ") + geo::describeBreak(pb, b);
    return s;
}

void noteItem(RotaView& v, RotaView::Item item) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    v.items[item] = {true, a.x, a.y, b.x - a.x, b.y - a.y};
}

void assign(GuiContext& gui) {
    RotaView& v = gui.ui.rota;
    // The person named in the field: a name, or NAME/UNIT when names repeat (as `cordon rota --lock`).
    const std::string typed = v.personName;
    int hits = 0;
    for (size_t i = 0; i < v.problem.people.size(); ++i)
        if (v.problem.people[i].name == typed || v.shownNames[i] == typed) v.editPerson = static_cast<int>(i), ++hits;
    if (hits == 0) return setMessage(v, true, std::string(tr("没有此人：", "No staff member named ")) + typed);
    if (hits > 1)
        return setMessage(
            v, true,
            std::string(tr("重名，请从列表中选择：", "Several people share the name: choose from the list: ")) + typed);
    if (gui.ui.plan.isReadOnly()) return setMessage(v, true, tr("只读：不能编辑", "Read-only: cannot edit"));
    const geo::RotaAssignment edit{v.problem.people[static_cast<size_t>(v.editPerson)].id, v.editPost, v.editDay, v.editShift};
    const auto breaks = geo::rotaBreaksAdding(v.problem, v.rota.assignments, edit);
    const std::string refused = describeAll(v.problem, breaks, false);
    if (!refused.empty()) return setMessage(v, true, std::string(tr("拒绝：", "Refused: ")) + refused);
    const geo::RotaLock lock{edit.person, edit.post, edit.day, edit.shift};
    try {
        geo::saveRotaLock(gui.model.workspace()->db(), v.scenarioId, lock);
    } catch (const geo::Error& e) {
        return setMessage(v, true, e.what());
    }
    v.problem.locks.push_back(lock);
    v.rota.assignments.push_back(edit);
    for (auto it = v.rota.shortfall.begin(); it != v.rota.shortfall.end(); ++it)
        if (it->post == edit.post && it->day == edit.day && it->shift == edit.shift) {
            if (--it->missing <= 0) v.rota.shortfall.erase(it);
            break;
        }
    rebuild(v);
    storeShortfall(gui);
    const std::string warned = describeAll(v.problem, breaks, true);
    setMessage(v, !warned.empty(), std::string(tr("已指派并锁定", "Assigned and locked")) +
                                       (warned.empty() ? "" : std::string(tr("；注意：", "; warning: ")) + warned));
}

void removeFromSlot(GuiContext& gui, int personIndex) {
    RotaView& v = gui.ui.rota;
    if (gui.ui.plan.isReadOnly()) return setMessage(v, true, tr("只读：不能编辑", "Read-only: cannot edit"));
    const geo::RotaAssignment gone{v.problem.people[static_cast<size_t>(personIndex)].id, v.editPost, v.editDay, v.editShift};
    const auto breaks = geo::rotaBreaksAfterRemoving(v.problem, v.rota.assignments, gone);
    const geo::RotaLock lock{gone.person, gone.post, gone.day, gone.shift};
    try {
        geo::removeRotaLock(gui.model.workspace()->db(), v.scenarioId, lock);
    } catch (const geo::Error& e) {
        return setMessage(v, true, e.what());
    }
    auto same = [&](const auto& a) { return a.person == gone.person && a.post == gone.post && a.day == gone.day && a.shift == gone.shift; };
    v.problem.locks.erase(std::remove_if(v.problem.locks.begin(), v.problem.locks.end(), same), v.problem.locks.end());
    v.rota.assignments.erase(std::remove_if(v.rota.assignments.begin(), v.rota.assignments.end(), same), v.rota.assignments.end());
    v.rota.shortfall.push_back({gone.post, gone.day, gone.shift, 1, "removed by hand"});
    rebuild(v);
    storeShortfall(gui);
    const std::string warned = describeAll(v.problem, breaks, true);
    setMessage(v, !warned.empty(), std::string(tr("已移除", "Removed")) +
                                       (warned.empty() ? "" : std::string(tr("；注意：", "; warning: ")) + warned));
}

// Where the person stands during the period, one line per shift.
void personWeekTooltip(const RotaView& v, int personIndex) {
    const geo::RotaPerson& p = v.problem.people[static_cast<size_t>(personIndex)];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(v.shownNames[static_cast<size_t>(personIndex)].c_str());
    ImGui::Separator();
    int shown = 0;
    for (const auto& a : v.rota.assignments)
        if (a.person == p.id) {
            const std::string day = geo::formatDay(a.day);  // only while hovering
            ImGui::Text("%s  %s %d  %s %d", day.c_str(), tr("卡口", "post"), a.post, tr("班", "shift"), a.shift);
            ++shown;
        }
    if (shown == 0) ImGui::TextDisabled("%s", tr("本期无班", "no shifts this period"));
    ImGui::EndTooltip();
}

void drawCell(RotaView& v, size_t postIndex, int day) {
    const geo::RotaPost& post = v.problem.posts[postIndex];
    const auto& shifts = v.cells[postIndex][static_cast<size_t>(day)];
    for (size_t k = 0; k < shifts.size(); ++k) {
        const int shift = static_cast<int>(k) + 1;
        const auto& names = shifts[k];
        char label[96];
        std::snprintf(label, sizeof label, "%d##%zu-%d-%d", shift, postIndex, day, shift);
        const bool isSelected = v.editPost == post.number && v.editDay == v.problem.firstDay + day && v.editShift == shift;
        const bool isClicked = ImGui::SmallButton(label);
        if (!names.empty() && !v.items[RotaView::FirstCell].isShown) noteItem(v, RotaView::FirstCell);
        if (isClicked) {
            v.editPost = post.number;
            v.editDay = v.problem.firstDay + day;
            v.editShift = shift;
        }
        if (isSelected) ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), IM_COL32(255, 200, 0, 255), 0, 0, 2);
        ImGui::SameLine();
        if (names.size() > kNamesInCell) {
            ImGui::Text("%zu%s", names.size(), tr("人", " people"));
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                for (int i : names) ImGui::TextUnformatted(v.shownNames[static_cast<size_t>(i)].c_str());
                ImGui::EndTooltip();
            }
        } else {
            for (size_t n = 0; n < names.size(); ++n) {
                if (n) ImGui::SameLine();
                ImGui::TextUnformatted(v.shownNames[static_cast<size_t>(names[n])].c_str());
                if (ImGui::IsItemHovered()) personWeekTooltip(v, names[n]);
            }
        }
        const int missing = post.staffPerShift - static_cast<int>(names.size());
        if (missing > 0) {
            if (!names.empty()) ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, kShortColour);
            ImGui::Text(tr("缺%d", "-%d"), missing);
            ImGui::PopStyleColor();
        }
    }
}

void drawEditor(GuiContext& gui) {
    RotaView& v = gui.ui.rota;
    if (v.editPost == 0) {
        ImGui::TextDisabled("%s", tr("点击班次编号以编辑该班", "Click a shift's number to edit it"));
        return;
    }
    const std::string day = geo::formatDay(v.editDay);
    ImGui::Text("%s %d  %s  %s %d", tr("卡口", "Post"), v.editPost, day.c_str(), tr("班次", "shift"), v.editShift);
    size_t postIndex = 0;
    while (postIndex < v.problem.posts.size() && v.problem.posts[postIndex].number != v.editPost) ++postIndex;
    if (postIndex == v.problem.posts.size()) return;
    const auto& names = v.cells[postIndex][static_cast<size_t>(v.editDay - v.problem.firstDay)][static_cast<size_t>(v.editShift - 1)];
    for (int i : names) {
        ImGui::SameLine();
        ImGui::PushID(i);
        ImGui::TextUnformatted(v.shownNames[static_cast<size_t>(i)].c_str());
        ImGui::SameLine();
        const bool isRemoved = ImGui::SmallButton(tr("移除", "remove"));
        if (i == names.front()) noteItem(v, RotaView::FirstRemove);
        ImGui::PopID();
        if (isRemoved) return removeFromSlot(gui, i);
    }
    ImGui::SetNextItemWidth(160 * gui.ui.contentScale);
    ImGui::InputTextWithHint("##name", tr("姓名", "Name"), v.personName, sizeof v.personName);
    noteItem(v, RotaView::NameField);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(40 * gui.ui.contentScale);
    if (ImGui::BeginCombo("##person", "", ImGuiComboFlags_NoPreview)) {  // or choose from the staff
        for (size_t i = 0; i < v.shownNames.size(); ++i)
            if (ImGui::Selectable(v.shownNames[i].c_str(), static_cast<int>(i) == v.editPerson))
                std::snprintf(v.personName, sizeof v.personName, "%s", v.problem.people[i].name.c_str());
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("指派 (锁定)", "Assign (lock)"))) assign(gui);
    noteItem(v, RotaView::AssignButton);
}

}  // namespace

void drawRotaWindow(GuiContext& gui) {
    RotaView& v = gui.ui.rota;
    finishSolve(gui);
    if (v.settleFrames > 0) --v.settleFrames;
    if (v.solveRequested && !v.job && gui.ui.plan.isOpen()) startSolve(gui);
    for (auto& item : v.items) item.isShown = false;
    if (!v.showWindow || !gui.ui.plan.isOpen()) return;
    if (v.from[0] == '\0') std::snprintf(v.from, sizeof v.from, "%s", todayText().c_str());  // first open: from today
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.2f, display.y * 0.5f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(display.x * 0.6f, display.y * 0.46f), ImGuiCond_FirstUseEver);
    char title[64];
    std::snprintf(title, sizeof title, "%s###rota", tr("排班", "Rota"));
    if (!ImGui::Begin(title, &v.showWindow)) {
        ImGui::End();
        return;
    }
    ImGui::SetNextItemWidth(110 * gui.ui.contentScale);
    ImGui::InputText(tr("开始日期", "From"), v.from, sizeof v.from);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90 * gui.ui.contentScale);
    ImGui::InputInt(tr("天", "days"), &v.days);
    ImGui::SameLine();
    // The rules, as `cordon rota --min-rest --max-days-in-a-row --max-shifts-per-day`.
    float rest = static_cast<float>(v.rules.minRestHours);
    ImGui::SetNextItemWidth(90 * gui.ui.contentScale);
    if (ImGui::InputFloat(tr("最少休息(小时)", "min rest (h)"), &rest, 1, 4, "%.0f"))
        v.rules.minRestHours = std::clamp(static_cast<double>(rest), 0.0, 72.0);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90 * gui.ui.contentScale);
    if (ImGui::InputInt(tr("最多连续天数", "max days in a row"), &v.rules.maxDaysInARow))
        v.rules.maxDaysInARow = std::clamp(v.rules.maxDaysInARow, 1, 366);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90 * gui.ui.contentScale);
    if (ImGui::InputInt(tr("每日最多班次", "max shifts a day"), &v.rules.maxShiftsPerDay))
        v.rules.maxShiftsPerDay = std::clamp(v.rules.maxShiftsPerDay, 1, 24);
    ImGui::BeginDisabled(v.isSolving());
    if (ImGui::Button(v.isSolving() ? tr("排班中…", "Solving…") : tr("排班", "Solve"))) v.solveRequested = true;
    ImGui::EndDisabled();
    if (!v.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v.messageIsError ? kShortColour : ImGui::GetColorU32(ImGuiCol_Text));
        ImGui::TextWrapped("%s", v.message.c_str());
        ImGui::PopStyleColor();
    }
    const bool isCurrent = v.hasRota && v.scenarioId == gui.ui.plan.scenarioId();
    if (!isCurrent) {
        ImGui::TextDisabled("%s", tr("本方案还没有排班：点击“排班”", "No rota for this scenario yet: press Solve"));
        ImGui::End();
        return;
    }
    drawEditor(gui);
    const auto& pb = v.problem;
    const int columns = 1 + pb.days;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (columns <= 64 && ImGui::BeginTable("rota grid", columns, flags)) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn(tr("卡口", "Post"));
        char head[32];
        for (int d = 0; d < pb.days; ++d) {
            const std::string day = geo::formatDay(pb.firstDay + d);  // at most a year of columns; only when shown
            std::snprintf(head, sizeof head, "%s", day.c_str() + 5);
            ImGui::TableSetupColumn(head);
        }
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < pb.posts.size(); ++i) {
            const geo::RotaPost& post = pb.posts[i];
            if (post.staffPerShift <= 0) continue;
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::Text("%d %s", post.number, post.name.c_str());
            auto shortIt = v.shortfallByPost.find(post.number);
            if (shortIt != v.shortfallByPost.end()) {
                ImGui::PushStyleColor(ImGuiCol_Text, kShortColour);
                ImGui::Text(tr("最多缺 %d 人/班", "up to %d short a shift"), shortIt->second);
                ImGui::PopStyleColor();
            }
            for (int d = 0; d < pb.days; ++d) {
                ImGui::TableSetColumnIndex(d + 1);
                drawCell(v, i, d);
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

void drawRotaOverlay(GuiContext& gui) {
    RotaView& v = gui.ui.rota;
    v.marks.clear();
    const PlanState& plan = gui.ui.plan;
    if (!v.hasRota || v.scenarioId != plan.scenarioId() || v.shortfallByPost.empty()) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = gui.ui.contentScale;
    float fb = ImGui::GetIO().DisplayFramebufferScale.x;
    if (!(fb > 0)) fb = 1;
    const auto& cps = plan.scenario().checkpoints;
    size_t label = 0;
    for (const auto& [post, missing] : v.shortfallByPost) {
        const std::string& text = v.shortLabels[label++];
        for (size_t i = 0; i < cps.size(); ++i) {
            if (geo::checkpointNumber(cps, i) != post) continue;
            const ScreenPoint sp = gui.ui.camera.worldToScreen(cps[i].x, cps[i].y);
            const ImVec2 p(static_cast<float>(sp.x) / fb, static_cast<float>(sp.y) / fb);
            dl->AddCircle(p, 16 * s, kShortColour, 32, 3 * s);
            v.marks.push_back({post, missing, p.x, p.y});
            const ImVec2 t(p.x + 18 * s, p.y - 22 * s);
            const ImVec2 size = ImGui::CalcTextSize(text.c_str());
            dl->AddRectFilled(ImVec2(t.x - 3 * s, t.y - 1 * s), ImVec2(t.x + size.x + 3 * s, t.y + size.y + 1 * s), IM_COL32(255, 255, 255, 230), 3 * s);
            dl->AddText(t, kShortColour, text.c_str());
        }
    }
}

void collectRotaTexts(const UiState& ui, std::vector<std::string_view>& out) {
    const RotaView& v = ui.rota;
    for (const auto& n : v.shownNames) out.push_back(n);
    for (const auto& l : v.shortLabels) out.push_back(l);
    for (const auto& p : v.problem.posts) out.push_back(p.name);
    out.push_back(v.message);
    out.push_back(geo::kLeaderMark);
    static const std::string kRules = [] {
        std::string all;
        for (int r = 0; r <= static_cast<int>(geo::RotaRule::LeaderPresent); ++r) all += geo::rotaRuleNameZh(static_cast<geo::RotaRule>(r));
        return all;
    }();
    out.push_back(kRules);
}

}  // namespace app
