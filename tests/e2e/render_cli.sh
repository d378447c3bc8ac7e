#!/usr/bin/env bash
# `cordon render` from the command line: no display, exit status 2 with a reason on bad input,
# paper sizes and resolution in the PNG, nothing left behind on failure.
set -u
BUILD=$1
SRC=$2
CORDON="$BUILD/cordon"
WS="$SRC/data/demo.gpkg"
[ -x "$CORDON" ] || { echo "FAIL: no cordon binary"; exit 1; }
[ -f "$WS" ] || { echo "FAIL: no demo workspace"; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

# Expect exit 2 and a one-line reason mentioning $2; nothing may appear in $OUT.
expect_refusal() {
    local what=$1 words=$2
    shift 2
    local before err rc
    before=$(find "$OUT" | sort)
    err=$(env -u DISPLAY -u WAYLAND_DISPLAY "$CORDON" render "$@" 2>&1 >/dev/null)
    rc=$?
    check "$what: exit 2 (got $rc: $err)" '[ "$rc" = 2 ]'
    check "$what: reason names '$words'" '[[ "$err" == *"$words"* ]]'
    check "$what: nothing written" '[ "$before" = "$(find "$OUT" | sort)" ]'
}

expect_refusal "missing output folder" "does not exist" "$WS" --out "$OUT/no/such/dir/map.png" --size 800x600
check "missing output folder not created" '[ ! -e "$OUT/no" ]'
expect_refusal "bad size" "WIDTHxHEIGHT" "$WS" --out "$OUT/a.png" --size 800by600
expect_refusal "size over the maximum" "maximum" "$WS" --out "$OUT/a.png" --size 40000x100
expect_refusal "both size and paper" "either" "$WS" --out "$OUT/a.png" --size 800x600 --paper A4
expect_refusal "unknown engine" "--engine must be" "$WS" --out "$OUT/a.png" --size 800x600 --engine vulkan
expect_refusal "neither size nor paper" "either" "$WS" --out "$OUT/a.png"
expect_refusal "unknown paper" "A4 or A3" "$WS" --out "$OUT/a.png" --paper B5
expect_refusal "bad dpi" "dpi" "$WS" --out "$OUT/a.png" --paper A4 --dpi abc
expect_refusal "paper over the maximum" "maximum" "$WS" --out "$OUT/a.png" --paper A3 --dpi 2400
expect_refusal "missing workspace" "no such workspace" "$OUT/none.gpkg" --out "$OUT/a.png" --size 800x600
expect_refusal "not a png" ".png" "$WS" --out "$OUT/a.jpg" --size 800x600

# PNG header facts: width height pixels-per-metre.
png_facts() {
    python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
at, w, h, ppm, idat, end = 8, 0, 0, 0, b"", False
while at < len(data):
    n, kind = struct.unpack(">I4s", data[at:at + 8])
    body = data[at + 8:at + 8 + n]
    assert zlib.crc32(kind + body) == struct.unpack(">I", data[at + 8 + n:at + 12 + n])[0]
    if kind == b"IHDR": w, h = struct.unpack(">II", body[:8])
    if kind == b"pHYs": ppm = struct.unpack(">I", body[:4])[0]
    if kind == b"IDAT": idat += body
    if kind == b"IEND": end = True
    at += 12 + n
raw = zlib.decompress(idat)
assert end and len(raw) == h * (1 + 3 * w)
print(w, h, ppm)
PY
}

# A3 landscape at 300 dpi, with no display and no GL environment variable.
log=$(env -u DISPLAY -u WAYLAND_DISPLAY -u LIBGL_ALWAYS_SOFTWARE -u EGL_PLATFORM \
      "$CORDON" render "$WS" --out "$OUT/a3.png" --paper A3 --landscape --title "王茅镇 A3" 2>&1)
rc=$?
check "A3 render exits 0 ($log)" '[ "$rc" = 0 ]'
check "A3 prints load_s and render_s" '[[ "$log" == *load_s=*render_s=* ]]'
# --timings: one line per stage, and a total that is the sum of the stages, for either engine.
check_timings() {
    local engine=$1
    shift
    local tlog
    tlog=$("$CORDON" render "$WS" --out "$OUT/timed-$engine.png" --size 1600x1000 --engine "$engine" --timings 2>&1 >/dev/null)
    check "--engine $engine renders with timings" '[[ "$tlog" == *"engine=$engine"* ]]'
    for stage in open read_layers analysis "$@" png_encode png_check total; do
        check "--engine $engine --timings names the stage $stage" 'grep -q "^stage_s	$stage	[0-9.]*$" <<<"$tlog"'
    done
    check "--engine $engine --timings total is the sum of the stages" \
        'awk -F"\t" "/^stage_s/ { if (\$2 == \"total\") t = \$3; else s += \$3 } END { exit !(t > 0 && (s - t) < 0.002 && (t - s) < 0.002) }" <<<"$tlog"'
}
check_timings gl gl_context map_upload overlay draw read_back
check_timings cpu layout overlay map_wait cpu_draw
# Without a GPU device (or with Mesa told to use software), auto takes the CPU engine.
alog=$(LIBGL_ALWAYS_SOFTWARE=1 "$CORDON" render "$WS" --out "$OUT/auto.png" --size 800x600 2>&1 >/dev/null)
check "--engine auto takes cpu with a software GL driver ($alog)" '[[ "$alog" == *engine=cpu* ]]'
facts=$(png_facts "$OUT/a3.png" 2>&1)
check "A3 at 300 dpi is 4961 x 3508 at 11811 px/m (got $facts)" '[ "$facts" = "4961 3508 11811" ]'
check "no temporary file left" '[ -z "$(find "$OUT" -name ".*partial")" ]'

# A write error (the file size limit standing in for a full disk) fails cleanly.
err=$( (trap '' XFSZ; ulimit -f 64; "$CORDON" render "$WS" --out "$OUT/full.png" --size 2000x2000) 2>&1 )
rc=$?
check "write error: exit 2 (got $rc: $err)" '[ "$rc" = 2 ]'
check "write error: reason given" '[[ "$err" == *"write failed"* || "$err" == *"File too large"* ]]'
check "write error: no partial file" '[ -z "$(find "$OUT" -name "*full*")" ]'

# The briefing layout renders too.
env -u DISPLAY "$CORDON" render "$WS" --out "$OUT/brief.png" --size 1280x720 --briefing >/dev/null 2>&1
check "briefing render" '[ "$(png_facts "$OUT/brief.png" | cut -d" " -f1-2)" = "1280 720" ]'

# The plan on the page: a stored scenario's checkpoint at its pixel position, its figures printed
# as drawn, and the command post's leader and phone nowhere.
cp "$WS" "$OUT/plan.gpkg"
"$CORDON" scenario "$OUT/plan.gpkg" create "方案甲 Test" >/dev/null
at=$("$CORDON" analyze "$OUT/plan.gpkg" --scenario "方案甲 Test" | awk '$1 == "unguarded" {print $(NF-1) $NF; exit}')
"$CORDON" checkpoint "$OUT/plan.gpkg" --scenario "方案甲 Test" add --at "$at" --name 东口 --kind township_entry \
    --leader 张三 --phone 13800000000 >/dev/null
log=$(env -u DISPLAY "$CORDON" render "$OUT/plan.gpkg" --out "$OUT/plan.png" --size 1200x900 2>&1)
rc=$?
check "plan render exits 0 ($log)" '[ "$rc" = 0 ]'
field() { printf '%s\n' "$log" | awk -F'\t' -v k="$1" -v l="$2" '$1 == k && index($2, l) {print $'"$3"'; exit}'; }
check "first scenario shown" '[ "$(field scenario "" 2)" = "方案甲 Test" ]'
check "checkpoints figure is 1" '[ "$(field figure Checkpoints 3)" = "1" ]'
# A new checkpoint's staff follow its road class: the page says what the plan says.
required=$("$CORDON" checkpoint "$OUT/plan.gpkg" --scenario "方案甲 Test" list --json | grep -o '"staff_required":[0-9]*' | head -1 | cut -d: -f2)
check "staff $required required of 120" '[ -n "$required" ] && [ "$(field figure Staff 3)" = "$required / 120" ]'
guarded=$(field figure Entries 3)
check "entries guarded (got $guarded)" '[[ "$guarded" =~ ^[1-9][0-9]*\ /\ [0-9]+$ ]]'
check "returnees 829, 21 from Wuhan among the origins" '[ "$(field figure Returnees 3)" = "829" ] && [[ "$(field figure Returnees 4)" == *"武汉 21"* ]]'
check "leader and phone not shown" '[[ "$log" != *张三* && "$log" != *13800000000* ]]'
pos=$(printf '%s\n' "$log" | awk -F'\t' '$1 == "checkpoint" && $3 == "东口" {print $5}')
read -r px py <<<"$(awk -F, '{printf "%d %d", $1 + 0.5, $2 + 0.5}' <<<"$pos")"
pixel=$(python3 "$SRC/tests/e2e/png_check.py" pixel "$OUT/plan.png" "$px" "$py" 2>&1)
check "checkpoint symbol (red) at $pos (got $pixel)" 'read -r r g b <<<"$pixel" && [ "$r" -gt 170 ] && [ "$g" -lt 70 ] && [ "$b" -lt 70 ]'
# The named scenario, and an unknown name refused.
expect_refusal "unknown scenario" "no such plan" "$OUT/plan.gpkg" --scenario "no such plan" --out "$OUT/x.png" --size 800x600
# The map's answers: open entries listed and in the legend; the returnee layer on by default, off on request.
check "open entries marked and in the legend" '[[ "$log" == *$'"'"'\nopen_entry\t'"'"'* && "$log" == *$'"'"'legend\tentry:open'"'"'* ]]'
check "returnee classes in the legend" '[[ "$log" == *$'"'"'legend\treturnees:0'"'"'* ]]'
off=$("$CORDON" render "$OUT/plan.gpkg" --size 800x600 --returnees off --out "$OUT/off.png" 2>/dev/null)
check "--returnees off leaves them out" '[[ -s "$OUT/off.png" && "$off" != *$'"'"'legend\treturnees'"'"'* ]]'
expect_refusal "bad --returnees" "on or off" "$OUT/plan.gpkg" --returnees maybe --out "$OUT/x.png" --size 800x600
cp "$OUT/plan.png" "$BUILD/render-plan.png" 2>/dev/null || true
exit $fail
