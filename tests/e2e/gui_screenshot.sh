#!/usr/bin/env bash
# The real map window under Xvfb at 1920x1080: --screenshot writes a PNG that is not blank,
# and --frames/--frame-log log one time per frame. Skips (77) without xvfb-run.
set -euo pipefail
build=$1
command -v xvfb-run >/dev/null || { echo "skipped: no xvfb-run"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1

xvfb-run -a -s '-screen 0 1920x1080x24' "$build/cordon" --screenshot "$tmp/map.png"
test -s "$tmp/map.png" || { echo "no screenshot written"; exit 1; }
python3 - "$tmp/map.png" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', data[16:24])
assert (w, h) == (1920, 1080), f'size {w}x{h}, expected the 1920x1080 work area'
# Decode (colour type 6, 8 bit) and count distinct colours over a coarse grid.
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IDAT': idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * 4 + 1
rows, prev = [], bytearray(w * 4)
for y in range(h):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - 4] if i >= 4 else 0
        b = prev[i]
        c = prev[i - 4] if i >= 4 else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
colours = {rows[y][x * 4:x * 4 + 3] for y in range(0, h, 20) for x in range(0, w, 20)}
assert len(colours) > 20, f'only {len(colours)} colours: the screenshot looks blank'
# The background outside the township shows in a corner below the menu bar.
corner = rows[h // 2][30 * 4:30 * 4 + 3]
print(f'screenshot {w}x{h}, {len(colours)} colours sampled')
PY

xvfb-run -a -s '-screen 0 1920x1080x24' "$build/cordon" --frames 30 --frame-log "$tmp/frames.txt" --camera-script pan-zoom
lines=$(wc -l < "$tmp/frames.txt")
[ "$lines" -eq 30 ] || { echo "frame log has $lines lines, expected 30"; exit 1; }
echo "frame log: $lines frames, median $(sort -n "$tmp/frames.txt" | sed -n 15p) ms"

# A workspace that is not one opens the window with a notice instead of crashing.
echo "not a workspace" > "$tmp/bad.gpkg"
xvfb-run -a -s '-screen 0 1920x1080x24' "$build/cordon" "$tmp/bad.gpkg" --screenshot "$tmp/bad.png"
test -s "$tmp/bad.png"
# A file dropped on the window replaces a layer through the import worker (--drop-role stands in
# for the dialog's Import button); the window reloads it and the workspace file holds it.
"$build/cordon" demo "$tmp/demo" >/dev/null 2>&1
cp "$tmp/demo/demo.gpkg" "$tmp/ws.gpkg"
ogr2ogr -f GeoJSON "$tmp/some_roads.geojson" "$tmp/demo/roads.shp" -where "FID < 30" -t_srs EPSG:4326
xvfb-run -a -s '-screen 0 1920x1080x24' "$build/cordon" "$tmp/ws.gpkg" --drop "$tmp/some_roads.geojson" --drop-role roads \
  --screenshot "$tmp/imported.png"
test -s "$tmp/imported.png"
roads=$(sqlite3 "$tmp/ws.gpkg" "SELECT count(*) FROM roads")
source=$(sqlite3 "$tmp/ws.gpkg" "SELECT source || ' ' || features FROM cordon_layers WHERE name = 'roads'")
[ "$roads" = 30 ] || { echo "roads after the import: $roads, expected 30"; exit 1; }
[ "$source" = "some_roads.geojson 30" ] || { echo "cordon_layers says '$source'"; exit 1; }
echo ok
