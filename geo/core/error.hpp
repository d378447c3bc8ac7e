// Expected failures that a user can read: bad files, unknown CRS, locked workspaces.
#pragma once
#include <stdexcept>
#include <string>

namespace geo {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace geo
