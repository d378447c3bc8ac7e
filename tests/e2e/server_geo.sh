#!/usr/bin/env bash
# The geo tests of the server backend (tests/geo/server_test.cpp) against a throwaway
# PostgreSQL 15 + PostGIS cluster.
# usage: server_geo.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
. "$(dirname "$0")/pg_lib.sh"
GEO_TESTS=${GEO_TESTS:-$BUILD/tests/geo_tests}  # another build of them (a sanitizer build) when set
[ -x "$GEO_TESTS" ] || fail "no $GEO_TESTS"
pg_start
CORDON_TEST_SERVER="$SERVER" "$GEO_TESTS" -tc='server:*' >"$T/out" 2>&1 || { cat "$T/out"; fail "geo server tests"; }
grep -q "test cases: *5 | *5 passed" "$T/out" || { cat "$T/out"; fail "the server tests did not all run"; }
echo "PASS"
