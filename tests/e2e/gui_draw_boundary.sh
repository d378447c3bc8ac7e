#!/usr/bin/env bash
# A township with no boundary file: the roads imported with --no-boundary, then the boundary
# drawn in the real window under Xvfb (E for edit mode, four clicks around the centre, a fifth
# taken back with Backspace, Enter closes). The workspace must hold the area (sqlite3, ogrinfo),
# `cordon analyze` must find entries across it, and Ctrl+Z must take it away again. Screenshots
# while drawing and after are kept in BUILD_DIR/e2e-artifacts/gui_draw_boundary*.png.
# usage: gui_draw_boundary.sh BUILD_DIR SOURCE_DIR
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
CORDON="$BUILD/cordon"
for tool in xvfb-run xdotool sqlite3 ogrinfo import; do
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

cat > "$T/drive.sh" <<EOS
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
. "$SRC/tests/e2e/lib.sh"
FRAME_LOG="$T/frames.log"
"$CORDON" "$WS" --size 1920x1080 --lang en --frame-log "\$FRAME_LOG" >"$T/gui.out" 2>&1 &
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
after 2 xdotool mousemove \$((cx - 200)) \$((cy + 20))
after 2 xdotool mousemove \$((cx - 202)) \$((cy + 22))
import -window root "$ART/gui_draw_boundary_drawing.png" 2>/dev/null
count() { sqlite3 "$WS" "SELECT count(*) FROM boundary" 2>/dev/null || echo none; }
step() { wait_until 10 test "\$(count)" = "\$2"; echo "\$1: \$(count)" >> "$T/steps"; }
press Return; step "after Enter" 1
after 2 xdotool mousemove \$((cx + 320)) \$((cy - 60))
import -window root "$ART/gui_draw_boundary.png" 2>/dev/null
sqlite3 "$WS" ".backup '$T/drawn.gpkg'"
press ctrl+z; step "after ctrl+z" 0
press ctrl+y; step "after ctrl+y" 1
press ctrl+z; step "after ctrl+z again" 0
xdotool key ctrl+q
wait_until 5 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
exit 0
EOS
timeout 180 xvfb-run -a -s '-screen 0 1920x1080x24' bash ${E2E_TRACE:+-x} "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$T/gui.out" 2>/dev/null; then
    fail "the window reported a memory or undefined-behaviour error: $(grep -m3 'ERROR: AddressSanitizer\|runtime error:' "$T/gui.out")"
fi
expected="after Enter: 1
after ctrl+z: 0
after ctrl+y: 1
after ctrl+z again: 0"
[ "$(cat "$T/steps" 2>/dev/null)" = "$expected" ] || fail "drawing and undo: got
$(cat "$T/steps" 2>/dev/null)
expected
$expected
(window said: $(cat "$T/gui.out"))"
# The copy taken while the boundary was there: four corners, a valid GeoPackage layer, entries.
[ -f "$T/drawn.gpkg" ] || fail "no copy of the drawn workspace"
ogrinfo -ro -so "$T/drawn.gpkg" boundary 2>/dev/null | grep -q "Feature Count: 1" || fail "ogrinfo does not see one boundary: $(ogrinfo -ro -so "$T/drawn.gpkg" boundary 2>&1)"
points=$(ogrinfo -ro -q "$T/drawn.gpkg" boundary 2>/dev/null | grep -o 'MULTIPOLYGON (((.*)))' | grep -o ',' | wc -l)
[ "$points" = 4 ] || fail "expected 4 corners and the closing vertex (4 commas), found $points"
[ "$(sqlite3 "$T/drawn.gpkg" "SELECT features FROM cordon_layers WHERE name = 'boundary'")" = 1 ] || fail "cordon_layers does not count the boundary"
"$CORDON" analyze "$T/drawn.gpkg" --json >"$T/analyze.json" 2>"$T/analyze.err" || fail "analyze the drawn township: $(cat "$T/analyze.err")"
entries=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entries_total"])' "$T/analyze.json")
[ "$entries" -gt 0 ] || fail "no entries across the drawn boundary"
[ "$(sqlite3 "$WS" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
echo "screenshots: $ART/gui_draw_boundary_drawing.png $ART/gui_draw_boundary.png"
echo "gui_draw_boundary: drawn boundary with $entries entries; undo and redo followed in the file"
