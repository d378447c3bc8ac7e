// Returnee columns and village names: which header columns an import reads (never a personal
// one), how a register's header row is recognised, and village names as clerks write them.
#include <algorithm>

#include "geo/core/text_values.hpp"
#include "geo/core/error.hpp"
#include "geo/io/column_finder.hpp"
#include "geo/returnees/returnee_columns.hpp"
#include "geo/returnees/returnees.hpp"

namespace geo {
namespace {

// Header names each column is detected by: exact first, then (Chinese ones) as part of a name.
const std::initializer_list<const char*> kLon = {"经度", "lon", "lng", "long", "longitude", "x经度"};
const std::initializer_list<const char*> kLat = {"纬度", "lat", "latitude", "y纬度"};
const std::initializer_list<const char*> kLonLat = {"经纬度", "坐标", "gps坐标", "定位坐标", "位置坐标", "coordinates", "lonlat"};
const std::initializer_list<const char*> kVillage = {"村", "村名", "村庄", "所在村", "行政村", "村别", "村组", "村(组)", "所在村组",
                                                     "村(居)", "村居", "所属村", "村(社区)", "village"};
const std::initializer_list<const char*> kDate = {"返乡日期", "返回日期", "到达日期", "抵达日期", "返乡时间", "到达时间",
                                                  "日期", "arrival_date", "arrival", "date"};
const std::initializer_list<const char*> kOrigin = {"来源地", "来源", "出发地", "从何地返回", "origin", "from"};
const std::initializer_list<const char*> kStatus = {"状态", "管控状态", "隔离状态", "status"};
const std::initializer_list<const char*> kFever = {"体温", "发热", "是否发热", "发烧", "temperature", "temp", "fever"};

// The columns for these options: named ones checked, the others detected unless autoDetect is off.
ReturneeColumns findColumnsIn(const ColumnFinder& f, const ReturneeImportOptions& o) {
    ReturneeColumns col;
    auto find = [&](const std::string& name, const char* flag, std::initializer_list<const char*> candidates,
                    bool bySubstring) {
        if (name.empty() && !o.autoDetect) return -1;
        return f.find(name, flag, candidates, bySubstring);
    };
    if (!o.xField.empty()) {
        col.x = f.find(o.xField, "--x-field", {}, false);
        col.y = f.find(o.yField, "--y-field", {}, false);
    } else {
        col.lon = find(o.lonField, "--lon-field", kLon, true);
        col.lat = find(o.latField, "--lat-field", kLat, true);
        if (col.lon < 0 || col.lat < 0) col.lon = col.lat = -1;
        if (col.lon < 0 && o.lonField.empty()) col.lonLat = find(o.lonLatField, "--lonlat-field", kLonLat, false);
        if (col.lonLat == col.lon || col.lonLat == col.lat) col.lonLat = -1;
    }
    col.village = find(o.villageField, "--village-field", kVillage, false);
    col.date = find(o.dateField, "--date-field", kDate, true);
    col.origin = find(o.originField, "--origin-field", kOrigin, true);
    col.status = find(o.statusField, "--status-field", kStatus, true);
    col.fever = find(o.feverField, "--fever-field", kFever, true);
    return col;
}

bool endsWith(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Takes `tail` off the end of `s` when it is there and something is left.
bool dropTail(std::string& s, std::string_view tail) {
    if (s.size() <= tail.size() || !endsWith(s, tail)) return false;
    s.resize(s.size() - tail.size());
    return true;
}

// "4组", "三组", "第2小组", "5队", "7社": a group within the village.
void dropGroupSuffix(std::string& s) {
    std::string t = s;
    if (!(dropTail(t, "小组") || dropTail(t, "组") || dropTail(t, "队") || dropTail(t, "社"))) return;
    static const char* const kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零", "两", "百"};
    bool any = false;
    for (bool more = true; more;) {
        more = false;
        if (!t.empty() && t.back() >= '0' && t.back() <= '9' && t.size() > 1) { t.pop_back(); any = more = true; continue; }
        for (const char* n : kNumerals)
            if (dropTail(t, n)) { any = more = true; break; }
    }
    if (!any) return;
    dropTail(t, "第");
    s = t;
}

}  // namespace

int returneeHeaderScore(const std::vector<std::string>& row) {
    int score = 0;
    for (const auto& cell : row) {
        std::string c = lowerHalf(cell);
        if (c.empty()) continue;
        bool known = looksPersonal(c);
        for (auto list : {kLon, kLat, kLonLat, kVillage, kDate, kOrigin, kStatus})
            for (const char* name : list) known = known || c == name;
        if (!known && c.size() <= 24)  // short Chinese names holding a known one: 返乡日期(年月日)
            for (auto list : {kLon, kLat, kDate, kOrigin})
                for (const char* name : list)
                    known = known || (static_cast<unsigned char>(name[0]) >= 0x80 && c.find(name) != std::string::npos);
        score += known ? 1 : 0;
    }
    return score;
}

ReturneeColumns findReturneeColumns(const std::vector<std::string>& header, const std::string& source,
                                    const ReturneeImportOptions& o) {
    return findColumnsIn(ColumnFinder(header, source, lowerHalf, looksPersonal), o);
}

bool looksPersonal(std::string_view columnName) {
    std::string n = lowerHalf(columnName);
    static const char* kContains[] = {"姓名", "名字", "电话", "手机", "身份证", "证件", "住址", "地址", "联系方式",
                                      "联系人", "户主", "phone", "mobile", "address", "idcard", "id_card", "id_no",
                                      "id_number", "passport", "email", "e-mail", "surname"};
    static const char* kEquals[] = {"name", "full_name", "fullname", "first_name", "last_name", "given_name",
                                    "person", "id", "tel", "telephone", "cell", "addr", "身份", "人员", "微信"};
    for (const char* c : kContains)
        if (n.find(c) != std::string::npos) return true;
    for (const char* c : kEquals)
        if (n == c) return true;
    return false;
}

ReturneeColumns detectReturneeColumns(const std::vector<std::string>& header) {
    return findReturneeColumns(header, "", ReturneeImportOptions{});
}

void setReturneeColumns(ReturneeImportOptions& o, const std::vector<std::string>& header, const ReturneeColumns& c) {
    auto name = [&](int i) {
        return i >= 0 && static_cast<size_t>(i) < header.size() ? header[static_cast<size_t>(i)] : std::string();
    };
    o.autoDetect = false;
    bool hasLonLat = c.lon >= 0 && c.lat >= 0, hasXy = c.x >= 0 && c.y >= 0;
    o.lonField = hasLonLat ? name(c.lon) : "";
    o.latField = hasLonLat ? name(c.lat) : "";
    o.xField = !hasLonLat && hasXy ? name(c.x) : "";
    o.yField = !hasLonLat && hasXy ? name(c.y) : "";
    o.lonLatField = !hasLonLat && !hasXy ? name(c.lonLat) : "";
    o.villageField = name(c.village);
    o.dateField = name(c.date);
    o.originField = name(c.origin);
    o.statusField = name(c.status);
    o.feverField = name(c.fever);
}

std::string villageBaseName(std::string_view name) {
    std::string h = toHalfWidth(name);
    h.erase(std::remove(h.begin(), h.end(), ' '), h.end());
    dropGroupSuffix(h);
    for (const char* committee : {"村民委员会", "居民委员会", "村委会", "居委会"})
        if (dropTail(h, committee)) {
            if (std::string_view(committee).substr(0, 3) == "村" && !endsWith(h, "村")) h += "村";
            break;
        }
    // A township prefix: 京当镇贺家村, 城关街道东关社区; kept when nothing but 村 would be left.
    for (const char* unit : {"街道办事处", "街道", "镇", "乡"}) {
        size_t at = h.find(unit);
        if (at == std::string::npos || at == 0) continue;
        std::string rest = h.substr(at + std::string_view(unit).size());
        if (rest.size() > std::string_view("村").size()) {
            h = rest;
            break;
        }
    }
    return h;
}

std::string villageKey(std::string_view name) {
    std::string h = villageBaseName(name);
    dropTail(h, "村");
    return h;
}

}  // namespace geo
