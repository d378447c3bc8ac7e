#!/usr/bin/env bash
# A township with no boundary file: the roads imported with --no-boundary, then the boundary
# drawn in the real window under Xvfb (E for edit mode, four clicks around the centre, a fifth
# taken back with Backspace, Enter closes). Ctrl+Z must take it out of the file and Ctrl+Y put it
# back; a midpoint handle dragged out adds a vertex and a corner dragged moves one; the workspace
# must then hold it (sqlite3, ogrinfo) and `cordon analyze` find entries across it. Screenshots while drawing (a first run, left a draft) and after are kept in
# BUILD_DIR/e2e-artifacts/gui_draw_boundary*.png.
# usage: gui_draw_boundary.sh BUILD_DIR SOURCE_DIR
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
CORDON="$BUILD/cordon"
for tool in xvfb-run xdotool sqlite3 ogrinfo; do
    command -v $tool >/dev/null || { echo "FAIL: $tool is not installed (bash .ci/cordon test installs it)"; exit 1; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
ART="$BUILD/e2e-artifacts"
mkdir -p "$ART"
export LIBGL_ALWAYS_SOFTWARE=1

"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
WS="$T/ws.gpkg"
"$CORDON" import "$WS" --no-boundary --roads "$T/demo/roads.shp" --villages "$T/demo/villages.shp" >"$T/import.out" 2>&1 ||
    fail "import without a boundary: $(cat "$T/import.out")"
grep -q "boundary  none yet" "$T/import.out" || fail "the import does not say the boundary is still to draw: $(cat "$T/import.out")"
[ "$(sqlite3 "$WS" "SELECT count(*) FROM gpkg_contents WHERE table_name = 'boundary'")" = 0 ] || fail "a boundary layer was written"
"$CORDON" analyze "$WS" >"$T/analyze0.out" 2>&1
[ $? = 2 ] && grep -q "no boundary yet" "$T/analyze0.out" || fail "analyze without a boundary: $(cat "$T/analyze0.out")"

# drive.sh SHOT: one run of the window, screenshot to SHOT when $T/go appears (the app then quits).
# With FINISH=1 the area is closed, undone, redone and left in the file; otherwise it stays a draft.
cat > "$T/drive.sh" <<EOS
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
. "$SRC/tests/e2e/lib.sh"
FRAME_LOG="$T/frames-\$FINISH.log"
rm -f "$T/go"
"$CORDON" "$WS" --size 1920x1080 --lang en --frame-log "\$FRAME_LOG" --screenshot "\$1" --screenshot-when "$T/go" >"$T/gui.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
after 2 xdotool mousemove \$((X + WIDTH / 2)) \$((Y + HEIGHT - 10))
press e   # edit mode: the boundary layer and the draw-area tool are chosen
cx=\$((X + WIDTH / 2)); cy=\$((Y + HEIGHT / 2 + 40))
click \$((cx - 320)) \$((cy - 220))
click \$((cx + 320)) \$((cy - 220))
click \$((cx + 320)) \$((cy + 220))
click \$((cx - 320)) \$((cy + 220))
click \$((cx - 100)) \$((cy + 330))
press BackSpace   # takes the fifth vertex back
count() { sqlite3 "$WS" "SELECT count(*) FROM boundary" 2>/dev/null || echo none; }
step() { wait_until 10 test "\$(count)" = "\$2"; echo "\$1: \$(count)" >> "$T/steps"; }
if [ "\$FINISH" = 1 ]; then
    press Return; step "after Enter" 1
    press ctrl+z; step "after ctrl+z" 0
    press ctrl+y; step "after ctrl+y" 1
    # The select tool (second button of the edit tool bar fixed at the top centre, see
    # drawEditToolsWindow), a click inside the area selects it: its vertex and midpoint handles.
    click \$((X + WIDTH / 2 - 360 + 387)) \$((Y + 30 + 21))
    click \$((cx + 150)) \$((cy - 120))
    # Drag the bottom edge's midpoint handle down (a fifth vertex), then the top-right corner out.
    drag() { after 2 xdotool mousemove "\$1" "\$2"; after 2 xdotool mousedown 1; after 2 xdotool mousemove \$((\$1 + (\$3 - \$1) / 2)) \$((\$2 + (\$4 - \$2) / 2));
             after 2 xdotool mousemove "\$3" "\$4"; after 2 xdotool mouseup 1; }
    vertices() { ogrinfo -ro -q "$WS" boundary 2>/dev/null | grep -o 'MULTIPOLYGON (((.*)))' | grep -o ',' | wc -l; }
    drag \$cx \$((cy + 220)) \$cx \$((cy + 320))
    wait_until 10 test "\$(vertices)" = 5; echo "after dragging a midpoint: \$(vertices) edges" >> "$T/steps"
    maxx=\$(sqlite3 "$WS" "SELECT max_x FROM gpkg_contents WHERE table_name = 'boundary'")
    drag \$((cx + 320)) \$((cy - 220)) \$((cx + 420)) \$((cy - 260))
    wait_until 10 test "\$(sqlite3 "$WS" "SELECT max_x > \$maxx + 500 FROM gpkg_contents WHERE table_name = 'boundary'")" = 1
    echo "after dragging a corner: \$(vertices) edges, east edge moved \$(sqlite3 "$WS" "SELECT max_x > \$maxx + 500 FROM gpkg_contents WHERE table_name = 'boundary'")" >> "$T/steps"
    # Beside the moved corner: the snap marker on the boundary's vertex.
    after 2 xdotool mousemove \$((cx + 414)) \$((cy - 255))
    after 2 xdotool mousemove \$((cx + 416)) \$((cy - 256))
else
    # Beside the village 王茅村 near the centre: the snap marker on its point, the rubber band to it.
    after 2 xdotool mousemove \$((cx + 40)) \$((cy - 70))
    after 2 xdotool mousemove \$((cx + 42)) \$((cy - 72))
fi
touch "$T/go"
wait_until 60 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
exit 0
EOS
FINISH=0 timeout 180 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash ${E2E_TRACE:+-x} "$T/drive.sh" "$ART/gui_draw_boundary_drawing.png" ||
    fail "driving the window (draft) failed: $(cat "$T/gui.out" 2>/dev/null)"
[ "$(sqlite3 "$WS" "SELECT count(*) FROM gpkg_contents WHERE table_name = 'boundary'")" = 0 ] || fail "a draft never closed was saved"
FINISH=1 timeout 180 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash ${E2E_TRACE:+-x} "$T/drive.sh" "$ART/gui_draw_boundary.png" ||
    fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$T/gui.out" 2>/dev/null; then
    fail "the window reported a memory or undefined-behaviour error: $(grep -m3 'ERROR: AddressSanitizer\|runtime error:' "$T/gui.out")"
fi
expected="after Enter: 1
after ctrl+z: 0
after ctrl+y: 1
after dragging a midpoint: 5 edges
after dragging a corner: 5 edges, east edge moved 1"
[ "$(cat "$T/steps" 2>/dev/null)" = "$expected" ] || fail "drawing, undo and redo: got
$(cat "$T/steps" 2>/dev/null)
expected
$expected
(window said: $(cat "$T/gui.out"))"
# Four corners (the fifth click taken back) and one dragged out of an edge, a valid GeoPackage layer,
# counted, and entries across it.
ogrinfo -ro -so "$WS" boundary 2>/dev/null | grep -q "Feature Count: 1" || fail "ogrinfo does not see one boundary: $(ogrinfo -ro -so "$WS" boundary 2>&1)"
commas=$(ogrinfo -ro -q "$WS" boundary 2>/dev/null | grep -o 'MULTIPOLYGON (((.*)))' | grep -o ',' | wc -l)
[ "$commas" = 5 ] || fail "expected 4 corners, the vertex dragged out and the closing vertex (5 commas), found $commas"
[ "$(sqlite3 "$WS" "SELECT features FROM cordon_layers WHERE name = 'boundary'")" = 1 ] || fail "cordon_layers does not count the boundary"
"$CORDON" analyze "$WS" --json >"$T/analyze.json" 2>"$T/analyze.err" || fail "analyze the drawn township: $(cat "$T/analyze.err")"
entries=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entries_total"])' "$T/analyze.json")
[ "$entries" -gt 0 ] || fail "no entries across the drawn boundary"
[ "$(sqlite3 "$WS" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
echo "screenshots: $ART/gui_draw_boundary_drawing.png $ART/gui_draw_boundary.png"
echo "gui_draw_boundary: drawn boundary with $entries entries; undo and redo followed in the file"
