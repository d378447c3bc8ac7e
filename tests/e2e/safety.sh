#!/usr/bin/env bash
# Nothing lost, nothing injected, through the real commands: outputs never over a workspace,
# a second import of a file refused while the first runs, what kill -9 leaves cleared by the
# next run, a planted trigger never run, a checkpoint without geometry skipped and repaired.
# usage: safety.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs sqlite3
wait_for() {  # wait_for GLOB: up to 10 s for a file matching GLOB
    for _ in $(seq 1 1000); do compgen -G "$1" >/dev/null && return 0; sleep 0.01; done
    return 1
}

"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
D="$T/demo"
WS="$T/ws.gpkg"
cp "$D/demo.gpkg" "$WS"
"$CORDON" scenario "$WS" create A >/dev/null || fail "create A"
"$CORDON" scenario "$WS" create B >/dev/null || fail "create B"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7433,35.2317 --name a1 >/dev/null || fail "add a1"
"$CORDON" checkpoint "$WS" --scenario B add --at 111.7545,35.2357 --name b1 >/dev/null || fail "add b1"
sum=$(md5sum < "$WS")

# 1. Outputs over the workspace, another workspace, or a file of another kind.
for fmt in gpkg csv; do
    "$CORDON" export "$WS" --scenario A --format $fmt --out "$WS" 2>"$T/err"; rc=$?
    [ $rc = 2 ] || fail "export --format $fmt over its own workspace exited $rc"
    [ "$(md5sum < "$WS")" = "$sum" ] || fail "export --format $fmt changed the workspace"
done
grep -q 'name it .csv' "$T/err" || grep -q 'workspace itself' "$T/err" || fail "unclear message: $(cat "$T/err")"
cp "$WS" "$T/other.gpkg"
"$CORDON" export "$WS" --scenario A --format gpkg --out "$T/other.gpkg" 2>"$T/err"
[ $? = 2 ] && grep -q 'Cordon workspace' "$T/err" || fail "export over another workspace: $(cat "$T/err")"
"$CORDON" export "$WS" --scenario A --format gpkg --out "$T/other.gpkg" --force >/dev/null || fail "--force refused"
cp "$WS" "$T/plan.png"
"$CORDON" render "$WS" --out "$T/plan.png" --size 800x600 >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q 'Cordon workspace' "$T/err" || fail "render over a workspace: $(cat "$T/err")"
cmp -s "$WS" "$T/plan.png" || fail "render changed the workspace copy"
"$CORDON" export "$WS" --scenario A --format geojson --out "$T/roster.kml" 2>/dev/null
[ $? = 2 ] || fail "an extension naming another format was accepted"

# 2. A second import of the same file while the first runs; then kill -9 mid-import.
# A township of 200,000 road segments, so an import lasts long enough to be caught mid-way.
"$CORDON" demo "$T/big" --roads 200000 >/dev/null || fail "big demo"
NEW="$T/new.gpkg"
B="$T/big"
import() { "$CORDON" import "$NEW" --boundary "$B/boundary.shp" --roads "$B/roads.shp" --villages "$B/villages.shp" "$@"; }
import >/dev/null 2>"$T/first.err" &
first=$!
wait_for "$T/.new.gpkg.lock" || fail "the first import took no lock"
import 2>"$T/err"; rc=$?
wait $first || fail "the first import failed: $(cat "$T/first.err")"
[ $rc = 2 ] && grep -q 'another import is running' "$T/err" || fail "second import: exit $rc, $(cat "$T/err")"
# Started directly (not through the function), so $! is the import itself and kill -9 reaches it.
"$CORDON" import "$NEW" --boundary "$B/boundary.shp" --roads "$B/roads.shp" --villages "$B/villages.shp" --replace >/dev/null 2>&1 &
pid=$!
wait_for "$T/.new.gpkg.*.partial/new.gpkg" || fail "no staging file seen"
kill -9 $pid; wait $pid 2>/dev/null
compgen -G "$T/.new.gpkg.*.partial" >/dev/null || fail "kill -9 left nothing to clean (the test tested nothing)"
"$CORDON" info "$NEW" >/dev/null || fail "the workspace was damaged by a killed import"
import --replace >/dev/null || fail "import after a killed one"
left=$(ls -A "$T" | grep '^\.new\.gpkg' || true)
[ -z "$left" ] || fail "left behind after the next import: $left"

# 3. A trigger planted on checkpoints never runs.
sqlite3 "$WS" "CREATE TRIGGER wipe AFTER INSERT ON checkpoints BEGIN DELETE FROM checkpoints WHERE scenario_id != NEW.scenario_id; END;"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7592,35.2387 --name a2 >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q 'drop-foreign-triggers' "$T/err" || fail "edit with a planted trigger: exit $rc, $(cat "$T/err")"
[ "$(sqlite3 "$WS" "SELECT count(*) FROM checkpoints WHERE name = 'b1'")" = 1 ] || fail "the trigger ran"
"$CORDON" info "$WS" | grep -q 'problem: trigger wipe on checkpoints' || fail "info does not list the trigger"
"$CORDON" info "$WS" --drop-foreign-triggers >/dev/null 2>&1 || fail "drop"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7592,35.2387 --name a2 >/dev/null || fail "add after drop"
[ "$(sqlite3 "$WS" "SELECT count(*) FROM checkpoints")" = 3 ] || fail "checkpoints lost"

# 4. A checkpoint without geometry (QGIS "delete geometry").
sqlite3 "$WS" "UPDATE checkpoints SET geom = NULL WHERE name = 'a1'"
"$CORDON" checkpoint "$WS" --scenario A list >"$T/out" 2>"$T/err" || fail "list with a damaged row: $(cat "$T/err")"
grep -q 'no position' "$T/err" || fail "the damaged row was not reported"
grep -q a2 "$T/out" || fail "the other checkpoints were not listed"
"$CORDON" checkpoint "$WS" --scenario A repair | grep -q 'restored checkpoint' || fail "repair"
"$CORDON" checkpoint "$WS" --scenario A list 2>"$T/err" | grep -q a1 || fail "a1 not back"
[ ! -s "$T/err" ] || fail "still warns after repair: $(cat "$T/err")"
echo "safety: ok"
