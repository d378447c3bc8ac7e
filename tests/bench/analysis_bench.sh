#!/usr/bin/env bash
# Analysis benchmark: analyze and seal times on demo townships grown to 100k and 1M road
# segments (`cordon demo --roads N`). Not a CTest test.
# usage: tests/bench/analysis_bench.sh BUILD_DIR [ROAD_SEGMENTS...]   (default: 100000 1000000)
set -euo pipefail
build=${1:?usage: analysis_bench.sh BUILD_DIR [ROAD_SEGMENTS...]}
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
cordon="$build/cordon"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
    dir="$work/demo-$n"
    "$cordon" demo "$dir" --roads "$n" >/dev/null
    ws="$dir/demo.gpkg"
    "$cordon" scenario "$ws" create base >/dev/null
    echo "== --roads $n"
    start=$(date +%s.%N)
    "$cordon" analyze "$ws" | tail -1
    end=$(date +%s.%N)
    echo "analyze command wall time: $(echo "$end - $start" | bc) s"
    start=$(date +%s.%N)
    "$cordon" suggest "$ws" --from base --into sealed --mode seal | tail -2
    end=$(date +%s.%N)
    echo "suggest --mode seal command wall time: $(echo "$end - $start" | bc) s"
done
