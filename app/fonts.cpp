// Builds glyph ranges from the strings shown: ImGui's CJK presets lack many place-name glyphs.
#include "app/fonts.hpp"

#include <filesystem>
#include <string>

#include "app/i18n.hpp"

namespace app {
namespace {

std::string cjkFontPath() {
    for (const char* p : {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "C:/Windows/Fonts/msyh.ttc",
                          "C:/Windows/Fonts/simhei.ttf"}) {
        std::error_code ec;
        if (std::filesystem::exists(p, ec)) return p;
    }
    return {};
}

}  // namespace

void Fonts::build(float contentScale, const std::vector<std::string_view>& shownTexts) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (Language l : {Language::Chinese, Language::English})
        for (size_t t = 0; t < static_cast<size_t>(Text::Count); ++t) builder.AddText(tr(static_cast<Text>(t), l));
    builder.AddText("°′″…·×–—±≤≥，。：；（）、");
    for (std::string_view s : shownTexts) builder.AddText(s.data(), s.data() + s.size());
    ranges_.clear();
    builder.BuildRanges(&ranges_);

    std::string path = cjkFontPath();
    hasCjk_ = !path.empty();
    ImFontConfig config;
    config.OversampleH = 1;  // CJK glyphs are many; keep the atlas small
    config.OversampleV = 1;
    auto load = [&](float px) {
        if (!hasCjk_) {
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
