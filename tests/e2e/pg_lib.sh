# A throwaway PostgreSQL 15 cluster with PostGIS for the server tests (source after lib.sh and
# cli_init). pg_start: initdb in $T/pg, the server on a free port with its socket there (no TCP),
# database `cordon` with PostGIS; stopped and deleted on exit. Sets PGBIN, PGSOCK, PGPORT, PGSUPER
# and SERVER, the PG:"..." string Cordon takes (as the cluster's superuser); pg_as ROLE prints the
# same string for another role; psql_as ROLE SQL runs SQL as that role.
# As root (CI), the cluster runs as user postgres: PostgreSQL refuses to run as root.
PGBIN=/usr/lib/postgresql/15/bin

pg_start() {
    [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] || { echo "SKIP: PostgreSQL 15 is not installed (.ci/packages-test.txt)"; exit 77; }
    [ -f /usr/share/postgresql/15/extension/postgis.control ] || { echo "SKIP: PostGIS for PostgreSQL 15 is not installed"; exit 77; }
    PGSOCK=$T/pg
    mkdir -p "$PGSOCK"
    RUNAS=()
    PGSUPER=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        RUNAS=(runuser -u postgres --)
        PGSUPER=postgres
        chown postgres "$PGSOCK"
    fi
    PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGSOCK/data" -U "$PGSUPER" -A trust -E UTF8 --locale=C --no-sync >"$T/initdb.log" 2>&1 ||
        { cat "$T/initdb.log"; fail "initdb"; }
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGSOCK/data" -l "$PGSOCK/log" -w -t 60 \
        -o "-k $PGSOCK -p $PGPORT -c listen_addresses='' -c fsync=off -c max_connections=100" start >/dev/null ||
        { cat "$PGSOCK/log"; fail "pg_ctl start"; }
    trap 'pg_stop; cli_cleanup' EXIT
    PGDB=postgres psql_as "$PGSUPER" "CREATE DATABASE cordon" >/dev/null || fail "create database"
    SERVER=$(pg_as "$PGSUPER")
}

pg_stop() {
    [ -n "${PGSOCK:-}" ] && [ -f "$PGSOCK/data/postmaster.pid" ] &&
        "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGSOCK/data" -m immediate -w stop >/dev/null 2>&1
    return 0
}

pg_as() { echo "PG:host=$PGSOCK port=$PGPORT dbname=cordon user=$1"; }
psql_as() {
    local role=$1
    shift
    "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PGSOCK" -p "$PGPORT" -U "$role" -d "${PGDB:-cordon}" -c "$@"
}

# two_demos: the demo in $T/demo (D) and the demo moved east by 0.9 of its width (WIDTH, in the
# demo's lon/lat degrees) into $T/east, so that the two share a border: two townships of a county.
# sources DIR EXT prints the import options of either (shp for the demo, gpkg for the east one).
two_demos() {
    "$CORDON" demo "$T/demo" >/dev/null || fail "demo"
    D=$T/demo
    mkdir "$T/east"
    WIDTH=$(ogrinfo -so -al "$D/boundary.shp" | python3 -c '
import re,sys
m=re.search(r"Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)", sys.stdin.read()); print(float(m.group(3))-float(m.group(1)))')
    local layer
    for layer in boundary districts villages roads; do
        ogr2ogr -q -f GPKG -nln "$layer" -dialect sqlite -sql "SELECT ShiftCoords(geometry, $WIDTH * 0.9, 0) AS geometry, * FROM $layer" \
            "$T/east/$layer.gpkg" "$D/$layer.shp" || fail "shift $layer"
    done
}
# county_of_two: a server initialised with two townships, 西镇 (the demo) and 东镇 (east of it),
# the wall role granted, a scenario 方案A in each, and checkpoint 北口 in 西镇.
county_of_two() {
    "$CORDON" server init "$SERVER" >/dev/null || fail "server init"
    two_demos
    "$CORDON" import "$SERVER" --township 西镇 $(sources "$D" shp) >/dev/null || fail "import 西镇"
    "$CORDON" import "$SERVER" --township 东镇 $(sources "$T/east" gpkg) >/dev/null || fail "import 东镇"
    "$CORDON" server grant "$SERVER" --wall --role wall >/dev/null || fail "grant wall"
    local town
    for town in 西镇 东镇; do "$CORDON" scenario "$SERVER" --township $town create 方案A >/dev/null || fail "scenario $town"; done
    "$CORDON" checkpoint "$SERVER" --township 西镇 --scenario 方案A add --at 111.7433,35.2317 --name 北口 >/dev/null || fail "add 北口"
}
sources() {  # DIR EXT
    echo --boundary "$1/boundary.$2" --districts "$1/districts.$2" --villages "$1/villages.$2" --roads "$1/roads.$2" --road-class-field 道路等级
}
