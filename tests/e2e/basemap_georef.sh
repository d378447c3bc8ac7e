#!/usr/bin/env bash
# `cordon basemap WS georef`: a scanned paper map (a JPEG without coordinates, made with GDAL's
# tools) georeferenced from control points given as X,Y and as lon/lat; residuals and RMS printed,
# the GCPs kept and listed, a second georef replacing the first, bad control points refused with
# one line and the workspace unchanged, --link; then `cordon render` draws the scan under the roads.
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs gdal_create gdal_translate gdaltransform sha256sum python3
demo_ws
cp "$WS" "$T/ws.gpkg"
WS=$T/ws.gpkg
R=$T/scans
mkdir "$R"

# The scan: 600 x 400 pixels of one colour, no CRS, no world file.
gdal_create -q -of GTiff -outsize 600 400 -bands 3 -ot Byte -burn 40 -burn 160 -burn 220 "$R/blue.tif" || fail "gdal_create"
gdal_translate -q -of JPEG -co QUALITY=95 "$R/blue.tif" "$R/sheet.jpg" || fail "JPEG"
rm -f "$R"/sheet.jpg.aux.xml

# Control points: the scan covers twice the township's extent, turned 3 degrees (a sheet laid askew).
"$CORDON" info "$WS" --json >"$T/info.json" || fail "info"
python3 - "$T/info.json" >"$T/gcps.txt" <<'EOF'
import json, math, sys
box = [l for l in json.load(open(sys.argv[1]))[0]['layers'] if l['name'] == 'boundary'][0]['extent']
cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
size = 2.0 * max(box[2] - box[0], (box[3] - box[1]) * 1.5)
a = math.radians(3)
def to_map(p, l):
    u, v = (p / 600 - 0.5) * size, (0.5 - l / 400) * size / 1.5
    return cx + u * math.cos(a) - v * math.sin(a), cy + u * math.sin(a) + v * math.cos(a)
for p, l in [(20, 15), (580, 30), (570, 385), (35, 370), (300, 200)]:
    x, y = to_map(p, l)
    print(f"{p},{l},{x:.3f},{y:.3f}")
EOF
mapfile -t G <"$T/gcps.txt"

expect_rc 0 "georef from 4 control points" "$CORDON" basemap "$WS" georef "$R/sheet.jpg" --gcp "${G[0]}" --gcp "${G[1]}" \
    --gcp "${G[2]}" --gcp "${G[3]}"
[ "$(grep -c '^[1-4]	' "$TMP/out")" = 4 ] || fail "a residual line per point expected: $(cat "$TMP/out")"
grep -q "^RMS 0.00 px, 0.00 m (order 1)" "$TMP/out" || fail "RMS of exact points: $(cat "$TMP/out")"
grep -q "added basemap 'sheet' from 4 control points (embedded" "$TMP/out" || fail "what was done: $(cat "$TMP/out")"
"$CORDON" basemap "$WS" list --json >"$T/list.json" || fail "list"
[ "$(json "$T/list.json" '[(b["name"], b["kind"]) for b in d]')" = "[('sheet', 'embed')]" ] || fail "list: $(cat "$T/list.json")"
expect_rc 0 "gcps --json" "$CORDON" basemap "$WS" gcps sheet --json
cp "$TMP/out" "$T/gcps.json"
[ "$(json "$T/gcps.json" 'len(d["gcps"])')" = 4 ] || fail "4 GCPs kept: $(cat "$T/gcps.json")"
[ "$(json "$T/gcps.json" 'sorted(d["gcps"][0].keys())')" = "['line', 'pixel', 'residual_m', 'residual_px', 'x', 'y']" ] ||
    fail "gcps keys: $(cat "$T/gcps.json")"
[ "$(json "$T/gcps.json" 'd["gcps"][2]["pixel"], d["rms_px"] < 0.01, d["scan"].endswith("sheet.jpg")')" = "(570.0, True, True)" ] ||
    fail "gcps: $(cat "$T/gcps.json")"

# Again, one point as lon/lat and a fifth point 30 m off: it replaces the first, and the residuals show the bad point.
lonlat=$(echo "${G[3]}" | cut -d, -f3,4 | tr , ' ' | gdaltransform -s_srs EPSG:4546 -t_srs EPSG:4326 -output_xy | tr ' ' ,)
IFS=, read -r px py x y <<<"${G[4]}"
off="$px,$py,$(python3 -c "print($x + 30)"),$y"
expect_rc 0 "georef again with lon/lat and a bad point" "$CORDON" basemap "$WS" georef "$R/sheet.jpg" --gcp "${G[0]}" \
    --gcp "${G[1]}" --gcp "${G[2]}" --gcp-lonlat "35,370,$lonlat" --gcp "$off" --json
cp "$TMP/out" "$T/again.json"
[ "$(json "$T/again.json" 'd["replaced"], d["kind"], d["order_used"], len(d["gcps"])')" = "(True, 'embed', '1', 5)" ] ||
    fail "replaced: $(cat "$T/again.json")"
python3 - "$T/again.json" <<'EOF' || fail "the bad point is not the one with the largest residual"
import json, sys
d = json.load(open(sys.argv[1]))
r = [g["residual_m"] for g in d["gcps"]]
assert max(r) == r[4] and r[4] > 15 and d["rms_m"] > 5, r
assert abs(d["gcps"][3]["pixel"] - 35) < 1e-9, d["gcps"][3]
EOF
[ "$("$CORDON" basemap "$WS" list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] ||
    fail "the replaced basemap is still listed"

# Bad control points: one line, exit 2, the workspace unchanged.
before=$(sha256sum <"$WS")
expect_rc 2 "two points" "$CORDON" basemap "$WS" georef "$R/sheet.jpg" --gcp "${G[0]}" --gcp "${G[1]}" --name x
grep -q "at least 3 control points, 2 given" "$TMP/err" || fail "two points: $(cat "$TMP/err")"
IFS=, read -r _ _ x0 y0 <<<"${G[0]}"
expect_rc 2 "points on one line" "$CORDON" basemap "$WS" georef "$R/sheet.jpg" --gcp "0,0,$x0,$y0" \
    --gcp "100,100,$(python3 -c "print($x0 + 100)"),$(python3 -c "print($y0 + 100)")" \
    --gcp "200,200.1,$(python3 -c "print($x0 + 200)"),$(python3 -c "print($y0 + 200)")" --name x
grep -q "lie on one line on the scan" "$TMP/err" || fail "collinear: $(cat "$TMP/err")"
expect_rc 2 "the same point twice" "$CORDON" basemap "$WS" georef "$R/sheet.jpg" --gcp "${G[0]}" --gcp "${G[1]}" --gcp "${G[0]}" --name x
grep -q "control points 1 and 3 are the same point on the scan" "$TMP/err" || fail "duplicate: $(cat "$TMP/err")"
expect_rc 2 "order 2 with 4 points" "$CORDON" basemap "$WS" georef "$R/sheet.jpg" --gcp "${G[0]}" --gcp "${G[1]}" \
    --gcp "${G[2]}" --gcp "${G[3]}" --order 2 --name x
expect_rc 2 "a GCP that is not four numbers" "$CORDON" basemap "$WS" georef "$R/sheet.jpg" --gcp 1,2,3 --name x
grep -q -- "--gcp takes four numbers PX,PY,X,Y, not '1,2,3'" "$TMP/err" || fail "bad --gcp: $(cat "$TMP/err")"
expect_rc 2 "a scan that is not there" "$CORDON" basemap "$WS" georef "$R/gone.jpg" --gcp "${G[0]}" --gcp "${G[1]}" --gcp "${G[2]}"
grep -q "gone.jpg: no such file" "$TMP/err" || fail "missing scan: $(cat "$TMP/err")"
expect_rc 2 "gcps of a basemap that is not there" "$CORDON" basemap "$WS" gcps nothing
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "not one line: $(cat "$TMP/err")"
[ "$(sha256sum <"$WS")" = "$before" ] || fail "a refused georef changed the workspace"

# --link: the scan stays where it is, with its two VRTs beside it.
cp "$T/demo/demo.gpkg" "$T/link.gpkg"
expect_rc 0 "georef --link" "$CORDON" basemap "$T/link.gpkg" georef "$R/sheet.jpg" --name 纸图 --link --gcp "${G[0]}" \
    --gcp "${G[1]}" --gcp "${G[2]}" --gcp "${G[3]}" --order tps
[ -f "$R/纸图.gcps.vrt" ] && [ -f "$R/纸图.warped.vrt" ] || fail "the VRTs beside the scan: $(ls "$R")"
[ "$("$CORDON" basemap "$T/link.gpkg" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["kind"])')" = link ] ||
    fail "not linked"
# The scan moved away (its VRTs stay): named as missing, with the path expected and the way out.
expect_rc 0 "render with the linked scan" "$CORDON" render "$T/link.gpkg" --engine cpu --out "$T/linked.png" --size 800x600
mv "$R/sheet.jpg" "$R/sheet-moved.jpg"
expect_rc 0 "list with the scan moved" "$CORDON" basemap "$T/link.gpkg" list --json
[ "$(json "$TMP/out" 'd[0]["missing"]')" = True ] || fail "a moved scan is not marked missing: $(cat "$TMP/out")"
refused "basemap '纸图': the file $R/sheet.jpg it reads (linked through 纸图.warped.vrt) is gone; put it back, add it again, or remove the basemap (cordon basemap link.gpkg remove 纸图)" \
    "$CORDON" render "$T/link.gpkg" --engine cpu --out "$T/linked.png" --size 800x600
if grep -q "cannot be read" "$T/err"; then fail "a moved scan reported as unreadable: $(cat "$T/err")"; fi
mv "$R/sheet-moved.jpg" "$R/sheet.jpg"

# The pixel test: the scan's colour where nothing else is drawn, the roads on top of it.
cp "$T/demo/demo.gpkg" "$T/none.gpkg"
"$CORDON" render "$T/none.gpkg" --engine cpu --out "$T/plain.png" --size 1200x900 --returnees off >/dev/null 2>&1 || fail "render without"
expect_rc 0 "render with the scan" "$CORDON" render "$WS" --engine cpu --out "$T/scan.png" --size 1200x900 --returnees off
python3 "$SRC/tests/e2e/png_check.py" under "$T/plain.png" "$T/scan.png" 40 160 220 12 || fail "the scan is not under the vectors"
echo "PASS"
