# Shared by the end-to-end scripts (each run as NAME.sh BUILD_DIR SOURCE_DIR).
# The command-line scripts: cli_init, needs, demo_ws, fail, expect_rc, json.
# The GUI scripts drive a real window under Xvfb with xdotool and wait on the state the app writes
# (its window, its frame log, the workspace), never on fixed sleeps: source this inside the script
# run by xvfb-run, after setting FRAME_LOG (the app's --frame-log).

# cli_init BUILD_DIR SOURCE_DIR: BUILD, SRC, CORDON (the binary, which must exist) and T, a fresh
# folder removed on exit; a script that mounts something there sets MNT and mounted=1, and the
# mount is undone first. TMP is T (expect_rc writes there).
cli_init() {
    BUILD=$(cd "$1" && pwd)
    SRC=$(cd "${2:-.}" && pwd)
    CORDON=$BUILD/cordon
    [ -x "$CORDON" ] || { echo "FAIL: no $CORDON"; exit 1; }
    T=$(mktemp -d)
    chmod 755 "$T"
    TMP=$T
    MNT=$T/mnt
    mounted=0
    trap cli_cleanup EXIT
}
cli_cleanup() {
    [ "${mounted:-0}" = 1 ] && umount "$MNT" 2>/dev/null
    rm -rf "$T"
}

# needs TOOL...: the test packages (.ci/packages-test.txt) install these; a missing one fails the
# test rather than letting it pass as skipped.
needs() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (bash .ci/cordon test installs it)"; exit 1; }
    done
}

# demo_ws: the demo township written to $T/demo; WS is its workspace.
demo_ws() {
    "$CORDON" demo "$T/demo" >/dev/null || fail "cordon demo"
    WS=$T/demo/demo.gpkg
}

# json FILE EXPR: prints the Python expression EXPR evaluated on the parsed JSON object `d`.
json() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# Frames the app has drawn so far.
frames() { if [ -f "$FRAME_LOG" ]; then wc -l <"$FRAME_LOG"; else echo 0; fi; }

# after N COMMAND...: run COMMAND (input to the window), then wait until the app has drawn N
# frames since (60 s at most). Counting starts before the input: an idle window draws only a few
# frames per event, which may all be drawn before this returns from COMMAND. N is 2 at most.
after() {
    local n=$1 start i
    shift
    start=$(frames)
    "$@"
    for i in $(seq 1 1200); do
        [ $(($(frames) - start)) -ge "$n" ] && return 0
        sleep 0.05
    done
    echo "the window drew no frame for 60 s after: $*" >&2
    return 1
}

# wait_window PID: the window id of the app once it is shown and has drawn its first frame.
wait_window() {
    local wid="" i
    for i in $(seq 1 600); do
        wid=$(xdotool search --pid "$1" 2>/dev/null | head -1)
        [ -n "$wid" ] && [ "$(frames)" -ge 1 ] && { echo "$wid"; return 0; }
        kill -0 "$1" 2>/dev/null || break
        sleep 0.1
    done
    echo "no window" >&2
    return 1
}

# press KEY: held until the app has drawn frames with it down (ImGui 1.86 sees only keys that
# are down when a frame starts), then released and seen released.
press() { after 2 xdotool keydown "$1"; after 2 xdotool keyup "$1"; }

# click X Y: move there, let a frame see the hover, click, let frames see the click.
click() { after 2 xdotool mousemove "$1" "$2"; after 2 xdotool click 1; }

# wait_until SECONDS COMMAND...: until COMMAND succeeds; fails after SECONDS.
wait_until() {
    local limit=$1 i
    shift
    for i in $(seq 1 $((limit * 10))); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

# two_plans CORDON WS: in WS (a copy of the demo), "方案一 Plan A" with no checkpoint and
# "方案二 Plan B" guarding two entries with township-entry checkpoints.
two_plans() {
    "$1" scenario "$2" create "方案一 Plan A" >/dev/null
    "$1" scenario "$2" create "方案二 Plan B" >/dev/null
    "$1" analyze "$2" --scenario "方案二 Plan B" | awk '$1 == "unguarded" {print $(NF-1) $NF}' | head -2 |
    while read -r at; do
        "$1" checkpoint "$2" --scenario "方案二 Plan B" add --at "$at" --kind township_entry >/dev/null
    done
}

# For the command-line scripts (set TMP first): fail with a message, and run a command expecting
# an exit status, its output in $TMP/out and $TMP/err.
fail() { echo "FAIL: $*"; exit 1; }
expect_rc() {  # expected-status description command...
    local want=$1 what=$2; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    [ "$rc" = "$want" ] || { cat "$TMP/out" "$TMP/err"; fail "$what: exit $rc, expected $want"; }
}

# refused PATTERN COMMAND...: the command must be refused: exit 2 and a one-line message containing
# PATTERN (stdout in $T/out, the message in $T/err).
refused() {
    local want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc = 2 ] || fail "exit $rc, not 2: $* ($(cat "$T/err"))"
    [ "$(wc -l <"$T/err")" = 1 ] || fail "not one line: $(cat "$T/err")"
    grep -q -- "$want" "$T/err" || fail "message lacks '$want': $(cat "$T/err")"
}

# add_checkpoint_at_centre: with X, Y, WIDTH, HEIGHT of the planning window (xdotool
# getwindowgeometry --shell), wakes it, picks the add-checkpoint tool (first in the tool bar fixed
# at the top centre, see drawPlanToolsWindow) and clicks the centre of the map.
add_checkpoint_at_centre() {
    # A first move wakes the window for a few frames, so its panels settle where the clicks expect them.
    after 2 xdotool mousemove $((X + 10)) $((Y + HEIGHT - 10))
    click $((X + WIDTH / 2 - 360 + 10 + 75)) $((Y + 30 + 10 + 14))
    after 2 xdotool mousemove $((X + WIDTH / 2 + 3)) $((Y + HEIGHT / 2 + 2))
    click $((X + WIDTH / 2)) $((Y + HEIGHT / 2))
}
