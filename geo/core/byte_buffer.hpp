// A byte vector whose resize leaves new bytes uninitialised: for image bands and compression
// buffers that are written in full right after, where zero-filling tens of megabytes first would
// cost a pass over memory (and its page faults) for nothing.
#pragma once
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace geo {

template <class T>
struct DefaultInitAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = DefaultInitAllocator<U>;
    };
    using std::allocator<T>::allocator;
    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;  // default-initialised: no zeroing for bytes
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

using ByteBuffer = std::vector<uint8_t, DefaultInitAllocator<uint8_t>>;

}  // namespace geo
