#!/usr/bin/env bash
# The date bar in the real window under Xvfb: a workspace with a register and dated checkpoints
# opens with --date on a day before the 北口 checkpoint opens (it is drawn faint, not as a
# checkpoint), then the bar's step-forward button (found in the --layout-log) moves to its first
# day (drawn as a checkpoint); the figures the window shows (its layout log) equal
# `analyze --date --json` for both days; play runs to the last data day; Page Up steps back;
# "As of" off goes back to all dates; the briefing view (--briefing) follows --date. The
# screenshots are kept in BUILD_DIR/e2e-artifacts/gui_date_slider_*.png.
# usage: gui_date_slider.sh BUILD_DIR SOURCE_DIR
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
CORDON="$BUILD/cordon"
for tool in xvfb-run xdotool python3; do
    command -v $tool >/dev/null || { echo "FAIL: $tool is not installed (the test packages install it)"; exit 1; }
done
. "$SRC/tests/e2e/lib.sh"  # fail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ART="$BUILD/e2e-artifacts"
mkdir -p "$ART"
export LIBGL_ALWAYS_SOFTWARE=1

"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
WS="$T/demo/demo.gpkg"
"$CORDON" returnees "$WS" --remove returnees.csv >/dev/null || fail "remove demo returnees"
"$CORDON" returnees "$WS" --csv "$SRC/tests/data/registers/dated_register.csv" >/dev/null || fail "import the register"
"$CORDON" scenario "$WS" create 方案A >/dev/null || fail "scenario"
mapfile -t at < <("$CORDON" analyze "$WS" --scenario 方案A | awk '$1 == "unguarded" {print $(NF-1) $NF}' | head -3)
[ ${#at[@]} = 3 ] || fail "three unguarded entries expected"
# 北口 opens on 02-08; 西口 is always there; the closure is lifted after 02-03.
"$CORDON" checkpoint "$WS" --scenario 方案A add --at "${at[0]}" --name 北口 --kind township_entry --from 2020-02-08 >/dev/null || fail "add 北口"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at "${at[1]}" --name 西口 --kind township_entry >/dev/null || fail "add 西口"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at "${at[2]}" --name 封路一 --kind road_closure --until 2020-02-03 >/dev/null || fail "add closure"

LAYOUT="$T/layout.log"
cat > "$T/drive.sh" <<EOS
set -u
[ -n "${E2E_TRACE:-}" ] && set -x
. "$SRC/tests/e2e/lib.sh"
FRAME_LOG="$T/frames.log"
LAYOUT="$LAYOUT"
asof() { grep '^asof ' "\$LAYOUT" | tail -1; }
dateline() { grep '^date ' "\$LAYOUT" | tail -1; }
# rect NAME: the centre "X Y" of a control of the last date line.
centre() { dateline | tr ' ' '\n' | sed -n "s/^\$1=//p" | awk -F, '{printf "%d %d", \$1 + \$3 / 2, \$2 + \$4 / 2}'; }
shot() {  # shot NAME DAY: a screenshot of a window opened at that day
    "$CORDON" "$WS" --scenario 方案A --center ${at[0]} --zoom 4 --size 1920x1080 --lang en --date "\$2" \
        --screenshot "$T/\$1.png" >"$T/\$1.out" 2>&1 || { cat "$T/\$1.out"; exit 1; }
}
"$CORDON" "$WS" --scenario 方案A --center ${at[0]} --zoom 4 --size 1920x1080 --lang en --date 2020-02-07 \
    --layout-log "\$LAYOUT" --frame-log "\$FRAME_LOG" --screenshot "$T/late.png" --screenshot-when "$T/go" >"$T/gui.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
after 2 xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))
wait_until 60 bash -c "grep -q '^asof day=2020-02-07' '\$LAYOUT'" || { echo "no as-of line for 02-07" >&2; exit 1; }
asof > "$T/asof_early"
read -r fx fy < <(centre forward)
click \$((X + fx)) \$((Y + fy))
wait_until 20 bash -c "grep '^asof ' '\$LAYOUT' | tail -1 | grep -q 'day=2020-02-08'" || { echo "the step button did not move the date: \$(asof)" >&2; exit 1; }
asof > "$T/asof_late"
# The pointer off the map (no tooltip over the checkpoint), then the screenshot and exit.
after 2 xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))
touch "$T/go"
wait_until 30 bash -c "! kill -0 \$pid 2>/dev/null"
wait \$pid || { echo "the window exited with \$?" >&2; exit 1; }

# A second run: play from 02-09 runs to the last data day and stops; "As of" off restores all dates.
: > "\$LAYOUT"
FRAME_LOG="$T/frames2.log"
"$CORDON" "$WS" --scenario 方案A --size 1920x1080 --lang en --date 2020-02-09 --layout-log "\$LAYOUT" \
    --frame-log "\$FRAME_LOG" >"$T/gui2.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
after 2 xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))
wait_until 60 bash -c "grep -q '^asof day=2020-02-09' '\$LAYOUT'" || { echo "no as-of line for 02-09" >&2; exit 1; }
read -r px py < <(centre play)
click \$((X + px)) \$((Y + py))
wait_until 20 bash -c "grep '^date ' '\$LAYOUT' | tail -1 | grep -q 'day=2020-02-11 .*playing=0'" || { echo "play did not reach 02-11: \$(dateline)" >&2; exit 1; }
# The day's figures come from a worker: they follow the bar a moment later.
wait_until 20 bash -c "grep '^asof ' '\$LAYOUT' | tail -1 | grep -q 'day=2020-02-11'" || { echo "no figures for 02-11: \$(asof)" >&2; exit 1; }
grep -o '^asof day=[0-9-]*' "\$LAYOUT" | uniq > "$T/played"
press Prior  # Page Up: the day before
wait_until 20 bash -c "grep '^asof ' '\$LAYOUT' | tail -1 | grep -q 'day=2020-02-10'" || { echo "Page Up did not step back: \$(asof)" >&2; exit 1; }
read -r ax ay < <(centre all)
click \$((X + ax)) \$((Y + ay))
wait_until 20 bash -c "grep '^date ' '\$LAYOUT' | tail -1 | grep -q 'on=0'" || { echo "As of did not switch off: \$(dateline)" >&2; exit 1; }
tail -3 "\$LAYOUT" > "$T/after_all"
xdotool key ctrl+q
wait_until 10 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
# A fresh window reads the pointer at the centre, over 北口: the shot shows its tooltip
# ("Not active on this day") over the map; the faint ring under the open-entry marker.
shot early 2020-02-07
# The briefing view follows --date too.
for d in 2020-02-07 2020-02-08; do
    "$CORDON" "$WS" --scenario 方案A --briefing --date \$d --screenshot "$T/briefing_\$d.png" >"$T/briefing.out" 2>&1 ||
        { cat "$T/briefing.out"; exit 1; }
done
exit 0
EOS
timeout 240 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash ${E2E_TRACE:+-x} "$T/drive.sh" || fail "driving the window failed: $(cat "$T/gui.out" "$T/gui2.out" 2>/dev/null | tail -5)"
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$T"/*.out 2>/dev/null; then
    fail "the window reported a memory or undefined-behaviour error"
fi
cp "$T/early.png" "$ART/gui_date_slider_early.png"
cp "$T/late.png" "$ART/gui_date_slider_late.png"
cp "$T/briefing_2020-02-07.png" "$ART/gui_date_slider_briefing_early.png"
cp "$T/briefing_2020-02-08.png" "$ART/gui_date_slider_briefing_late.png"

# The figures the window showed equal analyze --date --json for the same day.
for f in early late; do
    line=$(cat "$T/asof_$f")
    day=$(sed 's/^asof day=\([0-9-]*\).*/\1/' <<<"$line")
    "$CORDON" analyze "$WS" --scenario 方案A --date "$day" --json > "$T/cli_$f.json" || fail "analyze --date $day"
    want=$(python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); a = d['as_of']
keys = ['checkpoints_active', 'staff_on_duty']
vals = [a[k] for k in keys] + [d['entries_guarded'], d['entries_total']]
vals += [a[k] for k in ['returnees_total', 'arrived_on_date', 'under_observation', 'released', 'fever']]
names = keys + ['entries_guarded', 'entries_total', 'returnees_total', 'arrived_on_date', 'under_observation', 'released', 'fever']
print('asof day=' + a['date'] + ''.join(' %s=%s' % (n, v) for n, v in zip(names, vals)))" "$T/cli_$f.json")
    [ "$line" = "$want" ] || fail "$day: the window showed
  $line
analyze --date --json says
  $want"
    echo "$day: $line"
done
grep -q 'checkpoints_active=1 ' "$T/asof_early" || fail "02-07: only 西口 should be active: $(cat "$T/asof_early")"
grep -q 'checkpoints_active=2 ' "$T/asof_late" || fail "02-08: 北口 and 西口 should be active: $(cat "$T/asof_late")"

# Played day by day from 02-09 to 02-11, and "As of" off leaves no as-of line.
[ "$(tr '\n' ' ' <"$T/played")" = "asof day=2020-02-09 asof day=2020-02-10 asof day=2020-02-11 " ] ||
    fail "play went through: $(tr '\n' ' ' <"$T/played")"
grep -q '^asof ' "$T/after_all" && fail "all dates still shows as-of figures: $(cat "$T/after_all")"

# On the map: 北口 sits at the centre (--center); its green township-entry symbol is there on
# 02-08 and not on 02-07 (where only a faint grey ring is drawn).
count_near() {
    python3 -c "
import sys
sys.path.insert(0, '$SRC/tests/e2e')
from png_check import decode
w, h, bpp, rows = decode('$1')
n = 0
for y in range(h // 2 - 14, h // 2 + 15):
    for x in range(w // 2 - 14, w // 2 + 15):
        r, g, b = rows[y][x * bpp:x * bpp + 3]
        n += abs(r - 30) <= 40 and abs(g - 150) <= 40 and abs(b - 70) <= 40
print(n)"
}
early=$(count_near "$T/early.png")
late=$(count_near "$T/late.png")
echo "green pixels at 北口: $early on 02-07, $late on 02-08"
[ "$late" -ge 20 ] || fail "02-08: 北口 is not drawn at the centre ($late green pixels)"
[ "$early" -le 2 ] || fail "02-07: 北口 is drawn though not yet active ($early green pixels)"

# The briefing: 北口's red township-entry square is added on 02-08 (more of that red than on 02-07).
red() { python3 "$SRC/tests/e2e/png_check.py" box "$1" 215 30 30 30 | awk '{print $5}'; }
b_early=$(red "$T/briefing_2020-02-07.png")
b_late=$(red "$T/briefing_2020-02-08.png")
echo "briefing: $b_early red pixels on 02-07, $b_late on 02-08"
[ "$b_late" -gt $((b_early + 50)) ] || fail "the briefing does not follow --date ($b_early vs $b_late red pixels)"
echo ok
