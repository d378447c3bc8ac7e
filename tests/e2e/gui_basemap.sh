#!/usr/bin/env bash
# The map window under Xvfb draws a workspace's basemap under the vectors, and a linked basemap
# whose file is gone leaves the map drawn (without it) and a notice, not a failure.
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs xvfb-run gdal_create python3
export LIBGL_ALWAYS_SOFTWARE=1
demo_ws
cp "$WS" "$T/ws.gpkg"
gdal_create -q -of GTiff -outsize 300 300 -bands 3 -ot Byte -burn 40 -burn 160 -burn 220 -a_srs EPSG:3857 \
    -a_ullr 12410000 4215000 12457000 4170000 "$T/blue.tif" || fail "gdal_create"
expect_rc 0 "link the basemap" "$CORDON" basemap "$T/ws.gpkg" add "$T/blue.tif" --link

# blue_pixels PNG: how many pixels are the basemap's colour.
blue_pixels() {
    python3 - "$SRC/tests/e2e" "$1" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import png_check
w, h, bpp, rows = png_check.decode(sys.argv[2])
n = 0
for y in range(0, h, 2):
    r = rows[y]
    for x in range(0, w, 2):
        p = r[x * bpp:x * bpp + 3]
        n += abs(p[0] - 40) <= 8 and abs(p[1] - 160) <= 8 and abs(p[2] - 220) <= 8
print(n)
PY
}

timeout 180 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$CORDON" "$T/ws.gpkg" --size 1600x1000 --screenshot "$T/map.png" \
    >/dev/null 2>&1 || fail "the window with a basemap"
[ -s "$T/map.png" ] || fail "no screenshot"
n=$(blue_pixels "$T/map.png")
[ "$n" -gt 20000 ] || fail "the basemap is not drawn under the map ($n of its pixels sampled)"
echo "with the basemap: $n basemap pixels sampled"

mv "$T/blue.tif" "$T/gone.tif"
timeout 180 xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$CORDON" "$T/ws.gpkg" --size 1600x1000 --screenshot "$T/gone.png" \
    >/dev/null 2>&1 || fail "the window with a linked file gone"
[ -s "$T/gone.png" ] || fail "no screenshot with the file gone"
n=$(blue_pixels "$T/gone.png")
[ "$n" -lt 1000 ] || fail "a basemap is drawn though its file is gone ($n pixels)"
colours=$(python3 "$SRC/tests/e2e/png_check.py" colours "$T/gone.png")
[ "$colours" -gt 20 ] || fail "the map is blank with the file gone ($colours colours)"
echo "PASS"
