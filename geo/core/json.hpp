// A small streaming JSON writer: commas and escaping handled; the output is always valid UTF-8
// (a byte that is not UTF-8, say from a workspace written by an older version, becomes U+FFFD).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/encoding.hpp"

namespace geo {

class JsonWriter {
public:
    JsonWriter& beginObject() { comma(); out_ += '{'; first_.push_back(true); return *this; }
    JsonWriter& endObject() { out_ += '}'; first_.pop_back(); return *this; }
    JsonWriter& beginArray() { comma(); out_ += '['; first_.push_back(true); return *this; }
    JsonWriter& endArray() { out_ += ']'; first_.pop_back(); return *this; }
    JsonWriter& key(std::string_view k) { comma(); string(k); out_ += ':'; afterKey_ = true; return *this; }
    JsonWriter& value(std::string_view v) { comma(); string(v); return *this; }
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
    JsonWriter& value(bool v) { comma(); out_ += v ? "true" : "false"; return *this; }
    JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
    JsonWriter& value(int64_t v) { comma(); out_ += std::to_string(v); return *this; }
    JsonWriter& value(uint64_t v) { comma(); out_ += std::to_string(v); return *this; }
    JsonWriter& value(double v, int decimals = 6) {
        comma();
        if (!std::isfinite(v)) { out_ += "null"; return *this; }
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
        out_ += buf;
        return *this;
    }
    JsonWriter& null() { comma(); out_ += "null"; return *this; }
    const std::string& str() const { return out_; }

private:
    void comma() {
        if (afterKey_) { afterKey_ = false; return; }
        if (!first_.empty()) {
            if (!first_.back()) out_ += ',';
            first_.back() = false;
        }
    }
    void string(std::string_view s) {
        out_ += '"';
        if (isValidUtf8(s)) escape(s);
        else escape(toValidUtf8(s));
        out_ += '"';
    }
    void escape(std::string_view s) {
        for (char c : s) {
            switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out_ += buf;
                } else {
                    out_ += c;
                }
            }
        }
    }
    std::string out_;
    std::vector<bool> first_;
    bool afterKey_ = false;
};

}  // namespace geo
