// PNG output through stb_image_write.
#include "app/screenshot.hpp"

#include <stb_image_write.h>

#include "geo/error.hpp"

namespace app {

void savePng(const std::filesystem::path& path, int width, int height, const std::vector<uint8_t>& rgba) {
    if (rgba.size() < static_cast<size_t>(width) * static_cast<size_t>(height) * 4)
        throw geo::Error(path.filename().string() + ": no pixels to write");
    if (!stbi_write_png(path.string().c_str(), width, height, 4, rgba.data(), width * 4))
        throw geo::Error(path.string() + ": cannot write the PNG");
}

}  // namespace app
