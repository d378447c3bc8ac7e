// Column choice for returnee registers and the header-row score that finds the header below
// title rows; internal to the returnee import.
#pragma once
#include <string>
#include <vector>

#include "geo/returnees/returnees.hpp"

namespace geo {

// The columns for these options: named ones checked (throws geo::Error naming `source`), the
// others detected unless o.autoDetect is off.
ReturneeColumns findReturneeColumns(const std::vector<std::string>& header, const std::string& source,
                                    const ReturneeImportOptions& o);
// How much a row looks like a register's header: the cells that name a known column.
int returneeHeaderScore(const std::vector<std::string>& row);

}  // namespace geo
