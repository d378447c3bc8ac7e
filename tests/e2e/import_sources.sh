#!/usr/bin/env bash
# `cordon import` from boundary lines (polygonised into districts and the boundary) and from a
# village list (GBK CSV or XLSX with 经度/纬度 columns, or a GeoJSON point layer); `cordon analyze`
# finds the same entries as on the demo's polygons; bad inputs exit 2 with one line.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs ogr2ogr python3
demo_ws
cd "$T"

# The demo's districts as lines, shared edges drawn twice, as a township digitised them.
ogr2ogr -f "ESRI Shapefile" lines.shp demo/districts.shp -nlt MULTILINESTRING -t_srs EPSG:4326 -oo ENCODING=CP936 2>/dev/null
# The demo's villages as a GBK village list: a title row, one DMS value, a row without
# coordinates, a row with a bad one, a row with the columns swapped and a 合计 row.
ogr2ogr -f GeoJSON villages.geojson demo/villages.shp -t_srs EPSG:4326 -oo ENCODING=CP936 2>/dev/null
python3 - <<'EOF'
import json
v = json.load(open("villages.geojson"))["features"]
rows = ["某镇村庄坐标一览表,,,,", "序号,村名,所属片区,经度,纬度"]
for i, f in enumerate(v):
    lon, lat = f["geometry"]["coordinates"][:2]
    name, district = f["properties"]["名称"], f["properties"]["片区"]
    if i == 0:
        d = int(lon); m = int((lon - d) * 60); s = ((lon - d) * 60 - m) * 60
        lon_text = '"%d°%d\'%.4f"""' % (d, m, s)
        rows.append("%d,%s,%s,%s,%.7f" % (i + 1, name, district, lon_text, lat))
    elif i == 1:
        rows.append("%d,%s,%s,%.7f,%.7f" % (i + 1, name, district, lat, lon))  # swapped
    else:
        rows.append("%d,%s,%s,%.7f,%.7f" % (i + 1, name, district, lon, lat))
rows.append("%d,无坐标村,,," % (len(v) + 1))
rows.append("%d,坏坐标村,,abc,35.2" % (len(v) + 2))
rows.append("合计,%d,,," % (len(v) + 2))
open("villages.csv", "wb").write(("\r\n".join(rows) + "\r\n").encode("gbk"))
open("villages-utf8.csv", "w").write("\n".join(rows[1:-3]) + "\n")
EOF
# Line numbers: title 1, header 2, villages 3-22, no coordinates 23, bad 24, 合计 25.

"$CORDON" import ws.gpkg --boundary-lines lines.shp --roads demo/roads.shp --villages villages.csv > import.txt \
    || { cat import.txt; fail "import with boundary lines and a village list"; }
grep -q '^lines .* polygonised into 5 areas (boundary and districts)' import.txt || { cat import.txt; fail "polygonise line"; }
grep -q "^districts named from the villages' 所属片区 field" import.txt || { cat import.txt; fail "district names"; }
grep -q '1 row without coordinates skipped (row 23)' import.txt || { cat import.txt; fail "row without coordinates"; }
grep -q '1 row with bad coordinates skipped (row 24)' import.txt || { cat import.txt; fail "bad row"; }
grep -q 'swapped, put right (row 4)' import.txt || { cat import.txt; fail "swapped row"; }
grep -q '^villages .* 20 of 22 features' import.txt || { cat import.txt; fail "villages kept"; }

"$CORDON" analyze "$WS" --json > demo.json
"$CORDON" analyze ws.gpkg --json > lines.json
want=$(json demo.json 'd["entries_total"]')
got=$(json lines.json 'd["entries_total"]')
[ "$got" = "$want" ] || fail "entries from boundary lines: $got, the demo's polygons give $want"
[ "$(json lines.json 'sorted(x["name"] for x in d["districts"])')" = "$(json demo.json 'sorted(x["name"] for x in d["districts"])')" ] \
    || fail "district names: $(json lines.json '[x["name"] for x in d["districts"]]')"
"$CORDON" import ws-json.gpkg --boundary-lines lines.shp --roads demo/roads.shp --json > import.json
[ "$(json import.json 'd["polygonized"]["areas"]')" = 5 ] || fail "JSON polygonized.areas"
[ "$(json import.json 'd["polygonized"]["naming"]')" = "numbered 片区1..5 (north to south, west to east)" ] || fail "JSON naming"

# A --boundary of lines is polygonised too, and says so; labels name the districts.
ogr2ogr -f GeoJSON labels.geojson demo/districts.shp -dialect sqlite -sql 'SELECT ST_PointOnSurface(geometry) AS geometry, "名称" AS name FROM districts' \
    -t_srs EPSG:4326 -oo ENCODING=CP936 2>/dev/null
"$CORDON" import ws2.gpkg --boundary lines.shp --roads demo/roads.shp --district-labels labels.geojson > import2.txt \
    || { cat import2.txt; fail "import with a --boundary of lines"; }
grep -q '^districts named from label points: 5 of 5 areas' import2.txt || { cat import2.txt; fail "labels"; }
"$CORDON" analyze ws2.gpkg --json > ws2.json
[ "$(json ws2.json 'd["entries_total"]')" = "$want" ] || fail "entries with a --boundary of lines"

# Any point layer GDAL reads, and an XLSX village list.
"$CORDON" import ws3.gpkg --boundary demo/boundary.shp --roads demo/roads.shp --villages villages.geojson > import3.txt \
    || { cat import3.txt; fail "GeoJSON villages"; }
grep -q '^villages .* 20 of 20 features' import3.txt || { cat import3.txt; fail "GeoJSON villages kept"; }
ogr2ogr -f XLSX villages.xlsx villages-utf8.csv 2>/dev/null
"$CORDON" import ws4.gpkg --boundary demo/boundary.shp --roads demo/roads.shp --villages villages.xlsx > import4.txt \
    || { cat import4.txt; fail "XLSX villages"; }
grep -q '^villages .* 20 of 20 features' import4.txt || { cat import4.txt; fail "XLSX villages kept"; }
"$CORDON" info ws4.gpkg > info4.txt 2>&1 || true

# Bad inputs: exit 2, one line, nothing written.
one_line_refusal() {  # LABEL TEXT ARGS...
    local label=$1 text=$2
    shift 2
    rm -f bad.gpkg
    expect_rc 2 "$label" "$CORDON" "$@" || true  # (errexit off inside: the refusal is the point)
    [ "$(wc -l < "$TMP/err")" = 1 ] || { cat "$TMP/err"; fail "$label: not one line"; }
    grep -qF -- "$text" "$TMP/err" || { cat "$TMP/err"; fail "$label: no '$text'"; }
    [ ! -e bad.gpkg ] || fail "$label: left bad.gpkg"
}
python3 - <<'EOF'
import json
ring = [[111.65, 35.15], [111.75, 35.15], [111.75, 35.25], [111.65, 35.25], [111.65, 35.1502]]
json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
           "geometry": {"type": "LineString", "coordinates": ring}}]}, open("open.geojson", "w"))
EOF
one_line_refusal "open lines" "open.geojson: boundary lines enclose no area: 2 dangling ends, nearest gap 22.2 m at 111.65000E 35.15000N; try --snap-lines 50" \
    import bad.gpkg --boundary-lines open.geojson --roads demo/roads.shp
printf '村名,户数\n甲,3\n' > nocoords.csv
one_line_refusal "no coordinate columns" "nocoords.csv: villages need 经度/纬度" \
    import bad.gpkg --boundary demo/boundary.shp --roads demo/roads.shp --villages nocoords.csv
one_line_refusal "bad --snap-lines" "--snap-lines" import bad.gpkg --boundary-lines lines.shp --roads demo/roads.shp --snap-lines ten
one_line_refusal "lines and districts" "not both" \
    import bad.gpkg --boundary demo/boundary.shp --boundary-lines lines.shp --districts demo/districts.shp --roads demo/roads.shp
echo "PASS"
