#!/usr/bin/env bash
# The briefing view under Xvfb at 1920x1080 and 3840x2160: full screen, no editing chrome, the
# title, figure cards and legend drawn; the screenshots stay in BUILD/briefing-*.png to look at.
# Fails without xvfb-run.
set -euo pipefail
build=$1
src=$2
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
export LIBGL_ALWAYS_SOFTWARE=1
ws="$src/data/demo.gpkg"

for size in 1920x1080 3840x2160; do
    out="$build/briefing-$size.png"
    rm -f "$out"
    xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s "-screen 0 ${size}x24" "$build/cordon" "$ws" --briefing --scenario "方案一 Plan A" --screenshot "$out"
    test -s "$out" || { echo "no briefing screenshot at $size"; exit 1; }
    python3 - "$out" "$size" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', data[16:24])
assert f'{w}x{h}' == sys.argv[2], f'{w}x{h}: the briefing is not full screen at {sys.argv[2]}'
print(f'briefing {w}x{h}: {len(data)} bytes')
PY
done

# Pixels of the 1080p one (decoding the 4K one in Python takes too long for a test).
python3 - "$build/briefing-1920x1080.png" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
w, h = struct.unpack('>II', data[16:24])
ch = {6: 4, 2: 3}[data[25]]
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IDAT': idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * ch + 1
rows, prev = [], bytearray(w * ch)
for y in range(h):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - ch] if i >= ch else 0
        b = prev[i]
        c = prev[i - ch] if i >= ch else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
px = lambda x, y: tuple(rows[y][x * ch:x * ch + 3])
def bright(x0, y0, x1, y1):
    return sum(1 for y in range(y0, y1, 2) for x in range(x0, x1, 2) if min(px(x, y)) > 200)
# No menu bar: the top-left corner is the briefing's dark page, not ImGui's light menu.
assert max(px(3, 3)) < 80, f'top-left {px(3, 3)}: editing chrome is showing'
title = bright(20, 10, 900, 70)
cards = bright(int(w * 0.77), int(h * 0.12), w - 20, int(h * 0.6))
legend = bright(int(w * 0.77), int(h * 0.65), w - 20, h - 20)
print(f'bright pixels (1 in 4 sampled): title {title}, figure cards {cards}, legend {legend}')
assert title > 300, 'no title'
assert cards > 500, 'no figure cards'
assert legend > 300, 'no legend'
PY
echo ok
