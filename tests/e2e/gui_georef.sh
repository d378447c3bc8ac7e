#!/usr/bin/env bash
# The georeference window in the real GUI under Xvfb: `cordon WS --georef SCAN` opens it with a
# scan (a render of the township saved as PNG, no coordinates); xdotool clicks three places on the
# scan, each followed by a click on the map; the residuals and RMS appear; "Warp & add" warps on a
# worker thread and the workspace then holds the basemap with those three GCPs: each at the scan
# pixel clicked and the map point clicked (from --layout-log's pane, zoom and camera). The
# screenshot (the window with its points and RMS, the warped scan under the map) stays in
# BUILD/e2e-artifacts/georef.png.
# usage: gui_georef.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs xvfb-run xdotool python3
ART="$BUILD/e2e-artifacts"
mkdir -p "$ART"
export LIBGL_ALWAYS_SOFTWARE=1

demo_ws
"$CORDON" render "$WS" --engine cpu --out "$T/纸图.png" --size 900x600 --returnees off >/dev/null 2>&1 || fail "render the scan"

cat >"$T/drive.sh" <<EOS
set -u
. "$SRC/tests/e2e/lib.sh"
fail() { echo "FAIL: \$*" >&2; exit 1; }
FRAME_LOG="$T/frames.log"
LOG="$T/layout.log"
"$CORDON" "$WS" --georef "$T/纸图.png" --size 1920x1080 --lang en --frame-log "\$FRAME_LOG" --layout-log "\$LOG" \
    --screenshot "$ART/georef.png" --screenshot-when "$T/shoot" >"$T/gui.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
last() { awk '/^frame /{b=""} {b=b \$0 "\n"} /^end/{full=b} END{printf "%s", full}' "\$LOG"; }
georef() { last | grep '^georef '; }
field() { georef | sed -n "s/.* \$1=\([^ ]*\).*/\1/p"; }
shown() { georef | grep -q 'picture=1'; }
awaiting() { georef | grep -q 'awaiting=1'; }
has_points() { [ "\$(field points)" = "\$1" ]; }
warped() { georef | grep -q 'busy=0 status="Basemap'; }
wait_until 30 shown || fail "the scan was not shown"
after 2 xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))
# Three points: a place on the scan (scan pixels), then a place on the map (window pixels).
for i in 0 1 2; do
    scan=(200,150 700,170 450,480); map=(420,330 1000,360 700,820)
    IFS=, read -r sp sl <<<"\${scan[\$i]}"
    IFS=, read -r mx my <<<"\${map[\$i]}"
    IFS=, read -r px py pw ph <<<"\$(field pane)"
    IFS=, read -r vp vl <<<"\$(field view)"
    z=\$(field zoom)
    sx=\$(python3 -c "print(round(\$px + (\$sp + 0.5 - \$vp) * \$z))")
    sy=\$(python3 -c "print(round(\$py + (\$sl + 0.5 - \$vl) * \$z))")
    click \$((X + sx)) \$((Y + sy))
    wait_until 10 awaiting || fail "point \$((i + 1)): the scan click was not taken"
    echo "\$sp \$sl \$(python3 -c "print((\$sx - \$px) / \$z + \$vp, (\$sy - \$py) / \$z + \$vl)") \$mx \$my \$(last | sed -n 's/.*camera=\([^ ]*\).*/\1/p')" >>"$T/clicks"
    click \$((X + mx)) \$((Y + my))
    wait_until 10 has_points \$((i + 1)) || fail "point \$((i + 1)): the map click was not taken"
done
IFS=, read -r wx wy ww wh <<<"\$(field warp)"
click \$((X + wx + ww / 2)) \$((Y + wy + wh / 2))
wait_until 120 warped || fail "the warp did not finish: \$(georef)"
georef >"$T/final"
# The basemap is warped for the view once the camera rests: let it come, then the screenshot (the app exits).
sleep 3
touch "$T/shoot"
xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))  # a frame to take it in
wait_until 30 bash -c "! kill -0 \$pid 2>/dev/null" || { kill \$pid; fail "no screenshot"; }
wait \$pid 2>/dev/null
exit 0
EOS
timeout 300 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"
grep -q 'ERROR: AddressSanitizer\|runtime error:' "$T/gui.out" 2>/dev/null && fail "memory or UB error: $(grep -m3 'ERROR\|runtime error' "$T/gui.out")"
echo "  $(cat "$T/final")"
grep -q 'status="Basemap .纸图. added (RMS 0.00 px, 0.00 m)"' "$T/final" || fail "the window's outcome: $(cat "$T/final")"

expect_rc 0 "the basemap's GCPs" "$CORDON" basemap "$WS" gcps 纸图 --json
cp "$TMP/out" "$T/gcps.json"
python3 - "$T/gcps.json" "$T/clicks" <<'EOF' || fail "the GCPs are not where they were clicked"
import json, sys
d = json.load(open(sys.argv[1]))
clicks = [l.split() for l in open(sys.argv[2])]
assert len(d["gcps"]) == 3 == len(clicks), (d, clicks)
for g, c in zip(d["gcps"], clicks):
    sp, sl, cp, cl, mx, my = map(float, c[:6])
    cx, cy, upp = map(float, c[6].split(","))
    # the scan pixel clicked (within the pane's rounding to a window pixel)
    assert abs(g["pixel"] - cp) < 1.5 and abs(g["line"] - cl) < 1.5, (g, c)
    # the map point under the window pixel clicked (the camera centred on the 1920x1080 window)
    x, y = cx + (mx + 0.5 - 960) * upp, cy - (my + 0.5 - 540) * upp
    assert abs(g["x"] - x) < 2 * upp and abs(g["y"] - y) < 2 * upp, (g, x, y, upp)
    assert g["residual_px"] < 0.01, g
print("gcps where clicked:", [(round(g["pixel"]), round(g["line"])) for g in d["gcps"]])
EOF
"$CORDON" basemap "$WS" list --json >"$T/list.json" || fail "list"
[ "$(json "$T/list.json" '[(b["name"], b["kind"]) for b in d]')" = "[('纸图', 'embed')]" ] || fail "list: $(cat "$T/list.json")"
echo "PASS"
