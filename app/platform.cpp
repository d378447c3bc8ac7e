// POSIX and Linux specifics; a Windows port replaces this file.
#include "app/platform.hpp"

#include <dlfcn.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char** environ;

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

bool hasHardwareGl() {
    // Mesa told to use its software rasteriser, by either of its switches.
    const char* software = std::getenv("LIBGL_ALWAYS_SOFTWARE");
    if (software && *software && std::string(software) != "0" && std::string(software) != "false") return false;
    const char* gallium = std::getenv("GALLIUM_DRIVER");
    if (gallium && (std::string(gallium) == "llvmpipe" || std::string(gallium) == "softpipe" || std::string(gallium) == "swrast"))
        return false;
    // A GPU needs a device node: a DRM render node (Mesa's hardware drivers) or NVIDIA's own.
    std::error_code ec;
    if (std::filesystem::exists("/dev/nvidia0", ec)) return true;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec))
        if (entry.path().filename().string().rfind("renderD", 0) == 0) return true;
    return false;
}

void keepGraphicsDriversLoaded() {
    // Libraries mapped now whose names say driver; RTLD_NOLOAD | RTLD_NODELETE pins them.
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        size_t slash = line.find('/');
        if (slash == std::string::npos || line.find(".so", slash) == std::string::npos) continue;
        std::string path = line.substr(slash);
        for (const char* key : {"_dri", "mesa", "gallium", "LLVM", "glapi", "fontconfig", "libGLX", "libEGL"})
            if (path.find(key) != std::string::npos) {
                dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);  // a handle we never close, by design
                break;
            }
    }
}

void lowerThisThreadPriority() {
    // On Linux a nice value set for a thread id applies to that thread alone.
    const auto thread = static_cast<id_t>(syscall(SYS_gettid));
    (void)setpriority(PRIO_PROCESS, thread, 19);  // best effort: an unchanged priority is no error
}

bool startProcess(const std::filesystem::path& program, const std::vector<std::string>& args) {
    std::vector<std::string> all{program.string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, all.front().c_str(), nullptr, nullptr, argv.data(), environ) != 0) return false;
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();  // no zombie left while this process runs
    return true;
}

}  // namespace app
