// UI strings in Chinese and English, switchable at run time.
#pragma once
#include <cstddef>

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

}  // namespace app
