// A post's rota sheet and page: the names of each shift (leaders first and marked, nobody else's
// post), what is missing, the shift hours, the shortfall per post for the map; the page's boxes.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "geo/core/error.hpp"
#include "geo/render/rota_page.hpp"
#include "geo/rota/rota_sheet.hpp"

namespace {
constexpr int kDay0 = 18286;  // 2020-01-25

bool inside(const geo::Rect& a, const geo::Rect& page) {
    return a.x >= page.x && a.y >= page.y && a.right() <= page.right() + 0.5 && a.bottom() <= page.bottom() + 0.5;
}
bool overlap(const geo::Rect& a, const geo::Rect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}
}  // namespace

TEST_CASE("a post's sheet lists each shift's names, leaders first and marked, and what is missing") {
    geo::RotaProblem pb;
    pb.firstDay = kDay0;
    pb.days = 2;
    pb.posts = {{3, "北口", "", 2, 3, false}, {5, "封路", "", 0, 1, false}, {7, "南口", "", 1, 2, false}};
    pb.people = {{1, "王强", "", false, false, {}}, {2, "张伟", "", true, false, {}}, {3, "李娜", "", false, false, {}}};
    geo::Rota rota;
    rota.assignments = {{1, 3, kDay0, 1}, {2, 3, kDay0, 1}, {3, 7, kDay0, 1}, {3, 3, kDay0 + 1, 3}};
    rota.shortfall = {{3, kDay0, 2, 2, "r"}, {3, kDay0, 3, 2, "r"}, {3, kDay0 + 1, 1, 2, "r"}, {3, kDay0 + 1, 2, 2, "r"},
                      {3, kDay0 + 1, 3, 1, "r"}, {7, kDay0, 2, 1, "r"}};
    const geo::RotaPostSheet s = geo::rotaPostSheet(pb, rota, 3);
    CHECK(s.name == "北口");
    REQUIRE(s.cells.size() == 2);
    REQUIRE(s.cells[0].size() == 3);
    CHECK(s.cells[0][0].names == std::vector<std::string>{std::string("张伟") + geo::kLeaderMark, "王强"});
    CHECK(s.cells[0][0].missing == 0);
    CHECK(s.cells[0][1].names.empty());
    CHECK(s.cells[0][1].missing == 2);
    CHECK(s.cells[1][2].names == std::vector<std::string>{"李娜"});  // 李娜's shift at post 7 is not on this sheet
    CHECK(s.missing == 9);
    CHECK(s.shiftHours == std::vector<std::string>{"00:00-08:00", "08:00-16:00", "16:00-24:00"});
    CHECK(geo::shiftHoursText(2, 2) == "12:00-24:00");
    CHECK_THROWS_AS(geo::rotaPostSheet(pb, rota, 5), geo::Error);  // a closure has no sheet
    CHECK_THROWS_AS(geo::rotaPostSheet(pb, rota, 9), geo::Error);
    CHECK(geo::shortfallByPost(rota) == std::map<int, int>{{3, 2}, {7, 1}});
}

TEST_CASE("the rota page's boxes lie on the A4 page without overlapping, the grid the largest") {
    const geo::PageSize a4 = geo::pageFromPaper("A4", false, 300);
    const geo::RotaPageLayout r = geo::layoutRotaPage(a4);
    const geo::Rect page{0, 0, static_cast<double>(a4.width), static_cast<double>(a4.height)};
    const geo::PageLayout& l = r.page;
    const std::vector<geo::Rect> boxes = {l.titleBox, l.subtitleBox, r.gridBox, l.mapFrame, l.figuresBox, l.legendBox, l.attributionBox};
    for (size_t i = 0; i < boxes.size(); ++i) {
        CAPTURE(i);
        CHECK(!boxes[i].isEmpty());
        CHECK(inside(boxes[i], page));
        for (size_t j = i + 1; j < boxes.size(); ++j) CHECK_FALSE(overlap(boxes[i], boxes[j]));
        if (i != 2) CHECK(boxes[i].w * boxes[i].h < r.gridBox.w * r.gridBox.h);
    }
    CHECK(inside(l.scaleBarBox, l.mapFrame));
}
