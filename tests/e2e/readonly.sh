#!/usr/bin/env bash
# A workspace that cannot be written opens read-only with a notice, and every edit is refused
# with a one-line message and exit 2, leaving the file as it was. CI runs as root, where file
# modes stop nothing, so the read-only cases come from a read-only mount and from dropping
# privileges; the test is skipped only when neither is possible here.
# usage: readonly.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
demo_ws
WS="$T/demo/demo.gpkg"
"$CORDON" scenario "$WS" create A >/dev/null || fail "create scenario"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7433,35.2317 --name 北口 >/dev/null || fail "add"

# Runs the read and edit checks against workspace $2, with the command prefix in $1 (may be empty).
check_readonly() {
    local how=$1 ws=$2 run=$3
    local sum
    sum=$(md5sum < "$ws")
    $run "$CORDON" checkpoint "$ws" --scenario A list --json >"$T/list.out" 2>"$T/list.err" || fail "$how: list failed: $(cat "$T/list.err")"
    grep -q '"name":"北口"' "$T/list.out" || fail "$how: list does not show the checkpoint"
    grep -q 'read-only' "$T/list.err" || fail "$how: no read-only notice on open"
    for cmd in "checkpoint $ws --scenario A add --at 111.7433,35.2317" "checkpoint $ws --scenario A delete 1" \
               "checkpoint $ws --scenario A set 1 --shifts 2" "scenario $ws create B" "scenario $ws rename A B"; do
        # shellcheck disable=SC2086
        $run "$CORDON" $cmd >"$T/edit.out" 2>"$T/edit.err"
        rc=$?
        [ $rc = 2 ] || fail "$how: '$cmd' exited $rc, expected 2"
        grep -q 'read-only' "$T/edit.err" || fail "$how: '$cmd' said: $(cat "$T/edit.err")"
        # The open notice, then exactly one line of reason from the command.
        [ "$(grep -c "^${cmd%% *}: " "$T/edit.err")" = 1 ] || fail "$how: '$cmd' reason is not one line: $(cat "$T/edit.err")"
    done
    [ "$(md5sum < "$ws")" = "$sum" ] || fail "$how: the workspace changed"
    echo "$how: read-only workspace opened with a notice; edits refused"
}

ran=0
# 1. A read-only mount (needs CAP_SYS_ADMIN).
mkdir -p "$MNT"
if mount -t tmpfs -o size=64m tmpfs "$MNT" 2>/dev/null; then
    mounted=1
    cp "$WS" "$MNT/ws.gpkg"
    if mount -o remount,ro "$MNT" 2>/dev/null; then
        check_readonly "read-only mount" "$MNT/ws.gpkg" ""
        # Export out of it still works; export into it is refused and leaves nothing.
        "$CORDON" export "$MNT/ws.gpkg" --scenario A --format csv --out "$T/roster.csv" >/dev/null 2>&1 || fail "export from a read-only workspace"
        "$CORDON" export "$WS" --scenario A --format csv --out "$MNT/roster.csv" 2>"$T/exp.err"
        [ $? = 2 ] || fail "export into a read-only folder did not exit 2"
        [ -z "$(ls -A "$MNT" | grep -v '^ws.gpkg$')" ] || fail "export left files in the read-only folder: $(ls -A "$MNT")"
        ran=1
    fi
fi
# 2. Dropped privileges: a root-owned file the user 'nobody' may read but not write.
if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    mkdir -p "$T/owned"
    cp "$WS" "$T/owned/ws.gpkg"
    chmod 755 "$T/owned"
    chmod 644 "$T/owned/ws.gpkg"
    check_readonly "unprivileged user" "$T/owned/ws.gpkg" "setpriv --reuid=65534 --regid=65534 --clear-groups"
    ran=1
fi
[ $ran = 1 ] || { echo "skip: neither a read-only mount nor dropping privileges is possible here"; exit 77; }
