# End-to-end: the daily report. A register counted by hand, the observation period, dated
# checkpoints, `report --json` (one day and a range), analyze --date, the XLSX and the A4 PNG.
set -u
BUILD=$1
SRC=$2
CORDON="$BUILD/cordon"
[ -x "$CORDON" ] || { echo "FAIL: no cordon binary in $BUILD"; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
json() {  # json FILE PYTHON-EXPRESSION-ON-d: prints it
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

expect_rc 0 "demo" "$CORDON" demo "$TMP/demo"
WS="$TMP/demo/demo.gpkg"
expect_rc 0 "remove demo returnees" "$CORDON" returnees "$WS" --remove returnees.csv

# The register, counted by hand for 2020-02-10 with a 14-day period (window 01-28 .. 02-10):
# total 6 (02-11 is after), arrived that day 2, under observation 4 (01-27 is out, 02-03 released
# early), released 2, fever 2 (37.3 counts, 37.2 does not).
cp "$SRC/tests/data/registers/dated_register.csv" "$TMP/register.csv"
expect_rc 0 "import" "$CORDON" returnees "$WS" --csv "$TMP/register.csv" --json
[ "$(json "$TMP/out" "d['fields']['fever']")" = "体温" ] || fail "fever column not found: $(cat "$TMP/out")"
expect_rc 0 "scenario" "$CORDON" scenario "$WS" create 方案A
expect_rc 0 "threshold 1" "$CORDON" scenario "$WS" set 方案A --threshold 1

expect_rc 0 "report json" "$CORDON" report "$WS" --scenario 方案A --date 2020-02-10 --json
cp "$TMP/out" "$TMP/day.json"
for pair in returnees_total=6 arrived_on_date=2 under_observation=4 released=2 fever=2; do
    key=${pair%=*} want=${pair#*=}
    got=$(json "$TMP/day.json" "d['$key']")
    [ "$got" = "$want" ] || fail "$key: $got, expected $want"
done
for key in date checkpoints_active staff_on_duty entries_total entries_guarded by_village; do
    json "$TMP/day.json" "d['$key']" >/dev/null || fail "report --json lacks $key"
done
# The table sums to the headline figures.
[ "$(json "$TMP/day.json" "sum(v['arrived'] for v in d['by_village'])")" = 6 ] || fail "by_village arrived does not sum to 6"
[ "$(json "$TMP/day.json" "sum(v['under_observation'] for v in d['by_village'])")" = 4 ] || fail "by_village under_observation does not sum to 4"
[ "$(json "$TMP/day.json" "sum(o['arrived_on_date'] for o in d['by_origin'])")" = 2 ] || fail "by_origin arrived_on_date does not sum to 2"

# The default threshold (5) publishes these small counts as "<5", never the numbers.
expect_rc 0 "threshold 5" "$CORDON" scenario "$WS" set 方案A --threshold 5
expect_rc 0 "report suppressed" "$CORDON" report "$WS" --scenario 方案A --date 2020-02-10 --json
[ "$(json "$TMP/out" "d['under_observation']")" = "<5" ] || fail "under_observation not suppressed: $(cat "$TMP/out")"
[ "$(json "$TMP/out" "d['fever']")" = "<5" ] || fail "fever not suppressed"
expect_rc 0 "threshold back to 1" "$CORDON" scenario "$WS" set 方案A --threshold 1

# A shorter observation period takes the 01-28 and 02-03 .. arrivals out of the window.
expect_rc 0 "period 7" "$CORDON" returnees "$WS" --observation-days 7
expect_rc 0 "report 7" "$CORDON" report "$WS" --scenario 方案A --date 2020-02-10 --json
[ "$(json "$TMP/out" "d['under_observation']")" = 3 ] || fail "7-day period: $(json "$TMP/out" "d['under_observation']") under observation, expected 3"
expect_rc 2 "period 0" "$CORDON" returnees "$WS" --observation-days 0
expect_rc 2 "period with list" "$CORDON" returnees "$WS" --observation-days 7 --list
expect_rc 0 "period 14" "$CORDON" returnees "$WS" --observation-days 14

# A later batch of the same register replaces the statuses: 01-28 is now released.
sed -i 's/2020-01-28,武汉,居家观察/2020-01-28,武汉,解除观察/' "$TMP/register.csv"
expect_rc 0 "reimport" "$CORDON" returnees "$WS" --csv "$TMP/register.csv"
expect_rc 0 "report after" "$CORDON" report "$WS" --scenario 方案A --date 2020-02-10 --json
[ "$(json "$TMP/out" "d['under_observation']")" = 3 ] || fail "replaced batch: under observation not 3"
[ "$(json "$TMP/out" "d['released']")" = 3 ] || fail "replaced batch: released not 3"

# Dated checkpoints: one opens on 02-08, one closure is lifted after 02-09.
expect_rc 0 "add open" "$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7433,35.2317 --name 北口 --from 2020-02-08
expect_rc 0 "add closure" "$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7433,35.2317 --name 封路 --kind road_closure --until 2020-02-09
expect_rc 2 "bad date" "$CORDON" checkpoint "$WS" --scenario 方案A set '#1' --from 2020-2-8
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "a bad date should print one line"
expect_rc 2 "until before from" "$CORDON" checkpoint "$WS" --scenario 方案A set '#1' --until 2020-02-01
expect_rc 0 "list" "$CORDON" checkpoint "$WS" --scenario 方案A list --json
json "$TMP/out" "[c['from'] for c in d]" | grep -q "2020-02-08" || fail "list --json lacks the from date"
ALL=$(json "$TMP/out" "len(d)")
expect_rc 0 "range" "$CORDON" report "$WS" --scenario 方案A --from 2020-02-07 --to 2020-02-10 --json
cp "$TMP/out" "$TMP/range.json"
[ "$(json "$TMP/range.json" "len(d['days'])")" = 4 ] || fail "range does not give 4 days"
A07=$(json "$TMP/range.json" "d['days'][0]['checkpoints_active']")
A08=$(json "$TMP/range.json" "d['days'][1]['checkpoints_active']")
A10=$(json "$TMP/range.json" "d['days'][3]['checkpoints_active']")
[ "$A08" = "$ALL" ] || fail "on 02-08 all $ALL checkpoints are active, report says $A08"
[ "$A07" = $((ALL - 1)) ] || fail "on 02-07 the 北口 checkpoint is not open yet ($A07 of $ALL)"
[ "$A10" = $((ALL - 1)) ] || fail "on 02-10 the closure is lifted ($A10 of $ALL)"
[ "$(json "$TMP/range.json" "d['days'][3]['under_observation']")" = 3 ] || fail "range's last day differs from the day report"

# analyze --date: the active checkpoints only, and the day's returnee figures.
expect_rc 0 "analyze date" "$CORDON" analyze "$WS" --scenario 方案A --date 2020-02-07 --json
[ "$(json "$TMP/out" "d['as_of']['checkpoints_active']")" = $((ALL - 1)) ] || fail "analyze --date active checkpoints"
[ "$(json "$TMP/out" "d['as_of']['returnees_total']")" = 4 ] || fail "analyze --date returnees arrived by 02-07"
expect_rc 2 "analyze bad date" "$CORDON" analyze "$WS" --date tomorrow

# Bad report input: one line, exit 2.
expect_rc 2 "no date" "$CORDON" report "$WS" --json
expect_rc 2 "bad ext" "$CORDON" report "$WS" --date 2020-02-10 --out "$TMP/r.pdf"
expect_rc 2 "over the workspace" "$CORDON" report "$WS" --date 2020-02-10 --out "$WS"
expect_rc 2 "from after to" "$CORDON" report "$WS" --from 2020-02-10 --to 2020-02-01 --json
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "from after to should print one line"

# XLSX: the sheets, with numbers as numbers.
expect_rc 0 "xlsx" "$CORDON" report "$WS" --scenario 方案A --from 2020-02-07 --to 2020-02-10 --out "$TMP/daily.xlsx"
mkdir "$TMP/x" && (cd "$TMP/x" && unzip -q ../daily.xlsx) || fail "xlsx does not unzip"
grep -q '日报' "$TMP/x/xl/workbook.xml" && grep -q '每日' "$TMP/x/xl/workbook.xml" || fail "xlsx lacks its sheets"
grep -q '<c r="F5"[^>]*><v>6</v>' "$TMP/x/xl/worksheets/sheet1.xml" || fail "xlsx headline returnees_total is not the number 6"

# PNG: one A4 portrait page at 300 dpi.
expect_rc 0 "png" "$CORDON" report "$WS" --scenario 方案A --date 2020-02-10 --out "$TMP/daily.png"
expect_rc 0 "week png" "$CORDON" report "$WS" --scenario 方案A --from 2020-02-04 --to 2020-02-10 --out "$TMP/week.png"
[ "$(python3 "$SRC/tests/e2e/png_check.py" size "$TMP/week.png")" = "2480 3508" ] || fail "week PNG is not A4"
[ "$(python3 "$SRC/tests/e2e/png_check.py" size "$TMP/daily.png")" = "2480 3508" ] || fail "PNG is not A4 at 300 dpi"
python3 - "$TMP/daily.png" <<'EOF' || fail "PNG has no 300 dpi pHYs"
import struct, sys
data = open(sys.argv[1], 'rb').read()
i = data.find(b'pHYs')
x, y, unit = struct.unpack('>IIB', data[i + 4:i + 13])
sys.exit(0 if unit == 1 and abs(x - 11811) <= 1 and x == y else 1)
EOF
[ -n "${CORDON_KEEP_REPORT:-}" ] && cp "$TMP/daily.png" "$CORDON_KEEP_REPORT"
echo "daily report OK"
