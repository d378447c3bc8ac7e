// Numbers and coordinates as registers and planners write them: full-width digits, degree signs,
// minutes and seconds, 东经/北纬 and E/N.
#pragma once
#include <string>
#include <string_view>

namespace geo {

// Full-width ASCII (U+FF01-FF5E), the ideographic space and the ideographic full stop
// used as a decimal point become ASCII; surrounding white space is trimmed.
std::string toHalfWidth(std::string_view text);
// A decimal number, full-width digits allowed; false on anything else or nothing.
bool parseNumber(std::string_view text, double& value);

// A coordinate in degrees: 111.70, 111.70°, 111°42'00", 111度42分, 东经111.7, 111.7E, full-width
// digits. `axis` is 'x' when a hemisphere says longitude (E/W, 东经/西经), 'y' for latitude
// (N/S, 北纬/南纬), 0 when none is written.
bool parseDegrees(std::string_view text, double& value, char& axis);
// "LON,LAT" split by a comma, full-width comma, semicolon or spaces, degree signs allowed. False
// with `why` when it is not two coordinates in range, or reads as latitude first (`why` says
// swapped); written hemispheres (35.2N,111.7E) put the pair in order.
bool parseLonLatText(std::string_view text, double& lon, double& lat, std::string& why);
// The swapped-order check for a longitude/latitude pair already parsed: "" when plausible.
std::string lonLatProblem(double lon, double lat);

}  // namespace geo
