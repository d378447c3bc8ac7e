// The font atlas: a CJK font with only the glyphs of the strings shown (UI texts, place names).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace app {

// A font file covering Simplified Chinese (fontconfig's match for zh-cn), or "" when none is installed.
std::string cjkFontPath();

class Fonts {
public:
    // Rebuilds ImGui's atlas at the given content scale with the glyphs of every UI string and
    // of `shownTexts`. Call between frames, then recreate the backend's font texture.
    void build(float contentScale, const std::vector<std::string_view>& shownTexts);
    ImFont* ui() const { return ui_; }
    ImFont* label() const { return label_; }          // village names
    ImFont* labelLarge() const { return labelLarge_; } // district names
    ImFont* heading() const { return heading_; }
private:
    ImVector<ImWchar> ranges_;  // must outlive the atlas build
    ImFont* ui_ = nullptr;
    ImFont* label_ = nullptr;
    ImFont* labelLarge_ = nullptr;
    ImFont* heading_ = nullptr;
};

}  // namespace app
