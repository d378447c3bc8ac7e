#!/usr/bin/env python3
"""Pixel checks on screenshots for the e2e scripts (no third-party modules).

png_check.py size FILE               prints WIDTH HEIGHT
png_check.py colours FILE            prints how many distinct colours a coarse grid samples
png_check.py box FILE R G B [TOL]    prints the bounding box and count of pixels of that colour
png_check.py pixel FILE X Y          prints the R G B of one pixel
png_check.py under PLAIN BASED R G B [TOL]
                                     a render without a basemap and one with it: where the plain one is
                                     the empty map's grey, the other is R G B; the national road's fill is
                                     the same in both (drawn on top); prints the counts
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f'{path}: not a PNG')
    w, h, depth, ctype = struct.unpack('>IIBB', data[16:26])
    if depth != 8 or ctype not in (2, 6):
        sys.exit(f'{path}: expected 8-bit RGB or RGBA')
    bpp = 4 if ctype == 6 else 3
    pos, idat = 8, bytearray()
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        if kind == b'IDAT':
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(bytes(idat))
    stride = w * bpp + 1
    rows, prev = [], bytearray(w * bpp)
    for y in range(h):
        f = raw[y * stride]
        line = bytearray(raw[y * stride + 1:(y + 1) * stride])
        if f == 1:
            for i in range(bpp, len(line)):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(len(line)):
                a = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + (a + prev[i]) // 2) & 255
        elif f == 4:
            for i in range(len(line)):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


EMPTY_MAP = (226, 229, 231)
NATIONAL_ROAD = (246, 190, 70)


def under(plain_path, based_path, colour, tol):
    w, h, bpp, plain = decode(plain_path)
    _, _, bpp2, based = decode(based_path)
    px = lambda rows, b, x, y: tuple(rows[y][x * b:x * b + 3])
    empty = roads = 0
    for y in range(0, h, 3):
        for x in range(0, w, 3):
            a, b = px(plain, bpp, x, y), px(based, bpp2, x, y)
            if a == EMPTY_MAP:  # nothing drawn there without the basemap
                assert all(abs(p - q) <= tol for p, q in zip(b, colour)), ('not the basemap colour', x, y, b)
                empty += 1
            elif a == NATIONAL_ROAD:
                assert b == a, ('the road is not on top', x, y, b)
                roads += 1
    assert empty > 5000 and roads > 50, (empty, roads)
    print('basemap pixels', empty, 'road pixels', roads)


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == 'under':
        under(path, sys.argv[3], tuple(int(v) for v in sys.argv[4:7]), int(sys.argv[7]) if len(sys.argv) > 7 else 10)
        return
    w, h, bpp, rows = decode(path)
    if cmd == 'size':
        print(w, h)
    elif cmd == 'colours':
        print(len({rows[y][x * bpp:x * bpp + 3] for y in range(0, h, 20) for x in range(0, w, 20)}))
    elif cmd == 'box':
        r, g, b = (int(v) for v in sys.argv[3:6])
        tol = int(sys.argv[6]) if len(sys.argv) > 6 else 30
        x0, y0, x1, y1, n = w, h, -1, -1, 0
        for y in range(h):
            row = rows[y]
            for x in range(w):
                i = x * bpp
                if abs(row[i] - r) <= tol and abs(row[i + 1] - g) <= tol and abs(row[i + 2] - b) <= tol:
                    n += 1
                    x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
        print(x0, y0, x1, y1, n)
    elif cmd == 'pixel':
        x, y = int(sys.argv[3]), int(sys.argv[4])
        print(*rows[y][x * bpp:x * bpp + 3])


if __name__ == '__main__':
    main()
