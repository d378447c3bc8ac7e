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
