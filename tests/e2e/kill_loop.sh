#!/usr/bin/env bash
# kill -9 during scripted checkpoint adds, again and again: after every kill the workspace passes
# PRAGMA integrity_check and holds every checkpoint whose add was reported as done.
# usage: kill_loop.sh BUILD_DIR SOURCE_DIR [ROUNDS]
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
ROUNDS=${3:-60}
needs sqlite3
demo_ws
"$CORDON" scenario "$WS" create 方案A >/dev/null || fail "create scenario"

# How long one add takes here (sanitizer builds are slower): kills land anywhere from before
# startup to after the commit.
start=$(date +%s%N)
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7433,35.2317 --name k0 >"$T/out.0" || fail "timing add"
span_ms=$(( ($(date +%s%N) - start) / 1000000 * 13 / 10 + 5 ))
# Positions along the national road and at village roads, in WGS84.
SPOTS=(111.7433,35.2317 111.7545,35.2357 111.7592,35.2387 111.7000,35.2000)
grep -o '(id [0-9]*)$' "$T/out.0" | tr -d '(id )' > "$T/reported"
kills=0
# At least ROUNDS rounds; more (up to three times as many) while no kill or no completed add has
# been seen yet, so a machine much slower or faster than the timing run still tests both.
for ((round = 1; round <= 3 * ROUNDS; round++)); do
    if [ "$round" -gt "$ROUNDS" ] && [ "$kills" -gt 0 ] && [ "$(grep -c . "$T/reported")" -gt 1 ]; then break; fi
    spot=${SPOTS[$((round % ${#SPOTS[@]}))]}
    out="$T/out.$round"
    "$CORDON" checkpoint "$WS" --scenario 方案A add --at "$spot" --name "k$round" --staff-per-shift $((round % 5 + 1)) \
        >"$out" 2>"$T/err.$round" &
    pid=$!
    ms=$(( (RANDOM * 32768 + RANDOM) % span_ms ))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    grep -o '(id [0-9]*)$' "$out" | tr -d '(id )' >> "$T/reported"
    check=$(sqlite3 "$WS" 'PRAGMA integrity_check' 2>&1)
    [ "$check" = "ok" ] || fail "round $round: integrity_check says: $check"
    present=$(sqlite3 "$WS" 'SELECT fid FROM checkpoints ORDER BY fid')
    while read -r id; do
        [ -z "$id" ] && continue
        grep -qx "$id" <<<"$present" || fail "round $round: checkpoint $id was reported added but is missing"
    done < "$T/reported"
done
reported=$(grep -c . "$T/reported")
stored=$(sqlite3 "$WS" 'SELECT count(*) FROM checkpoints')
# Cordon itself still reads the workspace, and sees at least what it reported.
listed=$("$CORDON" checkpoint "$WS" --scenario 方案A list --json | grep -o '"id":' | wc -l)
[ "$listed" = "$stored" ] || fail "cordon lists $listed checkpoints, the table holds $stored"
[ "$kills" -gt 0 ] || fail "no process was killed mid-run; the loop tested nothing"
[ "$reported" -gt 1 ] || fail "no add completed between kills; the loop tested nothing"
[ "$stored" -ge "$reported" ] || fail "$reported adds reported but only $stored stored"
echo "kill_loop: $((round - 1)) rounds (kills within ${span_ms} ms of start), $kills processes killed mid-run, $reported adds reported, $stored stored, integrity ok every time"
