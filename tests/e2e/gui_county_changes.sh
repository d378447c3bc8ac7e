#!/usr/bin/env bash
# The county view as townships come and go on the server: a township that cannot be analysed yet
# (no boundary drawn) is left out and the county still opens; a township renamed on the server
# shows once under its new name, and one deleted leaves the view, so the totals never count a
# township twice or count one that is gone. Screenshot: BUILD_DIR/e2e-artifacts/gui_county_changes.png.
# usage: gui_county_changes.sh BUILD_DIR SOURCE_DIR
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
"$CORDON" import "$SERVER" --township 北镇 --no-boundary --roads "$D/roads.shp" >/dev/null || fail "import 北镇 without a boundary"
# The command line's county analysis still refuses the township it cannot analyse.
"$CORDON" analyze "$(pg_as wall)" >/dev/null 2>"$T/analyze.err"
[ $? = 2 ] && grep -q '北镇: the township has no boundary yet' "$T/analyze.err" ||
    fail "analyze of the county with a township without a boundary: $(cat "$T/analyze.err")"

# The township rows of the window's last complete layout block, without their places.
cat > "$T/rows.sh" <<'EOS'
awk '/^frame /{ n = 0; delete rows } /^county_township /{ sub(/ row=.*/, ""); sub(/^county_township /, ""); rows[n++] = $0 }
     /^end$/{ out = ""; for (i = 0; i < n; ++i) out = out rows[i] "\n" } END { printf "%s", out }' "$1" 2>/dev/null
EOS
rows() { bash "$T/rows.sh" "$T/layout.log"; }
mkdir "$T/tmp"
cat > "$T/drive.sh" <<EOS
set -u
. "$SRC/tests/e2e/lib.sh"
. "$SRC/tests/e2e/pg_lib.sh"
T="$T"; PGSOCK="$PGSOCK"; PGPORT="$PGPORT"; PGSUPER="$PGSUPER"; PGBIN="$PGBIN"
FRAME_LOG="$T/frames.log"
TMPDIR="$T/tmp" "$CORDON" "$(pg_as wall)" --size 1600x900 --lang en --layout-log "$T/layout.log" --frame-log "\$FRAME_LOG" \
    --screenshot "$ART/gui_county_changes.png" --screenshot-when "$T/go" >"$T/gui.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
after 1 xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))
wait_until 20 grep -q '^county_township name="东镇"' "$T/layout.log" && echo "county shown" >> "$T/steps"
grep '^county_township ' "$T/layout.log" | grep -q 'name="北镇"' && echo "SHOWN: 北镇" >> "$T/steps"
# 西镇 is renamed on the server: one row under the new name, none under the old.
psql_as "$PGSUPER" "UPDATE cordon.townships SET name = '西城' WHERE name = '西镇'" || echo "FAILED: rename" >> "$T/steps"
wait_until 10 bash -c "bash '$T/rows.sh' '$T/layout.log' | grep -q '^name=\"西城\"' && ! bash '$T/rows.sh' '$T/layout.log' | grep -q '^name=\"西镇\"'" &&
    echo "renamed" >> "$T/steps"
after 1 xdotool mousemove \$((X + 20)) \$((Y + HEIGHT - 20))
# 东镇 is deleted on the server: its row leaves the view.
psql_as "$PGSUPER" "DELETE FROM cordon.townships WHERE name = '东镇'" || echo "FAILED: delete" >> "$T/steps"
wait_until 10 bash -c "bash '$T/rows.sh' '$T/layout.log' | grep -q '^name=\"西城\"' && ! bash '$T/rows.sh' '$T/layout.log' | grep -q '^name=\"东镇\"'" &&
    echo "deleted" >> "$T/steps"
after 1 xdotool mousemove \$((X + 30)) \$((Y + HEIGHT - 30))
touch "$T/go"
wait_until 20 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid
echo "exit \$?" >> "$T/steps"
exit 0
EOS
timeout 180 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" 2>/dev/null)"
cat "$T/steps" 2>/dev/null
cp "$T/layout.log" "$ART/gui_county_changes.layout.log" 2>/dev/null
grep -q "county shown" "$T/steps" || fail "the county view did not open with a township it cannot analyse ($(cat "$T/gui.out"))"
grep -q "SHOWN" "$T/steps" && fail "the township without a boundary has a row"
grep -q "renamed" "$T/steps" || fail "the renamed township did not show under its new name"
grep -q "deleted" "$T/steps" || fail "the deleted township stayed on the view"
grep -q "exit 0" "$T/steps" || fail "the window did not end cleanly: $(cat "$T/gui.out")"
# The last figures: one township, 西城, and the total equal to it (nothing counted twice or gone).
rows >"$T/rows"
[ "$(grep -c . "$T/rows")" = 2 ] || fail "expected the row of 西城 and the total: $(cat "$T/rows")"
grep -q '^name="西城" checkpoints=1 ' "$T/rows" || fail "西城's row: $(cat "$T/rows")"
town=$(grep '^name="西城"' "$T/rows" | sed 's/^name="西城" //')
total=$(grep '^name=""' "$T/rows" | sed 's/^name="" //')
[ -n "$town" ] && [ "$town" = "$total" ] || fail "the total ($total) is not 西城's figures ($town)"
[ -s "$ART/gui_county_changes.png" ] || fail "no screenshot"
echo "PASS"
