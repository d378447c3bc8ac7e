#!/usr/bin/env bash
# Opening a workspace for analysis: `cordon analyze WS --json` on a copy without the road graph
# cache (it builds the graph and writes the cache), then with the cache, and GDAL's Arrow stream
# read of the same layers. Medians of RUNS (default 3) runs;
# whole process wall time, CPU time (user+sys) and peak memory. Not a CTest test.
# usage: tests/bench/analyze_open_bench.sh BUILD_DIR WS.gpkg...
set -euo pipefail
build=${1:?usage: analyze_open_bench.sh BUILD_DIR WS.gpkg...}
shift
runs=${RUNS:-3}
cordon="$build/cordon"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints "median wall s, median cpu s, median peak MB" of `runs` runs of the command; $fresh, when
# set, is a workspace copied from $source (without its cache) before each run.
fresh=""
measure() {
    local i
    for ((i = 0; i < runs; ++i)); do
        if [ -n "$fresh" ]; then
            cp "$source" "$fresh"
            sqlite3 "$fresh" "DROP TABLE IF EXISTS cordon_network_cache"
        fi
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null
        cat "$work/time"
    done | awk '{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 / 1024 }
        function med(a, n,   i, j, t) { for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                       return a[int((n + 1) / 2)] }
        END { printf "%.2f s wall, %.2f s cpu, %.0f MB peak\n", med(w, NR), med(c, NR), med(m, NR) }'
}

arrow='import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1])
for name in ["boundary", "districts", "villages", "roads"]:
    for batch in ds.GetLayerByName(name).GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=NO", "MAX_FEATURES_IN_BATCH=65536"]):
        pass'

for ws in "$@"; do
    name=$(basename "$ws" .gpkg)
    echo "== $ws"
    source=$ws
    fresh="$work/$name.gpkg"
    echo "analyze, no cache (builds, writes it): $(measure "$cordon" analyze "$fresh" --json)"
    fresh=""
    echo "analyze, graph from the cache:         $(measure "$cordon" analyze "$work/$name.gpkg" --json)"
    echo "workspace: $(du -m "$ws" | cut -f1) MB, with the cache $(du -m "$work/$name.gpkg" | cut -f1) MB"
    echo "GDAL Arrow stream read:                $(measure /usr/bin/python3 -c "$arrow" "$ws")"
    cp "$ws" "$work/$name-nocache.gpkg"
    sqlite3 "$work/$name-nocache.gpkg" "DROP TABLE IF EXISTS cordon_network_cache"
    cmp -s <("$cordon" analyze "$work/$name-nocache.gpkg" --json) <("$cordon" analyze "$work/$name.gpkg" --json) &&
        echo "same JSON with and without the cache" || echo "JSON DIFFERS with the cache"
done
