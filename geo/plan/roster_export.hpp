// A scenario's checkpoints for field teams and reports: CSV roster (UTF-8 with BOM, for Excel
// on Chinese Windows), GeoJSON, KML and GeoPackage, all in WGS84 lon/lat.
#pragma once
#include <string>

#include "geo/plan/plan.hpp"

namespace geo {

enum class ExportFormat { Csv, GeoJson, Kml, Gpkg };
ExportFormat parseExportFormat(const std::string& text);  // csv|geojson|kml|gpkg; geo::Error otherwise

// The CSV roster text, BOM included. Duty leader and phone are in the roster (the command
// post's own staff); the map formats leave them out.
std::string rosterCsv(const Scenario& scenario, int workingEpsg);

// Writes beside `outPath` and renames over it only when complete; on any failure the partial
// file is removed and geo::Error says why (missing folder, disk full, not writable).
void exportRoster(const Scenario& scenario, int workingEpsg, ExportFormat format, const std::string& outPath);

}  // namespace geo
