#!/usr/bin/env bash
# The briefing follows the workspace's scenarios: --scenario picks the one shown, its checkpoints
# are on the map (none for a plan without any), and the right arrow moves to the next scenario.
# Screenshots under Xvfb at 1920x1080 stay in BUILD/briefing-plan-*.png to look at.
# Fails without xvfb-run/xdotool (the test packages install them).
set -euo pipefail
build=$1
src=$2
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
command -v xdotool >/dev/null || { echo "FAIL: xdotool is not installed (bash .ci/cordon test installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1
ws="$tmp/ws.gpkg"
cp "$src/data/demo.gpkg" "$ws"
. "$src/tests/e2e/lib.sh"
two_plans "$build/cordon" "$ws"  # Plan A empty, Plan B guarding two entries

cat > "$tmp/run.sh" <<SH
set -e
. "$src/tests/e2e/lib.sh"
FRAME_LOG="$tmp/frames-\$(basename "\$1").log"
rm -f "$tmp/go"
"$build/cordon" "$ws" --briefing --scenario "\$2" --screenshot "\$1" --screenshot-when "$tmp/go" --frame-log "\$FRAME_LOG" &
pid=\$!
wait_window \$pid >/dev/null
if [ "\$3" = right ]; then after 2 xdotool mousemove 900 500; press Right; fi
touch "$tmp/go"
wait \$pid
SH
shot() { xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$tmp/run.sh" "$build/briefing-plan-$1.png" "$2" "${3:-}"; }
shot a "方案一 Plan A"
shot b "方案二 Plan B"
shot a-right "方案一 Plan A" right

# Checkpoint-red pixels in the map (left three quarters; the legend's marker is on the right).
red() {
    python3 - "$src/tests/e2e" "$1" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import png_check
w, h, bpp, rows = png_check.decode(sys.argv[2])
n = 0
for y in range(h):
    row = rows[y]
    for x in range(0, int(w * 0.75)):
        i = x * bpp
        n += abs(row[i] - 200) <= 12 and abs(row[i + 1] - 30) <= 12 and abs(row[i + 2] - 30) <= 12
print(n)
PY
}
a=$(red "$build/briefing-plan-a.png")
b=$(red "$build/briefing-plan-b.png")
r=$(red "$build/briefing-plan-a-right.png")
echo "checkpoint-red pixels on the map: plan A $a, plan B $b, plan A then Right $r"
[ "$a" -lt 20 ] || { echo "plan A has no checkpoints, yet the map shows some"; exit 1; }
[ "$b" -gt 100 ] || { echo "plan B's checkpoints are not on the map"; exit 1; }
[ "$r" -gt 100 ] || { echo "the right arrow did not move to plan B"; exit 1; }
echo ok
