// The only place for operating-system specific calls.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace app {

bool stderrIsTerminal();
std::filesystem::path executablePath();
// The bundled demo workspace: data/demo.gpkg beside the build folder or the installed binary.
std::filesystem::path bundledDemoWorkspace();
bool hasDisplay();  // an X11 or Wayland display to open a window on
// Whether OpenGL would run on a GPU: a GPU device node exists and Mesa is not told to use its
// software rasteriser. Costs a look at /dev, no driver load.
bool hasHardwareGl();
// Keeps the graphics driver libraries loaded (for example Mesa's) until exit, so that leak
// reports inside them can name them. Call after a GL context exists; harmless otherwise.
void keepGraphicsDriversLoaded();
// Gives the calling thread the lowest scheduling priority: background work (warping basemap
// tiles) then takes only what the frame loop and the GL driver's threads leave.
void lowerThisThreadPriority();
// Starts `program` with `args` as a process of its own, not waited for (its exit is reaped);
// false when it could not be started.
bool startProcess(const std::filesystem::path& program, const std::vector<std::string>& args);

}  // namespace app
