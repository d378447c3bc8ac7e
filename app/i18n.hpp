// UI strings in Chinese and English, switchable at run time.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace geo { enum class CheckpointKind : uint8_t; }

namespace app {

enum class Language { Chinese, English };

void setLanguage(Language language);
Language language();
// The one way the UI says something: both languages at the call, so a reader sees the Chinese the
// user sees, and the build collects the glyphs of every literal (app/collect_glyphs.cmake).
const char* tr(const char* zh, const char* en);                     // in the current language
const char* tr(const char* zh, const char* en, Language language);
const char* roadClassLabel(size_t roadClass);    // by geo::RoadClass index
const char* checkpointKindLabel(geo::CheckpointKind kind);  // geo::checkpointKindNameZh / checkpointKindName
// A count of people as the map's tooltips say it, the privacy rule applied: "约 12 人" /
// "about 12 people", and "少于 5 人" / "fewer than 5 people" under the threshold.
std::string peopleText(long long count, int threshold, Language language);
// The name of a returnee area in a tooltip: a grid cell by its size ("500 米网格" / "500 m cell"),
// never by its raw column and row; a polygon area by its own name.
std::string areaText(const std::string& name, bool isGridCell, double cellM, Language language);

}  // namespace app
