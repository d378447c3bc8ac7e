// POSIX and Linux specifics; a Windows port replaces this file.
#include "app/platform.hpp"

#include <cstdlib>
#include <unistd.h>

namespace app {

bool stderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

std::filesystem::path executablePath() {
    std::error_code ec;
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : p;
}

std::filesystem::path bundledDemoWorkspace() {
    std::error_code ec;
    std::filesystem::path exe = executablePath();
    for (auto dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        for (auto candidate : {dir / "data" / "demo.gpkg", dir / "share" / "cordon" / "demo.gpkg"})
            if (std::filesystem::exists(candidate, ec)) return candidate;
        if (dir == dir.root_path()) break;
    }
#ifdef CORDON_SOURCE_DIR
    std::filesystem::path src = std::filesystem::path(CORDON_SOURCE_DIR) / "data" / "demo.gpkg";
    if (std::filesystem::exists(src, ec)) return src;
#endif
    return {};
}

bool hasDisplay() {
    const char* x = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

}  // namespace app
