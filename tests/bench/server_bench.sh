#!/usr/bin/env bash
# The county load benchmark on a throwaway PostgreSQL 15 + PostGIS cluster: 200 townships x 40
# checkpoints, 20 writers for 60 s, then a county-wide `cordon analyze`. Prints figures.
#   bash tests/bench/server_bench.sh [SECONDS]      env: BUILD=build TOWNSHIPS=200 CHECKPOINTS=40 WRITERS=20
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$here/build}
SECONDS_=${1:-60}
. "$here/tests/e2e/lib.sh"
cli_init "$BUILD" "$here"
. "$here/tests/e2e/pg_lib.sh"
BENCH=$BUILD/tests/server_bench
[ -x "$BENCH" ] || fail "build server_bench first (cmake --build build --target server_bench)"
pg_start
"$CORDON" server init "$SERVER" >/dev/null || fail "server init"
"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
D=$T/demo
i0=$(date +%s.%N)
"$CORDON" import "$SERVER" --township T000 --boundary "$D/boundary.shp" --districts "$D/districts.shp" \
    --villages "$D/villages.shp" --roads "$D/roads.shp" --road-class-field 道路等级 >/dev/null || fail "import"
i1=$(date +%s.%N)
"$CORDON" returnees "$SERVER" --township T000 --csv "$D/returnees.csv" >/dev/null || fail "returnees"
i2=$(date +%s.%N)
python3 -c 'import sys; a, b, c = map(float, sys.argv[1:]); print("push          import of the demo township %.2f s, its returnee register %.2f s (layers and counts mirrored to PostGIS)" % (b - a, c - b))' "$i0" "$i1" "$i2"
"$BENCH" "$SERVER" --townships "${TOWNSHIPS:-200}" --checkpoints "${CHECKPOINTS:-40}" \
    --writers "${WRITERS:-20}" --seconds "$SECONDS_" || fail "server_bench"
t0=$(date +%s.%N)
"$CORDON" analyze "$SERVER" --json >"$T/county.json" || fail "county analyze"
t1=$(date +%s.%N)
python3 - "$T/county.json" "$t0" "$t1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("analyze       county-wide: %d townships, %d checkpoints, %d entries between townships in %.1f s"
      % (len(d["townships"]), d["total"]["checkpoints"], len(d["entries_between"]), float(sys.argv[3]) - float(sys.argv[2])))
PY
