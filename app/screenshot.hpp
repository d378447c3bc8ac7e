// Saving RGBA pixels as PNG (window screenshots for tests and bug reports).
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

namespace app {

// Rows top first. Throws geo::Error naming the file when it cannot be written.
void savePng(const std::filesystem::path& path, int width, int height, const std::vector<uint8_t>& rgba);

}  // namespace app
