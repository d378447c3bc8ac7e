#!/usr/bin/env bash
# The real map window under Xvfb at 1920x1080: --screenshot writes a PNG that is not blank,
# and --frames/--frame-log log one time per frame. Fails without xvfb-run.
set -euo pipefail
build=$1
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1

xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" --screenshot "$tmp/map.png"
test -s "$tmp/map.png" || { echo "no screenshot written"; exit 1; }
check="python3 $2/tests/e2e/png_check.py"
read -r w h < <($check size "$tmp/map.png")
[ "$w $h" = "1920 1080" ] || { echo "screenshot is ${w}x$h, expected the 1920x1080 work area"; exit 1; }
colours=$($check colours "$tmp/map.png")
[ "$colours" -gt 20 ] || { echo "only $colours colours: the screenshot looks blank"; exit 1; }
echo "screenshot ${w}x$h, $colours colours sampled"

xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" --frames 30 --frame-log "$tmp/frames.txt" --camera-script pan-zoom
lines=$(wc -l < "$tmp/frames.txt")
[ "$lines" -eq 30 ] || { echo "frame log has $lines lines, expected 30"; exit 1; }
echo "frame log: $lines frames, median $(sort -n "$tmp/frames.txt" | sed -n 15p) ms"

# A workspace that is not one opens the window with a notice instead of crashing.
echo "not a workspace" > "$tmp/bad.gpkg"
xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" "$tmp/bad.gpkg" --screenshot "$tmp/bad.png"
test -s "$tmp/bad.png"
# Dropping a file GDAL cannot read shows a notice; the window stays up.
echo "garbage" > "$tmp/garbage.shp"
xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" --drop "$tmp/garbage.shp" --drop-role roads --screenshot "$tmp/garbage.png"
test -s "$tmp/garbage.png"

# A file dropped on the window replaces a layer through the import worker (--drop-role stands in
# for the dialog's Import button); the window reloads it and the workspace file holds it.
"$build/cordon" demo "$tmp/demo" >/dev/null 2>&1
cp "$tmp/demo/demo.gpkg" "$tmp/ws.gpkg"
ogr2ogr -f GeoJSON "$tmp/some_roads.geojson" "$tmp/demo/roads.shp" -where "FID < 30" -t_srs EPSG:4326
xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" "$tmp/ws.gpkg" --drop "$tmp/some_roads.geojson" --drop-role roads \
  --screenshot "$tmp/imported.png"
test -s "$tmp/imported.png"
roads=$(sqlite3 "$tmp/ws.gpkg" "SELECT count(*) FROM roads")
source=$(sqlite3 "$tmp/ws.gpkg" "SELECT source || ' ' || features FROM cordon_layers WHERE name = 'roads'")
[ "$roads" = 30 ] || { echo "roads after the import: $roads, expected 30"; exit 1; }
[ "$source" = "some_roads.geojson 30" ] || { echo "cordon_layers says '$source'"; exit 1; }
echo ok
