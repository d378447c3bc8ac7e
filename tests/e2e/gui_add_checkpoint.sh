#!/usr/bin/env bash
# The real window under Xvfb: xdotool clicks the add-checkpoint tool, then a point on the national
# road; the workspace must then hold one checkpoint snapped onto that road. Then Ctrl+Z,
# Ctrl+Shift+Z, a click to select, Delete, Ctrl+Y and Ctrl+Z, each checked in the file. The screenshot is kept
# in BUILD_DIR/e2e-artifacts/gui_add_checkpoint.png for a person to look at.
# usage: gui_add_checkpoint.sh BUILD_DIR SOURCE_DIR
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
CORDON="$BUILD/cordon"
for tool in xvfb-run xdotool ogr2ogr sqlite3; do
    command -v $tool >/dev/null || { echo "FAIL: $tool is not installed (bash .ci/cordon test installs it)"; exit 1; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
ART="$BUILD/e2e-artifacts"
mkdir -p "$ART"
export LIBGL_ALWAYS_SOFTWARE=1

"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
WS="$T/demo/demo.gpkg"
"$CORDON" scenario "$WS" create 方案A >/dev/null || fail "create scenario"
# A vertex of the national road, in lon/lat: the map is centred there, so the click lands on it.
wkt=$(ogr2ogr -f CSV /vsistdout/ "$WS" roads -t_srs EPSG:4326 -lco GEOMETRY=AS_WKT -where "class='national'" -select 名称 2>/dev/null | sed -n 2p)
road=$(sed 's/.*",//; s/,.*//' <<<"$wkt")
point=$(grep -o '[0-9.]* [0-9.]*' <<<"$wkt" | sed -n 12p)
lon=${point% *}
lat=${point#* }
[ -n "$lon" ] && [ -n "$lat" ] && [ -n "$road" ] || fail "could not read a national road vertex: $wkt"

cat > "$T/drive.sh" <<EOS
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
. "$SRC/tests/e2e/lib.sh"
FRAME_LOG="$T/frames.log"
"$CORDON" "$WS" --center $lon,$lat --size 1920x1080 --lang en --frame-log "\$FRAME_LOG" >"$T/gui.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
# The road vertex at the centre of the map.
add_checkpoint_at_centre
count() { sqlite3 "$WS" 'SELECT count(*) FROM checkpoints'; }
# step LABEL EXPECTED: the count once it reaches EXPECTED, or what it is after 10 s.
step() { wait_until 10 test "\$(count)" = "\$2"; echo "\$1: \$(count)" >> "$T/steps"; }
step "after add" 1
import -window root "$ART/gui_add_checkpoint.png" 2>/dev/null
# Undo and redo from the keyboard, then select the checkpoint and delete it with the Delete key.
press ctrl+z; step "after ctrl+z" 0
press ctrl+shift+z; step "after ctrl+shift+z" 1
click \$((X + WIDTH / 2 - 360 + 208)) \$((Y + 30 + 10 + 14))
click \$((X + WIDTH / 2)) \$((Y + HEIGHT / 2))
press Delete; step "after Delete" 0
press ctrl+y; step "after ctrl+y" 0
press ctrl+z; step "after ctrl+z again" 1
xdotool key ctrl+q
wait_until 5 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
exit 0
EOS
timeout 120 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash ${E2E_TRACE:+-x} "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"

if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$T/gui.out" 2>/dev/null; then
    fail "the window reported a memory or undefined-behaviour error: $(grep -m3 'ERROR: AddressSanitizer\|runtime error:' "$T/gui.out")"
fi
expected="after add: 1
after ctrl+z: 0
after ctrl+shift+z: 1
after Delete: 0
after ctrl+y: 0
after ctrl+z again: 1"
[ "$(cat "$T/steps" 2>/dev/null)" = "$expected" ] || fail "keyboard edits: got
$(cat "$T/steps" 2>/dev/null)
expected
$expected"
json=$("$CORDON" checkpoint "$WS" --scenario 方案A list --json) || fail "list"
count=$(grep -o '"id":' <<<"$json" | wc -l)
[ "$count" = 1 ] || fail "expected one checkpoint after the click, found $count: $json (window said: $(cat "$T/gui.out"))"
grep -q "\"road\":\"$road\"" <<<"$json" || fail "the checkpoint is not on $road: $json"
grep -q '"class":"national"' <<<"$json" || fail "the checkpoint is not on a national road: $json"
clon=$(grep -o '"lon":[0-9.]*' <<<"$json" | cut -d: -f2)
clat=$(grep -o '"lat":[0-9.]*' <<<"$json" | cut -d: -f2)
# Within 30 m of the clicked road vertex (one pixel is about 15 m at the fitted zoom).
awk -v a="$clon" -v b="$clat" -v c="$lon" -v d="$lat" 'BEGIN {
    dx = (a - c) * 111320 * cos(d * 3.14159265 / 180); dy = (b - d) * 110540;
    dist = sqrt(dx * dx + dy * dy); printf "snapped %.1f m from the clicked road point\n", dist; exit !(dist < 30) }' ||
    fail "the checkpoint is too far from the clicked point"
[ "$(sqlite3 "$WS" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
[ -s "$ART/gui_add_checkpoint.png" ] && echo "screenshot: $ART/gui_add_checkpoint.png"
echo "gui_add_checkpoint: one checkpoint on $road ($clon,$clat)"
