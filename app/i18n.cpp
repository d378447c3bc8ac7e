// The current UI language, and the texts built from parts in either language.
#include "app/i18n.hpp"

#include <algorithm>

#include "geo/io/road_class.hpp"
#include "geo/plan/plan.hpp"

namespace app {
namespace {

Language current = Language::Chinese;

}  // namespace

void setLanguage(Language language) { current = language; }
Language language() { return current; }

const char* tr(const char* zh, const char* en, Language language) {
    switch (language) {
    case Language::Chinese: return zh;
    case Language::English: break;
    }
    return en;
}
const char* tr(const char* zh, const char* en) { return tr(zh, en, current); }

const char* roadClassLabel(size_t roadClass) {
    using geo::RoadClass;
    switch (static_cast<RoadClass>(std::min(roadClass, geo::kRoadClassCount - 1))) {
    case RoadClass::Expressway: return tr("高速公路", "Expressway");
    case RoadClass::National: return tr("国道", "National road");
    case RoadClass::Provincial: return tr("省道", "Provincial road");
    case RoadClass::County: return tr("县道", "County road");
    case RoadClass::Township: return tr("乡道", "Township road");
    case RoadClass::Village: return tr("村道", "Village road");
    case RoadClass::Track: return tr("机耕路", "Track");
    case RoadClass::Other: break;
    }
    return tr("其他道路", "Other road");
}

const char* checkpointKindLabel(geo::CheckpointKind kind) {
    using geo::CheckpointKind;
    switch (kind) {
    case CheckpointKind::TownshipEntry: return tr("镇入口", "township_entry");
    case CheckpointKind::VillageGate: return tr("村口", "village_gate");
    case CheckpointKind::RoadCheckpoint: return tr("道路卡口", "road_checkpoint");
    case CheckpointKind::HealthStation: return tr("健康检测站", "health_station");
    case CheckpointKind::RoadClosure: break;
    }
    return tr("封路", "road_closure");
}

std::string peopleText(long long count, int threshold, Language language) {
    const std::string n = std::to_string(count), limit = std::to_string(threshold);
    if (count > 0 && count < threshold)
        return tr("少于 ", "fewer than ", language) + limit + tr(" 人", " people", language);
    if (count == 0) return tr("无", "none", language);
    return tr("约 ", "about ", language) + n +
           (count == 1 ? tr(" 人", " person", language) : tr(" 人", " people", language));
}

std::string areaText(const std::string& name, bool isGridCell, double cellM, Language language) {
    if (!isGridCell) return name;
    return std::to_string(static_cast<long long>(cellM + 0.5)) + tr(" 米网格", " m cell", language);
}

}  // namespace app
