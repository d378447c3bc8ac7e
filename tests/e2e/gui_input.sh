#!/usr/bin/env bash
# Real input under Xvfb (xdotool): a click selects the district under the pointer (outlined in
# blue), a drag pans and the wheel zooms about the pointer. Fails without xvfb-run/xdotool.
set -euo pipefail
build=$1
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
command -v xdotool >/dev/null || { echo "FAIL: xdotool is not installed (bash .ci/cordon test installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1
check="python3 $2/tests/e2e/png_check.py"
selection="40 90 200 40"

# Input while the window runs; the screenshot is taken after the input, then the window exits.
cat > "$tmp/run.sh" <<SH
set -e
. "$2/tests/e2e/lib.sh"
FRAME_LOG="$tmp/frames-\$(basename "\$1").log"
rm -f "$tmp/go"
"$build/cordon" --screenshot "\$1" --screenshot-when "$tmp/go" --frame-log "\$FRAME_LOG" --lang en &
pid=\$!
wait_window \$pid >/dev/null
click 1100 700
if [ "\$2" = more ]; then
  after 2 xdotool mousemove 900 500 mousedown 1
  after 2 xdotool mousemove 950 530
  after 2 xdotool mousemove 1000 560
  after 2 xdotool mouseup 1
  after 2 xdotool click 4
  after 2 xdotool click 4
fi
touch "$tmp/go"
wait \$pid
SH
xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$tmp/run.sh" "$tmp/click.png" click
xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$tmp/run.sh" "$tmp/more.png" more
read -r ax0 ay0 ax1 ay1 an < <($check box "$tmp/click.png" $selection)
read -r bx0 by0 bx1 by1 bn < <($check box "$tmp/more.png" $selection)
echo "selection after the click: ($ax0,$ay0)-($ax1,$ay1), $an px; after drag and zoom: ($bx0,$by0)-($bx1,$by1), $bn px"
[ "$an" -gt 300 ] || { echo "the click selected no district"; exit 1; }
[ "$bn" -gt 300 ] || { echo "the selection was lost"; exit 1; }
# Zoomed in twice by 1.25 about the pointer: the outline grows by about 1.56.
python3 - "$ax0" "$ax1" "$bx0" "$bx1" <<'PY'
import sys
ax0, ax1, bx0, bx1 = map(int, sys.argv[1:])
ratio = (bx1 - bx0) / max(1, ax1 - ax0)
assert 1.3 < ratio < 1.9, f'outline width ratio {ratio:.2f}: the wheel did not zoom by 1.25^2'
print(f'zoom ratio {ratio:.2f}')
PY
# Panned right and down by (100, 60) before zooming about (1000, 560): its left edge moved right.
[ "$bx0" -ne "$ax0" ] || { echo "the drag did not pan"; exit 1; }
echo ok
