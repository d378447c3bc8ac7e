// PG:... workspaces: pull one township into a temporary GeoPackage, run the command, push.
#include "app/server_workspace.hpp"

#include <cstdio>
#include <filesystem>

#include "app/county_view.hpp"
#include "app/gui.hpp"
#include "app/gui_options.hpp"
#include "app/server_link.hpp"
#include "geo/server/server_schema.hpp"
#include "geo/server/township.hpp"
#include "geo/server/township_sync.hpp"

namespace fs = std::filesystem;

namespace app {
namespace {

// The temporary working copy's folder, removed however the command ends.
struct TemporaryCopy {
    std::string path;
    // Named after the township (the window's title shows it), with what a file name cannot hold replaced.
    explicit TemporaryCopy(std::string township) {
        for (char& c : township)
            if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') c = '_';
        path = geo::temporaryWorkspacePath(township.empty() || township[0] == '.' ? "township" : township);
    }
    ~TemporaryCopy() {
        std::error_code ignored;
        fs::remove_all(fs::path(path).parent_path(), ignored);
    }
    TemporaryCopy(const TemporaryCopy&) = delete;
    TemporaryCopy& operator=(const TemporaryCopy&) = delete;
};

size_t serverArgument(const std::vector<std::string>& argv) {
    for (size_t i = 0; i < argv.size(); ++i)
        if (geo::isServerPath(argv[i])) return i;
    return argv.size();
}

// The township a command works on: the one named, or the only one on the server.
std::string chooseTownship(geo::PgConnection& conn, const std::string& named) {
    if (!named.empty()) {
        if (!geo::findTownship(conn, named)) throw geo::Error("no township '" + named + "' on the server");
        return named;
    }
    auto all = geo::listTownships(conn);
    if (all.empty()) throw geo::Error("the server holds no township yet: cordon import PG:... --township NAME ...");
    if (all.size() > 1)
        throw UsageError("the server holds " + std::to_string(all.size()) + " townships: choose one with --township NAME");
    return all.front().name;
}

int pushEdits(geo::PgConnection& conn, const std::string& path) {
    try {
        geo::pushTownship(conn, path, geo::PushMode::RefuseOnConflict);
    } catch (const geo::PushConflict& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 0;
}

}  // namespace

bool namesServer(const std::vector<std::string>& argv) { return serverArgument(argv) < argv.size(); }

std::string takeTownship(std::vector<std::string>& argv) {
    std::string township;
    for (size_t i = 0; i < argv.size(); ++i) {
        if (argv[i] == "--township") {
            if (i + 1 >= argv.size() || argv[i + 1].empty()) throw UsageError("--township needs a township's name");
            township = argv[i + 1];
            argv.erase(argv.begin() + static_cast<std::ptrdiff_t>(i), argv.begin() + static_cast<std::ptrdiff_t>(i) + 2);
            --i;
        } else if (argv[i].rfind("--township=", 0) == 0) {
            township = argv[i].substr(11);
            if (township.empty()) throw UsageError("--township needs a township's name");
            argv.erase(argv.begin() + static_cast<std::ptrdiff_t>(i));
            --i;
        }
    }
    return township;
}

int runOnServer(const Command& command, std::vector<std::string> argv) {
    std::string township = takeTownship(argv);
    size_t at = serverArgument(argv);
    geo::PgConnection conn(argv[at]);
    geo::checkServerSchema(conn);
    const std::string name = command.name;
    if (name == "analyze" && township.empty() && geo::listTownships(conn).size() > 1) return runCountyAnalyze(conn, argv[at], argv);
    if (name == "import") {
        if (township.empty()) throw UsageError("import into a server needs --township NAME");
        TemporaryCopy copy(township);
        bool exists = geo::findTownship(conn, township).has_value();
        geo::SyncState state;
        if (exists) {  // replace its layers, keeping its plans, as import --replace does
            geo::pullTownship(conn, township, copy.path);
            state = geo::saveSyncState(copy.path);
            bool hasReplace = false;
            for (const auto& a : argv) hasReplace = hasReplace || a == "--replace";
            if (!hasReplace) argv.push_back("--replace");
        }
        argv[at] = copy.path;
        int rc = command.run(argv);
        if (rc != 0) return rc;
        if (exists) geo::restoreSyncState(copy.path, state);
        else geo::markNewTownship(copy.path, township);
        return pushEdits(conn, copy.path);
    }
    township = chooseTownship(conn, township);
    TemporaryCopy copy(township);
    geo::pullTownship(conn, township, copy.path);
    argv[at] = copy.path;
    int rc = command.run(argv);
    if (rc != 0) return rc;
    return pushEdits(conn, copy.path);
}

namespace {

// The county view: every township pulled and analysed (as `analyze` does), the window on a
// workspace of the first one's whose map layers the view replaces by every township's. Read only.
int runCountyGui(geo::PgConnection& conn, std::vector<std::string> args, size_t at, const std::vector<geo::Township>& all) {
    const GuiOptions gui = parseGuiOptions(args);
    CountyOptions options;
    options.scenario = gui.scenario;
    options.day = gui.date;
    options.keepsLayers = true;
    std::vector<std::string> names;
    for (const auto& t : all) names.push_back(t.name);
    const std::string server = args[at];
    // A township that cannot be analysed yet (no boundary drawn) is left out with a notice, not
    // allowed to keep the county from opening.
    std::vector<std::string> leftOut;
    std::vector<TownshipAnalysis> townships = analyzeTownships(server, names, options, &leftOut);
    if (townships.empty())
        throw geo::Error("no township on the server can be analysed yet (" + leftOut.front() + ")");
    std::vector<Crossing> crossings = crossingsBetween(conn);
    TemporaryCopy copy("county");
    geo::pullTownship(conn, townships.front().name, copy.path);
    args[at] = copy.path;
    return runGui(args, {}, [&](std::function<void()> wake) {
        return std::make_unique<CountyView>(server, options, std::move(townships), crossings, std::move(wake), leftOut);
    });
}

}  // namespace

int runGuiOnServer(std::vector<std::string> args) {
    std::string township = takeTownship(args);
    size_t at = serverArgument(args);
    geo::PgConnection conn(args[at]);
    geo::checkServerSchema(conn);
    if (township.empty())
        if (auto all = geo::listTownships(conn); all.size() > 1) return runCountyGui(conn, std::move(args), at, all);
    township = chooseTownship(conn, township);
    TemporaryCopy copy(township);
    geo::pullTownship(conn, township, copy.path);
    std::string server = args[at];
    args[at] = copy.path;
    int rc = runGui(args, [&](std::function<void()> wake) {
        return std::make_unique<ServerLink>(server, township, copy.path, std::move(wake));
    });
    if (rc != 0) return rc;
    return pushEdits(conn, copy.path);
}

}  // namespace app
