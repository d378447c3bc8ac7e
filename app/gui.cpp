// Placeholder until the map window lands.
#include "app/gui.hpp"

#include <cstdio>

namespace app {

int runGui(const std::vector<std::string>&) {
    std::fprintf(stderr, "cordon: the map window is not built yet\n");
    return 2;
}

}  // namespace app
