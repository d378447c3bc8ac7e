// The GUI's rota (排班): the period shown, the solve running on a worker thread, the rota of the
// current scenario and its grid index, the slot being edited and the last edit's message.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "geo/rota/rota.hpp"
#include "geo/rota/staff.hpp"

namespace app {

struct RotaJob {
    geo::RotaProblem problem;  // a copy: the worker reads only this
    geo::Rota rota;            // written by the worker before `done`
    std::string error;         // likewise
    std::atomic<bool> done{false};
    std::thread worker;
    ~RotaJob() { if (worker.joinable()) worker.join(); }
};

struct RotaView {
    bool showWindow = false;
    bool solveRequested = false;  // solve on the next frame (the Solve button, --rota)
    char from[16] = {};           // YYYY-MM-DD
    int days = 7;
    geo::RotaRules rules;         // the rules the next solve uses and hand edits are checked against (as the CLI's flags)
    std::unique_ptr<RotaJob> job;

    // The rota shown, for `scenarioId`; staff names only (phones never reach the screen).
    bool hasRota = false;
    int64_t scenarioId = 0;
    geo::RotaProblem problem;
    geo::Rota rota;
    std::vector<std::string> shownNames;        // per problem.people: the name, leaders marked ★
    std::map<int, int> shortfallByPost;         // post number -> most people missing on one shift
    std::vector<std::string> shortLabels;       // "缺 2 人", per entry of shortfallByPost, in order
    // cells[post index][day][shift - 1] -> indices into problem.people; rebuilt after each change.
    std::vector<std::vector<std::vector<std::vector<int>>>> cells;
    uint64_t version = 0;                       // bumped whenever the rota shown changes

    // The slot being edited (post number 0: none) and the person chosen to assign.
    int editPost = 0, editDay = 0, editShift = 1;
    int editPerson = -1;                        // index into problem.people
    char personName[128] = {};                  // typed, or set by the person list: whom Assign puts on the slot
    std::string message;                        // the last edit's outcome; which rule it broke
    bool messageIsError = false;

    struct MapMark {
        int post = 0, missing = 0;
        float x = 0, y = 0;  // logical pixels, where the ring was drawn this frame
    };
    std::vector<MapMark> marks;                 // cleared each frame, capacity kept (--layout-log reads it)

    // Controls drawn this frame, for --layout-log (tests click them): the first shift in the grid
    // with someone on it, the edited slot's first remove button, the name field, Assign.
    enum Item { FirstCell, FirstRemove, NameField, AssignButton, ItemCount };
    struct ItemRect {
        bool isShown = false;
        float x = 0, y = 0, w = 0, h = 0;
    };
    std::array<ItemRect, ItemCount> items{};

    int settleFrames = 0;                       // frames to draw after a solve: the grid sizes its columns to the names
    bool isSolving() const { return job != nullptr; }
    bool isBusy() const { return job != nullptr || solveRequested || settleFrames > 0; }
};

}  // namespace app
