#!/usr/bin/env bash
# Bad inputs to `cordon info` and `cordon import`: exit 2, one stderr line naming the file, nothing left behind.
# usage: bad_inputs.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cli_init "$@"
cordon=$CORDON work=$T
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$cordon" demo demo >/dev/null 2>&1 || { echo "FAIL: cordon demo"; exit 1; }
mkdir inputs out
in=$work/inputs

# Files that are not what they claim to be.
echo "Dear colleagues, the list of returnees follows." > "$in/letter.txt"
cp "$in/letter.txt" "$in/letter.shp"
printf 'not a dbase file at all, just some words\n' > "$in/letter.dbf"
echo '[1, 2, 3]' > "$in/bare-array.geojson"
echo '[{"type": "Feature"}]' > "$in/feature-array.json"
: > "$in/empty.geojson"
: > "$in/empty.shp"
mkdir "$in/a-folder" && echo "notes" > "$in/a-folder/notes.txt"
mkdir "$in/empty-folder"
noise() { python3 -c "import random,sys; random.seed($2); sys.stdout.buffer.write(random.randbytes($1))"; }
noise 70000 1 > "$in/noise.gpkg"
# A .dbf whose header claims two billion records, beside nothing else.
printf '\x03\x7a\x01\x01\xff\xff\xff\x7f\x41\x00\x0a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00' > "$in/huge.dbf"
printf 'NAME\x00\x00\x00\x00\x00\x00\x00C\x00\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\r hello    hello   ' >> "$in/huge.dbf"
noise 300000 2 > "$in/garbage.dbf"

# Coordinates that contradict their CRS, or any sane range.
line() {  # line FILE CRS_MEMBER X1 Y1 X2 Y2
  echo "{\"type\":\"FeatureCollection\",$2\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"a\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[$3,$4],[$5,$6]]}}]}" > "$1"
}
utm49='"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32649"}},'
line "$in/lonlat-in-utm.geojson" "$utm49" 111.70 35.20 111.75 35.25
line "$in/metres-in-lonlat.geojson" "" 570000 3900000 575000 3905000
line "$in/far-away.geojson" "" 1e12 5e12 1.1e12 5e12
# The demo roads with a .prj that says UTM while the coordinates are degrees.
for ext in shp shx dbf cpg; do cp "demo/roads.$ext" "$in/roads-wrong-prj.$ext"; done
echo 'PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]' > "$in/roads-wrong-prj.prj"
# A boundary with no area: a ring along a line.
echo '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[111.70,35.20],[111.75,35.20],[111.80,35.20],[111.70,35.20]]]}}]}' > "$in/flat-boundary.geojson"

# expect_refusal LABEL FILE_NAMED -- cordon ARGS...
expect_refusal() {
  local label=$1 named=$2
  shift 3
  rm -rf out && mkdir out
  timeout 120 "$cordon" "$@" >stdout.txt 2>stderr.txt
  local rc=$?
  local lines
  lines=$(wc -l <stderr.txt)
  if [ "$rc" -ne 2 ]; then fail "$label: exit $rc, expected 2 ($(head -c 300 stderr.txt))"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$label: $lines stderr lines, expected 1:"; cat stderr.txt; return; fi
  grep -qF -- "$named" stderr.txt || fail "$label: the message does not name $named: $(cat stderr.txt)"
  local left
  left=$(find out -mindepth 1 | head -5)
  [ -z "$left" ] || fail "$label: left behind: $left"
  echo "ok   $label: $(cat stderr.txt)"
}

b=demo/boundary.shp
r=demo/roads.shp
for f in letter.txt letter.shp letter.dbf bare-array.geojson feature-array.json empty.geojson empty.shp \
         a-folder empty-folder noise.gpkg does-not-exist.shp; do
  expect_refusal "info $f" "$f" -- info "$in/$f"
  expect_refusal "import roads=$f" "$f" -- import out/ws.gpkg --boundary "$b" --roads "$in/$f"
  expect_refusal "import boundary=$f" "$f" -- import out/ws.gpkg --boundary "$in/$f" --roads "$r"
done
for f in huge.dbf garbage.dbf lonlat-in-utm.geojson metres-in-lonlat.geojson far-away.geojson roads-wrong-prj.shp; do
  expect_refusal "import roads=$f" "$f" -- import out/ws.gpkg --boundary "$b" --roads "$in/$f"
done
expect_refusal "roads given as the boundary" "roads.shp" -- import out/ws.gpkg --boundary "$r" --roads "$r"
expect_refusal "boundary given as the roads" "boundary.shp" -- import out/ws.gpkg --boundary "$b" --roads "$b"
expect_refusal "boundary with no area" "flat-boundary.geojson" -- import out/ws.gpkg --boundary "$in/flat-boundary.geojson" --roads "$r"
expect_refusal "a workspace of random bytes" "noise.gpkg" -- import out/ws.gpkg --boundary "$in/noise.gpkg" --roads "$r"

# The messages say what is wrong, not just that something is.
check_says() {  # check_says LABEL TEXT -- cordon ARGS...
  local label=$1 text=$2
  shift 3
  "$cordon" "$@" >/dev/null 2>stderr.txt
  grep -qF -- "$text" stderr.txt || fail "$label: expected '$text' in: $(cat stderr.txt)"
}
# A .dbf claiming more records than it holds is described, with the shortfall, rather than refused.
timeout 60 "$cordon" info "$in/huge.dbf" >stdout.txt 2>stderr.txt || fail "info huge.dbf: exit $?"
grep -q "only 1 of 2147483647 features readable" stdout.txt || fail "info huge.dbf does not report the shortfall: $(cat stdout.txt)"
check_says "bare array" "JSON array" -- info "$in/bare-array.geojson"
check_says "empty file" "file is empty" -- info "$in/empty.geojson"
check_says "missing file" "no such file" -- info "$in/does-not-exist.shp"
check_says "lon/lat in UTM" "look like longitude/latitude" -- import out/ws.gpkg --boundary "$b" --roads "$in/lonlat-in-utm.geojson"
check_says "wrong .prj" "check the .prj" -- import out/ws.gpkg --boundary "$b" --roads "$in/roads-wrong-prj.shp"
check_says "metres in lon/lat" "not longitude/latitude" -- import out/ws.gpkg --boundary "$b" --roads "$in/metres-in-lonlat.geojson"
check_says "far away" "far outside any sane range" -- import out/ws.gpkg --boundary "$b" --roads "$in/far-away.geojson"
check_says "roads as boundary" "roads layer" -- import out/ws.gpkg --boundary "$r" --roads "$r"
check_says "boundary as roads" "boundary layer" -- import out/ws.gpkg --boundary "$b" --roads "$b"
check_says "no area" "no area" -- import out/ws.gpkg --boundary "$in/flat-boundary.geojson" --roads "$r"

# Damaged and foreign workspaces: refused by every command that opens one, and left as they were.
python3 - "$work/demo/demo.gpkg" "$in" <<'EOF'
import random, sqlite3, shutil, sys
demo, out = sys.argv[1], sys.argv[2]
data = open(demo, "rb").read()
open(out + "/truncated.gpkg", "wb").write(data[: len(data) // 2])
random.seed(3)
open(out + "/scrambled.gpkg", "wb").write(data[:100] + random.randbytes(len(data) - 100))
shutil.copy(demo, out + "/newer.gpkg")
db = sqlite3.connect(out + "/newer.gpkg")
db.execute("UPDATE cordon_meta SET value = '999' WHERE key = 'schema_version'")
db.commit(); db.close()
shutil.copy(demo, out + "/plain.gpkg")
db = sqlite3.connect(out + "/plain.gpkg")
db.execute("DROP TABLE cordon_meta"); db.commit(); db.close()
db = sqlite3.connect(out + "/accounts.sqlite")
db.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, name TEXT)"); db.commit(); db.close()
EOF
for f in truncated.gpkg scrambled.gpkg newer.gpkg plain.gpkg accounts.sqlite noise.gpkg; do
  sum=$(sha256sum "$in/$f" | cut -d' ' -f1)
  # info describes any readable GeoPackage or SQLite table, so only the damaged files are refused there.
  case $f in
    truncated.gpkg | scrambled.gpkg | noise.gpkg) expect_refusal "info on $f" "$f" -- info "$in/$f" ;;
    *) "$cordon" info "$in/$f" >/dev/null 2>&1 || fail "info on a readable $f failed" ;;
  esac
  expect_refusal "returnees --list on $f" "$f" -- returnees "$in/$f" --list
  expect_refusal "returnees --remove on $f" "$f" -- returnees "$in/$f" --remove batch
  [ "$(sha256sum "$in/$f" | cut -d' ' -f1)" = "$sum" ] || fail "$f changed after being refused"
  for suffix in -journal -wal -shm; do [ ! -e "$in/$f$suffix" ] || fail "$f$suffix left behind"; done
done
check_says "truncated workspace" "cut short" -- returnees "$in/truncated.gpkg" --list
check_says "newer workspace" "newer Cordon" -- returnees "$in/newer.gpkg" --list
check_says "plain GeoPackage" "not a Cordon workspace" -- returnees "$in/plain.gpkg" --list
check_says "another program's SQLite" "another program" -- returnees "$in/accounts.sqlite" --list
check_says "info on a truncated workspace" "damaged" -- info "$in/truncated.gpkg"

# And a good import still works after all that, leaving only the workspace.
rm -rf out && mkdir out
if "$cordon" import out/ws.gpkg --boundary "$b" --roads "$r" >/dev/null 2>stderr.txt; then
  [ "$(ls -A out)" = "ws.gpkg" ] || fail "good import left: $(ls -A out)"
else
  fail "good import failed: $(cat stderr.txt)"
fi

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "all bad inputs refused cleanly"
