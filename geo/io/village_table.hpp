// Village lists as tables: CSV/XLSX rows with longitude/latitude columns (经度/纬度, lon/lat,
// x/y, 东经/北纬, E/N) -> a point layer, rows without usable coordinates skipped and counted.
#pragma once
#include <string>
#include <vector>

#include "geo/core/crs.hpp"
#include "geo/core/layer.hpp"
#include "geo/io/layer_reader.hpp"

namespace geo {

struct VillageTableOptions {
    std::string encoding;   // override; "" detects (GBK without declaration is read as GB18030)
    std::string sheet;      // sheet of a workbook; "" the first
    WebCoords coords = WebCoords::None;  // the coordinates were taken from a Chinese web map
    int targetEpsg = 0;     // 0: WGS84 lon/lat
};

// CSV, TSV, TXT and spreadsheets (XLSX, XLS, ODS): read as tables, not as GDAL layers.
bool isTableFile(const std::string& path);

// The rows as points: the name column (村名, 名称, 村, name, ...) written as "name", other columns
// kept (personal ones such as 联系电话 dropped and listed in the warnings), title rows above the
// header and 合计 rows skipped. Coordinates may be degrees-minutes-seconds (113°25'30"); a row
// with longitude and latitude swapped is put right when China's ranges make it plain (lon 73-135,
// lat 18-54). Rows with missing or bad coordinates are skipped and listed in the warnings
// ("3 rows without coordinates skipped (rows 7, 12, 40)"). Throws geo::Error naming the file
// when there are no coordinate columns or no usable row.
Layer readVillageTable(const std::string& path, const VillageTableOptions& options, ReadReport& report);

// Header names the columns are found by, lower-case and half-width; exposed for the tests.
int villageLonColumn(const std::vector<std::string>& header);
int villageLatColumn(const std::vector<std::string>& header);
int villageNameColumn(const std::vector<std::string>& header);

}  // namespace geo
