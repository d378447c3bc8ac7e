// libFuzzer entry point; CORDON_FUZZ_TARGET names the body from fuzz_targets.cpp this binary runs.
#include <cstring>

#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fuzz::Target* target = [] {
        for (const auto& t : fuzz::targets())
            if (std::strcmp(t.name, CORDON_FUZZ_TARGET) == 0) return &t;
        return static_cast<const fuzz::Target*>(nullptr);
    }();
    if (target) target->run(data, size);
    return 0;
}
