#!/usr/bin/env bash
# Districts and villages imported from the GUI from what townships often have: the districts'
# boundary lines dropped with --drop-role districts (polygonised, named from the villages' 片区)
# and a GBK village list CSV dropped with --drop-role villages. Fails without xvfb-run.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "${2:-.}" && pwd)
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
command -v ogr2ogr >/dev/null || { echo "FAIL: ogr2ogr is not installed (bash .ci/cordon test installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1
check="python3 $src/tests/e2e/png_check.py"
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
count() { ogrinfo -so "$1" "$2" | sed -n 's/.*Feature Count: //p'; }

"$build/cordon" demo "$tmp/demo" >/dev/null 2>&1
ws="$tmp/ws.gpkg"
cp "$tmp/demo/demo.gpkg" "$ws"
"$build/cordon" analyze "$ws" --json > "$tmp/before.json"
cd "$tmp"
ogr2ogr -f "ESRI Shapefile" lines.shp demo/districts.shp -nlt MULTILINESTRING -oo ENCODING=CP936 2>/dev/null
ogr2ogr -f GeoJSON villages.geojson demo/villages.shp -t_srs EPSG:4326 -oo ENCODING=CP936 2>/dev/null
python3 - <<'EOF'
import json
rows = ["村庄坐标表,,", "村名,经度,纬度"]
for f in json.load(open("villages.geojson"))["features"][:12]:
    lon, lat = f["geometry"]["coordinates"][:2]
    rows.append("%s,%.7f,%.7f" % (f["properties"]["名称"], lon, lat))
rows += ["无坐标村,,", "合计,12,"]
open("村庄.csv", "wb").write(("\r\n".join(rows) + "\r\n").encode("gbk"))
EOF

xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" "$ws" --lang en --drop "$tmp/lines.shp" --drop-role districts \
  --screenshot "$tmp/districts.png"
"$build/cordon" analyze "$ws" --json > "$tmp/after.json"
[ "$(json "$tmp/after.json" 'sorted(x["name"] for x in d["districts"])')" = "$(json "$tmp/before.json" 'sorted(x["name"] for x in d["districts"])')" ] \
    || fail "districts from lines: $(json "$tmp/after.json" '[x["name"] for x in d["districts"]]')"
[ "$(json "$tmp/after.json" 'd["entries_total"]')" = "$(json "$tmp/before.json" 'd["entries_total"]')" ] || fail "entries changed"

xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" "$ws" --lang en --drop "$tmp/村庄.csv" --drop-role villages \
  --screenshot "$tmp/villages.png"
[ "$(count "$ws" villages)" = 12 ] || fail "villages from the CSV: $(count "$ws" villages), expected 12"

# The dialog for a village list, its role chosen by hand (a screenshot of it is taken, then the window exits).
xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" "$ws" --lang zh --drop "$tmp/村庄.csv" --screenshot "$tmp/dialog.png"
for png in districts villages dialog; do
  test -s "$tmp/$png.png" || fail "no screenshot $png"
  [ "$($check colours "$tmp/$png.png")" -gt 20 ] || fail "$png.png looks blank"
done
[ -z "${KEEP_SCREENSHOTS:-}" ] || cp "$tmp"/*.png "$KEEP_SCREENSHOTS"/
echo "ok: 5 districts from lines, 12 villages from a GBK CSV"
