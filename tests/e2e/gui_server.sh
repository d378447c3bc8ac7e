#!/usr/bin/env bash
# The map on a server workspace under Xvfb: a checkpoint added in the window reaches the server
# while the window stays open, and a checkpoint another planner adds on the server reaches the
# window's copy within a second (LISTEN/NOTIFY), shown on the map. The screenshot is kept in
# BUILD_DIR/e2e-artifacts/gui_server.png for a person to look at.
# usage: gui_server.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
. "$(dirname "$0")/pg_lib.sh"
needs xvfb-run xdotool ogr2ogr sqlite3
pg_start
ART="$BUILD/e2e-artifacts"
mkdir -p "$ART"
export LIBGL_ALWAYS_SOFTWARE=1

"$CORDON" server init "$SERVER" >/dev/null || fail "server init"
"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
D=$T/demo
"$CORDON" import "$SERVER" --township 王茅镇 --boundary "$D/boundary.shp" --districts "$D/districts.shp" \
    --villages "$D/villages.shp" --roads "$D/roads.shp" --road-class-field 道路等级 >/dev/null || fail "import"
"$CORDON" server grant "$SERVER" --township 王茅镇 --role planner_a >/dev/null || fail "grant a"
"$CORDON" server grant "$SERVER" --township 王茅镇 --role planner_b >/dev/null || fail "grant b"
"$CORDON" scenario "$SERVER" --township 王茅镇 create 方案A >/dev/null || fail "scenario"
# A vertex of the national road, in lon/lat: the map is centred there, so the click lands on it.
wkt=$(ogr2ogr -f CSV /vsistdout/ "$D/demo.gpkg" roads -t_srs EPSG:4326 -lco GEOMETRY=AS_WKT -where "class='national'" -select 名称 2>/dev/null | sed -n 2p)
point=$(grep -o '[0-9.]* [0-9.]*' <<<"$wkt" | sed -n 12p)
lon=${point% *}
lat=${point#* }
[ -n "$lon" ] && [ -n "$lat" ] || fail "could not read a national road vertex: $wkt"
server_count() { psql_as "$PGSUPER" "SELECT count(*) FROM cordon.checkpoints"; }
mkdir "$T/tmp"

cat > "$T/drive.sh" <<EOS
set -u
. "$SRC/tests/e2e/lib.sh"
. "$SRC/tests/e2e/pg_lib.sh"
T="$T"; PGSOCK="$PGSOCK"; PGPORT="$PGPORT"; PGSUPER="$PGSUPER"
FRAME_LOG="$T/frames.log"
# The window's working copy lies in its temporary folder: TMPDIR puts it where this script looks.
TMPDIR="$T/tmp" "$CORDON" "$(pg_as planner_a)" --township 王茅镇 --center $lon,$lat --size 1920x1080 --lang en \
    --frame-log "\$FRAME_LOG" --screenshot "$ART/gui_server.png" --screenshot-when "$T/go" >"$T/gui.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
add_checkpoint_at_centre  # on the national road
server_count() { psql_as "$PGSUPER" "SELECT count(*) FROM cordon.checkpoints"; }
wait_until 20 test "\$(server_count)" = 1 && echo "window edit on the server" >> "$T/steps"
# Another planner adds one on the server; the window's copy must have it within a second.
copy=\$(ls "$T"/tmp/cordon-*/王茅镇.gpkg | head -1)
"$CORDON" checkpoint "$(pg_as planner_b)" --township 王茅镇 --scenario 方案A add --at $lon,$lat --name 远程口 >/dev/null
t0=\$(date +%s.%N)
wait_until 5 test "\$(sqlite3 -cmd ".timeout 2000" "\$copy" "SELECT count(*) FROM checkpoints WHERE name = '远程口'")" = 1
t1=\$(date +%s.%N)
awk -v a=\$t0 -v b=\$t1 'BEGIN { printf "server edit in the window after %.2f s\n", b - a; exit !(b - a < 1.0) }' >> "$T/steps" ||
    echo "LATE: the server's edit did not reach the window within a second" >> "$T/steps"
# The screenshot (taken when $T/go appears) ends the window.
after 2 xdotool mousemove \$((X + WIDTH / 2 + 40)) \$((Y + HEIGHT / 2 + 40))
touch "$T/go"
wait_until 20 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
exit 0
EOS
timeout 180 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"
cat "$T/steps" 2>/dev/null
cp "$T/gui.out" "$ART/gui_server.out" 2>/dev/null
grep -q "window edit on the server" "$T/steps" || fail "the window's checkpoint did not reach the server ($(cat "$T/gui.out"))"
grep -q "server edit in the window after" "$T/steps" && ! grep -q LATE "$T/steps" ||
    fail "the server's checkpoint did not reach the window within a second ($(cat "$T/gui.out"))"
[ "$(server_count)" = 2 ] || fail "expected 2 checkpoints on the server after the window closed, found $(server_count)"
echo "PASS"
