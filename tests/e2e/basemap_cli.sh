#!/usr/bin/env bash
# `cordon basemap`: every raster format GDAL's tools make (GeoTIFF in another CRS, COG, MBTiles,
# GeoPackage tiles, PNG with a world file), embedded and linked, a missing linked file, bad inputs,
# list --json, order, set, remove; then `cordon render` draws the basemap under the roads.
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs gdal_create gdal_translate gdaladdo sqlite3 python3
demo_ws
cp "$WS" "$T/ws.gpkg"
WS=$T/ws.gpkg
R=$T/rasters
mkdir "$R"

# Rasters around the demo township (111.6E 35.2N) in Web Mercator; the workspace is CGCS2000 GK (EPSG:4546).
BOX="-a_ullr 12410000 4215000 12457000 4170000"
gdal_create -q -of GTiff -outsize 400 400 -bands 3 -ot Byte -burn 40 -burn 160 -burn 220 -a_srs EPSG:3857 $BOX "$R/blue.tif" ||
    fail "gdal_create"
gdal_translate -q -of COG -co OVERVIEWS=AUTO -co BLOCKSIZE=256 -outsize 1024 1024 "$R/blue.tif" "$R/cog.tif" || fail "COG"
gdal_translate -q -of MBTILES "$R/blue.tif" "$R/tiles.mbtiles" && gdaladdo -q "$R/tiles.mbtiles" 2 4 || fail "MBTiles"
gdal_translate -q -of GPKG "$R/blue.tif" "$R/tiles.gpkg" || fail "GPKG tiles"
gdal_translate -q -of PNG -co WORLDFILE=YES "$R/blue.tif" "$R/scan.png" || fail "PNG"
mv "$R/scan.wld" "$R/scan.pgw"
rm -f "$R/scan.png.aux.xml"  # only the world file: the CRS must be given
gdal_translate -q -of JPEG -co WORLDFILE=YES "$R/blue.tif" "$R/photo.jpg" || fail "JPEG"
mv "$R/photo.wld" "$R/photo.jgw"

expect_rc 0 "embed a GeoTIFF in EPSG:3857" "$CORDON" basemap "$WS" add "$R/blue.tif" --embed --name 影像
grep -q "embedded, EPSG:3857" "$TMP/out" || fail "add does not say what it did: $(cat "$TMP/out")"
expect_rc 0 "link a COG" "$CORDON" basemap "$WS" add "$R/cog.tif" --link
expect_rc 0 "MBTiles" "$CORDON" basemap "$WS" add "$R/tiles.mbtiles"
expect_rc 0 "GeoPackage tiles" "$CORDON" basemap "$WS" add "$R/tiles.gpkg" --name gpkg
expect_rc 2 "a PNG without a CRS" "$CORDON" basemap "$WS" add "$R/scan.png"
grep -q -- "--crs" "$TMP/err" || fail "no hint of --crs: $(cat "$TMP/err")"
expect_rc 0 "a PNG with a world file and --crs" "$CORDON" basemap "$WS" add "$R/scan.png" --crs EPSG:3857
expect_rc 0 "a JPEG with a world file (and its .aux.xml CRS)" "$CORDON" basemap "$WS" add "$R/photo.jpg" --link

"$CORDON" basemap "$WS" list --json >"$T/list.json" || fail "list --json"
[ "$(json "$T/list.json" 'len(d)')" = 6 ] || fail "6 basemaps expected: $(cat "$T/list.json")"
[ "$(json "$T/list.json" 'sorted(d[0].keys())')" = \
  "['brightness', 'extent', 'id', 'kind', 'missing', 'name', 'opacity', 'order', 'source', 'source_crs']" ] ||
    fail "list --json keys: $(json "$T/list.json" 'sorted(d[0].keys())')"
[ "$(json "$T/list.json" '[b["kind"] for b in d]')" = "['embed', 'link', 'embed', 'embed', 'embed', 'link']" ] ||
    fail "kinds: $(json "$T/list.json" '[b["kind"] for b in d]')"
# Each basemap's extent, in the working CRS, covers the township.
"$CORDON" info "$WS" --json >"$T/info.json"
python3 - "$T/list.json" "$T/info.json" <<'EOF' || fail "a basemap's extent does not cover the township"
import json, sys
maps = json.load(open(sys.argv[1]))
box = [l for l in json.load(open(sys.argv[2]))[0]['layers'] if l['name'] == 'boundary'][0]['extent']
for m in maps:
    e = m['extent']
    assert e[0] < box[0] and e[1] < box[1] and e[2] > box[2] and e[3] > box[3], (m['name'], e, box)
EOF
# Embedded tiles leave a workspace Cordon still opens for edits and that holds no foreign trigger.
[ "$(json "$T/info.json" 'len(d[0]["foreign_triggers"])')" = 0 ] || fail "foreign triggers after embedding"
expect_rc 0 "a scenario after embedding" "$CORDON" scenario "$WS" create "方案 A"

expect_rc 0 "order" "$CORDON" basemap "$WS" order scan 影像
[ "$(cut -f2 "$TMP/out" | tr '\n' ' ')" = "scan 影像 cog tiles gpkg photo " ] || fail "order: $(cat "$TMP/out")"
expect_rc 0 "remove" "$CORDON" basemap "$WS" remove tiles
[ "$(sqlite3 "$WS" "SELECT count(*) FROM sqlite_master WHERE name = 'basemap_3'")" = 0 ] || fail "tile table left behind"
expect_rc 2 "remove an unknown basemap" "$CORDON" basemap "$WS" remove nothing
expect_rc 2 "opacity out of range" "$CORDON" basemap "$WS" set gpkg --opacity 2
expect_rc 0 "set" "$CORDON" basemap "$WS" set gpkg --opacity 0.5 --brightness 0.3
[ "$("$CORDON" basemap "$WS" list --json | python3 -c 'import json,sys; print([b["opacity"] for b in json.load(sys.stdin) if b["name"] == "gpkg"][0])')" = 0.5 ] ||
    fail "opacity not stored"

# Bad inputs: one line, exit 2, the workspace unchanged.
before=$(sha256sum <"$WS")
echo "not a raster" >"$R/text.tif"
head -c 3000 "$R/blue.tif" >"$R/cut.tif"
gdal_create -q -of GTiff -outsize 10 10 -bands 3 "$R/nogeo.tif"
gdal_create -q -of GTiff -outsize 10 10 -bands 1 -ot Float32 -a_srs EPSG:3857 $BOX "$R/dem.tif"
for bad in text.tif cut.tif nogeo.tif dem.tif missing.tif; do
    expect_rc 2 "bad input $bad" "$CORDON" basemap "$WS" add "$R/$bad" --embed
    [ "$(wc -l <"$TMP/err")" = 1 ] || fail "$bad: not one line: $(cat "$TMP/err")"
    grep -q "$bad" "$TMP/err" || fail "$bad: the message does not name the file: $(cat "$TMP/err")"
done
expect_rc 2 "both --embed and --link" "$CORDON" basemap "$WS" add "$R/blue.tif" --embed --link
expect_rc 2 "a name taken" "$CORDON" basemap "$WS" add "$R/blue.tif" --name 影像
[ "$(sha256sum <"$WS")" = "$before" ] || fail "a refused add changed the workspace"

# A linked file gone: list marks it, render names it (exit 2), other commands still work.
mv "$R/cog.tif" "$R/cog-moved.tif"
expect_rc 0 "list with a missing file" "$CORDON" basemap "$WS" list --json
[ "$(json "$TMP/out" '[b["missing"] for b in d if b["name"] == "cog"][0]')" = True ] || fail "missing not marked"
expect_rc 2 "render with a missing linked basemap" "$CORDON" render "$WS" --out "$T/x.png" --size 800x600
grep -q "cog.tif is gone" "$TMP/err" || fail "no clear message: $(cat "$TMP/err")"
expect_rc 0 "analyze with a missing linked basemap" "$CORDON" analyze "$WS"
mv "$R/cog-moved.tif" "$R/cog.tif"

# A workspace imported again (--replace) keeps its basemaps: the embedded one embedded again with
# its look, the linked one linked; one whose linked file is gone is named, and the import goes on.
D=$T/demo
cp "$D/demo.gpkg" "$T/keep.gpkg"
"$CORDON" basemap "$T/keep.gpkg" add "$R/blue.tif" --embed --name 影像 >/dev/null || fail "embed for the re-import"
"$CORDON" basemap "$T/keep.gpkg" set 影像 --opacity 0.4 >/dev/null || fail "set for the re-import"
"$CORDON" basemap "$T/keep.gpkg" add "$R/cog.tif" --link --name 链接 >/dev/null || fail "link for the re-import"
cp "$R/blue.tif" "$R/gone.tif"
"$CORDON" basemap "$T/keep.gpkg" add "$R/gone.tif" --link --name 将丢失 >/dev/null || fail "link gone.tif"
rm "$R/gone.tif"
expect_rc 0 "import --replace of a workspace with basemaps" "$CORDON" import "$T/keep.gpkg" --replace --json \
    --boundary "$D/boundary.shp" --districts "$D/districts.shp" --roads "$D/roads.shp" --villages "$D/villages.shp"
cp "$TMP/out" "$T/reimport.json"
[ "$(json "$T/reimport.json" 'd["plans"]["basemaps_kept"]')" = 2 ] || fail "two basemaps kept: $(cat "$T/reimport.json")"
json "$T/reimport.json" 'd["plans"]["basemaps_lost"][0]' | grep -q "^将丢失: gone.tif" || fail "the lost one not named"
"$CORDON" basemap "$T/keep.gpkg" list --json >"$T/kept.json" || fail "list after the re-import"
[ "$(json "$T/kept.json" '[(b["name"], b["kind"], round(b["opacity"], 2)) for b in d]')" = "[('影像', 'embed', 0.4), ('链接', 'link', 1.0)]" ] ||
    fail "basemaps after the re-import: $(cat "$T/kept.json")"
expect_rc 0 "render after the re-import" "$CORDON" render "$T/keep.gpkg" --out "$T/kept.png" --size 800x600

# Two files of the same name in different folders: the second gets a name of its own (map_2),
# embedded or linked, and its tiles an identifier of their own; a --name that is taken is refused.
mkdir "$R/a" "$R/b"
cp "$R/blue.tif" "$R/a/map.tif"
cp "$R/blue.tif" "$R/b/map.tif"
cp "$T/demo/demo.gpkg" "$T/alike.gpkg"
expect_rc 0 "add a/map.tif" "$CORDON" basemap "$T/alike.gpkg" add "$R/a/map.tif"
expect_rc 0 "add b/map.tif" "$CORDON" basemap "$T/alike.gpkg" add "$R/b/map.tif"
grep -q "added basemap 'map_2'" "$TMP/out" || fail "the second map.tif is not map_2: $(cat "$TMP/out")"
expect_rc 0 "link b/map.tif" "$CORDON" basemap "$T/alike.gpkg" add "$R/b/map.tif" --link
grep -q "added basemap 'map_3'" "$TMP/out" || fail "the third map.tif is not map_3: $(cat "$TMP/out")"
expect_rc 0 "a basemap named as a layer" "$CORDON" basemap "$T/alike.gpkg" add "$R/b/map.tif" --name roads
refused "a basemap named 'map_2' exists already; give another --name, or remove it first" \
    "$CORDON" basemap "$T/alike.gpkg" add "$R/a/map.tif" --name map_2
[ "$("$CORDON" basemap "$T/alike.gpkg" list --json | python3 -c 'import json,sys; print(sorted(b["name"] for b in json.load(sys.stdin)))')" = \
    "['map', 'map_2', 'map_3', 'roads']" ] || fail "basemaps of files named alike: $("$CORDON" basemap "$T/alike.gpkg" list)"
[ "$(sqlite3 "$T/alike.gpkg" "SELECT count(DISTINCT identifier) = count(*) FROM gpkg_contents")" = 1 ] || fail "identifiers repeat"
expect_rc 0 "render with the basemaps of files named alike" "$CORDON" render "$T/alike.gpkg" --out "$T/alike.png" --size 800x600 --engine cpu

# The pixel test, for either drawing path: with only the blue basemap, the map's empty places are
# its colour and the roads lie on it.
cp "$T/demo/demo.gpkg" "$T/one.gpkg"
expect_rc 0 "add the basemap" "$CORDON" basemap "$T/one.gpkg" add "$R/blue.tif" --name 影像
cp "$T/demo/demo.gpkg" "$T/none.gpkg"
for engine in cpu gl; do
"$CORDON" render "$T/none.gpkg" --engine $engine --out "$T/plain.png" --size 1200x900 --returnees off >/dev/null 2>&1 ||
    fail "render without ($engine)"
expect_rc 0 "render with the basemap ($engine)" "$CORDON" render "$T/one.gpkg" --engine $engine --out "$T/basemap.png" --size 1200x900 --returnees off
python3 "$SRC/tests/e2e/png_check.py" under "$T/plain.png" "$T/basemap.png" 40 160 220 10 ||
    fail "the basemap is not under the vectors ($engine)"
done
echo "PASS"
