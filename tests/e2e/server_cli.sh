#!/usr/bin/env bash
# Cordon on a PostgreSQL/PostGIS server (a throwaway cluster): server init, import into two
# townships, every command on PG:... --township, concurrent writers (different checkpoints both
# land; the same one: the later is refused with the row-version message), row-level security
# (a planner's write to another township refused by the server, the wall role read-only), sync
# with a conflict listed and resolved, and the county view of analyze.
# usage: server_cli.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
. "$(dirname "$0")/pg_lib.sh"
needs python3 ogr2ogr ogrinfo sqlite3
pg_start
jq_() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# --- server init: schema, roles; idempotent --------------------------------------------------
"$CORDON" server init "$SERVER" | grep -q 'created (version 1)' || fail "server init"
"$CORDON" server init "$SERVER" | grep -q 'up to date' || fail "server init again"
[ "$(psql_as "$PGSUPER" "SELECT value FROM cordon.meta WHERE key = 'schema_version'")" = 1 ] || fail "schema version"
[ "$(psql_as "$PGSUPER" "SELECT postgis_lib_version() IS NOT NULL")" = t ] || fail "postgis"
refused "no Cordon schema" "$CORDON" analyze "PG:host=$PGSOCK port=$PGPORT dbname=postgres user=$PGSUPER"
refused "cannot connect to the server" "$CORDON" analyze "PG:host=$PGSOCK port=1 dbname=cordon user=nobody"
# A schema from a newer Cordon is refused, by init too, and left as it is.
psql_as "$PGSUPER" "UPDATE cordon.meta SET value = '99' WHERE key = 'schema_version'"
refused "newer than this Cordon" "$CORDON" server init "$SERVER"
refused "newer than this Cordon" "$CORDON" server list "$SERVER"
[ "$(psql_as "$PGSUPER" "SELECT value FROM cordon.meta WHERE key = 'schema_version'")" = 99 ] || fail "newer schema changed"
psql_as "$PGSUPER" "UPDATE cordon.meta SET value = '1' WHERE key = 'schema_version'"

# --- two townships: the demo, and the demo moved east so that the two share a border ---------
two_demos
refused "needs --township" "$CORDON" import "$SERVER" $(sources "$D" shp)
"$CORDON" import "$SERVER" --township 西镇 $(sources "$D" shp) >/dev/null || fail "import 西镇"
"$CORDON" import "$SERVER" --township 东镇 $(sources "$T/east" gpkg) >/dev/null || fail "import 东镇"
"$CORDON" server list "$SERVER" | grep -q '东镇' || fail "server list"
[ "$(psql_as "$PGSUPER" "SELECT count(DISTINCT township_id) FROM cordon.roads")" = 2 ] || fail "roads not on the server as PostGIS"
[ "$(psql_as "$PGSUPER" "SELECT GeometryType(geom) FROM cordon.boundary LIMIT 1")" = MULTIPOLYGON ] || fail "boundary geometry"
refused "choose one with --township" "$CORDON" checkpoint "$SERVER" list

# --- commands on one township ------------------------------------------------------------------
W="$SERVER"
"$CORDON" scenario "$W" --township 西镇 create 方案A >/dev/null || fail "scenario create"
"$CORDON" returnees "$W" --township 西镇 --csv "$D/returnees.csv" >/dev/null || fail "returnees import"
[ "$(psql_as "$PGSUPER" "SELECT sum(count) > 0 FROM cordon.returnee_villages")" = t ] || fail "returnee counts not on the server"
# Every row mirrored, in batches of many rows a statement: as many as the demo workspace holds.
for table in roads returnee_cells returnee_villages; do
    local_table=$table; [ $table = roads ] || local_table=cordon_$table
    want=$(sqlite3 "$D/demo.gpkg" "SELECT count(*) FROM $local_table")
    got=$(psql_as "$PGSUPER" "SELECT count(*) FROM cordon.$table t JOIN cordon.townships w ON w.id = t.township_id WHERE w.name = '西镇'")
    [ "$got" = "$want" ] || fail "$table: $got rows on the server, $want in the workspace"
done
[ "$(psql_as "$PGSUPER" "SELECT sum(count) FROM cordon.returnee_cells c JOIN cordon.townships w ON w.id = c.township_id WHERE w.name = '西镇'")" = \
    "$(sqlite3 "$D/demo.gpkg" "SELECT sum(count) FROM cordon_returnee_cells")" ] || fail "returnee cell counts differ on the server"
"$CORDON" checkpoint "$W" --township 西镇 --scenario 方案A add --at 111.7433,35.2317 --name 北口 >/dev/null || fail "add 北口"
"$CORDON" checkpoint "$W" --township 西镇 --scenario 方案A add --at 111.7433,35.2317 --name 南口 >/dev/null || fail "add 南口"
list=$("$CORDON" checkpoint "$W" --township 西镇 --scenario 方案A list --json) || fail "list"
[ "$(jq_ 'len(d)' <<<"$list")" = 2 ] || fail "two checkpoints expected: $list"
[ "$(psql_as "$PGSUPER" "SELECT count(*) FROM cordon.checkpoints WHERE geom IS NOT NULL")" = 2 ] || fail "checkpoints not on the server"
"$CORDON" suggest "$W" --township 西镇 --from 方案A --into 方案S --mode seal >/dev/null || fail "suggest"
"$CORDON" scenario "$W" --township 西镇 list | grep -q 方案S || fail "suggested scenario not kept"
"$CORDON" analyze "$W" --township 西镇 --scenario 方案A --json >"$T/a.json" || fail "analyze"
[ "$(jq_ 'd["checkpoints"]' <"$T/a.json")" = 2 ] || fail "analyze figures: $(cat "$T/a.json")"
"$CORDON" render "$W" --township 西镇 --scenario 方案A --out "$T/map.png" --size 800x600 >/dev/null || fail "render"
[ -s "$T/map.png" ] || fail "render wrote nothing"
"$CORDON" report "$W" --township 西镇 --scenario 方案A --date 2020-02-01 --out "$T/report.png" >/dev/null 2>&1 || fail "report"
# import again: layers replaced, plans kept
"$CORDON" import "$W" --township 西镇 $(sources "$D" shp) >/dev/null || fail "import --replace"
[ "$("$CORDON" checkpoint "$W" --township 西镇 --scenario 方案A list --json | jq_ 'len(d)')" = 2 ] || fail "plans lost by import"

# --- concurrent writers --------------------------------------------------------------------------
"$CORDON" server grant "$SERVER" --township 西镇 --role planner_a >/dev/null || fail "grant a"
"$CORDON" server grant "$SERVER" --township 西镇 --role planner_b >/dev/null || fail "grant b"
"$CORDON" server grant "$SERVER" --township 东镇 --role planner_east >/dev/null || fail "grant east"
"$CORDON" server grant "$SERVER" --wall --role wall >/dev/null || fail "grant wall"
A=$(pg_as planner_a) B=$(pg_as planner_b)
ids=($(jq_ '" ".join(str(c["id"]) for c in d)' <<<"$list"))
# Different checkpoints at once: both land.
"$CORDON" checkpoint "$A" --township 西镇 --scenario 方案A set "${ids[0]}" --leader 甲 >/dev/null & pa=$!
"$CORDON" checkpoint "$B" --township 西镇 --scenario 方案A set "${ids[1]}" --leader 乙 >/dev/null & pb=$!
wait $pa || fail "writer a"
wait $pb || fail "writer b"
[ "$(psql_as "$PGSUPER" "SELECT string_agg(leader || ':' || updated_by, ',' ORDER BY id) FROM cordon.checkpoints WHERE scenario = '方案A'")" = \
  "甲:planner_a,乙:planner_b" ] || fail "concurrent edits of different checkpoints: $(psql_as "$PGSUPER" "SELECT leader, updated_by FROM cordon.checkpoints")"
# The same checkpoint: planner_b's transaction holds the row while planner_a loads and edits it;
# planner_a's push then finds a newer version and is refused, planner_b's edit stays.
psql_as planner_b "BEGIN; UPDATE cordon.checkpoints SET leader = '乙改' WHERE id = ${ids[0]}; SELECT pg_sleep(2); COMMIT;" >/dev/null & pl=$!
sleep 0.5
refused "was changed by planner_b at [0-9:]* since you loaded it; your edit was not saved — reload and try again" \
    "$CORDON" checkpoint "$A" --township 西镇 --scenario 方案A set "${ids[0]}" --leader 甲改
grep -q "checkpoint 1 \"北口\"" "$T/err" || fail "conflict message does not name the checkpoint: $(cat "$T/err")"
wait $pl
[ "$(psql_as "$PGSUPER" "SELECT leader FROM cordon.checkpoints WHERE id = ${ids[0]}")" = 乙改 ] || fail "lost update"
# Reloaded, the same edit goes through.
"$CORDON" checkpoint "$A" --township 西镇 --scenario 方案A set "${ids[0]}" --leader 甲改 >/dev/null || fail "edit after reload"

# --- row-level security -------------------------------------------------------------------------
refused "row-level security" "$CORDON" scenario "$A" --township 东镇 create 越权
refused "permission denied" "$CORDON" checkpoint "$(pg_as wall)" --township 西镇 --scenario 方案A set "${ids[1]}" --leader 墙
"$CORDON" analyze "$(pg_as wall)" --township 西镇 --scenario 方案A >/dev/null || fail "the wall cannot read"
east=$(psql_as "$PGSUPER" "SELECT id FROM cordon.townships WHERE name = '东镇'")
psql_as planner_a "INSERT INTO cordon.scenarios(township_id, name) VALUES ($east, 'x')" 2>"$T/err" && fail "insert into another township allowed"
grep -q "row-level security" "$T/err" || fail "insert not refused by RLS: $(cat "$T/err")"
"$CORDON" scenario "$(pg_as planner_east)" --township 东镇 create 东方案 >/dev/null || fail "planner_east in own township"
[ "$(psql_as planner_a "UPDATE cordon.scenarios SET notes = 'x' WHERE township_id = $east RETURNING id" | wc -w)" = 0 ] ||
    fail "planner_a updated another township"
psql_as wall "UPDATE cordon.checkpoints SET leader = 'x'" 2>"$T/err" && fail "wall wrote"
grep -q "permission denied" "$T/err" || fail "wall write not refused: $(cat "$T/err")"

# --- sync: offline edits, a conflict kept and resolved ----------------------------------------------
L=$T/laptop.gpkg
"$CORDON" sync "$L" "$A" --township 西镇 | grep -q '^pulled' || fail "first sync"
"$CORDON" checkpoint "$L" --scenario 方案A set "${ids[1]}" --leader 离线 >/dev/null || fail "offline edit"
"$CORDON" checkpoint "$L" --scenario 方案A add --at 111.7433,35.2317 --name 离线口 >/dev/null || fail "offline add"
"$CORDON" checkpoint "$B" --township 西镇 --scenario 方案A set "${ids[1]}" --leader 在线 >/dev/null || fail "online edit"
"$CORDON" sync "$L" "$A" --json >"$T/sync.json" || fail "sync"
[ "$(jq_ 'd["inserted"], len(d["conflicts"]), d["conflicts"][0]["id"], d["conflicts"][0]["changed_by"]' <"$T/sync.json")" = \
  "(1, 1, ${ids[1]}, 'planner_b')" ] || fail "sync did not list the conflict: $(cat "$T/sync.json")"
[ "$(psql_as "$PGSUPER" "SELECT count(*) FROM cordon.checkpoints WHERE name = '离线口'")" = 1 ] || fail "offline add not pushed"
[ "$("$CORDON" checkpoint "$L" --scenario 方案A list --json | jq_ '[c["leader"] for c in d if c["id"] == '"${ids[1]}"'][0]' 2>/dev/null || true)" != 离线 ] ||
    fail "the server's version is not in the plan"
"$CORDON" sync "$L" "$A" | grep -q "conflict .*planner_b" || fail "conflict not listed again"
"$CORDON" sync "$L" "$A" --keep mine --checkpoint "${ids[1]}" >"$T/out" || fail "keep mine"
grep -q conflict "$T/out" && fail "conflict still listed: $(cat "$T/out")"
[ "$(psql_as "$PGSUPER" "SELECT leader FROM cordon.checkpoints WHERE id = ${ids[1]}")" = 离线 ] || fail "keep mine did not reach the server"

# --- the county --------------------------------------------------------------------------------------
"$CORDON" analyze "$SERVER" --json >"$T/county.json" || fail "county analyze"
[ "$(jq_ 'len(d["townships"]), d["total"]["checkpoints"] == sum(t["checkpoints"] for t in d["townships"]), d["checkpoints"] == d["total"]["checkpoints"]' <"$T/county.json")" = \
  "(2, True, True)" ] || fail "county figures: $(head -c 600 "$T/county.json")"
[ "$(jq_ 'len(d["entries_between"]) > 0 and {e["from"] for e in d["entries_between"]} == {"东镇", "西镇"}' <"$T/county.json")" = True ] ||
    fail "no entries between the townships: $(jq_ 'd["entries_between"]' <"$T/county.json")"
"$CORDON" analyze "$SERVER" | grep -q '^total ' || fail "county text"
echo "PASS"
