#!/usr/bin/env bash
# Presenter mode: `cordon WS --present` opens the briefing in a second window beside the planning
# window (full screen on another monitor when GLFW reports two; Xvfb gives it one, so this tests
# the one-monitor path). Driven with xdotool: Right in the briefing window opens the next scenario
# in the planning window too; a digit in the planning window zooms the briefing (and the planning
# map) to that district, 0 back to the township. Checked in the --layout-log; both windows'
# screenshots stay in BUILD/e2e-artifacts/present-*.png to look at. Fails without xvfb-run/xdotool.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
command -v xdotool >/dev/null || { echo "FAIL: xdotool is not installed (bash .ci/cordon test installs it)"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
export LIBGL_ALWAYS_SOFTWARE=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/ws.gpkg"
cp "$src/data/demo.gpkg" "$ws"
art="$build/e2e-artifacts"
mkdir -p "$art"
. "$src/tests/e2e/lib.sh"
two_plans "$build/cordon" "$ws"  # Plan A empty, Plan B guarding two entries

log="$tmp/layout.log"
# last KIND: that line of the last logged block (sourced by the window script too).
cat > "$tmp/last.sh" <<'SH'
last() { awk -v k="$1" '$1 == k {line = $0} $1 == "end" {out = line} END {print out}' "$log"; }
SH
. "$tmp/last.sh"
cat > "$tmp/run.sh" <<SH
set -e
. "$src/tests/e2e/lib.sh"
log="$log"
. "$tmp/last.sh"
FRAME_LOG="$tmp/frames.log"
"$build/cordon" "$ws" --present --scenario "方案一 Plan A" --layout-log "$log" --frame-log "\$FRAME_LOG" \
    --screenshot "$art/present-planning.png" --present-screenshot "$art/present-briefing.png" --screenshot-when "$tmp/go" \
    >"$tmp/gui.out" 2>&1 &
pid=\$!
wait_window \$pid >/dev/null
xdotool search --onlyvisible --pid \$pid > "$tmp/windows"
xdotool search --onlyvisible --name 'Briefing' > "$tmp/briefing-window"
state() { echo "\$1: \$(last plan) | \$(last briefing)" >> "$tmp/steps"; }
wait_until 20 grep -q 'briefing scenario="方案一' "$log"
state start
# Keys go to the window under the pointer (no window manager): the briefing's lower right, the planning map's upper left.
after 2 xdotool mousemove 1700 900
press Right
state right-in-briefing
after 2 xdotool mousemove 500 500
press 2
state 2-in-planning
after 2 xdotool mousemove 1700 900
press 0
state 0-in-briefing
after 2 xdotool mousemove 500 500
press 3
state 3-in-planning
touch "$tmp/go"
wait \$pid
SH
timeout 300 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$tmp/run.sh" || fail "driving the windows failed: $(cat "$tmp/gui.out")"
cat "$tmp/steps"

# Two windows of one process; the briefing's is titled so.
[ "$(wc -l <"$tmp/windows")" -ge 2 ] || fail "expected two visible windows, found $(wc -l <"$tmp/windows")"
[ -s "$tmp/briefing-window" ] || fail "no window titled Briefing"
# Where the briefing went: one monitor here, so a window of its own over the lower right quarter,
# not full screen; with two monitors it would be full screen on the other one.
monitors=$(last monitors | cut -d' ' -f2)
briefing=$(awk '$1 == "glfw" && $2 == "briefing"' "$log" | tail -1)
read -r _ _ bx by bw bh bfull <<<"$briefing"
echo "monitors $monitors; briefing window at $bx,$by size ${bw}x$bh $bfull"
if [ "$monitors" = 1 ]; then
    [ "$bfull" = fullscreen=0 ] || fail "one monitor: the briefing must not take the planning window's screen"
    [ "$bx" -ge 900 ] && [ "$by" -ge 500 ] && [ "$bw" -ge 900 ] || fail "the briefing window is not in the lower right: $briefing"
else
    [ "$bfull" = fullscreen=1 ] || fail "two monitors: the briefing must be full screen on the second"
fi

step() { grep "^$1:" "$tmp/steps"; }
step start | grep -q 'plan scenario="方案一 Plan A".*briefing scenario="方案一 Plan A" district=-1' ||
    fail "both windows start on Plan A: $(step start)"
step right-in-briefing | grep -q 'plan scenario="方案二 Plan B".*briefing scenario="方案二 Plan B"' ||
    fail "Right in the briefing did not move the planning window to Plan B: $(step right-in-briefing)"
step 2-in-planning | grep -q 'briefing scenario="方案二 Plan B" district=1$' ||
    fail "2 in the planning window did not zoom the briefing to district 2: $(step 2-in-planning)"
step 0-in-briefing | grep -q 'district=-1$' || fail "0 in the briefing did not go back to the township: $(step 0-in-briefing)"
step 3-in-planning | grep -q 'district=2$' || fail "3 in the planning window: $(step 3-in-planning)"
# The planning map followed the district: its camera zoomed in (fewer metres per pixel) on 2 and out on 0.
upp() { step "$1" | sed 's/.*camera=[^,]*,[^,]*,\([0-9.]*\).*/\1/'; }
awk -v a="$(upp right-in-briefing)" -v b="$(upp 2-in-planning)" -v c="$(upp 0-in-briefing)" 'BEGIN { exit !(b < a && c > b) }' ||
    fail "the planning map did not follow the district: $(upp right-in-briefing) $(upp 2-in-planning) $(upp 0-in-briefing)"
[ -s "$art/present-planning.png" ] && [ -s "$art/present-briefing.png" ] || fail "no screenshots of both windows"
echo "screenshots: $art/present-planning.png $art/present-briefing.png"
echo ok
