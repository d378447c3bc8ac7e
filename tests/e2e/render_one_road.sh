#!/usr/bin/env bash
# A township whose roads have an extent of no width or no height (one straight north-south road,
# one east-west road): both engines draw the road's pixels (the GL one once culled them all).
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs python3 sqlite3

# Provincial roads in the working CRS itself, so that the line stays exactly straight.
road() {  # NAME X0 Y0 X1 Y1
    printf '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4546"}},"features":[{"type":"Feature","properties":{"highway":"primary"},"geometry":{"type":"LineString","coordinates":[[%s,%s],[%s,%s]]}}]}\n' \
        "$2" "$3" "$4" "$5" >"$T/$1.geojson"
}
road ns 563700 3891000 563700 3902000
road ew 558000 3896000 569000 3896000
for r in ns ew; do
    expect_rc 0 "import the $r road" "$CORDON" import "$T/$r.gpkg" --no-boundary --roads "$T/$r.geojson" --crs EPSG:4546
    # (the R-tree keeps float boxes rounded outwards: a few centimetres)
    extent=$(sqlite3 "$T/$r.gpkg" "SELECT max(maxx) - min(minx) < 1 OR max(maxy) - min(miny) < 1 FROM rtree_roads_geom")
    [ "$extent" = 1 ] || fail "the $r road's extent has width and height"
    for engine in cpu gl; do
        expect_rc 0 "render the $r road ($engine)" "$CORDON" render "$T/$r.gpkg" --engine $engine --out "$T/$r-$engine.png" \
            --size 800x600 --returnees off
        # The provincial road's fill colour (the legend's swatch has it too, 30 pixels), in a run
        # as long as the road across the map.
        read -r x0 y0 x1 y1 count < <(python3 "$SRC/tests/e2e/png_check.py" box "$T/$r-$engine.png" 250 222 120 6)
        [ "${count:-0}" -gt 300 ] || fail "the $r road is not drawn by the $engine engine ($count road pixels)"
        if [ "$r" = ns ]; then long=$((y1 - y0)); else long=$((x1 - x0)); fi
        [ "$long" -gt 300 ] || fail "the $r road drawn by the $engine engine is $long pixels long"
    done
done
echo "PASS"
