#!/usr/bin/env bash
# The GUI's first open at 1366x768, 1920x1080 and 3840x2160, for the bundled demo and for
# Liechtenstein (OSM): no panel covers another, every panel lies on the screen, the side panels
# dock to the left or right edge, and at 1920x1080 and above the comparison table is in view
# without scrolling. Rects come from --layout-log;
# the screenshots stay in BUILD/e2e-artifacts/layout-*.png to look at. Fails without xvfb-run.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
export LIBGL_ALWAYS_SOFTWARE=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
art="$build/e2e-artifacts"
mkdir -p "$art"
. "$src/tests/e2e/lib.sh"

cp "$src/data/demo.gpkg" "$tmp/demo.gpkg"
two_plans "$build/cordon" "$tmp/demo.gpkg"
pbf="$src/tests/data/realdata/osm-liechtenstein/liechtenstein-2013-08-03.osm.pbf"
"$build/cordon" import "$tmp/li.gpkg" --boundary "$pbf" --boundary-layer multipolygons --boundary-where "admin_level = '2'" \
    --roads "$pbf" --roads-layer lines --roads-where "highway IS NOT NULL" >/dev/null
"$build/cordon" scenario "$tmp/li.gpkg" create "方案一 Plan A" >/dev/null
"$build/cordon" suggest "$tmp/li.gpkg" --from "方案一 Plan A" --into "方案二 Plan B" --mode seal >/dev/null 2>&1

check() {  # NAME W H: open, log, screenshot, then assert on the last logged block
    local name=$1 w=$2 h=$3 log="$tmp/$1-$2.log"
    timeout 300 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s "-screen 0 ${w}x${h}x24" "$build/cordon" "$tmp/$name.gpkg" --size "${w}x$h" \
        --scenario "方案二 Plan B" --compare "方案一 Plan A" --layout-log "$log" --screenshot "$art/layout-$name-$w.png" ||
        fail "$name at ${w}x$h did not open"
    python3 - "$log" "$w" "$h" <<'PY' || fail "$name at ${w}x$h: see above"
import re, sys
log, W, H = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
block = open(log, encoding="utf-8").read().split("end\n")[-2].splitlines()
rect = lambda m: tuple(float(v) for v in m.groups()[1:5])
panels = {m.group(1): rect(m) for m in (re.match(r'panel "(.*)" (\S+) (\S+) (\S+) (\S+) scroll=(\S+)', l) for l in block) if m}
tables = [(m.group(1), rect(m)) for m in (re.match(r'table "(.*)" (\S+) (\S+) (\S+) (\S+)', l) for l in block) if m]
bad = []
names = sorted(panels)
print("  panels:", ", ".join("%s %s" % (n, "x".join("%.0f" % v for v in panels[n])) for n in names))
for i, a in enumerate(names):
    ax, ay, aw, ah = panels[a]
    if ax < 0 or ay < 0 or ax + aw > W + 0.5 or ay + ah > H + 0.5: bad.append("%s is off the screen" % a)
    for b in names[i + 1:]:
        bx, by, bw, bh = panels[b]
        if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah: bad.append("%s covers %s" % (a, b))
side = [n for n in names if not n.startswith("##")]
for n in side:
    x, y, w, h = panels[n]
    if x > 16 and W - (x + w) > 16: bad.append("%s is docked to neither side" % n)
figures = [n for n in names if n.endswith("###figures")]
if not figures: bad.append("no Figures panel")
elif W >= 1920:
    fx, fy, fw, fh = panels[figures[0]]
    shown = sorted((t[1] for t in tables if t[0] == figures[0]), key=lambda r: r[1])
    # The comparison is the top table, right under the headline figures (the checkpoint-load
    # table lies below the unguarded entries and may need scrolling).
    if not shown: bad.append("the Figures panel shows no comparison table")
    elif shown[0][1] + shown[0][3] > fy + fh: bad.append("the comparison table ends at %.0f, below the panel's bottom %.0f" % (shown[0][1] + shown[0][3], fy + fh))
    else: print("  comparison table %s inside the Figures panel" % "x".join("%.0f" % v for v in shown[0]))
for b in bad: print("  " + b)
sys.exit(1 if bad else 0)
PY
    echo "$name ${w}x$h: ok"
}
for size in "1366 768" "1920 1080" "3840 2160"; do
    check demo $size
    check li $size
done
echo ok
