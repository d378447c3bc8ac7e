#!/usr/bin/env bash
# cordon export: the CSV roster (BOM, columns, WGS84 lon/lat as listed), GeoJSON, KML and
# GeoPackage that ogrinfo opens with every checkpoint, and failures that leave no file behind.
# usage: export.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs ogrinfo
MNT="$T/full"
demo_ws
# No scenario yet: a clear message, exit 2, no file.
"$CORDON" export "$WS" --format csv --out "$T/none.csv" 2>"$T/err"
[ $? = 2 ] || fail "export without scenarios did not exit 2"
grep -q 'no scenarios' "$T/err" || fail "unclear message: $(cat "$T/err")"
[ ! -e "$T/none.csv" ] || fail "a file was written without a scenario"

"$CORDON" scenario "$WS" create 方案A >/dev/null || fail "create"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7592,35.2387 --name '北口,一号' --staff-per-shift 4 --shifts 3 \
    --leader 王主任 --phone 13800000000 >/dev/null || fail "add 1"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7545,35.2357 --name 东垣村口 --kind village_gate >/dev/null || fail "add 2"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.70,35.40 --off-road --outside --kind road_closure --name 封路 >/dev/null || fail "add 3"

# CSV roster.
"$CORDON" export "$WS" --scenario 方案A --format csv --out "$T/roster.csv" >/dev/null || fail "csv export"
[ "$(head -c 3 "$T/roster.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "CSV has no UTF-8 BOM"
header=$(head -1 "$T/roster.csv" | sed 's/^\xEF\xBB\xBF//' | tr -d '\r')
for col in id name kind lon lat road class district staff_per_shift shifts staff_required leader phone; do
    tr ',' '\n' <<<"$header" | grep -qx "$col" || fail "CSV header lacks $col: $header"
done
rows=$(($(wc -l < "$T/roster.csv") - 1))
[ $rows = 3 ] || fail "CSV has $rows rows, expected 3"
grep -q '"北口,一号"' "$T/roster.csv" || fail "a name with a comma is not quoted"
grep -q '13800000000' "$T/roster.csv" || fail "the roster lacks the duty phone"
# lon/lat in the CSV (7 decimals) match what `checkpoint list --json` reports.
"$CORDON" checkpoint "$WS" --scenario 方案A list --json > "$T/list.json"
lonlat=$(grep -o '"lon":[0-9.]*,"lat":[0-9.]*' "$T/list.json" | head -1 | sed 's/"lon"://; s/"lat"://')
lon=$(printf '%.7f' "${lonlat%,*}")
lat=$(printf '%.7f' "${lonlat#*,}")
grep -q ",$lon,$lat," "$T/roster.csv" || fail "CSV lacks the listed position $lon,$lat"
# staff_required is staff per shift x shifts, 0 for a road closure.
col=$(tr ',' '\n' <<<"$header" | grep -nx staff_required | cut -d: -f1)
required=$(tail -n +2 "$T/roster.csv" | sed 's/"[^"]*"/x/g' | cut -d, -f"$col" | tr '\n' ' ')
[ "$required" = "12 6 0 " ] || fail "staff_required column is '$required'"
# The id column is the checkpoints' numbers in the scenario, as `checkpoint list` shows them.
ids=$(tail -n +2 "$T/roster.csv" | cut -d, -f1 | tr '\n' ' ')
[ "$ids" = "1 2 3 " ] || fail "the id column is '$ids', not the numbers 1 2 3"

# Map formats: ogrinfo opens each with 3 point features and the fields; no phone numbers.
for fmt in geojson kml gpkg; do
    out="$T/plan.$fmt"
    "$CORDON" export "$WS" --scenario 方案A --format $fmt --out "$out" >/dev/null || fail "$fmt export"
    info=$(ogrinfo -ro -al -so "$out" 2>&1) || fail "ogrinfo cannot open the $fmt export: $info"
    grep -q 'Feature Count: 3' <<<"$info" || fail "$fmt: not 3 features: $info"
    grep -q 'staff_required' <<<"$info" || fail "$fmt: no staffing fields"
    all=$(ogrinfo -ro -al "$out" 2>&1)
    [ "$(grep -c '^  POINT (' <<<"$all")" = 3 ] || fail "$fmt: not 3 point geometries"
    grep -q '北口,一号' <<<"$all" || fail "$fmt: Chinese name lost"
    grep -q '13800000000' <<<"$all" && fail "$fmt: a map export carries the duty phone"
done
grep -q '111\.75' <<<"$(ogrinfo -ro -al "$T/plan.geojson")" || fail "GeoJSON is not in lon/lat"

# Failures: unknown format and missing folder exit 2 and write nothing.
"$CORDON" export "$WS" --scenario 方案A --format shp --out "$T/x.shp" 2>/dev/null
[ $? = 2 ] || fail "unknown format did not exit 2"
"$CORDON" export "$WS" --scenario 方案A --format csv --out "$T/missing/r.csv" 2>"$T/err"
[ $? = 2 ] || fail "missing folder did not exit 2"
grep -q 'folder does not exist' "$T/err" || fail "missing folder message: $(cat "$T/err")"
[ "$(ls -A "$T" | grep -c exporting)" = 0 ] || fail "partial files left behind"

# A full disk: the export fails with a message and no partial file remains.
mkdir -p "$MNT"
if mount -t tmpfs -o size=256k tmpfs "$MNT" 2>/dev/null; then
    mounted=1
    dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null
    for fmt in csv gpkg; do
        "$CORDON" export "$WS" --scenario 方案A --format $fmt --out "$MNT/plan.$fmt" 2>"$T/err"
        rc=$?
        [ $rc = 2 ] || fail "export to a full disk ($fmt) exited $rc"
        left=$(ls -A "$MNT" | grep -v '^filler$')
        [ -z "$left" ] || fail "export to a full disk ($fmt) left: $left"
    done
    echo "full disk: refused with: $(cat "$T/err")"
else
    echo "note: cannot mount a tmpfs here; the full-disk case is not run"
fi
echo "export: csv, geojson, kml and gpkg checked"
