#!/usr/bin/env bash
# cordon staff and cordon rota as a user drives them: import a roster (UTF-8 and GBK), list it
# without phones, solve a week, check the JSON against the plan, keep a lock, report a shortfall
# with its reason, write the workbook (phones only on the per-person sheet), refuse bad input.
# usage: rota_cli.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$1
SRC=$2
CORDON="$BUILD/cordon"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
WS="$T/demo/demo.gpkg"
"$CORDON" scenario "$WS" create A >/dev/null || fail "create"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7592,35.2387 --name 北口 --staff-per-shift 2 --shifts 3 >/dev/null || fail "add 1"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7545,35.2357 --name 东垣村口 --kind village_gate >/dev/null || fail "add 2"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.70,35.40 --off-road --outside --kind road_closure --name 封路 >/dev/null || fail "add 3"

# The plan's map before any rota: no post is marked short.
"$CORDON" render "$WS" --scenario A --size 1600x1000 --out "$T/map-before.png" >/dev/null || fail "render before"

# No staff yet: the rota says so, exit 2.
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 3 2>"$T/err"
[ $? = 2 ] || fail "rota without staff did not exit 2"
grep -q 'no staff yet' "$T/err" || fail "unclear: $(cat "$T/err")"

python3 - "$T/staff.csv" <<'PY'
import sys
roles = ["干部", "民警", "医务", "志愿者"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("姓名,工作组,角色,带班,居住片区,联系电话,请假日期\n")
    for i in range(30):
        f.write(f"人员{i},第{i % 5 + 1}组,{roles[i % 4]},{'是' if i % 3 == 0 else ''},{['东片', '西片'][i % 2]},1390000{i:04d},{'2020-01-27' if i % 7 == 0 else ''}\n")
PY
"$CORDON" staff "$WS" import "$T/staff.csv" >/dev/null || fail "import utf-8"
"$CORDON" staff "$WS" import "$SRC/tests/data/staff/staff_gbk.csv" >/dev/null 2>&1 || fail "import gbk"
"$CORDON" staff "$WS" list --json >"$T/staff.json" || fail "list"
grep -q '13900000' "$T/staff.json" && fail "phone numbers in the staff list"
"$CORDON" staff "$WS" list | grep -q '张伟' || fail "GBK name not listed"

"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 7 --temperature-check 1 --lock 张伟,2,2020-01-28,3 \
    --json >"$T/rota.json" || fail "rota"
python3 - "$T/rota.json" "$T/staff.json" <<'PY' || fail "rota JSON"
import json, sys, collections
r = json.load(open(sys.argv[1]))
staff = {p["name"]: p for p in json.load(open(sys.argv[2]))}
assert set(r) >= {"assignments", "shortfall", "objective", "gap"}, r.keys()
seats = collections.Counter((a["post"], a["date"], a["shift"]) for a in r["assignments"])
assert all(a["post"] in (1, 2) for a in r["assignments"]), "closure staffed"
assert len(seats) == 2 * 3 * 7 and all(n == 2 for n in seats.values()), seats
assert r["shortfall"] == [], r["shortfall"]
assert {"person": "张伟", "post": 2, "date": "2020-01-28", "shift": 3}.items() <= next(
    a for a in r["assignments"] if a["person"] == "张伟" and a["date"] == "2020-01-28").items(), "lock lost"
days = collections.defaultdict(list)
for a in r["assignments"]:
    days[a["person"]].append(a["date"])
for who, ds in days.items():
    assert len(ds) == len(set(ds)), who + " twice a day"
    assert not set(ds) & set(staff[who]["unavailable"]), who + " on a day off"
leaders = {n for n, p in staff.items() if p["leader"]}
for slot in seats:
    assert any(a["person"] in leaders for a in r["assignments"] if (a["post"], a["date"], a["shift"]) == slot), slot
print("ok")
PY

# The lock is kept by the next solve without --lock.
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 7 --json | grep -q '"person":"张伟","person_id":[0-9]*,"post":2,"date":"2020-01-28","shift":3' \
    || fail "lock not kept on re-solving"

# Too few people: the rota goes as far as it can and says what is missing and why.
"$CORDON" staff "$WS" remove $(for i in $(seq 0 29); do printf '人员%d ' $i; done) >/dev/null || fail "remove"
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 3 --json >"$T/short.json" || fail "short rota"
python3 - "$T/short.json" <<'PY' || fail "shortfall JSON"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["shortfall"], "no shortfall with 3 people for 12 seats a day"
filled = len(r["assignments"])
missing = sum(s["missing"] for s in r["shortfall"])
assert filled + missing == 2 * 2 * 3 * 3, (filled, missing)
assert all(s["reason"] and s["missing"] > 0 for s in r["shortfall"])
print("ok")
PY

# The last rota's shortfall is kept for the maps: `cordon render` rings the short posts in the
# alert colour with 缺 N 人 beside them, which the map before any rota does not have.
[ "$(sqlite3 "$WS" 'SELECT post FROM cordon_rota_shortfall WHERE missing > 0 ORDER BY post' | tr '\n' ' ')" = "1 2 " ] ||
    fail "stored shortfall: $(sqlite3 "$WS" 'SELECT * FROM cordon_rota_shortfall')"
"$CORDON" render "$WS" --scenario A --size 1600x1000 --out "$T/map-short.png" >/dev/null || fail "render with a short rota"
before=$(python3 "$SRC/tests/e2e/png_check.py" box "$T/map-before.png" 192 40 30 12 | awk '{print $NF}')
after=$(python3 "$SRC/tests/e2e/png_check.py" box "$T/map-short.png" 192 40 30 12 | awk '{print $NF}')
[ "$after" -gt $((before + 150)) ] || fail "render shows no shortfall ring: $before alert pixels before, $after after"

# The pages to hang at the checkpoints: one A4 page at 300 dpi per staffed post (none for the
# closure), decoded by GDAL; ink in the title band and across the grid, the shortfall in red.
mkdir "$T/pages"
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 3 --png-dir "$T/pages" >/dev/null || fail "--png-dir"
[ "$(ls "$T/pages" | tr '\n' ' ')" = "post-1.png post-2.png " ] || fail "pages: $(ls "$T/pages")"
for n in 1 2; do
    page="$T/pages/post-$n.png"
    gdalinfo "$page" | grep -q 'Size is 2480, 3508' || fail "post-$n.png is not A4 at 300 dpi"
    gdal_translate -q -of EHdr -r nearest -outsize 50% 50% "$page" "$T/p$n.bil" || fail "GDAL cannot decode post-$n.png"
    python3 - "$page" "$T/p$n.bil" <<'PY' || fail "post-$n.png pixels"
import struct, sys
png = open(sys.argv[1], "rb").read()
i = png.index(b"pHYs")
ppm_x, ppm_y, unit = struct.unpack(">IIB", png[i + 4:i + 13])
assert unit == 1 and abs(ppm_x * 0.0254 - 300) < 0.5 and ppm_x == ppm_y, (ppm_x, ppm_y, unit)
w, h = 1240, 1754  # half size; EHdr is band-interleaved by line
raw = open(sys.argv[2], "rb").read()
assert len(raw) == w * h * 3, len(raw)
def px(x, y):
    o = y * w * 3
    return raw[o + x], raw[o + w + x], raw[o + 2 * w + x]
def count(x0, y0, x1, y1, test):
    return sum(1 for y in range(y0, y1, 2) for x in range(x0, x1, 2) if test(*px(x, y)))
dark = lambda r, g, b: r < 100 and g < 100 and b < 100
red = lambda r, g, b: r > 150 and g < 110 and b < 110
assert px(5, 5) == (255, 255, 255), px(5, 5)            # paper
title = count(0, 0, w, 90, dark)
grid = count(0, 130, w, 450, dark)                        # the first rows of the days x shifts grid
short = count(w // 6, 130, w, 450, red)                  # the shift cells: 3 people cannot fill 12 seats a day
blank = count(0, 130, w, 450, lambda r, g, b: (r, g, b) == (255, 255, 255))
assert title > 300, ("title", title)
assert grid > 800, ("grid", grid)
assert short > 200, ("shortfall", short)
assert blank > 5000, ("no paper left in the grid", blank)
print("ok", title, grid, short)
PY
done
cmp -s "$T/pages/post-1.png" "$T/pages/post-2.png" && fail "the two posts' pages are the same"
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 3 --png-dir "$T/missing" 2>"$T/err"; [ $? = 2 ] || fail "missing --png-dir folder"
grep -q 'no such folder' "$T/err" || fail "unclear: $(cat "$T/err")"

# The workbook: a sheet per post, per day, and the people with their phones.
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 3 --out "$T/rota.xlsx" >/dev/null || fail "xlsx"
if command -v ogrinfo >/dev/null; then
    ogrinfo -ro "$T/rota.xlsx" >"$T/sheets" 2>&1 || fail "ogrinfo"
    for s in '1 北口' '2 东垣村口' '2020-01-27' '人员'; do grep -q "$s" "$T/sheets" || fail "sheet $s missing"; done
    grep -q '封路' "$T/sheets" && fail "a closure got a sheet"
    ogrinfo -ro "$T/rota.xlsx" 人员 | grep -q 13800000001 || fail "phone missing on the per-person sheet"
fi

# Bad input: one clear line, exit 2, nothing written.
"$CORDON" rota "$WS" --scenario A --from 25.1.2020 --days 3 2>"$T/err"; [ $? = 2 ] || fail "bad date"
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 3 --lock 张伟,2,2020-01-25,9 2>"$T/err"; [ $? = 2 ] || fail "bad lock"
grep -q 'has 3 shifts' "$T/err" || fail "unclear lock error: $(cat "$T/err")"
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 3 >/dev/null || fail "a refused lock was saved"
"$CORDON" rota "$WS" --scenario A --from 2020-01-25 --days 7 --unlock 张伟,2,2020-01-28,3 >/dev/null || fail "unlock"
"$CORDON" staff "$WS" import "$T/nothing.csv" 2>"$T/err"; [ $? = 2 ] || fail "missing file"
echo "rota_cli: ok"
