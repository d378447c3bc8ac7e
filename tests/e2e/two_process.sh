#!/usr/bin/env bash
# Two Cordon processes editing one workspace: neither corrupts it, each sees the other's
# committed edits, and a writer blocked longer than the busy timeout is told the workspace is busy.
# usage: two_process.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs sqlite3
demo_ws
"$CORDON" scenario "$WS" create A >/dev/null || fail "create scenario"

# Two writers at once, 15 adds each.
writer() {
    local tag=$1 spot=$2
    for i in $(seq 1 15); do
        if "$CORDON" checkpoint "$WS" --scenario A add --at "$spot" --name "$tag$i" >>"$T/ok.$tag" 2>>"$T/err.$tag"; then :; fi
    done
}
writer p 111.7433,35.2317 &
p1=$!
writer q 111.7545,35.2357 &
p2=$!
wait $p1 $p2
ok=$(cat "$T/ok.p" "$T/ok.q" | grep -c '^added checkpoint')
# Any failure must be the clear busy message, never a crash or a damaged file.
if [ -s "$T/err.p" ] || [ -s "$T/err.q" ]; then
    if grep -v 'busy' "$T/err.p" "$T/err.q" | grep -q .; then fail "unexpected error: $(cat "$T/err.p" "$T/err.q")"; fi
fi
[ "$(sqlite3 "$WS" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after concurrent writers"
stored=$(sqlite3 "$WS" 'SELECT count(*) FROM checkpoints')
[ "$stored" = "$ok" ] || fail "$ok adds reported, $stored stored"
# Each process's edits are visible to a fresh reader, names included.
for tag in p q; do
    n=$(grep -c '^added checkpoint' "$T/ok.$tag")
    seen=$("$CORDON" checkpoint "$WS" --scenario A list --json | grep -o "\"name\":\"$tag[0-9]*\"" | wc -l)
    [ "$seen" = "$n" ] || fail "writer $tag reported $n adds, a reader sees $seen"
done

# A lock held longer than the 3 s busy timeout: the add waits, then says the workspace is busy.
( echo 'BEGIN IMMEDIATE;'; sleep 6; echo 'COMMIT;' ) | sqlite3 "$WS" &
holder=$!
sleep 0.5
before=$(sqlite3 "$WS" 'SELECT count(*) FROM checkpoints')
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7433,35.2317 >"$T/out.busy" 2>"$T/err.busy"
rc=$?
wait $holder
[ $rc = 2 ] || fail "add under a held lock exited $rc, expected 2"
grep -q 'workspace is busy' "$T/err.busy" || fail "no busy message: $(cat "$T/err.busy")"
[ "$(wc -l < "$T/err.busy")" = 1 ] || fail "busy message is not one line"
after=$(sqlite3 "$WS" 'SELECT count(*) FROM checkpoints')
[ "$before" = "$after" ] || fail "the refused add changed the workspace"
# And once the lock is gone, it works again.
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7433,35.2317 >/dev/null || fail "add after the lock was released"
[ "$(sqlite3 "$WS" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check at the end"
echo "two_process: $ok concurrent adds all stored, busy reported cleanly"
