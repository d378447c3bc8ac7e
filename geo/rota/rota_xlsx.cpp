// The rota workbook.
#include "geo/rota/rota_xlsx.hpp"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/io/output_file.hpp"

namespace fs = std::filesystem;

namespace geo {

std::string shiftHours(int shift, int shifts) {
    auto hhmm = [](double hours) {
        char buf[16];
        const int minutes = static_cast<int>(std::lround(hours * 60));
        std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
        return std::string(buf);
    };
    return hhmm(shiftStartHour(shift, shifts)) + "-" + hhmm(shiftEndHour(shift, shifts));
}

namespace {

// A sheet name Excel accepts: at most 31 characters (whole UTF-8 characters), none of []:*?/\'.
std::string excelSheetName(const std::string& wanted, std::set<std::string>& used) {
    std::string name;
    int chars = 0;
    for (size_t i = 0; i < wanted.size() && chars < 26; ++chars) {
        const auto lead = static_cast<unsigned char>(wanted[i]);
        const size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        const std::string ch = wanted.substr(i, len);
        name += ch.size() == 1 && std::string("[]:*?/\\'").find(ch[0]) != std::string::npos ? std::string("_") : ch;
        i += len;
    }
    std::string unique = name.empty() ? "-" : name;
    for (int n = 2; !used.insert(unique).second; ++n) unique = name + "~" + std::to_string(n);
    return unique;
}

class Book {
public:
    Book(const fs::path& path, const std::string& shown) : shown_(shown) {
        book_ = workbook_new(path.string().c_str());
        if (!book_) throw Error(shown + ": cannot be written (no permission or read-only folder)");
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        wrap_ = workbook_add_format(book_);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    }
    ~Book() { if (book_) workbook_close(book_); }
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;
    lxw_worksheet* sheet(const std::string& wanted) {
        lxw_worksheet* s = workbook_add_worksheet(book_, excelSheetName(wanted, used_).c_str());
        if (!s) throw Error(shown_ + ": cannot add the sheet '" + wanted + "'");
        return s;
    }
    void text(lxw_worksheet* s, int row, int col, const std::string& value, bool isHeader = false) {
        worksheet_write_string(s, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value.c_str(), isHeader ? bold_ : wrap_);
    }
    void close() {
        const lxw_error e = workbook_close(book_);
        book_ = nullptr;
        if (e != LXW_NO_ERROR) throw Error(shown_ + ": write failed (" + lxw_strerror(e) + "; disk full?)");
    }
private:
    std::string shown_;
    lxw_workbook* book_ = nullptr;
    lxw_format* bold_ = nullptr;
    lxw_format* wrap_ = nullptr;
    std::set<std::string> used_;
};

void fill(Book& book, const RotaProblem& pb, const Rota& rota, const std::vector<Person>& staff, const std::string& title) {
    std::map<int64_t, const Person*> personOf;
    for (const Person& p : staff) personOf[p.id] = &p;
    auto nameOf = [&](int64_t id) {
        auto it = personOf.find(id);
        if (it == personOf.end()) return std::to_string(id);
        return (it->second->isLeader ? "★" : "") + it->second->name;
    };
    std::map<std::tuple<int, int, int>, std::string> cell;  // (post, day, shift) -> names
    std::map<int64_t, std::map<int, std::string>> duties;   // person -> day -> "卡口3 班2"
    std::map<int64_t, int> shiftCount;
    for (const RotaAssignment& a : rota.assignments) {
        std::string& c = cell[{a.post, a.day, a.shift}];
        c += (c.empty() ? "" : "、") + nameOf(a.person);
        ++shiftCount[a.person];
        std::string& d = duties[a.person][a.day];
        d += (d.empty() ? "" : "; ") + std::string("卡口") + std::to_string(a.post) + " 班" + std::to_string(a.shift);
    }
    int maxShifts = 1;
    for (const RotaPost& p : pb.posts) maxShifts = std::max(maxShifts, p.shifts);

    lxw_worksheet* overview = book.sheet("总览");
    book.text(overview, 0, 0, title, true);
    book.text(overview, 1, 0, formatDay(pb.firstDay) + " ~ " + formatDay(pb.firstDay + pb.days - 1));
    book.text(overview, 2, 0, "★ 带班负责人 (leader)");
    book.text(overview, 4, 0, "缺员 (shortfall)", true);
    const char* head[] = {"卡口", "日期", "班次", "缺", "原因"};
    for (int c = 0; c < 5; ++c) book.text(overview, 5, c, head[c], true);
    int row = 6;
    for (const RotaShortfall& s : rota.shortfall) {
        book.text(overview, row, 0, std::to_string(s.post));
        book.text(overview, row, 1, formatDay(s.day));
        book.text(overview, row, 2, std::to_string(s.shift));
        worksheet_write_number(overview, static_cast<lxw_row_t>(row), 3, s.missing, nullptr);
        book.text(overview, row++, 4, s.reason);
    }
    if (rota.shortfall.empty()) book.text(overview, row, 0, "无 (none)");

    for (const RotaPost& post : pb.posts) {
        if (post.staffPerShift <= 0) continue;
        lxw_worksheet* s = book.sheet(std::to_string(post.number) + " " + post.name);
        book.text(s, 0, 0, std::to_string(post.number) + " " + post.name + "  (" + std::to_string(post.staffPerShift) + "人/班)", true);
        book.text(s, 1, 0, "日期", true);
        for (int k = 1; k <= post.shifts; ++k) book.text(s, 1, k, "班" + std::to_string(k) + " " + shiftHours(k, post.shifts), true);
        worksheet_set_column(s, 1, static_cast<lxw_col_t>(post.shifts), 24, nullptr);
        worksheet_set_column(s, 0, 0, 12, nullptr);
        for (int d = 0; d < pb.days; ++d) {
            book.text(s, 2 + d, 0, formatDay(pb.firstDay + d));
            for (int k = 1; k <= post.shifts; ++k) book.text(s, 2 + d, k, cell[{post.number, pb.firstDay + d, k}]);
        }
    }
    for (int d = 0; d < pb.days; ++d) {
        lxw_worksheet* s = book.sheet(formatDay(pb.firstDay + d));
        book.text(s, 0, 0, "卡口", true);
        for (int k = 1; k <= maxShifts; ++k) book.text(s, 0, k, "班" + std::to_string(k), true);
        worksheet_set_column(s, 0, 0, 18, nullptr);
        worksheet_set_column(s, 1, static_cast<lxw_col_t>(maxShifts), 24, nullptr);
        int r = 1;
        for (const RotaPost& post : pb.posts) {
            if (post.staffPerShift <= 0) continue;
            book.text(s, r, 0, std::to_string(post.number) + " " + post.name);
            for (int k = 1; k <= post.shifts; ++k) book.text(s, r, k, cell[{post.number, pb.firstDay + d, k}]);
            ++r;
        }
    }
    lxw_worksheet* people = book.sheet("人员");
    const char* cols[] = {"姓名", "单位", "电话", "班次数"};
    for (int c = 0; c < 4; ++c) book.text(people, 0, c, cols[c], true);
    for (int d = 0; d < pb.days; ++d) book.text(people, 0, 4 + d, formatDay(pb.firstDay + d), true);
    int r = 1;
    for (const Person& p : staff) {
        book.text(people, r, 0, (p.isLeader ? "★" : "") + p.name);
        book.text(people, r, 1, p.unit);
        book.text(people, r, 2, p.phone);
        for (const auto& [day, text] : duties[p.id]) book.text(people, r, 4 + day - pb.firstDay, text);
        worksheet_write_number(people, static_cast<lxw_row_t>(r), 3, shiftCount[p.id], nullptr);
        ++r;
    }
}

}  // namespace

void writeRotaXlsx(const RotaProblem& problem, const Rota& rota, const std::vector<Person>& staff,
                   const std::string& title, const std::string& outPath, const fs::path& workspace) {
    const fs::path target(outPath);
    checkOutputTarget(target, OutputKind::Xlsx, false, workspace);
    const std::string shown = target.filename().string();
    std::error_code ec;
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (shown.empty() || !fs::is_directory(dir, ec)) throw Error(outPath + ": folder does not exist");
    StagedFile staged(target, "rota");
    {
        Book book(staged.path(), shown);
        fill(book, problem, rota, staff, title);
        book.close();
    }
    staged.commit();
}

}  // namespace geo
