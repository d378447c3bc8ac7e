// Helpers the workspace's own files share (opening, layer reads, writing, import); not for callers.
#pragma once
#include <filesystem>
#include <string>

namespace geo {

// The file's name without its folders, as messages name a workspace or a source.
inline std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace geo
