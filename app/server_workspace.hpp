// Commands on a PostgreSQL/PostGIS server: PG:... where a command takes WS.gpkg.
#pragma once
#include <string>
#include <vector>

#include "app/command.hpp"
#include "geo/server/pg.hpp"

namespace app {

// True when an argument names a server (PG:...).
bool namesServer(const std::vector<std::string>& argv);
// Pulls the township (--township NAME) into a temporary workspace, runs the unchanged command
// on it and pushes what it changed in one transaction; a row changed by someone else since the
// pull refuses the push (exit 2, one line). `import` creates the township or replaces its layers.
int runOnServer(const Command& command, std::vector<std::string> argv);
// The GUI on a server workspace: the same pull, the window, a push of its edits.
int runGuiOnServer(std::vector<std::string> args);

// Removes `--township NAME` (or --township=NAME) from argv; "" when absent.
std::string takeTownship(std::vector<std::string>& argv);

// `cordon analyze PG:...` without --township on a server of several townships (cli_county.cpp).
int runCountyAnalyze(geo::PgConnection& conn, const std::string& server, const std::vector<std::string>& argv);

}  // namespace app
