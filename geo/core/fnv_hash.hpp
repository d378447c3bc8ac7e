// FNV-1a, 64 bits: a cheap fingerprint that tells changed bytes from unchanged ones (not for security).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace geo {

struct FnvHash {
    uint64_t value = 1469598103934665603ull;
    void add(const void* data, size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < size; ++i) value = (value ^ bytes[i]) * 1099511628211ull;
    }
    template <class T> void add(const T& v) { add(&v, sizeof v); }
    void add(const char* text) { add(text, std::strlen(text)); }
};

}  // namespace geo
