#!/usr/bin/env bash
# The county view under Xvfb: `cordon PG:...` without --township on a server of two townships
# opens every township's map and figures; the figures per township and in total are those of
# `cordon analyze PG:... --json`; a checkpoint another planner adds to one township shows within
# about a second; the wall role opens it and nothing is refused. The screenshot is kept in
# BUILD_DIR/e2e-artifacts/gui_county.png for a person to look at.
# usage: gui_county.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
. "$(dirname "$0")/pg_lib.sh"
needs xvfb-run xdotool ogr2ogr ogrinfo python3
pg_start
ART="$BUILD/e2e-artifacts"
mkdir -p "$ART"
export LIBGL_ALWAYS_SOFTWARE=1

county_of_two
# 北口's place moved east as the layers were (the demo's shapefiles are in lon/lat): on 东镇's road.
lon=$(python3 -c "print(111.7433 + $WIDTH * 0.9)")
lat=35.2317

# What the window must show: the figures of analyze --json, one line per township and the total.
expected() {
    "$CORDON" analyze "$(pg_as wall)" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
def line(name, f):
    return "name=\"%s\" checkpoints=%d closures=%d staff_required=%d staff_available=%d entries_guarded=%d entries_total=%d returnees=%d" % (
        name, f["checkpoints"], f["closures"], f["staff_required"], f["staff_available"], f["entries_guarded"],
        f["entries_total"], f["returnees_total"])
for t in d["townships"]: print(line(t["township"], t))
print(line("", d["total"]))'
}
# The window's figures in its last layout-log block, in the same form.
shown() {
    awk '/^frame /{ n = 0; delete rows } /^county_township /{ sub(/ row=.*/, ""); sub(/^county_township /, ""); rows[n++] = $0 }
         /^end$/{ out = ""; for (i = 0; i < n; ++i) out = out rows[i] "\n" } END { printf "%s", out }' "$T/layout.log" 2>/dev/null
}
expected >"$T/expected" || fail "analyze --json as the wall"
LAYOUT_LOG="$T/layout.log"
mkdir "$T/tmp"

cat > "$T/drive.sh" <<EOS
set -u
. "$SRC/tests/e2e/lib.sh"
. "$SRC/tests/e2e/pg_lib.sh"
T="$T"; PGSOCK="$PGSOCK"; PGPORT="$PGPORT"; PGSUPER="$PGSUPER"
FRAME_LOG="$T/frames.log"
TMPDIR="$T/tmp" "$CORDON" "$(pg_as wall)" --size 1920x1080 --lang en --frame-log "\$FRAME_LOG" --layout-log "$LAYOUT_LOG" \
    --screenshot "$ART/gui_county.png" --screenshot-when "$T/go" >"$T/gui.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
after 2 xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))
wait_until 10 grep -q '^county_township name="东镇"' "$LAYOUT_LOG" && echo "county shown" >> "$T/steps"
# A click on 东镇's row fits the map to it: the camera moves.
row=\$(grep '^county_township name="东镇"' "$LAYOUT_LOG" | tail -1 | sed 's/.* row=//')
IFS=, read -r rx ry rw rh <<<"\$row"
before=\$(grep '^plan ' "$LAYOUT_LOG" | tail -1)
click \$((X + \${rx%.*} + 10)) \$((Y + \${ry%.*} + \${rh%.*} / 2))
wait_until 15 test "\$(grep '^plan ' "$LAYOUT_LOG" | tail -1)" != "\$before" && echo "row centres the map" >> "$T/steps"
# The selected township opens for planning in a window of its own: cordon PG:... --township 东镇.
wait_until 10 grep -q '^county_open ' "$LAYOUT_LOG"
IFS=, read -r bx by bw bh <<<"\$(grep '^county_open ' "$LAYOUT_LOG" | tail -1 | sed 's/^county_open //')"
click \$((X + bx + bw / 2)) \$((Y + by + bh / 2))
child=""
wait_until 10 bash -c "pgrep -P \$pid >/dev/null" && child=\$(pgrep -P \$pid | head -1)
if [ -n "\$child" ] && tr '\\0' ' ' </proc/\$child/cmdline | grep -q -- '--township 东镇 ' ; then
    wait_until 60 bash -c "xdotool search --pid \$child >/dev/null 2>&1" && echo "township window opened" >> "$T/steps"
    kill \$child
fi
# Another planner adds a checkpoint to 东镇: the window shows it within about a second.
"$CORDON" checkpoint "$(pg_as "$PGSUPER")" --township 东镇 --scenario 方案A add --at $lon,$lat --name 东口 >/dev/null ||
    echo "FAILED: checkpoint add" >> "$T/steps"
t0=\$(date +%s.%N)
wait_until 5 grep -q '^county_township name="东镇" checkpoints=1 ' "$LAYOUT_LOG"
t1=\$(date +%s.%N)
awk -v a=\$t0 -v b=\$t1 'BEGIN { printf "server edit in the county view after %.2f s\n", b - a; exit !(b - a < 2.0) }' >> "$T/steps" ||
    echo "LATE: the server's edit did not reach the county view within 2 s" >> "$T/steps"
# The whole county again for the screenshot (F fits the map).
after 2 xdotool mousemove \$((X + WIDTH / 2 + 40)) \$((Y + HEIGHT / 2 + 40))
press f
after 2 xdotool mousemove \$((X + WIDTH / 2 + 60)) \$((Y + HEIGHT / 2 + 60))
touch "$T/go"
wait_until 20 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid
echo "exit \$?" >> "$T/steps"
exit 0
EOS
timeout 180 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"
cat "$T/steps" 2>/dev/null
cp "$T/gui.out" "$ART/gui_county.out" 2>/dev/null
cp "$T/layout.log" "$ART/gui_county.layout.log" 2>/dev/null
grep -q "county shown" "$T/steps" || fail "the county view did not open ($(cat "$T/gui.out"))"
grep -q "row centres the map" "$T/steps" || fail "a click on a township's row did not move the map"
grep -q "township window opened" "$T/steps" || fail "the selected township did not open for planning"
grep -q "server edit in the county view after" "$T/steps" && ! grep -q LATE "$T/steps" ||
    fail "the server's checkpoint did not reach the county view in time ($(cat "$T/gui.out"))"
grep -q "exit 0" "$T/steps" || fail "the window did not end cleanly: $(cat "$T/gui.out")"
[ ! -s "$T/gui.out" ] || fail "the wall's window reported: $(cat "$T/gui.out")"
# Its last figures are analyze's after the edit, per township and in total.
expected >"$T/expected" || fail "analyze --json after the edit"
shown >"$T/shown"
diff "$T/expected" "$T/shown" >"$T/diff" || fail "the window's figures differ from analyze --json: $(cat "$T/diff")"
grep -q 'name="东镇" checkpoints=1 ' "$T/shown" || fail "东镇's new checkpoint not counted: $(cat "$T/shown")"
[ -s "$ART/gui_county.png" ] || fail "no screenshot"
# The wall screen's --present: the county's map and figures alone (no layer or legend panel).
timeout 120 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$CORDON" "$(pg_as wall)" --present \
    --size 1280x720 --lang en --layout-log "$T/present.log" --screenshot "$ART/gui_county_present.png" >"$T/present.out" 2>&1 ||
    fail "the county with --present: $(cat "$T/present.out")"
grep -q '^county_township name="东镇" checkpoints=1 ' "$T/present.log" || fail "--present did not show the county"
grep -q '^panel "Layers"' "$T/present.log" && fail "--present shows the layer panel"
[ -s "$ART/gui_county_present.png" ] || fail "no --present screenshot"
echo "PASS"
