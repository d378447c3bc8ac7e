#!/usr/bin/env bash
# Hostile and careless command lines: each gets exit status 2 and one true line on stderr (no raw
# GDAL lines), nothing is stored, JSON stays valid UTF-8; out of memory exits 1, not 2.
# usage: hostile_cli.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
build=$BUILD src=$SRC cordon=$CORDON work=$T
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$cordon" demo demo >/dev/null 2>&1 || { echo "FAIL: cordon demo"; exit 1; }
ws=demo/demo.gpkg
"$cordon" scenario $ws create "方案一 Plan A" >/dev/null || fail "scenario create"

# expect STATUS LABEL WORDS -- cordon ARGS...: that exit status, one stderr line holding WORDS.
expect() {
  local status=$1 label=$2 words=$3
  shift 4
  env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 "$cordon" "$@" >stdout.txt 2>stderr.txt
  local rc=$? lines
  lines=$(wc -l <stderr.txt)
  if [ "$rc" -ne "$status" ]; then fail "$label: exit $rc, expected $status ($(head -c 300 stderr.txt))"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$label: $lines stderr lines, expected 1: $(cat stderr.txt)"; return; fi
  grep -qF -- "$words" stderr.txt || { fail "$label: expected '$words' in: $(cat stderr.txt)"; return; }
  echo "ok   $label: $(cat stderr.txt)"
}
is_utf8() { python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' 2>/dev/null; }

# Names that are not UTF-8 are refused; what is stored stays valid.
expect 2 "scenario name not UTF-8" "scenario name is not valid UTF-8 (byte 4, after 'bad')" -- scenario $ws create $'bad\xff'
"$cordon" scenario $ws list --json | is_utf8 || fail "scenario list --json is not UTF-8"
"$cordon" scenario $ws list --json | grep -q 'bad' && fail "the refused name was stored"
expect 2 "checkpoint name not UTF-8" "checkpoint text is not valid UTF-8" -- \
  checkpoint $ws --scenario "方案一 Plan A" add --at 111.70,35.20 --name $'\xb6\xab\xd4\xab\xbf\xa8\xbf\xda'

# An empty --scenario is not "the first scenario".
expect 2 'empty --scenario' '--scenario needs a value, not ""' -- checkpoint $ws --scenario "" list
expect 2 'empty --scenario (render)' '--scenario needs a value' -- render $ws --scenario= --out map.png --size 800x600

# Checkpoint fields that cannot be.
expect 2 "hours out of range" "--hours must be HH:MM-HH:MM" -- checkpoint $ws --scenario "方案一 Plan A" add --at 111.70,35.20 --hours 25:99-99:99
expect 2 "off-road at 0,0" "an off-road checkpoint must be within 20 km" -- checkpoint $ws --scenario "方案一 Plan A" add --at 0,0 --off-road
"$cordon" checkpoint $ws --scenario "方案一 Plan A" add --at 111.70,35.20 --hours 06:00-12:00,14:00-22:00 >/dev/null ||
  fail "two shifts of hours refused"
"$cordon" checkpoint $ws --scenario "方案一 Plan A" list --json | is_utf8 || fail "checkpoint list --json is not UTF-8"
[ "$("$cordon" checkpoint $ws --scenario "方案一 Plan A" list --json | grep -o '"id"' | wc -l)" = 1 ] ||
  fail "refused checkpoints were stored"

# A page too small for its map names the smallest that fits, and that size renders.
expect 2 "render 320x240" "320x240 is too small" -- render $ws --out small.png --size 320x240
size=$(grep -o 'give --size [0-9]*x[0-9]*' stderr.txt | grep -o '[0-9]*x[0-9]*')
[ -n "$size" ] || fail "render 320x240: no size suggested"
[ -e small.png ] && fail "render 320x240 wrote small.png"
if [ -n "$size" ]; then
  env -u DISPLAY -u WAYLAND_DISPLAY "$cordon" render $ws --out fits.png --size "$size" >/dev/null 2>&1 ||
    fail "the suggested size $size does not render"
fi

# A UTF-8 register with one line pasted from a GBK file: that line named, no raw GDAL warning.
python3 - <<'EOF'
lines = open("demo/returnees.csv", encoding="utf-8").read().splitlines()
body = "\n".join(lines[:5]).encode() + b"\n" + lines[5].encode("gbk") + b"\n" + "\n".join(lines[6:]).encode() + b"\n"
open("mixed.csv", "wb").write(body)
EOF
expect 2 "UTF-8 register with a GBK line" "mixed.csv: line 6 is not UTF-8" -- returnees $ws --csv mixed.csv

# A spreadsheet bomb is refused before it is inflated.
expect 2 "XLSX cell bomb" "more than Excel allows; refused before reading it" -- returnees $ws --csv "$src/tests/data/hostile/cell-bomb.xlsx"
expect 2 "XLSX cell bomb (info)" "more than Excel allows; refused before reading it" -- info "$src/tests/data/hostile/cell-bomb.xlsx"
expect 2 "XLSX of 1.1M rows" "holds over 1048576 rows" -- returnees $ws --csv "$src/tests/data/hostile/many-rows.xlsx"

# Roads that never reach the boundary.
echo '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X513县道"},"geometry":{"type":"LineString","coordinates":[[111.80,35.20],[111.85,35.22]]}}]}' >outside.geojson
expect 2 "roads outside the boundary" "no road reaches the township boundary" -- import out.gpkg --boundary demo/boundary.shp --roads outside.geojson
[ -e out.gpkg ] && fail "import of roads outside the boundary wrote out.gpkg"

# A road whose geometry is damaged in the workspace: left out, and said so.
cp $ws damaged.gpkg
sqlite3 damaged.gpkg "DROP TRIGGER rtree_roads_geom_update1; DROP TRIGGER rtree_roads_geom_update2;
  DROP TRIGGER rtree_roads_geom_update3; DROP TRIGGER rtree_roads_geom_update4;
  UPDATE roads SET geom = substr(geom, 1, 12) WHERE fid = 3" || fail "sqlite3"
"$cordon" analyze damaged.gpkg >stdout.txt 2>stderr.txt || fail "analyze of a damaged road: exit $?"
grep -q "analyze: warning: roads: 1 row with a damaged geometry left out (fid 3)" stderr.txt &&
  echo "ok   damaged road: $(cat stderr.txt)" || fail "damaged road: no warning: $(cat stderr.txt)"

# Out of memory is an internal error (1), not bad input (2): a 1 GB register under a 800 MB limit.
# AddressSanitizer reserves terabytes of address space, so a sanitizer build cannot run under ulimit -v.
if ldd "$cordon" 2>/dev/null | grep -q libasan; then
    echo "ok   out of memory: not checked in a sanitizer build (ulimit -v stops AddressSanitizer itself)"
else
    truncate -s 1G huge.csv
    (ulimit -v 800000 && exec "$cordon" returnees $ws --csv huge.csv) >stdout.txt 2>stderr.txt
    rc=$?
    if [ "$rc" = 1 ] && grep -q "internal error: out of memory" stderr.txt; then echo "ok   out of memory: exit 1: $(cat stderr.txt)"
    else fail "out of memory: exit $rc: $(cat stderr.txt)"; fi
    rm -f huge.csv
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all hostile command lines refused as they should be"
