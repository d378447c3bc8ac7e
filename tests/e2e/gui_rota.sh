#!/usr/bin/env bash
# The rota window in the real GUI under Xvfb: a workspace with a plan of two staffed posts and a
# closure, and too few staff for them. `cordon WS --rota DATE` opens the rota window and solves
# off the UI thread; the screenshot waits for the solved grid. Checked from --layout-log and the
# pixels: the grid is drawn (its table, names in it, the red 缺 of the missing), and each post short
# of staff is ringed on the map in red with its 缺 N 人 label, at the place the log says. With
# enough staff the same plan shows no ring there. Screenshots stay in BUILD/e2e-artifacts/rota-*.png.
# usage: gui_rota.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs xvfb-run xdotool python3
ART="$BUILD/e2e-artifacts"
mkdir -p "$ART"
export LIBGL_ALWAYS_SOFTWARE=1

demo_ws
"$CORDON" scenario "$WS" create A >/dev/null || fail "create"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7592,35.2387 --name 北口 --staff-per-shift 2 --shifts 3 >/dev/null || fail "add 1"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7000,35.2300 --off-road --name 西口 --staff-per-shift 2 --shifts 3 >/dev/null || fail "add 2"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.70,35.40 --off-road --outside --kind road_closure --name 封路 >/dev/null || fail "add 3"
staff() {  # staff N FILE: N people, every third a leader, phones that must never show
    python3 - "$1" "$2" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", encoding="utf-8") as f:
    f.write("姓名,工作组,带班,联系电话,请假日期\n")
    for i in range(n):
        f.write(f"P{i},第{i % 3 + 1}组,{'是' if i % 3 == 0 else ''},1390000{i:04d},{'2020-01-25~2020-01-31' if i == 7 else ''}\n")
PY
}
staff 8 "$T/few.csv"
"$CORDON" staff "$WS" import "$T/few.csv" >/dev/null || fail "import staff"

# shot NAME: the GUI opened on the rota, its layout log in $T/NAME.log, the screenshot in $ART/rota-NAME.png.
shot() {
    timeout 300 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$CORDON" "$WS" --size 1920x1080 --scenario A \
        --rota 2020-01-25,7 --layout-log "$T/$1.log" --screenshot "$ART/rota-$1.png" >"$T/$1.out" 2>&1 ||
        fail "$1: the GUI failed: $(cat "$T/$1.out")"
}
shot short
python3 - "$T/short.log" "$ART/rota-short.png" "$SRC/tests/e2e" <<'PY' || fail "short staff: see above"
import re, sys
sys.path.insert(0, sys.argv[3])
import png_check
block = open(sys.argv[1], encoding="utf-8").read().split("end\n")[-2].splitlines()
state = next(l for l in block if l.startswith("rota "))
print(" ", state)
assert "solving=0 solved=1" in state and "error=0" in state, state
assert int(re.search(r"assignments=(\d+)", state).group(1)) > 0, state
assert "short_posts=2" in state, state
marks = [tuple(map(float, m.groups())) for m in (re.match(r"rota_mark post=(\d+) missing=(\d+) at (\S+) (\S+)", l) for l in block) if m]
assert sorted(int(m[0]) for m in marks) == [1, 2], marks
assert all(m[1] >= 1 for m in marks), marks
panel = next(tuple(map(float, m.groups())) for m in (re.match(r'panel ".*###rota" (\S+) (\S+) (\S+) (\S+)', l) for l in block) if m)
table = next(tuple(map(float, m.groups())) for m in (re.match(r'table ".*###rota" (\S+) (\S+) (\S+) (\S+)', l) for l in block) if m)
w, h, bpp, rows = png_check.decode(sys.argv[2])
def px(x, y):
    o = x * bpp
    return tuple(rows[y][o:o + 3])
red = lambda p: p[0] > 180 and p[1] < 80 and p[2] < 80
dark = lambda p: p[0] < 90 and p[1] < 90 and p[2] < 90
# The ring: red pixels on a circle of radius 16 around each mark (not hidden under the rota panel).
px0, py0, pw, ph = panel
for post, missing, x, y in marks:
    if px0 <= x <= px0 + pw and py0 <= y <= py0 + ph:
        continue
    import math
    hits = sum(1 for a in range(0, 360, 10)
               if any(red(px(int(x + r * math.cos(math.radians(a))), int(y + r * math.sin(math.radians(a))))) for r in (15, 16, 17)))
    assert hits >= 24, ("ring of post %d" % post, hits)
    # The label beside it: red text on a white pad, up and to the right.
    label = sum(1 for yy in range(int(y) - 24, int(y) - 2) for xx in range(int(x) + 18, int(x) + 80) if red(px(xx, yy)))
    assert label > 20, ("label of post %d" % post, label)
# The grid: text in the table (names) and the red 缺 of the missing.
tx, ty, tw, th = map(int, table)
ink = sum(1 for yy in range(ty, ty + th, 2) for xx in range(tx, tx + tw, 2) if dark(px(xx, yy)))
short = sum(1 for yy in range(ty, ty + th) for xx in range(tx, tx + tw) if red(px(xx, yy)))
assert ink > 500, ("grid ink", ink)
assert short > 100, ("red 缺 in the grid", short)
print("  marks", marks, "grid ink", ink, "red", short)
open(sys.argv[1] + ".marks", "w").write("\n".join("%d %d" % (m[2], m[3]) for m in marks))
PY

# Hand edits, driven with xdotool at the places the log gives: remove the first person of the grid's
# first shift with someone on it, put them back (kept as a lock in the workspace, which the next
# solve keeps), then try to put P7 there (off that day: refused, naming the rule, nothing saved).
command -v xdotool >/dev/null || { echo "skip: xdotool not installed"; exit 77; }
cat > "$T/drive.sh" <<EOS
set -u
. "$SRC/tests/e2e/lib.sh"
FRAME_LOG="$T/frames.log"
LOG="$T/edit.log"
"$CORDON" "$WS" --size 1920x1080 --scenario A --rota 2020-01-25,7 --layout-log "\$LOG" --frame-log "\$FRAME_LOG" \\
    --screenshot "$ART/rota-edit.png" --screenshot-when "$T/snap" >"$T/edit.out" 2>&1 &
pid=\$!
wid=\$(wait_window \$pid) || { kill \$pid; exit 1; }
eval \$(xdotool getwindowgeometry --shell \$wid)
last() { awk '/^frame /{b=""} {b=b \$0 "\\n"} /^end\$/{last=b} END{printf "%s", last}' "\$LOG"; }
has() { last | grep -q "\$1"; }
at() {  # at ITEM: click the centre of a rota control, once a frame has drawn it (60 s at most)
    local item=\$1 i
    for i in \$(seq 1 600); do
        set -- \$(last | awk -v n="\$item" '\$1 == "rota_item" && \$2 == n {print int(\$3 + \$5 / 2), int(\$4 + \$6 / 2)}')
        [ -n "\${1:-}" ] && break
        sleep 0.1
    done
    [ -n "\${1:-}" ] || { echo "no control \$item" >&2; return 1; }
    click \$((X + \$1)) \$((Y + \$2))
}
wait_until 120 has 'solved=1' || { echo "never solved" >&2; kill \$pid; exit 1; }
after 2 xdotool mousemove \$((X + 10)) \$((Y + HEIGHT - 10))
at first_cell && wait_until 60 has 'rota_edit post=' || { echo "no slot chosen" >&2; kill \$pid; exit 1; }
first=\$(last | sed -n 's/^rota_edit .* first="\(.*\)"\$/\1/p')
last | grep '^rota_edit' > "$T/slot"
echo "first=\$first" > "$T/first"
at first_remove && wait_until 60 has 'message="已移除' || echo "remove: \$(last | grep '^rota ')" >&2
at name_field && after 2 xdotool type "\$first" && at assign
wait_until 60 has 'message="已指派并锁定' && last | grep '^rota ' > "$T/assigned"
at name_field && press ctrl+a && press BackSpace && after 2 xdotool type P7 && at assign
wait_until 60 has 'error=1 message="拒绝' && last | grep '^rota ' > "$T/refused"
touch "$T/snap"  # the app saves its screenshot of the refusal, then quits
wait_until 10 bash -c "! kill -0 \$pid 2>/dev/null"
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
exit 0
EOS
timeout 300 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' bash "$T/drive.sh" || fail "driving the rota window failed: $(cat "$T/edit.out")"
first=$(sed -n 's/^first=//p' "$T/first")
[ -n "$first" ] || fail "the first shift had nobody to remove"
grep -q 'unavailable day' "$T/refused" 2>/dev/null || fail "P7 on a day off was not refused by name: $(cat "$T/refused" 2>/dev/null)"
[ -s "$T/assigned" ] || fail "putting $first back was not accepted"
echo "  refused: $(cat "$T/refused")"
echo "  assigned: $(cat "$T/assigned")"
read -r post day shift <<<"$(sed 's/^rota_edit post=\([0-9]*\) day=\([0-9]*\) shift=\([0-9]*\).*/\1 \2 \3/' "$T/slot")"
date=$(python3 -c "import datetime, sys; print(datetime.date(1970, 1, 1) + datetime.timedelta(days=int(sys.argv[1])))" "$day")
locks=$(sqlite3 "$WS" "SELECT s.name || ',' || l.post || ',' || l.day || ',' || l.shift FROM cordon_rota_locks l JOIN cordon_staff s ON s.id = l.staff_id")
[ "$locks" = "$first,$post,$date,$shift" ] || fail "locks in the workspace: '$locks', expected $first,$post,$date,$shift"
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 7 --json | grep -q "\"person\":\"$first\",\"person_id\":[0-9]*,\"post\":$post,\"date\":\"$date\",\"shift\":$shift" \
    || fail "the next solve dropped the hand edit"

# Enough staff: the same plan is covered, no post ringed, no red where the rings were.
staff 40 "$T/many.csv"
"$CORDON" staff "$WS" import "$T/many.csv" >/dev/null || fail "import more staff"
shot covered
python3 - "$T/covered.log" "$ART/rota-covered.png" "$SRC/tests/e2e" "$T/short.log.marks" <<'PY' || fail "enough staff: see above"
import math, sys
sys.path.insert(0, sys.argv[3])
import png_check
block = open(sys.argv[1], encoding="utf-8").read().split("end\n")[-2].splitlines()
state = next(l for l in block if l.startswith("rota "))
print(" ", state)
assert "solved=1" in state and "short_posts=0" in state, state
assert not [l for l in block if l.startswith("rota_mark")], block
w, h, bpp, rows = png_check.decode(sys.argv[2])
for line in open(sys.argv[4]):
    x, y = map(int, line.split())
    ring = sum(1 for a in range(0, 360, 10) for r in (15, 16, 17)
               if (lambda p: p[0] > 180 and p[1] < 80 and p[2] < 80)(rows[int(y + r * math.sin(math.radians(a)))][int(x + r * math.cos(math.radians(a))) * bpp:][:3]))
    assert ring < 6, ("a ring where none should be", x, y, ring)
PY
grep -q '1390000' "$T/short.log" "$T/covered.log" && fail "a phone number in the GUI's log"
echo "gui_rota: ok"
