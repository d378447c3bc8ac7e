// Window screenshots as PNG, through the same staged writer as every other output.
#include "app/screenshot.hpp"

#include "geo/core/error.hpp"
#include "geo/render/png_writer.hpp"

namespace app {

void savePng(const std::filesystem::path& path, int width, int height, const std::vector<uint8_t>& rgba) {
    if (width <= 0 || height <= 0 || rgba.size() < static_cast<size_t>(width) * static_cast<size_t>(height) * 4)
        throw geo::Error(path.filename().string() + ": no pixels to write");
    geo::PngOptions options;
    options.format = geo::PngFormat::Rgba;
    geo::writePng(path, rgba.data(), width, height, options);
}

}  // namespace app
