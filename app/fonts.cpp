// Builds glyph ranges from the strings shown: ImGui's CJK presets lack many place-name glyphs.
#include "app/fonts.hpp"

#include <filesystem>
#include <string>

#include <fontconfig/fontconfig.h>

#include "ui_glyphs.hpp"

namespace app {
namespace {

// Marks common in place names, notes and imported tables, whatever the UI's own texts use.
constexpr const char* kDataPunctuation = "°′″…·×–—±≤≥，。：；（）、";

}  // namespace

std::string cjkFontPath() {
    // Fontconfig's own choice for Simplified Chinese, as the desktop would pick it; accepted only
    // when the font really covers zh-cn (FcFontMatch always returns some font).
    std::string found;
    if (FcConfig* config = FcInitLoadConfigAndFonts()) {
        if (FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(":lang=zh-cn"))) {
            FcConfigSubstitute(config, pattern, FcMatchPattern);
            FcDefaultSubstitute(pattern);
            FcResult result = FcResultNoMatch;
            if (FcPattern* match = FcFontMatch(config, pattern, &result)) {
                FcChar8* file = nullptr;
                FcLangSet* langs = nullptr;
                if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
                    FcPatternGetLangSet(match, FC_LANG, 0, &langs) == FcResultMatch &&
                    FcLangSetHasLang(langs, reinterpret_cast<const FcChar8*>("zh-cn")) == FcLangEqual)
                    found = reinterpret_cast<const char*>(file);
                FcPatternDestroy(match);
            }
            FcPatternDestroy(pattern);
        }
        FcConfigDestroy(config);
    }
    if (!found.empty()) return found;
    // Where fontconfig is not set up (a bare Windows machine): the usual system fonts.
    for (const char* p : {"C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf"}) {
        std::error_code ec;
        if (std::filesystem::exists(p, ec)) return p;
    }
    return {};
}

void Fonts::build(float contentScale, const std::vector<std::string_view>& shownTexts) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (char32_t c : kUiGlyphs)
        if (c <= IM_UNICODE_CODEPOINT_MAX) builder.AddChar(static_cast<ImWchar>(c));
    builder.AddText(kDataPunctuation);
    for (std::string_view s : shownTexts) builder.AddText(s.data(), s.data() + s.size());
    ranges_.clear();
    builder.BuildRanges(&ranges_);

    std::string path = cjkFontPath();
    ImFontConfig config;
    config.OversampleH = 1;  // CJK glyphs are many; keep the atlas small
    config.OversampleV = 1;
    auto load = [&](float px) {
        if (path.empty()) {
            ImFontConfig c;
            c.SizePixels = px;
            return io.Fonts->AddFontDefault(&c);
        }
        return io.Fonts->AddFontFromFileTTF(path.c_str(), px, &config, ranges_.Data);
    };
    ui_ = load(16.0f * contentScale);
    label_ = load(15.0f * contentScale);
    labelLarge_ = load(19.0f * contentScale);
    heading_ = load(22.0f * contentScale);
    io.FontDefault = ui_;
    io.Fonts->Build();
}

}  // namespace app
