#!/usr/bin/env bash
# cordon export for the field: the XLSX workbook (a sheet per scenario, Chinese headers unless
# --lang en), the CSV's --lang zh header, --coords gcj02 positions, and bad options (exit 2).
# usage: export_field.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs ogrinfo

cp "$2/data/demo.gpkg" "$T/ws.gpkg"
WS="$T/ws.gpkg"
"$CORDON" scenario "$WS" create 方案A >/dev/null || fail "create A"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7433,35.2317 --name 北口 >/dev/null || fail "add"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7695880,35.2432728 --name 国道封路 --kind road_closure >/dev/null || fail "add closure"
"$CORDON" scenario "$WS" copy 方案A 方案B >/dev/null || fail "copy"

"$CORDON" export "$WS" --format xlsx --out "$T/roster.xlsx" >/dev/null || fail "xlsx export"
layers=$(ogrinfo -ro -q "$T/roster.xlsx" | grep -c '^[0-9]*: ')
[ "$layers" = 2 ] || fail "$layers sheets, expected one per scenario (2)"
ogrinfo -ro -q "$T/roster.xlsx" 方案A | grep -q '= 序号' || fail "no Chinese header in the sheet"
ogrinfo -ro -q "$T/roster.xlsx" 方案A | grep -q '= 封路（不设人员）' || fail "closures not listed apart"
"$CORDON" export "$WS" --scenario 方案B --format xlsx --lang en --out "$T/en.xlsx" >/dev/null || fail "xlsx en"
ogrinfo -ro -q "$T/en.xlsx" | grep -q '方案B' || fail "the named scenario's sheet is missing"
ogrinfo -ro -q "$T/en.xlsx" 方案B | grep -q '= Staff per shift' || fail "no English header"

"$CORDON" export "$WS" --scenario 方案A --format csv --lang zh --out "$T/zh.csv" >/dev/null || fail "csv zh"
head -c 40 "$T/zh.csv" | grep -q '编号,名称' || fail "the CSV header is not Chinese"
"$CORDON" export "$WS" --scenario 方案A --format csv --out "$T/en.csv" >/dev/null || fail "csv"
head -c 20 "$T/en.csv" | grep -q 'id,name' || fail "the CSV's contract changed"

"$CORDON" export "$WS" --scenario 方案A --format geojson --coords gcj02 --out "$T/gcj.geojson" >/dev/null || fail "gcj02"
"$CORDON" export "$WS" --scenario 方案A --format geojson --out "$T/wgs.geojson" >/dev/null || fail "wgs84"
grep -q '"number": 1' "$T/gcj.geojson" || fail "GeoJSON carries no number"
cmp -s "$T/gcj.geojson" "$T/wgs.geojson" && fail "gcj02 wrote WGS84 coordinates"

for bad in "--format xlsx --lang fr" "--format xlsx --coords bd09" "--format xls" "--format kml --lang zh"; do
  # shellcheck disable=SC2086
  "$CORDON" export "$WS" $bad --out "$T/bad.xlsx" 2>"$T/err"
  [ $? = 2 ] || fail "'$bad' did not exit 2"
  [ ! -e "$T/bad.xlsx" ] || fail "'$bad' left a file"
done
echo ok
