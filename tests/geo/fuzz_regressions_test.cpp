// Replays every input fuzzing found a bug with (tests/fuzz/regressions) and the seed corpus
// through the same target bodies, so the ordinary build checks them.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "../fuzz/fuzz_targets.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<uint8_t> readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

size_t replay(const char* folder) {
    size_t count = 0;
    for (const auto& target : fuzz::targets()) {
        fs::path dir = fs::path(CORDON_FUZZ_DIR) / folder / target.name;
        if (!fs::is_directory(dir)) continue;
        std::vector<fs::path> inputs;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) inputs.push_back(e.path());
        std::sort(inputs.begin(), inputs.end());
        for (const auto& input : inputs) {
            CAPTURE(input);
            std::vector<uint8_t> bytes = readBytes(input);
            CHECK_NOTHROW(target.run(bytes.data(), bytes.size()));
            ++count;
        }
    }
    return count;
}

}  // namespace

// Every file under regressions/<target>/, whatever the folder's name: one in a folder that names
// no target would otherwise never be replayed.
size_t committedInputs(const char* folder) {
    size_t count = 0;
    for (const auto& dir : fs::directory_iterator(fs::path(CORDON_FUZZ_DIR) / folder))
        if (dir.is_directory())
            for (const auto& e : fs::directory_iterator(dir.path())) count += e.is_regular_file();
    return count;
}

TEST_CASE("inputs that once crashed a fuzz target are now refused or read cleanly") {
    REQUIRE(fs::is_directory(fs::path(CORDON_FUZZ_DIR) / "regressions"));
    const size_t committed = committedInputs("regressions");
    const size_t replayed = replay("regressions");
    CHECK(replayed == committed);  // each committed input went through its target
    if (committed == 0) MESSAGE("no fuzz regression inputs yet (tests/fuzz/regressions holds none)");
}

TEST_CASE("the fuzz seed corpus reads cleanly") {
    CHECK(replay("corpus") > 0);
}
