// argv -> a command, or the GUI when the first argument is not a command name.
#include <cstdio>
#include <cstring>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "app/command.hpp"
#include "app/gui.hpp"
#include "app/server_workspace.hpp"
#include "geo/core/error.hpp"

namespace {

// Exit status: scripts tell "fix your input" from "Cordon failed".
constexpr int kBadInput = 2;       // bad input or usage: a one-line reason on stderr
constexpr int kInternalError = 1;  // out of memory, or a bug

void printUsage() {
    std::puts("Cordon: plan road checkpoints around a township.\n"
              "\n"
              "usage: cordon [WORKSPACE.gpkg | PG:\"host=... dbname=...\" --township NAME] [--briefing | --present] [--scenario NAME]   open the map (the bundled demo without WORKSPACE)\n"
              "         --present: the briefing full screen on the second monitor (a second window with one)\n"
              "         map options: --lang zh|en  --size WxH  --zoom F  --drop FILE [--drop-role ROLE]\n"
              "                      --compare NAME (compare with that scenario)  --district-entries (show them on the map)\n"
              "                      --date YYYY-MM-DD (figures, map and charts as of that day)\n"
              "                      --rota DATE[,DAYS] (open the rota window and solve it from DATE, 7 days by default)\n"
              "                      --georef SCAN (open the georeference window with a scanned paper map)\n"
              "         for tests and benchmarks: --screenshot FILE.png [--screenshot-after SECONDS | --screenshot-when FILE]  --frames N  --frame-log FILE  --camera-script pan-zoom\n"
              "                                   --layout-log FILE (windows and panels)  --present-screenshot FILE.png\n"
              "       cordon COMMAND [ARGS] [--help]\n"
              "\n"
              "commands:");
    for (const auto& c : app::commands()) std::printf("  %-12s %s\n", c.name, c.summary);
    std::puts("\nEvery command takes --help. Exit status: 0 success; 2 bad input or usage (a one-line reason on\n"
              "stderr; nothing was changed); 1 an internal error (out of memory, or a bug to report).");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // GDAL's own warnings and errors become Cordon's one-line messages and reports, never raw
    // lines on stderr; CPL_DEBUG=ON shows them for diagnosis.
    if (!CPLGetConfigOption("CPL_DEBUG", nullptr)) CPLSetErrorHandler(CPLQuietErrorHandler);
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
        printUsage();
        return 0;
    }
    if (!args.empty() && args[0] == "--version") {
        std::puts("cordon 0.1.0");
        return 0;
    }
    const app::Command* command = nullptr;
    if (!args.empty())
        for (const auto& c : app::commands())
            if (args[0] == c.name) command = &c;
    const char* name = command ? command->name : "cordon";
    try {
        if (command) {
            std::vector<std::string> rest(args.begin() + 1, args.end());
            if (app::wantsHelp(rest)) return app::printHelp(*command);
            // PG:... instead of WS.gpkg: the command runs on a pulled copy (server and sync take it as it is).
            if (app::namesServer(rest) && std::strcmp(command->name, "server") != 0 && std::strcmp(command->name, "sync") != 0)
                return app::runOnServer(*command, rest);
            return command->run(rest);
        }
        if (!args.empty() && args[0].size() > 0 && args[0][0] != '-' && args[0].find('.') == std::string::npos &&
            args[0].find('/') == std::string::npos && !app::namesServer({args[0]}))
            throw app::UsageError("unknown command '" + args[0] + "' (see cordon --help)");
        if (app::namesServer(args)) return app::runGuiOnServer(args);
        return app::runGui(args);
    } catch (const app::UsageError& e) {
        std::fprintf(stderr, "%s: %s\n", name, e.what());
        return kBadInput;
    } catch (const geo::Error& e) {
        std::fprintf(stderr, "%s: %s\n", name, e.what());
        return kBadInput;
    } catch (const std::filesystem::filesystem_error& e) {  // a path that cannot be used: the user's to fix
        std::fprintf(stderr, "%s: %s\n", name, e.what());
        return kBadInput;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "%s: internal error: out of memory\n", name);
        return kInternalError;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: internal error (a bug; please report it): %s\n", name, e.what());
        return kInternalError;
    }
}
