#!/usr/bin/env bash
# The real window under Xvfb: xdotool clicks the add-checkpoint tool, then a point on the national
# road; the workspace must then hold one checkpoint snapped onto that road. The screenshot is kept
# in BUILD_DIR/e2e-artifacts/gui_add_checkpoint.png for a person to look at.
# usage: gui_add_checkpoint.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$(cd "$1" && pwd)
CORDON="$BUILD/cordon"
for tool in xvfb-run xdotool ogr2ogr; do
    command -v $tool >/dev/null || { echo "skip: $tool not installed"; exit 77; }
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
"$CORDON" "$WS" --center $lon,$lat --size 1920x1080 --lang en >"$T/gui.out" 2>&1 &
pid=\$!
wid=
for i in \$(seq 1 100); do
    wid=\$(xdotool search --pid \$pid 2>/dev/null | head -1)
    [ -n "\$wid" ] && break
    sleep 0.2
done
[ -n "\$wid" ] || { echo "no window"; kill \$pid; exit 1; }
sleep 3
eval \$(xdotool getwindowgeometry --shell \$wid)
# The add-checkpoint button: first in the tool bar fixed at the top centre (see drawPlanToolsWindow).
xdotool mousemove \$((X + WIDTH / 2 - 360 + 10 + 75)) \$((Y + 30 + 10 + 14))
sleep 0.5
xdotool click 1
sleep 1
# The road vertex at the centre of the map.
xdotool mousemove \$((X + WIDTH / 2 + 3)) \$((Y + HEIGHT / 2 + 2))
sleep 0.5
xdotool mousemove \$((X + WIDTH / 2)) \$((Y + HEIGHT / 2))
sleep 0.5
xdotool click 1
sleep 1.5
import -window root "$ART/gui_add_checkpoint.png" 2>/dev/null
xdotool key ctrl+q
for i in \$(seq 1 50); do kill -0 \$pid 2>/dev/null || break; sleep 0.1; done
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
exit 0
EOS
timeout 120 xvfb-run -a -s '-screen 0 1920x1080x24' bash "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"

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
