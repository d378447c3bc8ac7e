// The table of UI strings, Chinese first.
#include "app/i18n.hpp"

#include <algorithm>
#include <array>

#include "geo/io/road_class.hpp"

namespace app {
namespace {

struct Entry { const char* zh; const char* en; };

constexpr std::array<Entry, static_cast<size_t>(Text::Count)> kTexts{{
    {"Cordon 防控卡口规划", "Cordon checkpoint planning"},
    {"文件", "File"},
    {"视图", "View"},
    {"语言", "Language"},
    {"打开此工作空间", "Open this workspace"},
    {"退出", "Quit"},
    {"全图", "Fit to extent"},
    {"图层面板", "Layer panel"},
    {"图例", "Legend"},
    {"图层", "Layers"},
    {"图例", "Legend"},
    {"镇界", "Township boundary"},
    {"片区", "Districts"},
    {"道路", "Roads"},
    {"村庄", "Villages"},
    {"显示", "Visible"},
    {"不透明度", "Opacity"},
    {"镇域", "Township"},
    {"片区", "District"},
    {"村庄", "Village"},
    {"高速公路", "Expressway"},
    {"国道", "National road"},
    {"省道", "Provincial road"},
    {"县道", "County road"},
    {"乡道", "Township road"},
    {"村道", "Village road"},
    {"机耕路", "Track"},
    {"其他道路", "Other road"},
    {"光标", "Cursor"},
    {"工作坐标系", "Working CRS"},
    {"比例尺", "Scale"},
    {"确定", "OK"},
    {"取消", "Cancel"},
    {"导入", "Import"},
    {"导入图层", "Import a layer"},
    {"用作：", "Use as:"},
    {"源图层", "Source layer"},
    {"字段", "Fields"},
    {"样例", "Sample rows"},
    {"正在导入…", "Importing…"},
    {"导入失败", "Import failed"},
    {"导入完成", "Import finished"},
    {"无法打开工作空间", "Cannot open the workspace"},
    {"无法读取文件", "Cannot read the file"},
    {"要素", "features"},
    {"未打开工作空间", "No workspace open"},
    {"将数据文件拖入窗口即可导入", "Drop a data file on the window to import it"},
    {"米", "m"},
    {"千米", "km"},
    {"入口", "Entries"},
    {"个要素被跳过", "skipped"},
}};

Language current = Language::Chinese;

}  // namespace

void setLanguage(Language language) { current = language; }
Language language() { return current; }

const char* tr(Text text, Language language) {
    const Entry& e = kTexts[static_cast<size_t>(text)];
    return language == Language::Chinese ? e.zh : e.en;
}

const char* tr(Text text) { return tr(text, current); }

const char* roadClassLabel(size_t roadClass) {
    return tr(static_cast<Text>(static_cast<size_t>(Text::RoadExpressway) + std::min(roadClass, geo::kRoadClassCount - 1)));
}

std::string peopleText(long long count, int threshold, Language language) {
    const bool zh = language == Language::Chinese;
    if (count > 0 && count < threshold)
        return zh ? "少于 " + std::to_string(threshold) + " 人" : "fewer than " + std::to_string(threshold) + " people";
    if (count == 0) return zh ? "无" : "none";
    return zh ? "约 " + std::to_string(count) + " 人" : "about " + std::to_string(count) + (count == 1 ? " person" : " people");
}

std::string areaText(const std::string& name, bool isGridCell, double cellM, Language language) {
    if (!isGridCell) return name;
    const std::string size = std::to_string(static_cast<long long>(cellM + 0.5));
    return language == Language::Chinese ? size + " 米网格" : size + " m cell";
}

}  // namespace app
