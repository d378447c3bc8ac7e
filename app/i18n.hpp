// UI strings in Chinese and English, switchable at run time.
#pragma once
#include <cstddef>
#include <string>

namespace app {

enum class Language { Chinese, English };

enum class Text {
    AppTitle, MenuFile, MenuView, MenuLanguage, OpenWorkspace, Quit, FitToExtent, LayersWindow, LegendWindow,
    Layers, Legend, Boundary, Districts, Roads, Villages, Visible, Opacity, Township, District, Village,
    RoadExpressway, RoadNational, RoadProvincial, RoadCounty, RoadTownship, RoadVillage, RoadTrack, RoadOther,
    Cursor, WorkingCrs, Scale, Ok, Cancel, Import, ImportTitle, ImportRole, ImportLayer, ImportFields,
    ImportSample, ImportRunning, ImportFailed, ImportDone, OpenFailed, CannotRead, Features, NoWorkspace,
    DropHint, Meters, Kilometers, Entries, Skipped, Count
};

void setLanguage(Language language);
Language language();
const char* tr(Text text);                       // in the current language
const char* tr(Text text, Language language);
const char* roadClassLabel(size_t roadClass);    // by geo::RoadClass index
// A count of people as the map's tooltips say it, the privacy rule applied: "约 12 人" /
// "about 12 people", and "少于 5 人" / "fewer than 5 people" under the threshold.
std::string peopleText(long long count, int threshold, Language language);
// The name of a returnee area in a tooltip: a grid cell by its size ("500 米网格" / "500 m cell"),
// never by its raw column and row; a polygon area by its own name.
std::string areaText(const std::string& name, bool isGridCell, double cellM, Language language);

}  // namespace app
