// A township laptop's workspace kept in step with the server: push local edits, pull others'.
#pragma once
#include <string>
#include <vector>

#include "geo/server/township.hpp"

namespace geo {

struct SyncReport {
    bool pulledFresh = false;  // the workspace did not exist: pulled only
    PushResult pushed;
    int scenarios = 0, checkpoints = 0;  // in the workspace after the sync
    std::vector<SyncConflict> open;      // conflicts waiting for the planner's choice
};

// `path` missing: pulls township `township` into it. Otherwise pushes its edits (a row changed
// on both sides is not pushed: the server's version goes into the plan, this copy's is kept in
// cordon_sync_conflicts), then pulls the township again, keeping the open conflicts.
SyncReport syncWorkingCopy(PgConnection& conn, const std::string& path, const std::string& township);
// The planner's choice for one conflict (a checkpoint's id): keepMine puts this copy's version
// back into the plan, to be pushed by the next sync; otherwise the server's stays. geo::Error
// when there is no such conflict.
void resolveConflict(const std::string& path, int64_t checkpointId, bool keepMine);
std::vector<SyncConflict> openConflicts(const std::string& path);

}  // namespace geo
