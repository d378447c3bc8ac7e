// UI texts: tr() in both languages, and every glyph they need in the font atlas.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "app/app_model.hpp"
#include "app/fonts.hpp"
#include "app/i18n.hpp"
#include "geo/plan/plan.hpp"
#include "ui_glyphs.hpp"

namespace {

// One tr(...) call as written in a source: its first two arguments when they are literals.
struct TrCall {
    std::string where;  // file:line
    bool literalArgs = false;
    std::string zh, en;
    bool hasEscape = false;  // \x, \u, \U or octal: the glyph would hide behind ASCII
};

bool isIdent(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A small reader of C++ text, independent of the build's collector: it walks comments and literals
// the way the compiler does and reads adjacent literals as one.
class SourceScan {
public:
    SourceScan(std::string text, std::string name) : s_(std::move(text)), name_(std::move(name)) {}

    std::vector<TrCall> trCalls() {
        std::vector<TrCall> calls;
        while (i_ < s_.size()) {
            if (skipCommentOrLiteral()) continue;
            if (s_.compare(i_, 2, "tr") == 0 && (i_ == 0 || !isIdent(s_[i_ - 1])) && !isIdent(at(i_ + 2))) {
                const size_t start = i_;
                i_ += 2;
                skipSpace();
                if (at(i_) == '(') {
                    ++i_;
                    calls.push_back(readCall(start));
                    continue;
                }
            }
            ++i_;
        }
        return calls;
    }

private:
    char at(size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

    bool skipCommentOrLiteral() {
        if (s_.compare(i_, 2, "//") == 0) {
            i_ = std::min(s_.find('\n', i_), s_.size());
            return true;
        }
        if (s_.compare(i_, 2, "/*") == 0) {
            i_ = std::min(s_.find("*/", i_ + 2), s_.size() - 2) + 2;
            return true;
        }
        if (s_[i_] == '"') {
            readLiteral(nullptr);
            return true;
        }
        if (s_[i_] == '\'') {
            if (i_ > 0 && std::isxdigit(static_cast<unsigned char>(s_[i_ - 1]))) {  // 1'000
                ++i_;
                return true;
            }
            for (++i_; i_ < s_.size() && s_[i_] != '\''; ++i_)
                if (s_[i_] == '\\') ++i_;
            ++i_;
            return true;
        }
        return false;
    }

    void skipSpace() {
        for (;;) {
            while (std::isspace(static_cast<unsigned char>(at(i_)))) ++i_;
            if (s_.compare(i_, 2, "//") == 0 || s_.compare(i_, 2, "/*") == 0) skipCommentOrLiteral();
            else return;
        }
    }

    // Reads the literal at i_ into *out (its characters, escapes kept as written).
    void readLiteral(std::string* out, bool* hasEscape = nullptr) {
        for (++i_; i_ < s_.size() && s_[i_] != '"'; ++i_) {
            if (s_[i_] == '\\') {
                const char e = at(i_ + 1);
                if (hasEscape && (e == 'x' || e == 'u' || e == 'U' || (e >= '0' && e <= '7'))) *hasEscape = true;
                if (out) *out += s_.substr(i_, 2);
                ++i_;
                continue;
            }
            if (out) *out += s_[i_];
        }
        ++i_;
    }

    // Adjacent literals, across lines and comments, as the compiler joins them.
    bool readJoined(std::string& out, bool& hasEscape) {
        skipSpace();
        if (at(i_) != '"') return false;
        while (at(i_) == '"') {
            readLiteral(&out, &hasEscape);
            skipSpace();
        }
        return true;
    }

    TrCall readCall(size_t start) {
        TrCall call;
        call.where =
            name_ + ":" + std::to_string(1 + std::count(s_.begin(), s_.begin() + static_cast<long>(start), '\n'));
        if (!readJoined(call.zh, call.hasEscape)) return call;
        if (at(i_) != ',') return call;
        ++i_;
        call.literalArgs = readJoined(call.en, call.hasEscape);
        return call;
    }

    std::string s_;
    std::string name_;
    size_t i_ = 0;
};

std::vector<TrCall> appTrCalls() {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(CORDON_APP_SOURCES))
        if (e.path().extension() == ".cpp" || e.path().extension() == ".hpp") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<TrCall> calls;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        auto found = SourceScan(text.str(), f.filename().string()).trCalls();
        calls.insert(calls.end(), found.begin(), found.end());
    }
    return calls;
}

std::vector<char32_t> codePoints(const std::string& utf8) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t c = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (size_t k = 1; k < n && i + k < utf8.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
        out.push_back(c);
        i += n;
    }
    return out;
}

std::string hexCode(char32_t c) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(c));
    return text;
}

bool inUiGlyphs(char32_t c) { return std::binary_search(std::begin(app::kUiGlyphs), std::end(app::kUiGlyphs), c); }

// An ImGui context with the GUI's atlas built for the given shown strings.
struct AtlasFixture {
    explicit AtlasFixture(const std::vector<std::string_view>& shown) {
        context = ImGui::CreateContext();
        ImGui::SetCurrentContext(context);
        fonts.build(1.0f, shown);
    }
    ~AtlasFixture() { ImGui::DestroyContext(context); }
    AtlasFixture(const AtlasFixture&) = delete;
    AtlasFixture& operator=(const AtlasFixture&) = delete;
    bool has(char32_t c) const { return fonts.ui()->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr; }
    ImGuiContext* context = nullptr;
    app::Fonts fonts;
};

}  // namespace

TEST_CASE("every tr() call in the app names both texts as literals the build collects") {
    const auto calls = appTrCalls();
    size_t literalCalls = 0;
    for (const TrCall& call : calls) {
        // The definitions in i18n.* pass variables on; everywhere else the texts are written out.
        const bool isDefinition = call.where.rfind("i18n.", 0) == 0;
        if (!isDefinition) {
            INFO(call.where);
            CHECK(call.literalArgs);
            CHECK_FALSE(call.hasEscape);
        }
        if (!call.literalArgs) continue;
        ++literalCalls;
        for (const std::string* text : {&call.zh, &call.en})
            for (char32_t c : codePoints(*text)) {
                if (c < 0x80) continue;
                INFO(call.where << " " << hexCode(c));
                CHECK(inUiGlyphs(c));
            }
    }
    CHECK(literalCalls > 150);  // the whole UI speaks through tr()
}

TEST_CASE("the collected glyphs are sorted, distinct and non-ASCII") {
    REQUIRE(app::kUiGlyphCount == std::size(app::kUiGlyphs));
    CHECK(std::adjacent_find(std::begin(app::kUiGlyphs), std::end(app::kUiGlyphs),
                             [](char32_t a, char32_t b) { return a >= b; }) == std::end(app::kUiGlyphs));
    CHECK(app::kUiGlyphs[0] >= 0x80);
    CHECK(inUiGlyphs(U'卡'));  // 卡口
    CHECK(inUiGlyphs(U'…'));   // "Importing…"
    CHECK_FALSE(inUiGlyphs(U'垣'));  // only in place names
}

TEST_CASE("the atlas holds the UI's own glyphs, and a place name's once it is shown") {
    REQUIRE_MESSAGE(!app::cjkFontPath().empty(), "a Simplified Chinese font must be installed");
    {
        AtlasFixture atlas(std::vector<std::string_view>{});
        for (char32_t c : app::kUiGlyphs)
            if (c >= 0x4E00 && c <= 0x9FFF) {
                INFO(hexCode(c));
                CHECK(atlas.has(c));
            }
        CHECK_FALSE(atlas.has(U'垣'));
    }
    AtlasFixture atlas({"垣曲"});
    CHECK(atlas.has(U'垣'));
    CHECK(atlas.has(U'曲'));
}

TEST_CASE("tr follows the UI language") {
    CHECK(std::string(app::tr("图层", "Layers", app::Language::Chinese)) == "图层");
    CHECK(std::string(app::tr("图层", "Layers", app::Language::English)) == "Layers");
    app::setLanguage(app::Language::English);
    CHECK(std::string(app::tr("图层", "Layers")) == "Layers");
    CHECK(std::string(app::roadClassLabel(2)) == "Provincial road");
    CHECK(std::string(app::roadClassLabel(99)) == "Other road");
    CHECK(std::string(app::mapLayerLabel(app::MapLayer::Boundary)) == "Township boundary");
    app::setLanguage(app::Language::Chinese);
    CHECK(app::language() == app::Language::Chinese);
    CHECK(std::string(app::tr("图层", "Layers")) == "图层");
    CHECK(std::string(app::roadClassLabel(0)) == "高速公路");
    CHECK(std::string(app::mapLayerLabel(app::MapLayer::Villages)) == "村庄");
}

TEST_CASE("checkpoint kinds read as the plan names them, in either language") {
    for (size_t k = 0; k < geo::kCheckpointKindCount; ++k) {
        const auto kind = static_cast<geo::CheckpointKind>(k);
        CHECK(std::string(app::checkpointKindLabel(kind)) == geo::checkpointKindNameZh(kind));
        app::setLanguage(app::Language::English);
        CHECK(std::string(app::checkpointKindLabel(kind)) == geo::checkpointKindName(kind));
        app::setLanguage(app::Language::Chinese);
    }
}
