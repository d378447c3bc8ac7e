#!/usr/bin/env bash
# Analysis benchmark: analyze and seal times on demo townships grown to 100k and 1M road
# segments (`cordon demo --roads N`). Not a CTest test.
# usage: tests/bench/analysis_bench.sh BUILD_DIR [ROAD_SEGMENTS...]   (default: 100000 1000000)
#        tests/bench/analysis_bench.sh BUILD_DIR --seal WS.gpkg FROM [RUNS]
# The second form times `cordon suggest WS --from FROM --into sealed --mode seal` RUNS times
# (default 3) on a copy of an existing workspace, and prints each run's wall time, peak memory
# and the command's own split (network build against seal), then the median wall time.
set -euo pipefail
build=${1:?usage: analysis_bench.sh BUILD_DIR [ROAD_SEGMENTS...]}
shift
cordon="$build/cordon"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${1:-}" = "--seal" ]; then
    source=${2:?--seal needs WS.gpkg}
    from=${3:?--seal needs the FROM scenario}
    runs=${4:-3}
    cp "$source" "$work/ws.gpkg"
    times=()
    for ((i = 1; i <= runs; ++i)); do
        "$cordon" scenario "$work/ws.gpkg" delete sealed >/dev/null 2>&1 || true
        /usr/bin/time -f "%e %M" -o "$work/time" "$cordon" suggest "$work/ws.gpkg" --from "$from" --into sealed \
            --mode seal >"$work/out"
        read -r wall peak <"$work/time"
        times+=("$wall")
        echo "run $i: wall $wall s, peak $((peak / 1024)) MiB, $(grep -c '^  ' "$work/out") site(s); $(tail -1 "$work/out")"
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
    echo "suggest --mode seal median wall time over $runs run(s): $median s"
    exit 0
fi

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
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
