// The GUI's --layout-log: where each window is (GLFW windows and ImGui panels) and what the
// briefing shows, written as a block whenever any of it changes, for scripts to assert on.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

struct GLFWwindow;

namespace app {

struct GuiContext;
class Presenter;

// A block per change:
//   frame N
//   monitors COUNT
//   glfw planning|briefing X Y W H fullscreen=0|1
//   table "PANEL" X Y W H                   (tables drawn this frame, by the panel holding them)
//   panel "NAME" X Y W H scroll=MAXY      (ImGui windows drawn this frame, no popups or tooltips)
//   plan scenario="NAME" camera=CX,CY,UNITS_PER_PIXEL
//   rota solving=0|1 solved=0|1 assignments=N short_posts=N error=0|1 message="TEXT"
//   rota_mark post=N missing=M at X Y        (each post ringed on the map as short of staff)
//   rota_item first_cell|first_remove|name_field|assign X Y W H   (rota window controls drawn)
//   rota_edit post=N day=DAYS_SINCE_1970 shift=K first="NAME"       (the slot being edited, its first name)
//   briefing scenario="NAME" district=N      (the presenter's, with --present)
//   date on=0|1 day=YYYY-MM-DD first=YYYY-MM-DD last=YYYY-MM-DD playing=0|1 all=X,Y,W,H back=X,Y,W,H
//        play=X,Y,W,H forward=X,Y,W,H           (the date bar, once drawn; one line)
//   asof day=YYYY-MM-DD checkpoints_active=N staff_on_duty=N entries_guarded=N entries_total=N
//        returnees_total=N arrived_on_date=N under_observation=N released=N fever=N
//                                              (the figures shown as of the day; one line, when one is chosen)
//   georef picture=0|1 scan=WxH pane=X,Y,W,H zoom=Z view=PIXEL,LINE points=N awaiting=0|1 warp=X,Y,W,H busy=0|1
//          status="TEXT"                   (the georeference window, while open; one line)
//   county version=N townships=N between=N  (the county view: its snapshot, then a line per township
//   county_township name="NAME" checkpoints=N closures=N staff_required=N staff_available=N
//        entries_guarded=N entries_total=N returnees=N row=X,Y,W,H     and one for the total, name="")
//   county_open X,Y,W,H                    (the button opening the selected township, once shown)
//   end
class LayoutLog {
public:
    explicit LayoutLog(const std::string& path);  // throws geo::Error when it cannot be written
    ~LayoutLog();
    LayoutLog(const LayoutLog&) = delete;
    LayoutLog& operator=(const LayoutLog&) = delete;
    // After ImGui::Render() of the planning window, its ImGui context current. Allocates nothing.
    void write(int64_t frame, GLFWwindow* planning, const Presenter* presenter, const GuiContext& gui);

private:
    std::FILE* file_ = nullptr;
    uint64_t lastHash_ = 0;
};

}  // namespace app
