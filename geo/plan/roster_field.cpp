// The XLSX roster (libxlsxwriter), the CSV roster's Chinese header and GCJ-02 positions.
#include "geo/plan/roster_field.hpp"

#include <xlsxwriter.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <set>

#include "geo/plan/checkpoint_number.hpp"
#include "geo/core/crs.hpp"
#include "geo/core/error.hpp"
#include "geo/io/output_file.hpp"
#include "geo/io/xlsx_workbook.hpp"

namespace fs = std::filesystem;

namespace geo {
namespace {

struct Words {
    const char* date;
    const char* checkpoints;
    const char* closures;
    const char* staff;
    const char* closuresHeading;
    std::array<const char*, 14> header;        // staffed checkpoints
    std::array<const char*, 7> closureHeader;  // road closures
};

const Words& words(RosterLanguage language) {
    static const Words zh{"日期", "卡口", "封路", "值班人员（需要 / 现有）", "封路（不设人员）",
                          {"序号", "名称", "类型", "道路", "道路等级", "片区", "每班人数", "班次", "所需人员", "值班时段",
                           "带班负责人", "电话", "经度", "纬度"},
                          {"序号", "名称", "道路", "片区", "经度", "纬度", "备注"}};
    static const Words en{"Date", "Checkpoints", "Closures", "Staff (required / available)", "Road closures (no staff)",
                          {"No.", "Name", "Kind", "Road", "Road class", "District", "Staff per shift", "Shifts",
                           "Staff required", "Hours", "Duty leader", "Phone", "Longitude", "Latitude"},
                          {"No.", "Name", "Road", "District", "Longitude", "Latitude", "Notes"}};
    return language == RosterLanguage::Chinese ? zh : en;
}

// Excel's sheet names: at most 31 characters (whole UTF-8 characters kept), none of []:*?/\,
// unique in the workbook.
std::string sheetName(const std::string& name, std::set<std::string>& taken) {
    std::string clean;
    size_t chars = 0;
    for (size_t i = 0; i < name.size() && chars < 28;) {
        const auto lead = static_cast<unsigned char>(name[i]);
        const size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        std::string ch = name.substr(i, len);
        if (ch.size() == 1 && std::string("[]:*?/\\'").find(ch[0]) != std::string::npos) ch = "_";
        clean += ch;
        i += len;
        ++chars;
    }
    if (clean.empty()) clean = "Sheet";
    std::string unique = clean;
    for (int n = 2; taken.count(unique); ++n) unique = clean + "(" + std::to_string(n) + ")";
    taken.insert(unique);
    return unique;
}

void writeSheet(Workbook& book, lxw_worksheet* ws, const Scenario& s, const std::vector<double>& lonLat, const Words& w,
                const std::string& date) {
    const StaffingTotals totals = staffingTotals(s.checkpoints, s.params, {});
    const int staffed = totals.checkpoints, closures = totals.closures, staff = totals.staffRequired;
    worksheet_write_string(ws, 0, 0, s.name.c_str(), book.title_);
    worksheet_write_string(ws, 1, 0, (std::string(w.date) + " " + date).c_str(), nullptr);
    worksheet_write_string(ws, 2, 0, w.checkpoints, nullptr);
    worksheet_write_number(ws, 2, 1, staffed, nullptr);
    worksheet_write_string(ws, 2, 2, w.closures, nullptr);
    worksheet_write_number(ws, 2, 3, closures, nullptr);
    worksheet_write_string(ws, 2, 4, w.staff, nullptr);
    worksheet_write_string(ws, 2, 5, (std::to_string(staff) + " / " + std::to_string(s.params.staffAvailable)).c_str(), nullptr);
    lxw_row_t row = 4;
    for (lxw_col_t col = 0; col < w.header.size(); ++col) worksheet_write_string(ws, row, col, w.header[col], book.bold_);
    const bool isZh = std::string(w.date) == "日期";
    for (size_t i = 0; i < s.checkpoints.size(); ++i) {
        const Checkpoint& c = s.checkpoints[i];
        if (c.kind == CheckpointKind::RoadClosure) continue;
        ++row;
        worksheet_write_number(ws, row, 0, checkpointNumber(s.checkpoints, i), nullptr);
        worksheet_write_string(ws, row, 1, c.name.c_str(), nullptr);
        worksheet_write_string(ws, row, 2, isZh ? checkpointKindNameZh(c.kind) : checkpointKindName(c.kind), nullptr);
        worksheet_write_string(ws, row, 3, c.road.c_str(), nullptr);
        worksheet_write_string(ws, row, 4, c.roadFid < 0 ? "" : isZh ? roadClassNameZh(c.roadClass) : roadClassName(c.roadClass),
                               nullptr);
        worksheet_write_string(ws, row, 5, c.district.c_str(), nullptr);
        worksheet_write_number(ws, row, 6, c.staffPerShift, nullptr);
        worksheet_write_number(ws, row, 7, c.shifts, nullptr);
        worksheet_write_number(ws, row, 8, c.staffRequired(), nullptr);
        worksheet_write_string(ws, row, 9, c.hours.c_str(), nullptr);
        worksheet_write_string(ws, row, 10, c.leader.c_str(), nullptr);
        worksheet_write_string(ws, row, 11, c.phone.c_str(), nullptr);
        worksheet_write_number(ws, row, 12, lonLat[2 * i], nullptr);
        worksheet_write_number(ws, row, 13, lonLat[2 * i + 1], nullptr);
    }
    if (closures == 0) return;
    row += 2;
    worksheet_write_string(ws, row, 0, w.closuresHeading, book.title_);
    ++row;
    for (lxw_col_t col = 0; col < w.closureHeader.size(); ++col)
        worksheet_write_string(ws, row, col, w.closureHeader[col], book.bold_);
    for (size_t i = 0; i < s.checkpoints.size(); ++i) {
        const Checkpoint& c = s.checkpoints[i];
        if (c.kind != CheckpointKind::RoadClosure) continue;
        ++row;
        worksheet_write_number(ws, row, 0, checkpointNumber(s.checkpoints, i), nullptr);
        worksheet_write_string(ws, row, 1, c.name.c_str(), nullptr);
        worksheet_write_string(ws, row, 2, c.road.c_str(), nullptr);
        worksheet_write_string(ws, row, 3, c.district.c_str(), nullptr);
        worksheet_write_number(ws, row, 4, lonLat[2 * i], nullptr);
        worksheet_write_number(ws, row, 5, lonLat[2 * i + 1], nullptr);
        worksheet_write_string(ws, row, 6, c.notes.c_str(), nullptr);
    }
}

std::vector<double> lonLatsOf(const Scenario& s, int workingEpsg) {
    std::vector<double> xy;
    for (const auto& c : s.checkpoints) xy.insert(xy.end(), {c.x, c.y});
    if (!xy.empty()) Transformer("EPSG:" + std::to_string(workingEpsg), "EPSG:4326").transform(xy.data(), xy.size() / 2);
    return xy;
}

}  // namespace

RosterLanguage parseRosterLanguage(const std::string& text) {
    if (text == "zh") return RosterLanguage::Chinese;
    if (text == "en") return RosterLanguage::English;
    throw Error("--lang must be zh or en, not '" + text + "'");
}

void writeRosterXlsx(const std::vector<Scenario>& scenarios, int workingEpsg, RosterLanguage language,
                     const std::string& date, const std::string& outPath) {
    writeBeside(outPath, [&](const fs::path& partial, const std::string& shownName) {
        Workbook book(partial, shownName);
        std::set<std::string> taken;
        for (const Scenario& s : scenarios)
            writeSheet(book, book.addSheet(sheetName(s.name, taken)), s, lonLatsOf(s, workingEpsg), words(language), date);
        if (scenarios.empty()) book.addSheet("-");
        book.close();
    });
}

void writeRosterText(const std::string& text, const std::string& outPath) {
    writeBeside(outPath, [&](const fs::path& partial, const std::string& shownName) {
        std::FILE* f = std::fopen(partial.string().c_str(), "wb");
        if (!f) throw Error(shownName + ": cannot be written (no permission or read-only folder)");
        bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0;
        ok = std::fclose(f) == 0 && ok;
        if (!ok) throw Error(shownName + ": write failed (disk full?)");
    });
}

std::string chineseCsvHeader(const std::string& csv) {
    static const std::string kZh = "编号,名称,类型,类型(中文),经度,纬度,道路,道路等级,片区,每班人数,班次,所需人员,值班时段,带班负责人,电话,备注";
    const std::string bom = "\xEF\xBB\xBF";
    const size_t start = csv.compare(0, bom.size(), bom) == 0 ? bom.size() : 0;
    const size_t end = csv.find("\r\n", start);
    if (end == std::string::npos) return csv;
    return csv.substr(0, start) + kZh + csv.substr(end);
}

Scenario withGcj02Positions(const Scenario& scenario, int workingEpsg) {
    Scenario out = scenario;
    const std::string working = "EPSG:" + std::to_string(workingEpsg);
    const Transformer toLonLat(working, "EPSG:4326"), back("EPSG:4326", working);
    for (auto& c : out.checkpoints) {
        double lon = c.x, lat = c.y;
        toLonLat.transformPoint(lon, lat);
        wgs84ToGcj02(lon, lat);
        back.transformPoint(lon, lat);
        c.x = lon;
        c.y = lat;
    }
    return out;
}

}  // namespace geo
