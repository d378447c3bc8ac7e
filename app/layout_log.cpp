// The --layout-log writer: a hash of what it would write decides whether to write it.
#include "app/layout_log.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>

#include "app/county_view.hpp"
#include "app/presenter.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"
#include "geo/core/fnv_hash.hpp"

namespace app {
namespace {

using Hash = geo::FnvHash;

bool isPanel(const ImGuiWindow* w) {
    constexpr ImGuiWindowFlags kNotPanel = ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup;
    return w->Active && !w->Hidden && !(w->Flags & kNotPanel);
}

struct GlfwRect {
    int x = 0, y = 0, w = 0, h = 0;
    bool isFullScreen = false;
};

GlfwRect rectOf(GLFWwindow* window) {
    GlfwRect r;
    glfwGetWindowPos(window, &r.x, &r.y);
    glfwGetWindowSize(window, &r.w, &r.h);
    r.isFullScreen = glfwGetWindowMonitor(window) != nullptr;
    return r;
}

void addRect(Hash& hash, const GlfwRect& r) {
    for (int v : {r.x, r.y, r.w, r.h, r.isFullScreen ? 1 : 0}) hash.add(v);
}

const char* shownScenario(const BriefingState& b) {
    return b.scenario < b.scenarios.size() ? b.scenarios[b.scenario].c_str() : "";
}

// YYYY-MM-DD of a day number into `out` without allocating (Howard Hinnant's civil_from_days).
const char* dayText(int day, char (&out)[32]) {
    const int z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return out;
}

void addDate(Hash& hash, const DateState& date, const AnalysisState& an) {
    for (int v : {date.isOn ? 1 : 0, date.day, date.first, date.last, date.playing ? 1 : 0}) hash.add(v);
    for (const DateState::Rect& r : {date.all, date.back, date.play, date.forward})
        for (float v : {r.x, r.y, r.w, r.h}) hash.add(v);
    if (!an.day()) return;
    const geo::AsOfFigures& a = an.asOf();
    for (int64_t v : {int64_t{*an.day()}, int64_t{a.checkpointsActive}, int64_t{a.staffOnDuty},
                      int64_t{an.figures().entriesGuarded}, int64_t{an.figures().entriesTotal}, a.returnees.returneesTotal,
                      a.returnees.arrivedOnDate, a.returnees.underObservation, a.returnees.released, a.returnees.fever})
        hash.add(v);
}

void writeDate(std::FILE* file, const DateState& date, const AnalysisState& an) {
    char day[32], first[32], last[32];
    const auto rect = [file](const char* name, const DateState::Rect& r) {
        std::fprintf(file, " %s=%.0f,%.0f,%.0f,%.0f", name, r.x, r.y, r.w, r.h);
    };
    std::fprintf(file, "date on=%d day=%s first=%s last=%s playing=%d", date.isOn ? 1 : 0, dayText(date.day, day),
                 dayText(date.first, first), dayText(date.last, last), date.playing ? 1 : 0);
    rect("all", date.all);
    rect("back", date.back);
    rect("play", date.play);
    rect("forward", date.forward);
    std::fputc('\n', file);
    if (!an.day()) return;
    const geo::AsOfFigures& a = an.asOf();
    std::fprintf(file,
                 "asof day=%s checkpoints_active=%d staff_on_duty=%d entries_guarded=%d entries_total=%d"
                 " returnees_total=%lld arrived_on_date=%lld under_observation=%lld released=%lld fever=%lld\n",
                 dayText(*an.day(), day), a.checkpointsActive, a.staffOnDuty, an.figures().entriesGuarded,
                 an.figures().entriesTotal, static_cast<long long>(a.returnees.returneesTotal),
                 static_cast<long long>(a.returnees.arrivedOnDate), static_cast<long long>(a.returnees.underObservation),
                 static_cast<long long>(a.returnees.released), static_cast<long long>(a.returnees.fever));
}

void writeCountyFigures(std::FILE* file, const char* name, const geo::Figures& f, const CountyView::RowRect& row) {
    std::fprintf(file,
                 "county_township name=\"%s\" checkpoints=%d closures=%d staff_required=%d staff_available=%d "
                 "entries_guarded=%d entries_total=%d returnees=%lld row=%.0f,%.0f,%.0f,%.0f\n",
                 name, f.checkpoints, f.closures, f.staffRequired, f.staffAvailable, f.entriesGuarded, f.entriesTotal,
                 static_cast<long long>(f.returneesTotal), row.x, row.y, row.w, row.h);
}

void writeCounty(std::FILE* file, const CountyView& county) {
    const CountySnapshot& s = county.snapshot();
    std::fprintf(file, "county version=%llu townships=%zu between=%zu\n", static_cast<unsigned long long>(s.version),
                 s.townships.size(), s.between.size());
    for (size_t i = 0; i < s.townships.size(); ++i)
        writeCountyFigures(file, s.townships[i].name.c_str(), s.townships[i].figures,
                           i < county.rows.size() ? county.rows[i] : CountyView::RowRect{});
    writeCountyFigures(file, "", s.total, {});
    const CountyView::RowRect& b = county.openButton;
    if (b.w > 0) std::fprintf(file, "county_open %.0f,%.0f,%.0f,%.0f\n", b.x, b.y, b.w, b.h);
}

}  // namespace

LayoutLog::LayoutLog(const std::string& path) : file_(std::fopen(path.c_str(), "w")) {
    if (!file_) throw geo::Error(path + ": cannot write the layout log");
}

LayoutLog::~LayoutLog() { std::fclose(file_); }

void LayoutLog::write(int64_t frame, GLFWwindow* planning, const Presenter* presenter, const GuiContext& gui) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    int monitors = 0;
    glfwGetMonitors(&monitors);
    const GlfwRect planningRect = rectOf(planning);
    const GlfwRect briefingRect = presenter ? rectOf(presenter->window()) : GlfwRect{};
    const char* planScenario = gui.ui.plan.isOpen() ? gui.ui.plan.scenario().name.c_str() : "";
    const Camera& camera = gui.ui.camera;
    Hash hash;
    hash.add(monitors);
    addRect(hash, planningRect);
    addRect(hash, briefingRect);
    hash.add(planScenario);
    hash.add(camera.centerX);
    hash.add(camera.centerY);
    hash.add(camera.unitsPerPixel);
    for (const ImGuiWindow* w : g.Windows)
        if (isPanel(w)) {
            hash.add(w->Name);
            for (float v : {w->Pos.x, w->Pos.y, w->Size.x, w->Size.y, w->ContentSize.y}) hash.add(v);
            hash.add(w->ScrollMax.y);
        }
    const RotaView& rota = gui.ui.rota;
    hash.add(rota.isSolving());
    hash.add(rota.version);
    for (const auto& item : rota.items)
        for (float v : {item.isShown ? 1.0f : 0.0f, item.x, item.y, item.w, item.h}) hash.add(v);
    hash.add(rota.editPost);
    hash.add(rota.editDay);
    hash.add(rota.editShift);
    for (const auto& m : rota.marks)
        for (float v : {m.x, m.y, static_cast<float>(m.post), static_cast<float>(m.missing)}) hash.add(v);
    if (presenter) {
        hash.add(shownScenario(presenter->briefing()));
        hash.add(presenter->briefing().focusDistrict);
    }
    const bool hasDateBar = gui.ui.plan.isOpen() && gui.ui.analysis.isReady();
    if (hasDateBar) addDate(hash, gui.ui.date, gui.ui.analysis);
    const GeorefView& georef = gui.ui.georef;
    for (double v : {georef.isOpen ? 1.0 : 0.0, georef.hasPicture ? 1.0 : 0.0, double(georef.paneX), double(georef.paneY),
                     double(georef.paneW), double(georef.paneH), georef.zoom, georef.viewPixel, georef.viewLine,
                     double(georef.points.size()), georef.isAwaitingMap ? 1.0 : 0.0, double(georef.warpX), double(georef.warpY),
                     georef.warping.valid() ? 1.0 : 0.0, double(georef.status.size())})
        hash.add(v);
    if (const CountyView* county = gui.ui.county) {
        hash.add(static_cast<double>(county->snapshot().version));
        for (const auto& r : county->rows)
            for (float v : {r.x, r.y, r.w, r.h}) hash.add(v);
        for (float v : {county->openButton.x, county->openButton.y, county->openButton.w}) hash.add(v);
    }
    if (hash.value == lastHash_) return;
    lastHash_ = hash.value;

    std::fprintf(file_, "frame %lld\nmonitors %d\n", static_cast<long long>(frame), monitors);
    const auto glfwLine = [this](const char* name, const GlfwRect& r) {
        std::fprintf(file_, "glfw %s %d %d %d %d fullscreen=%d\n", name, r.x, r.y, r.w, r.h, r.isFullScreen ? 1 : 0);
    };
    glfwLine("planning", planningRect);
    if (presenter) glfwLine("briefing", briefingRect);
    for (int i = 0; i < g.Tables.GetMapSize(); ++i)  // the tables drawn this frame, in their panels
        if (const ImGuiTable* t = const_cast<ImGuiContext&>(g).Tables.TryGetMapData(i);
            t && t->LastFrameActive == g.FrameCount && t->OuterWindow && isPanel(t->OuterWindow->RootWindow))
            std::fprintf(file_, "table \"%s\" %.0f %.0f %.0f %.0f\n", t->OuterWindow->RootWindow->Name, t->OuterRect.Min.x,
                         t->OuterRect.Min.y, t->OuterRect.GetWidth(), t->OuterRect.GetHeight());
    for (const ImGuiWindow* w : g.Windows)
        if (isPanel(w))
            std::fprintf(file_, "panel \"%s\" %.0f %.0f %.0f %.0f scroll=%.0f\n", w->Name, w->Pos.x, w->Pos.y, w->Size.x,
                         w->Size.y, w->ScrollMax.y);
    std::fprintf(file_, "plan scenario=\"%s\" camera=%.1f,%.1f,%.4f\n", planScenario, camera.centerX, camera.centerY,
                 camera.unitsPerPixel);
    std::fprintf(file_, "rota solving=%d solved=%d assignments=%zu short_posts=%zu error=%d message=\"%s\"\n",
                 rota.isSolving() ? 1 : 0, rota.hasRota ? 1 : 0, rota.rota.assignments.size(), rota.shortfallByPost.size(),
                 rota.messageIsError ? 1 : 0, rota.message.c_str());
    static const char* const kItemNames[] = {"first_cell", "first_remove", "name_field", "assign"};
    for (size_t i = 0; i < rota.items.size(); ++i)
        if (rota.items[i].isShown)
            std::fprintf(file_, "rota_item %s %.0f %.0f %.0f %.0f\n", kItemNames[i], rota.items[i].x, rota.items[i].y,
                         rota.items[i].w, rota.items[i].h);
    if (rota.editPost != 0) {  // and the first name on the slot, the one first_remove removes
        const char* first = "";
        for (size_t i = 0; i < rota.problem.posts.size() && i < rota.cells.size(); ++i) {
            const int d = rota.editDay - rota.problem.firstDay;
            if (rota.problem.posts[i].number != rota.editPost || d < 0 || d >= static_cast<int>(rota.cells[i].size())) continue;
            const auto& shifts = rota.cells[i][static_cast<size_t>(d)];
            if (rota.editShift >= 1 && rota.editShift <= static_cast<int>(shifts.size()) && !shifts[static_cast<size_t>(rota.editShift - 1)].empty())
                first = rota.problem.people[static_cast<size_t>(shifts[static_cast<size_t>(rota.editShift - 1)].front())].name.c_str();
        }
        std::fprintf(file_, "rota_edit post=%d day=%d shift=%d first=\"%s\"\n", rota.editPost, rota.editDay, rota.editShift, first);
    }
    for (const auto& m : rota.marks)
        std::fprintf(file_, "rota_mark post=%d missing=%d at %.0f %.0f\n", m.post, m.missing, m.x, m.y);
    if (presenter)
        std::fprintf(file_, "briefing scenario=\"%s\" district=%d\n", shownScenario(presenter->briefing()),
                     presenter->briefing().focusDistrict);
    if (hasDateBar) writeDate(file_, gui.ui.date, gui.ui.analysis);
    if (georef.isOpen)
        std::fprintf(file_,
                     "georef picture=%d scan=%dx%d pane=%.0f,%.0f,%.0f,%.0f zoom=%.6f view=%.3f,%.3f points=%zu awaiting=%d"
                     " warp=%.0f,%.0f,%.0f,%.0f busy=%d status=\"%s\"\n",
                     georef.hasPicture ? 1 : 0, georef.scanWidth, georef.scanHeight, georef.paneX, georef.paneY, georef.paneW,
                     georef.paneH, georef.zoom, georef.viewPixel, georef.viewLine, georef.points.size(),
                     georef.isAwaitingMap ? 1 : 0, georef.warpX, georef.warpY, georef.warpW, georef.warpH,
                     georef.warping.valid() ? 1 : 0, georef.status.c_str());
    if (const CountyView* county = gui.ui.county) writeCounty(file_, *county);
    std::fputs("end\n", file_);
    std::fflush(file_);
}

}  // namespace app
