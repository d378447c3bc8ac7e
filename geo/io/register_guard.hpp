// Limits on what a spreadsheet register may expand to, checked before GDAL reads it: an XLSX or
// ODS file is a zip, and a few megabytes can inflate to gigabytes that GDAL would hold in memory.
#pragma once
#include <cstdint>
#include <string>

namespace geo {

struct RegisterLimits {
    int64_t maxPartBytes = int64_t{256} << 20;   // one XML part (a sheet, the shared strings), uncompressed
    int64_t maxTotalBytes = int64_t{512} << 20;  // every part together, uncompressed
    int64_t maxRows = 1048576;                   // rows in one sheet: Excel's own limit
    int64_t maxCellChars = 32767;                // characters in one cell: Excel's own limit
    int64_t maxParts = 10000;                    // entries in the zip
};

// Throws geo::Error ("returnees.xlsx: ...") when an .xlsx/.xlsm/.ods file exceeds a limit, after
// inflating at most the limits' worth of it (the zip directory's sizes are not trusted: GDAL reads
// past them). Other files pass untouched. `path` may be a /vsimem/ path.
void checkRegisterSize(const std::string& path, const RegisterLimits& limits = {});

}  // namespace geo
