#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/; warnings are the GCC build's job) and runs each for a bounded time over its
# seed corpus, after replaying every committed regression input. Exit 1 on any crash or hang.
# usage: tests/fuzz/run.sh [SECONDS_PER_TARGET (default 5)] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
shift || true
build=${CORDON_FUZZ_BUILD:-build-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(wkb workspace geojson shapefile csv xlsx)

if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ not installed (apt-get install clang libclang-rt-dev)" >&2
  exit 1
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  -DCORDON_FUZZ=ON -DCORDON_BUILD_APP=OFF -DCORDON_BUILD_TESTS=OFF -DCORDON_SANITIZE=address,undefined \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCORDON_WARNINGS_AS_ERRORS=OFF >/dev/null
cmake --build "$build" -j "${CORDON_JOBS:-2}" --target "${targets[@]/#/fuzz_}" >/dev/null

# GDAL and PROJ keep process-wide caches; leaks are checked by the sanitizer test suite instead.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for t in "${targets[@]}"; do
  bin=$build/tests/fuzz/fuzz_$t
  seeds=tests/fuzz/corpus/$t
  found=$build/fuzz-corpus/$t
  artifacts=$build/fuzz-artifacts/$t/
  mkdir -p "$found" "$artifacts"
  # Inputs that once crashed must stay fixed.
  regressions=()
  [ -d "tests/fuzz/regressions/$t" ] && mapfile -t regressions < <(find "tests/fuzz/regressions/$t" -type f | sort)
  if [ ${#regressions[@]} -eq 0 ]; then
    echo "fuzz $t: no regression inputs yet"
  else
    if ! "$bin" -runs=0 "${regressions[@]}" >"$build/fuzz-$t.log" 2>&1; then
      echo "fuzz $t: a regression input fails again (see $build/fuzz-$t.log)"; failed=1; continue
    fi
    ran=$(grep -c '^Running: ' "$build/fuzz-$t.log" || true)
    if [ "$ran" -ne ${#regressions[@]} ]; then
      echo "fuzz $t: replayed $ran of ${#regressions[@]} regression inputs (see $build/fuzz-$t.log)"; failed=1; continue
    fi
    echo "fuzz $t: ${#regressions[@]} regression input(s) replayed"
  fi
  if "$bin" "$found" "$seeds" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$artifacts" -print_final_stats=1 >"$build/fuzz-$t.log" 2>&1; then
    echo "fuzz $t: ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz-$t.log" | grep -o '[0-9]*$') runs in ${seconds}s)"
  else
    echo "fuzz $t: FAILED; input saved in $artifacts (log: $build/fuzz-$t.log)"
    grep -m5 -E "ERROR|SUMMARY|invariant" "$build/fuzz-$t.log" || true
    failed=1
  fi
done
exit $failed
